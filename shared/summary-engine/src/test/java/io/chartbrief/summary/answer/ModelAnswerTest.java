package io.chartbrief.summary.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartbrief.summary.SummaryEngineException;
import io.chartbrief.summary.model.ItemClaim;
import io.chartbrief.summary.model.NoteQuote;
import io.chartbrief.summary.model.Priority;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.prompt.ChartPrompt;
import java.util.LinkedHashMap;
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

    /** A prompt with one fact (C1) and three passages of one note: N1.1 (hpi), N1.2 and N1.3 (adjacent, plan). */
    private static ChartPrompt notePrompt() {
        String note = "HPI: He denies chest pain.\nPLAN: Start furosemide 40 mg. Recheck potassium.\n";
        int hpi = note.indexOf("He denies");
        int furosemide = note.indexOf("Start");
        int recheck = note.indexOf("Recheck");
        Map<String, ChartPrompt.NotePassage> passages = new LinkedHashMap<>();
        passages.put("N1.1", passage(note, "hpi", hpi, note.indexOf("pain.") + 5, 0, hpi));
        passages.put("N1.2", passage(note, "plan", furosemide, note.indexOf("40 mg.") + 6, 1, furosemide));
        passages.put("N1.3", passage(note, "plan", recheck, note.indexOf("potassium.") + 10, 2, furosemide));
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        aliases.put("C1", List.of("Condition/c1"));
        passages.keySet().forEach(alias -> aliases.put(alias, List.of("DocumentReference/hp")));
        return new ChartPrompt("system", "facts", aliases, List.of(), 10, 100, Map.of(), passages);
    }

    private static ChartPrompt.NotePassage passage(String note, String section, int start, int end, int index,
            int sectionStart) {
        return new ChartPrompt.NotePassage(new NoteQuote("DocumentReference/hp", section, start, end,
                note.substring(start, end), "History and physical note"), index, sectionStart, note);
    }

    @Test
    void notePassageAliasesResolveToTheNoteAndALocatedQuote() throws Exception {
        ChartPrompt prompt = notePrompt();
        String output = "{\"narrative\":\"Admitted.\",\"narrativeEvidence\":[\"N1.1\"],"
                + "\"notes\":[{\"text\":\"No chest pain.\",\"evidence\":[\"N1.1\"],"
                + "\"claim\":{\"about\":\"N1.1\",\"status\":\"absent\"}},"
                + "{\"text\":\"Furosemide started; potassium to be rechecked.\",\"evidence\":[\"[N1.2]\",\"N1.3\"],"
                + "\"claim\":{\"about\":\"N1.2\"}}],"
                + "\"problems\":[{\"text\":\"Chest pain denied\",\"evidence\":[\"C1\",\"N1.1\"],"
                + "\"claim\":{\"about\":\"C1\"}}],"
                + "\"recommendations\":[{\"text\":\"Recheck potassium\",\"priority\":\"medium\",\"rationale\":\"r\","
                + "\"evidence\":[\"N1.3\"],\"claim\":{\"about\":\"N1.3\",\"action\":\"repeat\"}}]}";

        ModelAnswer answer = ModelAnswer.parse(output, prompt);

        SummaryItem denies = answer.section("notes").get(0);
        assertThat(denies.text()).isEqualTo("No chest pain.");
        assertThat(denies.evidence()).containsExactly("DocumentReference/hp");
        assertThat(denies.claim()).isEqualTo(new ItemClaim("DocumentReference/hp", null, null, "absent", null, null));
        assertThat(denies.quote()).isEqualTo(prompt.passages().get("N1.1").quote());
        assertThat(denies.quote().text()).isEqualTo("He denies chest pain.");
        // Two adjacent passages of one section cited together: one quote over both, verbatim.
        NoteQuote plan = answer.section("notes").get(1).quote();
        assertThat(plan.section()).isEqualTo("plan");
        assertThat(plan.text()).isEqualTo("Start furosemide 40 mg. Recheck potassium.");
        assertThat(plan.start()).isEqualTo(prompt.passages().get("N1.2").quote().start());
        assertThat(plan.end()).isEqualTo(prompt.passages().get("N1.3").quote().end());
        assertThat(plan.title()).isEqualTo("History and physical note");
        // Another section citing a passage gets its quote too; the narrative and recommendations only the reference.
        SummaryItem problem = answer.section("problems").get(0);
        assertThat(problem.evidence()).containsExactly("Condition/c1", "DocumentReference/hp");
        assertThat(problem.quote()).isEqualTo(prompt.passages().get("N1.1").quote());
        assertThat(answer.narrativeEvidence()).containsExactly("DocumentReference/hp");
        assertThat(answer.recommendations().get(0).evidence()).containsExactly("DocumentReference/hp");
        assertThat(answer.recommendations().get(0).claim().about()).isEqualTo("DocumentReference/hp");
    }

    @Test
    void notePassagesAnItemDoesNotCiteOrThePromptNeverHadGiveNoQuote() throws Exception {
        ChartPrompt prompt = notePrompt();
        String output = "{\"notes\":[{\"text\":\"Chest pain\",\"evidence\":[\"N9.9\"],\"claim\":{\"about\":\"N9.9\"}},"
                + "{\"text\":\"Plan\",\"evidence\":[\"N1.3\"],\"claim\":{\"about\":\"N1.1\"}},"
                + "{\"text\":\"Pneumonia\",\"evidence\":[\"C1\"]}]}";

        List<SummaryItem> notes = ModelAnswer.parse(output, prompt).section("notes");

        // An invented passage: marked evidence for the verifier to drop, no quote.
        assertThat(notes.get(0).evidence()).containsExactly("alias:N9.9");
        assertThat(notes.get(0).quote()).isNull();
        // A claim about a passage the item does not cite: the cited one is the quote.
        assertThat(notes.get(1).quote()).isEqualTo(prompt.passages().get("N1.3").quote());
        // A note item without a passage (no grammar held it): no quote; the verifier decides.
        assertThat(notes.get(2).quote()).isNull();
        // Parsed without the prompt (alias table only): no quotes at all.
        assertThat(ModelAnswer.parse(output.replace("N9.9", "N1.1"), prompt.aliases()).section("notes"))
                .allSatisfy(item -> assertThat(item.quote()).isNull());
    }
}
