package io.chartbrief.interop.hl7;

import static io.chartbrief.interop.hl7.Fixtures.PID;
import static io.chartbrief.interop.hl7.Fixtures.all;
import static io.chartbrief.interop.hl7.Fixtures.msg;
import static io.chartbrief.interop.hl7.Fixtures.msh;
import static io.chartbrief.interop.hl7.Fixtures.one;
import static io.chartbrief.interop.hl7.Fixtures.seg;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.event.NormalizedEvent;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;

class Hl7v2ConverterResultsTest {

    private final Hl7v2Converter converter = new Hl7v2Converter();

    private NormalizedEvent oru() throws Exception {
        return converter.convert(msg(msh("ORU^R01^ORU_R01", "R-1", "2.5.1"), PID,
                seg("OBR", 1, "1", 2, "PL1^EHR", 3, "FL1^LAB^1.2.840.9^ISO", 4, "24331-1^Lipid panel^LN",
                        7, "20240301073000-0500", 22, "20240301110000-0500", 25, "F",
                        32, "4004&PATH&PAT&&&&&&LAB"),
                "NTE|1||Fasting specimen.",
                seg("OBX", 1, "1", 2, "NM", 3, "2093-3^Cholesterol^LN", 5, "250", 6, "mg/dL^mg/dL^UCUM", 7, "0-199",
                        8, "H", 11, "F", 14, "20240301080000-0500", 16, "5005^TECH^TINA"),
                "NTE|1||Repeat advised.~Second line.",
                seg("OBX", 1, "2", 2, "ST", 3, "X1^Comment^L", 5, "see \\T\\ note \\F\\ pipe", 11, "C"),
                seg("OBX", 1, "3", 2, "CWE", 3, "94500-6^SARS-CoV-2 RNA^LN", 5, "260373001^Detected^SCT", 8, "A",
                        11, "P"),
                seg("OBX", 1, "4", 2, "SN", 3, "X2^Titer^L", 5, "^1^:^128", 11, "F"),
                seg("OBX", 1, "5", 2, "SN", 3, "X3^eGFR^L", 5, ">^60", 6, "mL/min/{1.73_m2}", 11, "F"),
                seg("OBX", 1, "6", 2, "SN", 3, "X4^Range^L", 5, "^2^-^4", 11, "F"),
                seg("OBX", 1, "7", 2, "TX", 3, "X5^Narrative^L", 5, "Line one~Line two\\.br\\three", 11, "F"),
                seg("OBX", 1, "8", 2, "NM", 3, "X6^Count^L", 5, "NOVALUE", 11, "X"),
                seg("OBX", 1, "9", 2, "DT", 3, "X7^Date^L", 5, "20240215", 8, "LL", 11, "D"),
                "ZLR|ignored"));
    }

