package io.chartbrief.interop.hl7;

import static io.chartbrief.interop.hl7.Fixtures.PID;
import static io.chartbrief.interop.hl7.Fixtures.all;
import static io.chartbrief.interop.hl7.Fixtures.msg;
import static io.chartbrief.interop.hl7.Fixtures.msh;
import static io.chartbrief.interop.hl7.Fixtures.one;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.event.NormalizedEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.junit.jupiter.api.Test;

/** Content that used to vanish in conversion is kept (issue 13 point 6). */
class KeptContentTest {

    private final Hl7v2Converter converter = new Hl7v2Converter();

    @Test
    void anEncapsulatedReportIsTheReportsPresentedForm() throws Exception {
        String html = "<p>Impression: no acute intracranial abnormality.</p>";
        String b64 = Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8));
        NormalizedEvent e = converter.convert(msg(msh("ORU^R01^ORU_R01", "ED-1", "2.5.1"), PID,
                "OBR|1||RAD-9^RIS|70450^CT head without contrast^CPT|||20240301100000",
                "OBX|1|ED|18748-4^Diagnostic imaging study^LN||RIS^TEXT^HTML^Base64^" + b64 + "||||||F",
                "OBX|2|RP|18748-4^Diagnostic imaging study^LN||https://pacs.example.org/report/9^RIS^APPLICATION^PDF||||||F"));
        DiagnosticReport report = one(e, DiagnosticReport.class);
        assertThat(report.getPresentedForm()).hasSize(2);
        Attachment inline = report.getPresentedForm().get(0);
        assertThat(inline.getContentType()).isEqualTo("text/html");
        assertThat(new String(inline.getData(), StandardCharsets.UTF_8)).isEqualTo(html);
        assertThat(inline.getTitle()).isEqualTo("Diagnostic imaging study");
        Attachment pointer = report.getPresentedForm().get(1);
        assertThat(pointer.getUrl()).isEqualTo("https://pacs.example.org/report/9");
        assertThat(pointer.getContentType()).isEqualTo("application/pdf");
    }

    @Test
    void pr1BecomesAProcedure() throws Exception {
        NormalizedEvent e = converter.convert(msg(msh("ADT^A03^ADT_A03", "PR-1", "2.5.1"), "EVN|A03|20240305120000",
                PID, "PV1|1|I|4W^401^B||||||||||||||||V200^^^GHH^VN",
                Fixtures.seg("PR1", 1, "1", 3, "0DTJ4ZZ^Resection of appendix, percutaneous endoscopic^I10P",
                        5, "20240302093000", 11, "5005^CUTTER^SAM", 19, "K35.80^Acute appendicitis^I10"),
                "PR1|2||80146002^Appendectomy^SCT"));
        var procedures = all(e, Procedure.class);
        assertThat(procedures).hasSize(2);
        Procedure done = procedures.stream().filter(p -> p.getCode().getCodingFirstRep().getCode().equals("0DTJ4ZZ"))
                .findFirst().orElseThrow();
        assertThat(done.getStatus()).isEqualTo(Procedure.ProcedureStatus.COMPLETED);
        assertThat(done.getPerformedDateTimeType().getValueAsString()).isEqualTo("2024-03-02T09:30:00-05:00");
        assertThat(done.getPerformerFirstRep().getActor().getReference()).startsWith("Practitioner/");
        assertThat(done.getReasonCodeFirstRep().getCodingFirstRep().getCode()).isEqualTo("K35.80");
        assertThat(done.getEncounter().getReference()).startsWith("Encounter/");
        Procedure undated = procedures.stream().filter(p -> p != done).findFirst().orElseThrow();
        assertThat(undated.getStatus()).isEqualTo(Procedure.ProcedureStatus.UNKNOWN);
    }

    @Test
    void theWholeStreetAddressIsKept() throws Exception {
        NormalizedEvent e = converter.convert(msg(msh("ADT^A04^ADT_A04", "AD-1", "2.5.1"),
                "PID|1||A1^^^GHH^MR||ADDRESS^TEST||19700101|F|||1000&Hospital Lane&Apt 4^Suite B^Springfield^IL^62701",
                "PV1|1|O"));
        assertThat(one(e, Patient.class).getAddressFirstRep().getLine()).extracting(l -> l.getValue())
                .containsExactly("1000 Hospital Lane Apt 4", "Suite B");
    }

    @Test
    void oneSidedReferenceRangesHaveTheirBound() throws Exception {
        NormalizedEvent e = converter.convert(msg(msh("ORU^R01^ORU_R01", "RR-1", "2.5.1"), PID,
                "OBR|1||L-5^LAB|24331-1^Lipid panel^LN",
                "OBX|1|NM|2093-3^Cholesterol^LN||245|mg/dL^^UCUM|<200|H|||F",
                "OBX|2|NM|33914-3^eGFR^LN||48|mL/min/{1.73_m2}^^UCUM|>=60|L|||F"));
        Observation cholesterol = all(e, Observation.class).stream()
                .filter(o -> o.getCode().getCodingFirstRep().getCode().equals("2093-3")).findFirst().orElseThrow();
        assertThat(cholesterol.getReferenceRangeFirstRep().getHigh().getValue()).isEqualByComparingTo("200");
        assertThat(cholesterol.getReferenceRangeFirstRep().hasLow()).isFalse();
        assertThat(cholesterol.getReferenceRangeFirstRep().getText()).isEqualTo("<200");
        Observation egfr = all(e, Observation.class).stream()
                .filter(o -> o.getCode().getCodingFirstRep().getCode().equals("33914-3")).findFirst().orElseThrow();
        assertThat(egfr.getReferenceRangeFirstRep().getLow().getValue()).isEqualByComparingTo("60");
        assertThat(egfr.getReferenceRangeFirstRep().hasHigh()).isFalse();
    }
}
