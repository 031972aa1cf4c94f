package io.chartbrief.summary.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kherud.llama.LlamaModel;
import io.chartbrief.summary.llama.LlamaConfig;
import io.chartbrief.summary.model.PatientSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The per-prompt schema 2 and the grammar llama.cpp makes of it (the converter is native but needs no model). */
class OutputSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LlamaConfig.OutputLimits LIMITS = new LlamaConfig.OutputLimits(3, 50, 100, 2);
    private final List<String> aliases = List.of("D1", "E1", "C1", "C2", "M1", "L1");

    @Test
    void evidenceAndAboutAreAnEnumOfExactlyThePromptsAliases() throws Exception {
        JsonNode schema = JSON.readTree(OutputSchema.of(LIMITS, aliases));

        assertThat(strings(schema.at("/$defs/alias/enum"))).containsExactlyElementsOf(aliases);
        assertThat(schema.at("/properties/narrativeEvidence/items/$ref").asText()).isEqualTo("#/$defs/alias");
        // Without note passages there is no notes section (an empty enum has no grammar).
        assertThat(schema.at("/properties/notes").isMissingNode()).isTrue();
        assertThat(schema.at("/$defs/noteAlias").isMissingNode()).isTrue();
        for (String section : PatientSummary.SECTIONS) {
            if (section.equals("notes")) {
                continue;
            }
            JsonNode item = schema.at("/properties/" + section + "/items");
            assertThat(item.at("/properties/evidence/items/$ref").asText()).as(section).isEqualTo("#/$defs/alias");
            assertThat(item.at("/properties/evidence/minItems").asInt()).isEqualTo(1);
            assertThat(item.at("/properties/evidence/maxItems").asInt()).isEqualTo(2);
            assertThat(item.at("/properties/claim/properties/about/$ref").asText()).isEqualTo("#/$defs/alias");
            assertThat(strings(item.get("required"))).containsExactly("text", "evidence", "claim");
            assertThat(strings(item.at("/properties/claim/required"))).containsExactly("about");
            assertThat(item.at("/properties/claim/properties/action").isMissingNode()).isTrue();
        }
        JsonNode recommendation = schema.at("/properties/recommendations/items");
        assertThat(recommendation.at("/properties/claim/properties/about/$ref").asText()).isEqualTo("#/$defs/alias");
        assertThat(strings(recommendation.at("/properties/claim/required"))).containsExactly("about", "action");
    }

    @Test
    void notesItemsCiteOnlyNotePassagesWhileEverySectionMayCiteThem() throws Exception {
        List<String> all = List.of("D1", "C1", "M1", "N1.1", "N1.2", "N2.1");
        JsonNode schema = JSON.readTree(OutputSchema.of(LIMITS, all, List.of("N1.1", "N1.2", "N2.1")));

        assertThat(strings(schema.at("/$defs/alias/enum"))).containsExactlyElementsOf(all);
        assertThat(strings(schema.at("/$defs/noteAlias/enum"))).containsExactly("N1.1", "N1.2", "N2.1");
        JsonNode notes = schema.at("/properties/notes");
        assertThat(notes.at("/maxItems").asInt()).isEqualTo(3);
        assertThat(notes.at("/items/properties/evidence/items/$ref").asText()).isEqualTo("#/$defs/noteAlias");
        assertThat(notes.at("/items/properties/evidence/minItems").asInt()).isEqualTo(1);
        assertThat(notes.at("/items/properties/claim/properties/about/$ref").asText()).isEqualTo("#/$defs/noteAlias");
        assertThat(strings(notes.at("/items/required"))).containsExactly("text", "evidence", "claim");
        assertThat(strings(schema.get("required"))).containsExactly("narrative", "narrativeEvidence", "problems",
                "medications", "allergies", "results", "vitals", "notes", "recommendations");
        // The other sections, the narrative and recommendations cite any alias, passages included.
        assertThat(schema.at("/properties/problems/items/properties/evidence/items/$ref").asText())
                .isEqualTo("#/$defs/alias");
        assertThat(schema.at("/properties/recommendations/items/properties/claim/properties/about/$ref").asText())
                .isEqualTo("#/$defs/alias");
        assertThatThrownBy(() -> OutputSchema.of(LIMITS, List.of("D1"), List.of("N1.1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void llamaCppTurnsDottedPassageAliasesIntoTheirOwnRule() {
        String grammar = LlamaModel.jsonSchemaToGrammar(OutputSchema.of(LIMITS, List.of("D1", "N1.1", "N12.34"),
                List.of("N1.1", "N12.34")));

        assertThat(grammar.lines().filter(line -> line.startsWith("noteAlias ::=")))
                .singleElement().asString().contains("\"\\\"N1.1\\\"\"").contains("\"\\\"N12.34\\\"\"")
                .doesNotContain("D1");
        assertThat(grammar.lines().filter(line -> line.startsWith("alias ::="))).singleElement().asString()
                .contains("\"\\\"D1\\\"\"").contains("\"\\\"N12.34\\\"\"");
    }

    @Test
    void claimFieldsAreTheDocumentedEnums() throws Exception {
        JsonNode claim = JSON.readTree(OutputSchema.of(LIMITS, aliases))
                .at("/properties/recommendations/items/properties/claim/properties");

        assertThat(strings(claim.at("/status/enum"))).containsExactly("active", "resolved", "inactive", "stopped",
                "on-hold", "completed", "absent", "history");
        assertThat(strings(claim.at("/direction/enum"))).containsExactly("high", "low", "normal", "abnormal",
                "rising", "falling");
        assertThat(strings(claim.at("/action/enum"))).containsExactly("start", "continue", "increase", "decrease",
                "stop", "hold", "avoid", "monitor", "repeat", "consult", "review");
        assertThat(claim.at("/value/type").asText()).isEqualTo("string");
        assertThat(claim.at("/unit/type").asText()).isEqualTo("string");
    }

    @Test
    void schemaNamesEverySectionWithLimits() {
        String schema = OutputSchema.of(LIMITS, aliases);

        assertThat(schema).contains("\"narrative\":{\"type\":\"string\",\"maxLength\":100}")
                .contains("\"problems\"", "\"medications\"", "\"allergies\"", "\"results\"", "\"vitals\"",
                        "\"recommendations\"", "\"maxItems\":3", "\"enum\":[\"high\",\"medium\",\"low\"]");
        assertThatThrownBy(() -> OutputSchema.of(LIMITS, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void llamaCppMakesOneAliasRuleSoTheGrammarStaysSmallFor200Aliases() {
        List<String> many = new ArrayList<>();
        IntStream.rangeClosed(1, 40).forEach(i -> List.of("C", "M", "L", "V", "E").forEach(l -> many.add(l + i)));

        String small = LlamaModel.jsonSchemaToGrammar(OutputSchema.of(LIMITS, aliases));
        String large = LlamaModel.jsonSchemaToGrammar(OutputSchema.of(LIMITS, many));

        assertThat(small).contains("alias ::= (\"\\\"D1\\\"\" | \"\\\"E1\\\"\" | \"\\\"C1\\\"\"")
                .contains("\"\\\"on-hold\\\"\"").contains("\"\\\"consult\\\"\"");
        assertThat(large.lines().filter(line -> line.contains("\"\\\"M17\\\"\""))).hasSize(1);
        // One alternative per alias in one rule (~13 characters each), not one per alias and position (13 positions).
        assertThat(large.length() - small.length()).isLessThan(16 * (many.size() - aliases.size()));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
