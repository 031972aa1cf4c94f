package io.chartbrief.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.prompt.ChartPrompt;
import io.chartbrief.summary.prompt.PromptBuilder;
import io.chartbrief.summary.prompt.TokenCounter;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptBuilderTest {

    private final ClinicalChart chart = ClinicalChart.of(ChartFixtures.admissionChart(), null, null);

    @Test
    void listsDatedFactsWithAliasesInPriorityOrder() {
        ChartPrompt prompt = new PromptBuilder(TokenCounter.ESTIMATE, 2).build(chart, 10_000);

        assertThat(prompt.factsText()).startsWith("Patient:\n[D1] Patient: female, born 1950-04-02\n"
                + "Current encounter:\n[E1] Inpatient encounter: Hospital admission; reason Pneumonia; 2024-03-01 to 2024-03-05\n"
                + "Active problems:\n[C1] Pneumonia (onset 2024-03-01)\n[C2] Hypertension (onset 2010-05-01)\n");
        assertThat(prompt.factsText()).contains("[L1] Potassium 5.90 mmol/L (H; ref 3.5-5.1) (on 2024-03-02)")
                .contains("[E2] Ambulatory encounter: General examination; 2023-01-10")
                .doesNotContain("Claim").doesNotContain("Sprain").doesNotContain("amoxicillin").doesNotContain("Latex");
        assertThat(prompt.aliases()).containsEntry("E1", List.of("Encounter/e-adm", "Condition/c-pneu"))
                .containsEntry("M1", List.of("MedicationRequest/m-met"))
                .containsEntry("A1", List.of("AllergyIntolerance/a-pen"));
        // Latest two heart rates only.
        assertThat(prompt.factsText()).contains("Heart rate 101").contains("Heart rate 92").doesNotContain("Heart rate 88");
        assertThat(prompt.omitted()).isEmpty();
        assertThat(prompt.userMessage()).startsWith(PromptBuilder.SYSTEM_TEXT + "\n\nPatient:\n[D1]").doesNotContain("meta");
    }

    @Test
    void earlierEncountersThatDifferOnlyInDateShareOneLineWithEveryDate() {
        org.hl7.fhir.r4.model.Bundle bundle = ChartFixtures.admissionChart();
        for (String day : List.of("2019-04-02", "2018-03-27", "2017-03-21")) {
            bundle.addEntry().setResource(ChartFixtures.encounter("e-well-" + day, "AMB", "Well child visit",
                    day + "T09:00:00Z", null, null));
        }
        bundle.addEntry().setResource(ChartFixtures.encounter("e-stay", "IMP", "Hospital admission",
                "2018-05-01T10:00:00Z", "2018-05-03T10:00:00Z", null));
        ClinicalChart visits = ClinicalChart.of(bundle, null, null);

        ChartPrompt prompt = new PromptBuilder(TokenCounter.ESTIMATE, 2).build(visits, 10_000);

        assertThat(prompt.factsText()).contains("[E3] Ambulatory encounter: Well child visit; 3 visits: 2019-04-02, "
                + "2018-03-27, 2017-03-21\n[E4] Inpatient encounter: Hospital admission; 2018-05-01 to 2018-05-03\n")
                .doesNotContain("[E6]");
        assertThat(prompt.aliases().get("E3")).containsExactly("Encounter/e-well-2019-04-02",
                "Encounter/e-well-2018-03-27", "Encounter/e-well-2017-03-21");
        // cut for room: counted as the three encounters it holds
        int line = TokenCounter.ESTIMATE.count("[E3] Ambulatory encounter: Well child visit; 3 visits: 2019-04-02, "
                + "2018-03-27, 2017-03-21\n");
        ChartPrompt tight = new PromptBuilder(TokenCounter.ESTIMATE, 2).build(visits, prompt.factTokens() - line + 2);
        assertThat(tight.factsText()).doesNotContain("Well child").contains("Hospital admission; 2018-05-01");
        assertThat(tight.omitted()).containsEntry("encounter", 3);
    }

    @Test
    void cutsLowPriorityFactsFirstAndRecordsThem() {
        ChartPrompt full = new PromptBuilder(TokenCounter.ESTIMATE, 2).build(chart, 10_000);
        ChartPrompt tight = new PromptBuilder(TokenCounter.ESTIMATE, 2).build(chart, 90);

        assertThat(tight.factTokens()).isLessThanOrEqualTo(90).isLessThan(full.factTokens());
        assertThat(tight.factsText()).contains("[E1]").contains("[C1]").doesNotContain("Earlier encounters");
        assertThat(tight.omitted()).containsKey("encounter");
        assertThat(tight.omittedCount()).isEqualTo(full.facts().size() - tight.facts().size());
        assertThat(tight.aliases()).hasSize(tight.facts().size());
    }

    @Test
    void instructionsAskForCitedFactsAndClaimFieldsInFewTokens() {
        assertThat(PromptBuilder.SYSTEM_TEXT).contains("State only what the cited fact lines say")
                .contains("\"evidence\"").contains("\"claim\"").contains("value, unit, status and direction")
                .doesNotContain("exactly");
        // Note items cite passages and keep what the verifier checks them for.
        assertThat(PromptBuilder.SYSTEM_TEXT).contains("\"notes\" items restate the note passages they cite")
                .contains("\"N1.2\"").contains("never change negation, laterality, numbers or who a statement is about")
                .contains("vitals, notes, recommendations");
        // Every instruction token is one fewer for chart facts (the notes rule costs about 30).
        assertThat(TokenCounter.ESTIMATE.count(PromptBuilder.SYSTEM_TEXT)).isLessThan(185);
    }

    @Test
    void countsWithThePluggableCounter() {
        ChartPrompt prompt = new PromptBuilder(String::length, 1).build(chart, 10_000);

        assertThat(prompt.factTokens()).isEqualTo(prompt.factsText().length());
    }
}
