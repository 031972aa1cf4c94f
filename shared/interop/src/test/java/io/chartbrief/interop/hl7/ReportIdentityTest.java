package io.chartbrief.interop.hl7;

import static io.chartbrief.interop.hl7.Fixtures.PID;
import static io.chartbrief.interop.hl7.Fixtures.all;
import static io.chartbrief.interop.hl7.Fixtures.msg;
import static io.chartbrief.interop.hl7.Fixtures.msh;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.event.NormalizedEvent;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * One DiagnosticReport per OBR: panels under one accession (filler order number) stay separate reports, each with
 * its own results, and a later message about one of them replaces that one (issue 13 point 2).
 */
class ReportIdentityTest {

    private final Hl7v2Converter converter = new Hl7v2Converter();

    private static final String CBC = "OBR|1|PL-77|FL-77^LAB|58410-2^CBC panel^LN|||20240301080000|||||||||||||||20240301090000|||F";
    private static final String BMP = "OBR|2|PL-77|FL-77^LAB|51990-0^Basic metabolic panel^LN|||20240301080000|||||||||||||||20240301091000|||F";
    private static final String HGB = "OBX|1|NM|718-7^Hemoglobin^LN||9.1|g/dL^^UCUM|12-16|L|||F";
    private static final String WBC = "OBX|2|NM|6690-2^Leukocytes^LN||7.2|10*3/uL^^UCUM|4-11|N|||F";
    private static final String K = "OBX|1|NM|2823-3^Potassium^LN||3.1|mmol/L^^UCUM|3.5-5.1|L|||F";
    private static final String NA = "OBX|2|NM|2951-2^Sodium^LN||139|mmol/L^^UCUM|135-145|N|||F";

    private NormalizedEvent oru(String controlId, String... segments) throws Exception {
        String[] all = new String[segments.length + 2];
        all[0] = msh("ORU^R01^ORU_R01", controlId, "2.5.1");
        all[1] = PID;
        System.arraycopy(segments, 0, all, 2, segments.length);
        return converter.convert(msg(all));
    }

    private static Map<String, DiagnosticReport> byPanel(NormalizedEvent e) {
        return all(e, DiagnosticReport.class).stream()
                .collect(Collectors.toMap(r -> r.getCode().getCodingFirstRep().getCode(), Function.identity()));
    }

    private static List<String> resultCodes(NormalizedEvent e, DiagnosticReport report) {
        Map<String, Observation> observations = all(e, Observation.class).stream()
                .collect(Collectors.toMap(o -> "Observation/" + o.getIdElement().getIdPart(), Function.identity()));
        return report.getResult().stream().map(Reference::getReference).map(observations::get)
                .map(o -> o.getCode().getCodingFirstRep().getCode()).toList();
    }

    @Test
    void panelsSharingAFillerNumberAreSeparateReportsWithTheirOwnResults() throws Exception {
        NormalizedEvent e = oru("R-1", CBC, HGB, WBC, BMP, K, NA);
        Map<String, DiagnosticReport> reports = byPanel(e);
        assertThat(reports).containsOnlyKeys("58410-2", "51990-0");
        assertThat(reports.get("58410-2").getId()).isNotEqualTo(reports.get("51990-0").getId());
        assertThat(resultCodes(e, reports.get("58410-2"))).containsExactly("718-7", "6690-2");
        assertThat(resultCodes(e, reports.get("51990-0"))).containsExactly("2823-3", "2951-2");
        assertThat(all(e, Observation.class)).hasSize(4);
        // both keep the order's identifiers
        assertThat(reports.get("51990-0").getIdentifier()).extracting(i -> i.getValue()).contains("FL-77", "PL-77");
    }

    @Test
    void aLaterCorrectionOfOnePanelReplacesThatPanelOnly() throws Exception {
        Map<String, DiagnosticReport> first = byPanel(oru("R-1", CBC, HGB, WBC, BMP, K, NA));
        NormalizedEvent correction = oru("R-2", BMP.replace("|||F", "|||C").replace("OBR|2|", "OBR|1|"),
                K.replace("3.1", "3.3").replace("|||F", "|||C"));
        Map<String, DiagnosticReport> corrected = byPanel(correction);
        assertThat(corrected).containsOnlyKeys("51990-0");
        assertThat(corrected.get("51990-0").getIdElement().getIdPart())
                .isEqualTo(first.get("51990-0").getIdElement().getIdPart());
        assertThat(corrected.get("51990-0").getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.CORRECTED);
    }

    @Test
    void theSamePanelTwiceUnderOneOrderStaysTwoReports() throws Exception {
        // newborn screening style: one accession, repeated panel codes told apart by OBR-1
        String first = "OBR|1||NBS-1^LAB|54089-8^Newborn screening panel^LN|||20240301080000";
        String second = "OBR|2||NBS-1^LAB|54089-8^Newborn screening panel^LN|||20240301080000";
        String third = "OBR|2||NBS-1^LAB|54089-8^Newborn screening panel^LN|||20240301080000"; // set id repeated
        NormalizedEvent e = oru("R-3", first, "OBX|1|ST|46737-3^Galactosemia^LN||Normal", second,
                "OBX|1|ST|46761-3^Cystic fibrosis^LN||Normal", third, "OBX|1|ST|46765-4^Biotinidase^LN||Normal");
        List<DiagnosticReport> reports = all(e, DiagnosticReport.class);
        assertThat(reports).hasSize(3);
        assertThat(reports).extracting(r -> r.getIdElement().getIdPart()).doesNotHaveDuplicates();
        assertThat(reports).allSatisfy(r -> assertThat(r.getResult()).hasSize(1));
        assertThat(all(e, Observation.class)).hasSize(3);
    }

    @Test
    void reportIdsAreDeterministic() throws Exception {
        assertThat(byPanel(oru("R-1", CBC, HGB, BMP, K)).get("51990-0").getId())
                .isEqualTo(byPanel(oru("R-9", CBC, HGB, BMP, K)).get("51990-0").getId());
    }
}
