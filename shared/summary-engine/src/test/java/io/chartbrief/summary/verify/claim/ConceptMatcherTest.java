package io.chartbrief.summary.verify.claim;

import static io.chartbrief.summary.verify.claim.Facts.active;
import static io.chartbrief.summary.verify.claim.Facts.condition;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConceptMatcherTest {

    private final Facts chart = Facts.chart().with(
            condition("ckd", "Chronic kidney disease stage 3", "active", "2018-01-01", null),
            condition("lbp", "Low back pain", "active", "2018-01-01", null),
            condition("rvr", "Atrial fibrillation with rapid ventricular response", "active", "2024-03-01", null),
            condition("af", "Atrial fibrillation", "active", "2020-01-01", null),
            active("apx", "apixaban 5 MG Oral Tablet"),
            condition("cov", "SARS coronavirus 2 S gene [Presence] in Respiratory specimen", "active", "2021-03-01", null));

    private List<Run> runs(String text, String... refs) {
        return chart.statement(text, refs).runs;
    }

    @Test
    void aRunMayLeaveOutWordsOfTheChartName() {
        List<Run> runs = runs("kidney disease", "Condition/ckd");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).start()).isZero();
        assertThat(runs.get(0).end()).isEqualTo(2);
        assertThat(runs.get(0).facts()).extracting(f -> f.ref()).containsExactly("Condition/ckd");
    }

    @Test
    void aCueWordBelongsToARunOnlyInsideANameThatHasIt() {
        assertThat(runs("low back pain", "Condition/lbp")).singleElement().satisfies(r -> assertThat(r.end()).isEqualTo(3));
        List<Run> low = runs("low kidney disease", "Condition/ckd");
        assertThat(low).singleElement().satisfies(r -> assertThat(r.start()).isEqualTo(1));
        assertThat(runs("low", "Condition/lbp")).isEmpty();
    }

    @Test
    void proseInsideANameIsPartOfTheRun() {
        List<Run> runs = runs("atrial fibrillation with rapid ventricular response", "Condition/rvr", "Condition/af");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).end()).isEqualTo(6);
        assertThat(runs.get(0).facts()).extracting(f -> f.ref()).containsExactly("Condition/rvr");
    }

    @Test
    void aConceptBothFactsNameMatchesBoth() {
        List<Run> runs = runs("afib", "Condition/rvr", "Condition/af");
        assertThat(runs).singleElement().satisfies(r -> assertThat(r.facts()).extracting(f -> f.ref())
                .containsExactlyInAnyOrder("Condition/rvr", "Condition/af"));
    }

    @Test
    void aMeasurementAndDoseWordsAreNeverPartOfAName() {
        Statement s = chart.statement("Eliquis 5 mg twice daily oral", "MedicationRequest/apx");
        assertThat(s.runs).singleElement().satisfies(r -> {
            assertThat(r.start()).isZero();
            assertThat(r.end()).isEqualTo(1);
        });
        assertThat(s.dose[3]).isNotNull();
        assertThat(s.locked[4]).isTrue();
    }

    @Test
    void aNumberAndUnitInsideTheChartsOwnWordingArePartOfTheName() {
        // "2 S" reads as two seconds, but here it sits inside the test's name: a name word follows it
        List<Run> runs = runs("SARS coronavirus 2 S gene in respiratory specimen", "Condition/cov");
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.start()).isZero();
            assertThat(r.end()).isEqualTo(8);
        });
        // a different number there is not the name: the run stops before it, the number is left to the value check
        assertThat(runs("SARS coronavirus 3 S gene", "Condition/cov")).first()
                .satisfies(r -> assertThat(r.end()).isEqualTo(2));
    }

    @Test
    void wordsNoCitedFactHasMakeNoRun() {
        assertThat(runs("diabetes", "Condition/ckd", "Condition/af")).isEmpty();
    }

    @Test
    void aClaimBindsToTheNearestRun() {
        Statement s = chart.statement("Low back pain, chronic kidney disease stage 3 active", "Condition/lbp", "Condition/ckd");
        assertThat(s.runs).hasSize(2);
        Run bound = s.bound(s.size() - 1);
        assertThat(bound.facts()).extracting(f -> f.ref()).containsExactly("Condition/ckd");
    }
}
