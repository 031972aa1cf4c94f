package io.chartbrief.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.DroppedItem;
import io.chartbrief.summary.model.EngineInfo;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.Priority;
import io.chartbrief.summary.model.Recommendation;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.model.VerificationStatus;
import io.chartbrief.summary.verify.EvidenceVerifier;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceVerifierTest {

    private final ClinicalChart chart = ClinicalChart.of(ChartFixtures.admissionChart(), null, null);
    private final EvidenceVerifier verifier = new EvidenceVerifier();

    @Test
    void catchesFabricatedDrugWrongNumberUnknownAliasAndMissingEvidence() {
        PatientSummary draft = draft(
                List.of(item("Lisinopril 10 mg tablet", "MedicationRequest/m-lis"),
                        item("Warfarin 10 MG Oral Tablet", "MedicationRequest/m-lis"),
                        item("Metformin", "alias:M99"),
                        item("Hypertension")),
                List.of(item("Potassium 5.9 mmol/L on 2024-03-02", "Observation/l-k"),
                        item("Potassium 9.9 mmol/L", "Observation/l-k"),
                        item("Potassium 5.9 mmol/L on 2024-03-09", "Observation/l-k")));

        PatientSummary verified = verifier.verify(draft, chart);

        assertThat(verified.medications()).extracting(SummaryItem::text).containsExactly("Lisinopril 10 mg tablet");
        assertThat(verified.results()).extracting(SummaryItem::text).containsExactly("Potassium 5.9 mmol/L on 2024-03-02");
        // contradicted: the chart says otherwise (an uncited alias, another value, another date)
        assertThat(verified.verification().dropped()).extracting(DroppedItem::reason).containsExactly(
                "cites alias:M99, which is not in the chart", "the chart's value is 5.90 mmol/L, not 9.9",
                "the chart's result date is not 2024-03-09");
        // unverifiable: the cited resources do not establish it
        assertThat(verified.verification().unverified()).extracting(DroppedItem::reason).containsExactly(
                "'warfarin' is not in the cited resources", "no evidence cited");
        assertThat(verified.verification().status()).isEqualTo(VerificationStatus.PARTIALLY_VERIFIED);
        assertThat(verified.verification().supported()).isEqualTo(2);
        assertThat(verified.verification().contradicted()).isEqualTo(3);
        assertThat(verified.verification().unverifiable()).isEqualTo(2);
    }

    @Test
    void normalizesCaseNumbersUnitsAndRounding() {
        PatientSummary draft = draft(List.of(),
                List.of(item("POTASSIUM 5.900 mmol/l", "Observation/l-k"),
                        item("Body temperature 38 Cel", "Observation/v-temp"),
                        item("Heart rate 101 /min", "Observation/v-hr3")));

        assertThat(verifier.verify(draft, chart).verification().status()).isEqualTo(VerificationStatus.VERIFIED);
    }

    @Test
    void checksNarrativeAndRecommendations() {
        PatientSummary draft = draft(List.of(), List.of())
                .withNarrative("Admitted with pneumonia on 2024-03-01; also sepsis.", List.of("Condition/c-pneu"))
                .withRecommendations(List.of(
                        new Recommendation("Recheck potassium", Priority.HIGH, "Potassium 5.9 mmol/L is above range",
                                List.of("Observation/l-k")),
                        new Recommendation("Start dialysis", Priority.HIGH, "Renal failure", List.of("Observation/l-k"))));

        PatientSummary verified = verifier.verify(draft, chart);

        // the narrative loses only its unverifiable clause
        assertThat(verified.narrative()).isEqualTo("Admitted with pneumonia on 2024-03-01.");
        assertThat(verified.recommendations()).extracting(Recommendation::text).containsExactly("Recheck potassium");
        assertThat(verified.verification().unverified()).extracting(DroppedItem::section, DroppedItem::text, DroppedItem::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("narrative", "also sepsis.", "'sepsis' is not in the cited resources"),
                        org.assertj.core.groups.Tuple.tuple("recommendations", "Start dialysis", "'dialysis' is not in the cited resources"));
        assertThat(verified.verification().dropped()).isEmpty();
    }

    @Test
    void nothingToVerifyIsUnverified() {
        assertThat(verifier.verify(draft(List.of(), List.of()), chart).verification().status())
                .isEqualTo(VerificationStatus.UNVERIFIED);
    }

    private static SummaryItem item(String text, String... evidence) {
        return new SummaryItem(text, List.of(evidence), null);
    }

    private static PatientSummary draft(List<SummaryItem> medications, List<SummaryItem> results) {
        return new PatientSummary(PatientSummary.SCHEMA_VERSION, "Patient/p1", "Encounter/e-adm", "", List.of(),
                List.of(), medications, List.of(), results, List.of(), List.of(),
                new EngineInfo(EngineInfo.LLAMA, "m.gguf", "00", null), null, null, null);
    }
}
