package io.chartbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AskCommandTest {

    private static final String P = SummarizeCommandTest.P;

    @Test
    void textCitesTheRetrievedFactsAndSaysWhatTheyAre() {
        CliRun run = CliRun.of("ask", SummarizeCommandTest.PATIENT_A, "When was the last potassium?");
        assertThat(run.exit).as(run.err()).isZero();
        assertThat(run.out()).startsWith("QUESTION  When was the last potassium?\n")
                .contains("not an answer")
                .containsPattern("  - Potassium 5\\.9 mmol/L[^\\n]*\\[Observation/" + P + "\\d\\d]")
                .doesNotContain("Pneumonia", "lisinopril");
    }

    @Test
    void jsonGivesEachStatementItsEvidence() throws Exception {
        CliRun run = CliRun.of("ask", SummarizeCommandTest.PATIENT_A, "lisinopril", "--format", "json");
        assertThat(run.exit).as(run.err()).isZero();
        JsonNode answer = new ObjectMapper().readTree(run.out());
        assertThat(answer.path("kind").asText()).isEqualTo("retrieved-facts");
        assertThat(answer.path("statements").get(0).path("evidence").get(0).asText())
                .isEqualTo("MedicationRequest/" + P + "30");
        assertThat(answer.path("statements").get(0).path("source").asText()).isEqualTo("chart");
    }

    @Test
    void absentThingsAreSaidToBeAbsentAndBadQuestionsRefused() {
        CliRun run = CliRun.of("ask", SummarizeCommandTest.PATIENT_A, "Is he on warfarin?");
        assertThat(run.exit).isZero();
        assertThat(run.out()).contains("Nothing in the chart matches: warfarin.");
        assertThat(CliRun.of("ask", SummarizeCommandTest.PATIENT_A, " ").exit).isEqualTo(2);
        assertThat(CliRun.of("ask", SummarizeCommandTest.PATIENT_A, "x".repeat(501)).exit).isEqualTo(2);
        assertThat(CliRun.of("ask", "no-such.json", "potassium").exit).isEqualTo(1);
    }
}
