package io.chartbrief.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.model.SummaryJson;
import io.chartbrief.summary.model.Timings;
import io.chartbrief.summary.model.VerificationStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractiveEngineTest {

    private final Summarizer summarizer = Summarizer.extractiveOnly();

    @Test
    void summarizesTheActiveStateOfTheChart() {
        PatientSummary summary = summarizer.summarize(ChartFixtures.admissionChart(), null, null);

        assertThat(summary.patient()).isEqualTo("Patient/p1");
        assertThat(summary.encounter()).as("newest inpatient encounter").isEqualTo("Encounter/e-adm");
        assertThat(summary.narrative()).contains("Inpatient encounter: Hospital admission; reason Pneumonia; 2024-03-01 to 2024-03-05")
                .contains("Progress note: Day 2 progress");
        assertThat(summary.narrativeEvidence()).contains("Encounter/e-adm", "Condition/c-pneu", "DocumentReference/n-1");
        assertThat(refs(summary.problems())).containsExactly("Condition/c-pneu", "Condition/c-htn");
        assertThat(refs(summary.medications())).containsExactly("MedicationRequest/m-met", "MedicationRequest/m-lis");
        assertThat(summary.medications().get(0).text()).contains("(on hold)");
        assertThat(refs(summary.allergies())).containsExactly("AllergyIntolerance/a-pen");
        assertThat(summary.allergies().get(0).text()).isEqualTo("Penicillin; criticality high; reaction Hives");
        assertThat(refs(summary.vitals())).containsExactlyInAnyOrder("Observation/v-hr3", "Observation/v-temp");
        assertThat(summary.results().get(0).text()).isEqualTo("Potassium 5.90 mmol/L (H; ref 3.5-5.1) (on 2024-03-02)");
        assertThat(refs(summary.results())).containsExactly("Observation/l-k", "Observation/l-na");
        assertThat(summary.recommendations()).singleElement()
                .satisfies(r -> assertThat(r.evidence()).containsExactly("Observation/l-k"));
        assertThat(summary.engine().kind()).isEqualTo("extractive");
        assertThat(summary.engine().fallbackReason()).isNull();
    }

    @Test
    void verifiesByConstruction() {
        PatientSummary summary = summarizer.summarize(ChartFixtures.admissionChart(), null, null);

        assertThat(summary.verification().dropped()).isEmpty();
        assertThat(summary.verification().unverified()).isEmpty();
        assertThat(summary.verification().status()).isEqualTo(VerificationStatus.VERIFIED);
        // 10 section items and recommendations, and the narrative's 4 clauses, each checked on its own
        assertThat(summary.verification().items()).isEqualTo(summary.verification().supported()).isEqualTo(14);
    }

    @Test
    void isDeterministicAndRoundTripsAsJson() {
        PatientSummary first = summarizer.summarize(ChartFixtures.admissionChart(), null, null).withTimings(Timings.NONE);
        PatientSummary second = summarizer.summarize(ChartFixtures.admissionChart(), null, null).withTimings(Timings.NONE);

        String json = SummaryJson.write(first);
        assertThat(SummaryJson.write(second)).isEqualTo(json);
        assertThat(SummaryJson.read(json)).isEqualTo(first);
        assertThat(json).contains("\"status\":\"verified\"").contains("\"kind\":\"extractive\"");
    }

    @Test
    void honoursAnExplicitEncounter() {
        PatientSummary summary = summarizer.summarize(ChartFixtures.admissionChart(), "Patient/p1", "Encounter/e-old");

        assertThat(summary.encounter()).isEqualTo("Encounter/e-old");
        assertThat(summary.narrative()).contains("General examination");
    }

    private static List<String> refs(List<SummaryItem> items) {
        return items.stream().map(i -> i.evidence().get(0)).toList();
    }
}
