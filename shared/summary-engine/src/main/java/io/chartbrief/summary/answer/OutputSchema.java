package io.chartbrief.summary.answer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartbrief.summary.llama.LlamaConfig;
import io.chartbrief.summary.model.PatientSummary;
import java.util.Collection;
import java.util.List;

/**
 * The JSON schema (summary schema 2) the model must answer in, made per prompt and turned into a llama.cpp grammar,
 * (in-process) or sent as the server's structured-output schema (remote engine), so every run yields this shape. Items cite evidence aliases ({@code "M2"}), not FHIR references; the engine maps
 * them back. Every alias position is an {@code enum} of exactly this prompt's aliases, so the model cannot invent a
 * reference. Each item and recommendation carries a {@code claim} in fields: {@code about} (an alias), optional
 * {@code value}/{@code unit}/{@code status}/{@code direction}, and for recommendations a required {@code action}.
 * Field order is the generation order: narrative first, recommendations last; text before evidence and claim.
 *
 * <p>The alias enum is written once under {@code $defs} and referenced ({@code $ref}), which llama.cpp's
 * json-schema-to-grammar turns into one grammar rule: the grammar grows by one alternative per alias, not by one
 * per alias and position (13 positions).
 *
 * <p>Note passages ({@code N2.3}) are aliases like the others — any section, the narrative and recommendations may
 * cite them — and also form a second enum, {@code $defs/noteAlias}: the {@code notes} section's evidence and claim
 * {@code about} may cite only passages, so every note item has a passage to quote. A prompt without passages has no
 * {@code notes} property at all (an empty enum has no grammar), so the model cannot write note items then.
 */
public final class OutputSchema {

    /** Statuses a claim may state (see {@link io.chartbrief.summary.model.ItemClaim#status()}). */
    public static final List<String> STATUSES = List.of("active", "resolved", "inactive", "stopped", "on-hold", "completed",
            "absent", "history");
    /** Directions a claim may state. */
    public static final List<String> DIRECTIONS = List.of("high", "low", "normal", "abnormal", "rising", "falling");
    /** Actions a recommendation's claim may state. */
    public static final List<String> ACTIONS = List.of("start", "continue", "increase", "decrease", "stop", "hold", "avoid",
            "monitor", "repeat", "consult", "review");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALIAS_REF = "#/$defs/alias";
    private static final String NOTE_ALIAS_REF = "#/$defs/noteAlias";
    /** The section whose items quote note passages. */
    static final String NOTES = "notes";
    /** Values and units are short by nature ("138", "mmol/L", "120/80"); a cap keeps a looping model in check. */
    private static final int VALUE_LENGTH = 24;

    private OutputSchema() {
    }

    /** The schema for a prompt without note passages. */
    public static String of(LlamaConfig.OutputLimits limits, Collection<String> aliases) {
        return of(limits, aliases, List.of());
    }

    /**
     * The schema for one prompt.
     *
     * @param limits       item counts and text lengths
     * @param aliases      the prompt's evidence aliases (facts and note passages), in prompt order; at least one (an
     *                     empty enum has no grammar)
     * @param noteAliases  the note passage aliases among them; none: no {@code notes} section
     */
    public static String of(LlamaConfig.OutputLimits limits, Collection<String> aliases, Collection<String> noteAliases) {
        if (aliases.isEmpty()) {
            throw new IllegalArgumentException("a prompt without facts has no output schema");
        }
        if (!aliases.containsAll(noteAliases)) {
            throw new IllegalArgumentException("note passage aliases must be prompt aliases");
        }
        ObjectNode root = object();
        ObjectNode defs = root.putObject("$defs");
        ArrayNode aliasEnum = defs.putObject("alias").putArray("enum");
        aliases.forEach(aliasEnum::add);
        if (!noteAliases.isEmpty()) {
            ArrayNode noteEnum = defs.putObject("noteAlias").putArray("enum");
            noteAliases.forEach(noteEnum::add);
        }
        ObjectNode properties = root.putObject("properties");
        ArrayNode required = root.putArray("required");
        properties.set("narrative", text(limits.narrativeLength()));
        properties.set("narrativeEvidence", evidence(limits));
        required.add("narrative").add("narrativeEvidence");
        for (String section : PatientSummary.SECTIONS) {
            boolean notes = section.equals(NOTES);
            if (notes && noteAliases.isEmpty()) {
                continue;
            }
            String ref = notes ? NOTE_ALIAS_REF : ALIAS_REF;
            ObjectNode item = object();
            ObjectNode itemProperties = item.putObject("properties");
            itemProperties.set("text", text(limits.textLength()));
            itemProperties.set("evidence", evidence(limits, ref));
            itemProperties.set("claim", claim(false, ref));
            item.putArray("required").add("text").add("evidence").add("claim");
            properties.set(section, array(item, limits.itemsPerSection()));
            required.add(section);
        }
        ObjectNode recommendation = object();
        ObjectNode recommendationProperties = recommendation.putObject("properties");
        recommendationProperties.set("text", text(limits.textLength()));
        recommendationProperties.set("priority", choice(List.of("high", "medium", "low")));
        recommendationProperties.set("rationale", text(limits.textLength()));
        recommendationProperties.set("evidence", evidence(limits));
        recommendationProperties.set("claim", claim(true, ALIAS_REF));
        recommendation.putArray("required").add("text").add("priority").add("rationale").add("evidence").add("claim");
        properties.set("recommendations", array(recommendation, limits.itemsPerSection()));
        required.add("recommendations");
        return root.toString();
    }

    /**
     * A claim: {@code about} is required (every item is about some fact); value, unit, status and direction are
     * optional because most items state only some of them, and a forced field would make the model invent one.
     */
    private static ObjectNode claim(boolean recommendation, String aliasRef) {
        ObjectNode claim = object();
        ObjectNode properties = claim.putObject("properties");
        properties.set("about", alias(aliasRef));
        if (recommendation) {
            properties.set("action", choice(ACTIONS));
        }
        properties.set("value", text(VALUE_LENGTH));
        properties.set("unit", text(VALUE_LENGTH));
        properties.set("status", choice(STATUSES));
        properties.set("direction", choice(DIRECTIONS));
        ArrayNode required = claim.putArray("required").add("about");
        if (recommendation) {
            required.add("action");
        }
        return claim;
    }

    private static ObjectNode object() {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "object");
        node.put("additionalProperties", false);
        return node;
    }

    private static ObjectNode text(int maxLength) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "string");
        node.put("maxLength", maxLength);
        return node;
    }

    private static ObjectNode choice(List<String> values) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode options = node.putArray("enum");
        values.forEach(options::add);
        return node;
    }

    private static ObjectNode alias(String ref) {
        ObjectNode node = JSON.createObjectNode();
        node.put("$ref", ref);
        return node;
    }

    private static ObjectNode evidence(LlamaConfig.OutputLimits limits) {
        return evidence(limits, ALIAS_REF);
    }

    private static ObjectNode evidence(LlamaConfig.OutputLimits limits, String aliasRef) {
        ObjectNode node = array(alias(aliasRef), limits.evidencePerItem());
        node.put("minItems", 1);
        return node;
    }

    private static ObjectNode array(ObjectNode items, int maxItems) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "array");
        node.set("items", items);
        node.put("maxItems", maxItems);
        return node;
    }
}
