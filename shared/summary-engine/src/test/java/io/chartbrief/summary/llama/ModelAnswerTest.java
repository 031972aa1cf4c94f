package io.chartbrief.summary.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartbrief.summary.SummaryEngineException;
import io.chartbrief.summary.model.ItemClaim;
import io.chartbrief.summary.model.Priority;
import io.chartbrief.summary.model.SummaryItem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelAnswerTest {

    private final Map<String, List<String>> aliases = Map.of("M1", List.of("MedicationRequest/m1"),
            "E1", List.of("Encounter/e1", "Condition/c1"), "L1", List.of("Observation/k1"));

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
    void readsSchemaTwoClaimsAndMapsTheirAliases() throws Exception {
        String output = "{\"narrative\":\"Admitted.\",\"narrativeEvidence\":[\"E1\"],"
                + "\"results\":[{\"text\":\"Potassium high at 5.9\",\"evidence\":[\"L1\"],\"claim\":{\"about\":\"L1\","
                + "\"value\":\"5.9\",\"unit\":\"mmol/L\",\"direction\":\"high\"}}],"
                + "\"problems\":[{\"text\":\"Pneumonia\",\"evidence\":[\"E1\"],\"claim\":{\"about\":\"E1\","
                + "\"status\":\"active\"}}],"
                + "\"recommendations\":[{\"text\":\"Hold lisinopril\",\"priority\":\"high\",\"rationale\":\"K high\","
                + "\"evidence\":[\"M1\",\"L1\"],\"claim\":{\"about\":\"M1\",\"action\":\"hold\"}}]}";

        ModelAnswer answer = ModelAnswer.parse(output, aliases);

        assertThat(answer.section("results").get(0).claim())
                .isEqualTo(new ItemClaim("Observation/k1", "5.9", "mmol/L", null, "high", null));
        assertThat(answer.section("results").get(0).evidence()).containsExactly("Observation/k1");
        // E1 maps to the encounter and its reason: about is the fact's own resource, the first reference.
        assertThat(answer.section("problems").get(0).claim()).isEqualTo(new ItemClaim("Encounter/e1", null, null,
                "active", null, null));
        assertThat(answer.recommendations().get(0).claim())
                .isEqualTo(new ItemClaim("MedicationRequest/m1", null, null, null, null, "hold"));
    }

    @Test
    void unknownAliasesAndOutOfEnumValuesFromAnUngrammaredAnswerDoNotCrashOrSurvive() throws Exception {
        String output = "{\"medications\":[{\"text\":\"Lisinopril\",\"evidence\":[\"M1\"],"
                + "\"claim\":{\"about\":\"M9\",\"status\":\"Active\",\"direction\":\"sideways\",\"value\":7}},"
                + "{\"text\":\"Potassium\",\"evidence\":[\"M1\"],\"claim\":{\"about\":\"L1\"}},"
                + "{\"text\":\"Aspirin\",\"evidence\":\"M1\",\"claim\":\"about M1\"},"
                + "{\"text\":\"Warfarin\",\"evidence\":[\"Q7\"],\"claim\":{\"about\":\"Q7\",\"direction\":\"up\"}}]}";

        List<SummaryItem> items = ModelAnswer.parse(output, aliases).section("medications");

        // Unknown about dropped, status normalized, out-of-enum direction dropped, a number read as written.
        assertThat(items.get(0).claim()).isEqualTo(new ItemClaim(null, "7", null, "active", null, null));
        // A known alias the item does not cite is not its subject.
        assertThat(items.get(1).claim()).isNull();
        // Wrong shapes: no evidence (the verifier drops the item for that), no claim.
        assertThat(items.get(2).evidence()).isEmpty();
        assertThat(items.get(2).claim()).isNull();
        // An invented evidence alias is kept marked, so the verifier drops the item and says why.
        assertThat(items.get(3).evidence()).containsExactly("alias:Q7");
        assertThat(items.get(3).claim()).isNull();
    }

    @Test
    void readsSchemaOneAnswersWithoutClaims() throws Exception {
        String output = "{\"narrative\":\"Admitted.\",\"narrativeEvidence\":[\"E1\"],"
                + "\"medications\":[{\"text\":\"Lisinopril\",\"evidence\":[\"M1\"]}],"
                + "\"recommendations\":[{\"text\":\"Check\",\"priority\":\"low\",\"rationale\":\"r\","
                + "\"evidence\":[\"M1\"]}]}";

        ModelAnswer answer = ModelAnswer.parse(output, aliases);

        assertThat(answer.section("medications")).containsExactly(
                new SummaryItem("Lisinopril", List.of("MedicationRequest/m1"), null));
        assertThat(answer.recommendations().get(0).claim()).isNull();
        assertThat(answer.recommendations().get(0).priority()).isEqualTo(Priority.LOW);
    }
}
