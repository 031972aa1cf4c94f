package io.chartbrief.summary.verify.claim;

import static io.chartbrief.summary.verify.claim.Facts.flagged;
import static io.chartbrief.summary.verify.claim.Facts.lab;
import static io.chartbrief.summary.verify.claim.Facts.range;
import static io.chartbrief.summary.verify.claim.Facts.vital;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summary.verify.claim.Verdict.Outcome;
import io.chartbrief.summary.verify.evidence.Measured;
import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DirectionCheckTest {

    private final Facts chart = Facts.chart().with(
            flagged(vital("hr", "8867-4", "Heart rate", "138", "/min", "2024-03-02T08:00:00Z"), "H"),
            vital("hr-plain", "8867-4", "Heart rate", "72", "/min", "2024-03-01T08:00:00Z"),
            vital("temp", "8310-5", "Body temperature", "38.4", "Cel", "2024-03-02T08:00:00Z"),
            range(lab("k", "2823-3", "Potassium", "4.2", "mmol/L", "2024-03-02T06:00:00Z"), "3.5", "5.1", "mmol/L"),
            lab("cr1", "2160-0", "Creatinine", "1.0", "mg/dL", "2024-03-01T06:00:00Z"),
            lab("cr2", "2160-0", "Creatinine", "1.6", "mg/dL", "2024-03-03T06:00:00Z"),
            lab("cr3", "2160-0", "Creatinine", "1.02", "mg/dL", "2024-03-04T06:00:00Z"));

    private static Measured measured(String value, Set<String> interpretation, String low, String high, String loinc) {
        return new Measured(null, new BigDecimal(value), "/min", interpretation, low == null ? null : new BigDecimal(low),
                high == null ? null : new BigDecimal(high), loinc);
    }

    @Test
    void heartRateNormalIsContradictedAtAFlaggedHigh138() {
        Verdict v = chart.item("vitals", "Heart rate normal", "Observation/hr");
        assertThat(v.outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(v.reason()).contains("high");
    }

    @Test
    void tachycardicAt138BeatsPerMinuteIsSupported() {
        assertThat(chart.item("vitals", "Tachycardic at 138 beats per minute", "Observation/hr")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("vitals", "Bradycardic at 138 beats per minute", "Observation/hr").outcome())
                .isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void aWrittenFlagIsCheckedAgainstTheInterpretation() {
        assertThat(chart.item("vitals", "Heart rate 138 (H)", "Observation/hr")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("vitals", "Heart rate 138 (L)", "Observation/hr").outcome()).isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void anUnflaggedAdultVitalUsesTheThresholds() {
        assertThat(chart.item("vitals", "Heart rate normal", "Observation/hr-plain")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("vitals", "Heart rate elevated", "Observation/hr-plain").outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(chart.item("vitals", "Febrile, temperature 38.4", "Observation/temp")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("vitals", "Afebrile", "Observation/temp").outcome()).isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void aLabUsesItsReferenceRange() {
        assertThat(chart.item("results", "Potassium normal", "Observation/k")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("results", "Potassium not elevated", "Observation/k")).isEqualTo(Verdict.SUPPORTED);
        Verdict low = chart.item("results", "Low potassium", "Observation/k");
        assertThat(low.outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(chart.item("results", "Hypokalemia", "Observation/k").outcome()).isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void aDirectionWithoutAnyBasisIsUnverifiable() {
        Verdict v = chart.item("results", "Creatinine elevated", "Observation/cr1");
        assertThat(v.outcome()).isEqualTo(Outcome.UNVERIFIABLE);
    }

    @Test
    void theDirectionComesFromInterpretationThenRangeThenAdultThresholds() {
        assertThat(DirectionCheck.actual(measured("80", Set.of("H"), "60", "100", "8867-4"), true)).isEqualTo("high");
        assertThat(DirectionCheck.actual(measured("50", Set.of(), "60", "100", null), true)).isEqualTo("low");
        assertThat(DirectionCheck.actual(measured("80", Set.of(), "60", "100", null), true)).isEqualTo("normal");
        assertThat(DirectionCheck.actual(measured("138", Set.of(), null, null, "8867-4"), true)).isEqualTo("high");
        assertThat(DirectionCheck.actual(measured("138", Set.of(), null, null, "8867-4"), false)).as("no adult thresholds for a child").isNull();
        assertThat(DirectionCheck.actual(measured("138", Set.of(), null, null, null), true)).isNull();
    }

    @Test
    void aRisingTrendOverTwoResultsOfTheSameTest() {
        assertThat(chart.item("results", "Creatinine rising", "Observation/cr1", "Observation/cr2")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("results", "Creatinine rising", "Observation/cr2", "Observation/cr1"))
                .as("ordered by time, not by citation").isEqualTo(Verdict.SUPPORTED);
        Verdict falling = chart.item("results", "Creatinine falling", "Observation/cr1", "Observation/cr2");
        assertThat(falling.outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(falling.reason()).contains("1.0").contains("1.6");
        assertThat(chart.item("results", "Creatinine stable", "Observation/cr1", "Observation/cr3")).isEqualTo(Verdict.SUPPORTED);
    }

    @Test
    void aTrendNeedsTwoResults() {
        Verdict v = chart.item("results", "Creatinine rising", "Observation/cr2");
        assertThat(v.outcome()).isEqualTo(Outcome.UNVERIFIABLE);
        assertThat(v.reason()).contains("two");
    }

    @Test
    void vitalThresholds() {
        assertThat(VitalThresholds.direction("8867-4", new BigDecimal("101"), "/min")).isEqualTo("high");
        assertThat(VitalThresholds.direction("8867-4", new BigDecimal("59"), "/min")).isEqualTo("low");
        assertThat(VitalThresholds.direction("8310-5", new BigDecimal("100.4"), "[degF]")).isEqualTo("high");
        assertThat(VitalThresholds.direction("59408-5", new BigDecimal("93"), "%")).as("between bands").isNull();
    }
}
