package io.chartbrief.interop.hl7;

import static io.chartbrief.interop.hl7.Fixtures.PID;
import static io.chartbrief.interop.hl7.Fixtures.msg;
import static io.chartbrief.interop.hl7.Fixtures.msh;
import static io.chartbrief.interop.hl7.Fixtures.one;
import static io.chartbrief.interop.hl7.Fixtures.seg;
import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Timing;
import org.junit.jupiter.api.Test;

/** Medication orders keep every sig line, their timing and their rate (issue 13 point 3). */
class MedicationTimingTest {

    private static Dosage dosage(String version, String... orderSegments) throws Exception {
        String[] all = new String[orderSegments.length + 3];
        all[0] = msh("RDE^O11^RDE_O11", "RX-" + String.join("", orderSegments).hashCode(), version);
        all[1] = PID;
        all[2] = "PV1|1|I";
        System.arraycopy(orderSegments, 0, all, 3, orderSegments.length);
        MedicationRequest m = one(new Hl7v2Converter().convert(msg(all)), MedicationRequest.class);
        return m.getDosageInstructionFirstRep();
    }

    private static final String ORC = seg("ORC", 1, "NW", 2, "ORD7^EHR");

    @Test
    void tq1RepeatPatternAsNeededAndBounds() throws Exception {
        Dosage d = dosage("2.5.1", ORC,
                seg("TQ1", 1, "1", 3, "Q6H PRN^every 6 hours as needed", 7, "20240301080000", 8, "20240308080000"),
                seg("RXE", 2, "313782^Acetaminophen 325 MG Oral Tablet^RXNORM", 3, "650", 5, "mg^^UCUM",
                        7, "^Take 2 tablets~^for pain or fever"));
        Timing.TimingRepeatComponent r = d.getTiming().getRepeat();
        assertThat(r.getFrequency()).isEqualTo(1);
        assertThat(r.getPeriod()).isEqualByComparingTo("6");
        assertThat(r.getPeriodUnit()).isEqualTo(Timing.UnitsOfTime.H);
        assertThat(d.getTiming().getCode().getCodingFirstRep().getCode()).isEqualTo("Q6H");
        assertThat(d.getTiming().getCode().getText()).isEqualTo("every 6 hours as needed");
        assertThat(d.getAsNeededBooleanType().booleanValue()).isTrue();
        assertThat(r.getBoundsPeriod().getStartElement().getValueAsString()).isEqualTo("2024-03-01T08:00:00-05:00");
        assertThat(r.getBoundsPeriod().getEndElement().getValueAsString()).isEqualTo("2024-03-08T08:00:00-05:00");
        // both sig lines, none dropped
        assertThat(d.getText()).isEqualTo("Take 2 tablets; for pain or fever");
    }

    @Test
    void olderVersionsTimingFromRxe1ElseOrc7() throws Exception {
        Dosage bid = dosage("2.3", ORC, seg("RXE", 1, "1^BID", 2, "197361^Amlodipine^RXNORM", 3, "5", 5, "mg"));
        assertThat(bid.getTiming().getRepeat().getFrequency()).isEqualTo(2);
        assertThat(bid.getTiming().getRepeat().getPeriodUnit()).isEqualTo(Timing.UnitsOfTime.D);
        assertThat(bid.getTiming().getCode().getCodingFirstRep().getCode()).isEqualTo("BID");

        Dosage q8h = dosage("2.3", seg("ORC", 1, "NW", 2, "ORD8^EHR", 7, "1^Q8H^^20240301080000"),
                seg("RXE", 2, "1719^Cefazolin^RXNORM", 3, "1", 5, "g"));
        assertThat(q8h.getTiming().getRepeat().getPeriod()).isEqualByComparingTo("8");
        assertThat(q8h.getTiming().getRepeat().getBoundsPeriod().getStartElement().getValueAsString())
                .isEqualTo("2024-03-01T08:00:00-05:00");  // offset-less: the sender's zone, MSH-7's -0500
    }

    @Test
    void anInfusionKeepsItsRate() throws Exception {
        Dosage d = dosage("2.5.1", ORC, seg("RXE", 2, "313002^Sodium chloride 0.9%^RXNORM", 3, "1000",
                5, "mL^^UCUM", 23, "125", 24, "mL/h^milliliter per hour^UCUM"));
        assertThat(d.getDoseAndRateFirstRep().getDoseQuantity().getValue()).isEqualByComparingTo("1000");
        assertThat(d.getDoseAndRateFirstRep().getRateQuantity().getValue()).isEqualByComparingTo("125");
        assertThat(d.getDoseAndRateFirstRep().getRateQuantity().getCode()).isEqualTo("mL/h");
    }

    @Test
    void aPatternNotReadIsKeptAsTextNeverGuessed() throws Exception {
        Dosage d = dosage("2.5.1", ORC, seg("TQ1", 3, "Q2J^every second Julian day"),
                seg("RXE", 2, "197361^Amlodipine^RXNORM"));
        assertThat(d.getTiming().getRepeat().hasFrequency()).isFalse();
        assertThat(d.getTiming().getCode().getText()).isEqualTo("every second Julian day");
        assertThat(d.hasAsNeeded()).isFalse();
    }
}
