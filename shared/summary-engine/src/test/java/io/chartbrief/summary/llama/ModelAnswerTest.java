package io.chartbrief.summary.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartbrief.summary.SummaryEngineException;
import io.chartbrief.summary.model.Priority;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelAnswerTest {

    private final Map<String, List<String>> aliases = Map.of(
            "M1", List.of("MedicationRequest/m1"), "E1", List.of("Encounter/e1", "Condition/c1"));

    @Test
    void stripsThinkingAndMapsAliasesBack() throws Exception {
        String output = "<unused94>thought: the patient takes [M1]...<unused95>{\"narrative\":\"Admitted.\","
                + "\"narrativeEvidence\":[\"E1\"],\"medications\":[{\"text\":\"Lisinopril\",\"evidence\":[\"[M1]\",\"M7\"]}],"
                + "\"recommendations\":[{\"text\":\"Check\",\"priority\":\"high\",\"rationale\":\"r\",\"evidence\":[\"M1\"]}]}";

        ModelAnswer answer = ModelAnswer.parse(output, aliases);

        assertThat(answer.narrative()).isEqualTo("Admitted.");
        assertThat(answer.narrativeEvidence()).containsExactly("Encounter/e1", "Condition/c1");
        assertThat(answer.section("medications").get(0).evidence()).containsExactly("MedicationRequest/m1", "alias:M7");
        assertThat(answer.section("problems")).isEmpty();
        assertThat(answer.recommendations().get(0).priority()).isEqualTo(Priority.HIGH);
    }

    @Test
    void unterminatedThinkingIsCutAndNonJsonIsUnparseable() {
        assertThat(ModelAnswer.stripThinking("{\"a\":1}<unused94>never ends")).isEqualTo("{\"a\":1}");
        assertThatThrownBy(() -> ModelAnswer.parse("<unused94>{\"narrative\":\"x\"}", aliases))
                .isInstanceOf(SummaryEngineException.class).hasMessageContaining("no JSON object");
        assertThatThrownBy(() -> ModelAnswer.parse("{\"narrative\": \"cut off", aliases))
                .isInstanceOf(SummaryEngineException.class);
    }

    @Test
    void schemaNamesEverySectionWithLimits() {
        String schema = OutputSchema.of(new LlamaConfig.OutputLimits(3, 50, 100, 2));

        assertThat(schema).contains("\"narrative\":{\"type\":\"string\",\"maxLength\":100}")
                .contains("\"problems\"", "\"medications\"", "\"allergies\"", "\"results\"", "\"vitals\"",
                        "\"recommendations\"", "\"maxItems\":3", "\"enum\":[\"high\",\"medium\",\"low\"]");
    }
}
