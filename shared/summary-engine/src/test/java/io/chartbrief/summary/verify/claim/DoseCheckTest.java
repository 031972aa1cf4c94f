package io.chartbrief.summary.verify.claim;

import static io.chartbrief.summary.verify.claim.Facts.active;
import static io.chartbrief.summary.verify.claim.Facts.dosed;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summary.verify.claim.Verdict.Outcome;
import io.chartbrief.summary.verify.text.DoseWords;
import io.chartbrief.summary.verify.text.Tokenizer;
import java.util.List;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.Test;

class DoseCheckTest {

    private static final String APIXABAN = "MedicationRequest/apx";
    private static final String METOPROLOL = "MedicationRequest/met";

    private final Facts chart = Facts.chart().with(
            dosed(active("apx", "apixaban 5 MG Oral Tablet"), 2, "Oral route"),
            dosed(active("met", "metoprolol tartrate 25 MG Oral Tablet"), 2, null),
            prn(active("alb", "albuterol 0.09 MG/ACTUAT Metered Dose Inhaler")),
            active("ins", "insulin glargine 100 UNT/ML Injectable Solution"),
            titrated(active("nic", "niCARdipine in NaCl IV infusion 40 mg/200 mL")));

    private static final String SIG = "Starting dose is 5 mg/hr. Titrate by 2.5 mg/hr every 5 minutes to a maximum "
            + "dose of 15 mg/hr.";

    private static MedicationRequest titrated(MedicationRequest m) {
        m.addDosageInstruction().setText(SIG).addDoseAndRate().setRate(new org.hl7.fhir.r4.model.Quantity()
                .setValue(5).setUnit("mg/h").setSystem("http://unitsofmeasure.org").setCode("mg/h"));
        return m;
    }

    private static MedicationRequest prn(MedicationRequest m) {
        m.addDosageInstruction().setAsNeeded(new org.hl7.fhir.r4.model.BooleanType(true)).setText("2 puffs every 4 hours as needed");
        return m;
    }

    private Verdict med(String text, String... refs) {
        return chart.item("medications", text, refs);
    }

    @Test
    void theOrdersWholeInstructionCopiedVerbatimIsTheOrdersWordingNotClaimsOfItsOwn() {
        assertThat(med("niCARdipine in NaCl IV infusion 40 mg/200 mL; " + SIG, "MedicationRequest/nic"))
                .isEqualTo(Verdict.SUPPORTED);
        // a dose neither the order nor its instruction has is a claim of its own
        assertThat(med("niCARdipine infusion 20 mg/hr", "MedicationRequest/nic").outcome())
                .isNotEqualTo(Outcome.SUPPORTED);
        // the infusion's rate is a dose the order states
        assertThat(med("niCARdipine infusion 5 mg/hr", "MedicationRequest/nic")).isEqualTo(Verdict.SUPPORTED);
    }

    @Test
    void brandNameStrengthFrequencyAndRouteOfTheOrderAreSupported() {
        assertThat(med("Eliquis 5 mg twice daily", APIXABAN)).isEqualTo(Verdict.SUPPORTED);
        assertThat(med("Apixaban 5 mg PO BID", APIXABAN)).isEqualTo(Verdict.SUPPORTED);
        assertThat(med("Apixaban 5 mg by mouth q12h", APIXABAN)).isEqualTo(Verdict.SUPPORTED);
    }

    @Test
    void anotherFrequencyIsContradicted() {
        Verdict v = med("Eliquis 5 mg three times daily", APIXABAN);
        assertThat(v.outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(v.reason()).contains("frequency");
    }

    @Test
    void anotherRouteIsContradicted() {
        Verdict v = med("Eliquis 5 mg IV", APIXABAN);
        assertThat(v.outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(v.reason()).contains("oral");
    }

    @Test
    void anotherStrengthIsContradicted() {
        assertThat(med("Eliquis 10 mg twice daily", APIXABAN).outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(med("Eliquis 5 mcg twice daily", APIXABAN).outcome()).isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void aStrengthOfAnotherCitedOrderNeverSupports() {
        assertThat(med("Eliquis 25 mg twice daily", APIXABAN, METOPROLOL).outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(med("Eliquis 5 mg twice daily", APIXABAN, METOPROLOL)).isEqualTo(Verdict.SUPPORTED);
        assertThat(med("Metoprolol 5 mg", APIXABAN, METOPROLOL).outcome()).isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void asNeededIsCheckedAgainstTheOrder() {
        assertThat(med("Eliquis 5 mg PRN", APIXABAN).outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(med("Albuterol inhaler as needed", "MedicationRequest/alb")).isEqualTo(Verdict.SUPPORTED);
        assertThat(med("Albuterol inhaler every 4 hours as needed", "MedicationRequest/alb")).isEqualTo(Verdict.SUPPORTED);
    }

    @Test
    void anOrderWithoutTimingLeavesAFrequencyUnverifiable() {
        Verdict v = med("Insulin glargine twice daily", "MedicationRequest/ins");
        assertThat(v.outcome()).isEqualTo(Outcome.UNVERIFIABLE);
        assertThat(v.reason()).contains("no frequency");
    }

    @Test
    void checksAMatchAgainstTheFactsDosing() {
        List<io.chartbrief.summary.verify.evidence.CitedFact> facts = chart.facts(APIXABAN);
        assertThat(DoseCheck.check(DoseWords.at(Tokenizer.tokens("bid"), 0), facts)).isEqualTo(Verdict.SUPPORTED);
        assertThat(DoseCheck.check(DoseWords.at(Tokenizer.tokens("daily"), 0), facts).outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(DoseCheck.check(DoseWords.at(Tokenizer.tokens("po"), 0), facts)).isEqualTo(Verdict.SUPPORTED);
        assertThat(DoseCheck.check(DoseWords.at(Tokenizer.tokens("subq"), 0), facts).outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(DoseCheck.check(DoseWords.at(Tokenizer.tokens("bid"), 0), List.of()).outcome()).isEqualTo(Outcome.UNVERIFIABLE);
    }
}
