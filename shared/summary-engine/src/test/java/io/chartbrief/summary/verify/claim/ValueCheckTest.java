package io.chartbrief.summary.verify.claim;

import static io.chartbrief.summary.verify.claim.Facts.flagged;
import static io.chartbrief.summary.verify.claim.Facts.lab;
import static io.chartbrief.summary.verify.claim.Facts.range;
import static io.chartbrief.summary.verify.claim.Facts.vital;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summary.verify.claim.Verdict.Outcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class ValueCheckTest {

    private static final String K = "Observation/k";

    private final Facts chart = Facts.chart().with(
            range(lab("k", "2823-3", "Potassium", "4.2", "mmol/L", "2024-03-02T06:00:00Z"), "3.5", "5.1", "mmol/L"),
            lab("mg", "19123-9", "Magnesium", "1.4", "mg/dL", "2024-03-02T06:00:00Z"),
            lab("mgmol", "2601-3", "Magnesium", "0.7", "mmol/L", "2024-03-03T06:00:00Z"),
            lab("glu", "2345-7", "Glucose", "100", "mg/dL", "2024-03-02T06:00:00Z"),
            lab("cr", "2160-0", "Creatinine", "1.0", "mg/dL", "2024-03-02T06:00:00Z"),
            flagged(vital("hr", "8867-4", "Heart rate", "138", "/min", "2024-03-02T08:00:00Z"), "H"),
            vital("temp", "8310-5", "Body temperature", "38.4", "Cel", "2024-03-02T08:00:00Z"),
            bloodPressure());

    private static Observation bloodPressure() {
        Observation bp = vital("bp", "85354-9", "Blood pressure panel", null, null, "2024-03-02T08:00:00Z");
        bp.addComponent().setCode(new CodeableConcept().addCoding(new Coding(Facts.LOINC, "8480-6", "Systolic blood pressure")))
                .setValue(Facts.quantity("142", "mm[Hg]"));
        bp.addComponent().setCode(new CodeableConcept().addCoding(new Coding(Facts.LOINC, "8462-4", "Diastolic blood pressure")))
                .setValue(Facts.quantity("88", "mm[Hg]"));
        return bp;
    }

    private Verdict result(String text, String ref) {
        return chart.item("results", text, ref);
    }

    @Test
    void theRangesUpperBoundIsNotTheValue() {
        Verdict v = result("Potassium 5.1 mmol/L", K);
        assertThat(v.outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(v.reason()).contains("4.2");
    }

    @Test
    void theMeasuredValueInItsOwnOrAnEquivalentUnitIsSupported() {
        assertThat(result("Potassium 4.2 mmol/L", K)).isEqualTo(Verdict.SUPPORTED);
        assertThat(result("Potassium 4.2 mEq/L", K)).isEqualTo(Verdict.SUPPORTED);
        assertThat(result("K 4.2", K)).isEqualTo(Verdict.SUPPORTED);
        assertThat(result("Potassium 4.20", K)).isEqualTo(Verdict.SUPPORTED);
    }

    @Test
    void aRoundingMustKeepTwoSignificantDigits() {
        assertThat(result("Potassium 4", K).outcome()).isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void aUnitOfAnotherKindIsContradicted() {
        Verdict v = result("Potassium 4.2 /min", K);
        assertThat(v.outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(v.reason()).contains("unit");
    }

    @Test
    void theLoincCodeIsNoValue() {
        assertThat(result("Potassium 2823", K).outcome()).isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void aStatedReferenceRangeIsCheckedAgainstTheRange() {
        assertThat(result("Potassium 4.2 mmol/L (ref 3.5-5.1)", K)).isEqualTo(Verdict.SUPPORTED);
        Verdict wrong = result("Potassium 4.2 mmol/L (ref 3.5-5.5)", K);
        assertThat(wrong.outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(wrong.reason()).contains("reference range");
    }

    @Test
    void magnesiumWrittenAsMgIsTheAnalyteNotAUnit() {
        assertThat(result("Mg 1.4", "Observation/mg")).isEqualTo(Verdict.SUPPORTED);
        assertThat(result("Mg 1.4 mg/dL", "Observation/mg")).isEqualTo(Verdict.SUPPORTED);
    }

    @Test
    void divalentMagnesiumConvertsWithItsValence() {
        assertThat(result("Magnesium 1.4 mEq/L", "Observation/mgmol")).isEqualTo(Verdict.SUPPORTED);
        assertThat(result("Magnesium 0.7 mEq/L", "Observation/mgmol").outcome()).isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void convertsMassToSubstanceConcentrations() {
        assertThat(result("Glucose 5.6 mmol/L", "Observation/glu")).isEqualTo(Verdict.SUPPORTED);
        assertThat(result("Creatinine 88 umol/L", "Observation/cr")).isEqualTo(Verdict.SUPPORTED);
        assertThat(result("Creatinine 150 umol/L", "Observation/cr").outcome()).isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void convertsTemperatures() {
        assertThat(chart.item("vitals", "Temperature 101.1 F", "Observation/temp")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("vitals", "Temperature 99 F", "Observation/temp").outcome()).isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void aValueIsCheckedAgainstTheTestItIsStatedFor() {
        // 138 is the heart rate, not the potassium, although both are cited
        assertThat(chart.item("results", "Potassium 138", "Observation/k", "Observation/hr").outcome())
                .isEqualTo(Outcome.CONTRADICTED);
        assertThat(chart.item("vitals", "Heart rate 138 beats per minute", "Observation/k", "Observation/hr"))
                .isEqualTo(Verdict.SUPPORTED);
    }

    @Test
    void bloodPressureAgainstItsComponents() {
        assertThat(chart.item("vitals", "BP 142/88 mmHg", "Observation/bp")).isEqualTo(Verdict.SUPPORTED);
        Verdict wrong = chart.item("vitals", "BP 128/88", "Observation/bp");
        assertThat(wrong.outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(wrong.reason()).contains("142/88");
        assertThat(chart.item("vitals", "Systolic blood pressure 142", "Observation/bp")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("vitals", "Systolic blood pressure 88", "Observation/bp").outcome())
                .isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void anAgeFollowsFromTheBirthDate() {
        // born 1950-04-02; checked on 2024-03-10: 73
        assertThat(chart.item("narrative", "73 year old woman", K)).isEqualTo(Verdict.SUPPORTED);
        Verdict wrong = chart.item("narrative", "75 year old woman", K);
        assertThat(wrong.outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(wrong.reason()).contains("birth date");
    }

    @Test
    void closeAllowsTheWrittenPrecisionOnly() {
        assertThat(ValueCheck.close(new java.math.BigDecimal("5.9"), new java.math.BigDecimal("5.90"), false)).isTrue();
        assertThat(ValueCheck.close(new java.math.BigDecimal("5.9"), new java.math.BigDecimal("5.96"), false)).isFalse();
        assertThat(ValueCheck.close(new java.math.BigDecimal("138"), new java.math.BigDecimal("138.4"), false)).isTrue();
        assertThat(ValueCheck.close(new java.math.BigDecimal("5"), new java.math.BigDecimal("4.6"), false)).isFalse();
    }
}