    @Test
    void reportCarriesCodeStatusTimesResultsAndConclusion() throws Exception {
        NormalizedEvent e = oru();
        DiagnosticReport r = one(e, DiagnosticReport.class);
        assertThat(r.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.FINAL);
        assertThat(r.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://loinc.org");
        assertThat(r.getCode().getCodingFirstRep().getCode()).isEqualTo("24331-1");
        assertThat(r.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2024-03-01T07:30:00-05:00");
        assertThat(r.getIssuedElement().getValue().toInstant()).hasToString("2024-03-01T16:00:00Z");
        assertThat(r.getIdentifier()).extracting(i -> i.getValue()).containsExactly("PL1", "FL1");
        assertThat(r.getIdentifier().get(1).getSystem()).isEqualTo("urn:oid:1.2.840.9");
        assertThat(r.getConclusion()).isEqualTo("Fasting specimen.");
        assertThat(r.getResult()).hasSize(9);
        assertThat(r.getResultsInterpreterFirstRep().getReference()).startsWith("Practitioner/");
        List<Observation> obs = all(e, Observation.class);
        assertThat(r.getResult()).extracting(ref -> ref.getReference())
                .containsExactlyElementsOf(obs.stream().map(o -> "Observation/" + o.getIdElement().getIdPart())
                        .collect(Collectors.toList()));
        assertThat(obs).allSatisfy(o -> assertThat(o.getCategoryFirstRep().getCodingFirstRep().getCode())
                .isEqualTo("laboratory"));
        assertThat(e.warnings()).containsExactly("OBX-5 (observation value) of type NM is not numeric; kept as text");
    }

    @Test
    void observationValuesByType() throws Exception {
        Map<String, Observation> byCode = all(oru(), Observation.class).stream()
                .collect(Collectors.toMap(o -> o.getCode().getCodingFirstRep().getCode(), Function.identity()));

        Observation chol = byCode.get("2093-3");
        assertThat(chol.getValueQuantity().getValue()).isEqualByComparingTo("250");
        assertThat(chol.getValueQuantity().getCode()).isEqualTo("mg/dL");
        assertThat(chol.getValueQuantity().getSystem()).isEqualTo("http://unitsofmeasure.org");
        assertThat(chol.getReferenceRangeFirstRep().getText()).isEqualTo("0-199");
        assertThat(chol.getReferenceRangeFirstRep().getHigh().getValue()).isEqualByComparingTo("199");
        assertThat(chol.getInterpretationFirstRep().getCodingFirstRep().getSystem())
                .isEqualTo("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation");
        assertThat(chol.getInterpretationFirstRep().getCodingFirstRep().getCode()).isEqualTo("H");
        assertThat(chol.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
        assertThat(chol.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2024-03-01T08:00:00-05:00");
        assertThat(chol.getNoteFirstRep().getText()).isEqualTo("Repeat advised.\nSecond line.");
        assertThat(chol.getPerformerFirstRep().getReference()).startsWith("Practitioner/");

        Observation comment = byCode.get("X1");
        assertThat(comment.getValueStringType().getValue()).isEqualTo("see & note | pipe");
        assertThat(comment.getStatus()).isEqualTo(Observation.ObservationStatus.CORRECTED);
        // no OBX-14: the report's OBR-7
        assertThat(comment.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2024-03-01T07:30:00-05:00");

        Observation covid = byCode.get("94500-6");
        assertThat(covid.getValueCodeableConcept().getCodingFirstRep().getSystem()).isEqualTo("http://snomed.info/sct");
        assertThat(covid.getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("260373001");
        assertThat(covid.getStatus()).isEqualTo(Observation.ObservationStatus.PRELIMINARY);
        assertThat(covid.getInterpretationFirstRep().getCodingFirstRep().getCode()).isEqualTo("A");

        assertThat(byCode.get("X2").getValueRatio().getNumerator().getValue()).isEqualByComparingTo("1");
        assertThat(byCode.get("X2").getValueRatio().getDenominator().getValue()).isEqualByComparingTo("128");
        Quantity egfr = byCode.get("X3").getValueQuantity();
        assertThat(egfr.getComparator()).isEqualTo(Quantity.QuantityComparator.GREATER_THAN);
        assertThat(egfr.getValue()).isEqualByComparingTo("60");
        assertThat(byCode.get("X4").getValueRange().getLow().getValue()).isEqualByComparingTo("2");
        assertThat(byCode.get("X4").getValueRange().getHigh().getValue()).isEqualByComparingTo("4");
        assertThat(byCode.get("X5").getValueStringType().getValue()).isEqualTo("Line one\nLine two\nthree");
        assertThat(byCode.get("X6").getValueStringType().getValue()).isEqualTo("NOVALUE");
        assertThat(byCode.get("X6").getStatus()).isEqualTo(Observation.ObservationStatus.CANCELLED);
        assertThat(byCode.get("X7").getValueDateTimeType().getValueAsString()).isEqualTo("2024-02-15");
        assertThat(byCode.get("X7").getStatus()).isEqualTo(Observation.ObservationStatus.ENTEREDINERROR);
        assertThat(byCode.get("X7").getInterpretationFirstRep().getCodingFirstRep().getCode()).isEqualTo("LL");
    }

    @Test
    void observationIdsAreStableAndDistinct() throws Exception {
        List<String> first = all(oru(), Observation.class).stream().map(o -> o.getIdElement().getIdPart()).toList();
        List<String> second = all(oru(), Observation.class).stream().map(o -> o.getIdElement().getIdPart()).toList();
        assertThat(first).isEqualTo(second).doesNotHaveDuplicates();
    }

    @Test
    void duplicateObxKeepsBothWithWarnings() throws Exception {
        NormalizedEvent e = converter.convert(msg(msh("ORU^R01", "R-2", "2.5.1"), PID, "OBR|1||F2|X^Y^L",
                "OBX|1|NM|A^A^L||1", "OBX|1|NM|A^A^L||2"));
        assertThat(all(e, Observation.class)).hasSize(2);
        assertThat(e.warnings()).contains("OBX-1 (set id) repeats within one OBX group",
                "two OBX segments share OBX-1/OBX-3/OBX-4 within one OBR group");
    }

    @Test
    void reportWithoutOrderNumbersFallsBackToMessageAndSetId() throws Exception {
        String raw = msg(msh("ORU^R01", "R-3", "2.4"), PID, seg("OBR", 1, "1", 4, "X^Y^L", 7, "200401011200", 25, "P"),
                "OBX|1|NM|A^A^L||1", "OBR|2|||X^Y^L", "OBX|1|NM|A^A^L||1");
        NormalizedEvent e = converter.convert(raw);
        List<DiagnosticReport> reports = all(e, DiagnosticReport.class);
        assertThat(reports).hasSize(2);
        assertThat(reports.get(0).getIdElement().getIdPart()).isNotEqualTo(reports.get(1).getIdElement().getIdPart());
        assertThat(reports.get(0).getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.PRELIMINARY);
        assertThat(all(e, Observation.class)).hasSize(2);
        assertThat(e.warnings()).isEmpty();
    }

    @Test
    void encounterOfAResultIsAConditionalCreateAndEverythingElseAnUpdate() throws Exception {
        String pv1 = seg("PV1", 1, "1", 2, "I", 3, "4W^401^B^GHH", 7, "1001^HOUSE^GREGORY", 19, "V100^^^GHH^VN");
        NormalizedEvent e = converter.convert(msg(msh("ORU^R01^ORU_R01", "R-9", "2.5.1"), PID, pv1,
                seg("OBR", 1, "1", 3, "FL9", 4, "X^Y^L", 25, "F"),
                seg("OBX", 1, "1", 2, "NM", 3, "2823-3^Potassium^LN", 5, "5.9", 11, "F")));

        Encounter encounter = one(e, Encounter.class);
        String id = encounter.getIdElement().getIdPart();
        assertThat(encounter.getStatus()).isEqualTo(Encounter.EncounterStatus.UNKNOWN);
        for (Bundle.BundleEntryComponent entry : e.bundle().getEntry()) {
            String entryId = entry.getResource().getIdElement().getIdPart();
            assertThat(entry.getFullUrl()).isEqualTo("urn:uuid:" + entryId);
            if (entry.getResource() instanceof Encounter) {
                assertThat(entry.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.POST);
                assertThat(entry.getRequest().getUrl()).isEqualTo("Encounter");
                assertThat(entry.getRequest().getIfNoneExist())
                        .isEqualTo("identifier=urn:chartbrief:authority:GHH|V100");
            } else {
                assertThat(entry.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
                assertThat(entry.getRequest().getUrl()).isEqualTo(entry.getResource().fhirType() + "/" + entryId);
                assertThat(entry.getRequest().hasIfNoneExist()).isFalse();
            }
        }
        // the references still name the Encounter by the id an ADT message for the same visit gives it
        assertThat(one(e, Observation.class).getEncounter().getReference()).isEqualTo("Encounter/" + id);
        assertThat(one(e, DiagnosticReport.class).getEncounter().getReference()).isEqualTo("Encounter/" + id);
        NormalizedEvent adt = converter.convert(msg(msh("ADT^A01^ADT_A01", "A-9", "2.5.1"), "EVN|A01|20240301080000",
                PID, pv1));
        Bundle.BundleEntryComponent admission = adt.bundle().getEntry().stream()
                .filter(x -> x.getResource() instanceof Encounter).findFirst().orElseThrow();
        assertThat(admission.getResource().getIdElement().getIdPart()).isEqualTo(id);
        assertThat(admission.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
        assertThat(admission.getRequest().getUrl()).isEqualTo("Encounter/" + id);
    }

    @Test
    void conditionalCreateWithoutVisitAuthorityMatchesById() throws Exception {
        NormalizedEvent e = converter.convert(msg(msh("ORU^R01", "R-10", "2.5.1"), PID,
                seg("PV1", 1, "1", 2, "O", 19, "V 7,1"), seg("OBX", 1, "1", 2, "NM", 3, "X^Y^L", 5, "1", 11, "F")));
        Bundle.BundleEntryComponent entry = e.bundle().getEntry().stream()
                .filter(x -> x.getResource() instanceof Encounter).findFirst().orElseThrow();
        assertThat(entry.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.POST);
        assertThat(entry.getRequest().getIfNoneExist())
                .isEqualTo("_id=" + entry.getResource().getIdElement().getIdPart());
    }
}
