package io.chartbrief.summary.llama;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartbrief.summary.model.PatientSummary;

/**
 * The JSON schema the model must answer in (turned into a llama.cpp grammar, so every run yields this shape).
 * Items cite evidence aliases ({@code "M2"}), not FHIR references; the engine maps them back. Field order is the
 * generation order: narrative first, recommendations last.
 */
final class OutputSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALIAS = "^[A-Z][0-9]{1,3}$";

    private OutputSchema() {
    }

    static String of(LlamaConfig.OutputLimits limits) {
        ObjectNode root = object();
        ObjectNode properties = root.putObject("properties");
        ArrayNode required = root.putArray("required");
        properties.set("narrative", text(limits.narrativeLength()));
        properties.set("narrativeEvidence", evidence(limits));
        required.add("narrative").add("narrativeEvidence");
        for (String section : PatientSummary.SECTIONS) {
            ObjectNode item = object();
            item.putObject("properties").<ObjectNode>set("text", text(limits.textLength()))
                    .set("evidence", evidence(limits));
            item.putArray("required").add("text").add("evidence");
            properties.set(section, array(item, limits.itemsPerSection()));
            required.add(section);
        }
        ObjectNode recommendation = object();
        ObjectNode recommendationProperties = recommendation.putObject("properties");
        recommendationProperties.set("text", text(limits.textLength()));
        ObjectNode priority = recommendationProperties.putObject("priority");
        priority.putArray("enum").add("high").add("medium").add("low");
        recommendationProperties.set("rationale", text(limits.textLength()));
        recommendationProperties.set("evidence", evidence(limits));
        recommendation.putArray("required").add("text").add("priority").add("rationale").add("evidence");
        properties.set("recommendations", array(recommendation, limits.itemsPerSection()));
        required.add("recommendations");
        return root.toString();
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

    private static ObjectNode evidence(LlamaConfig.OutputLimits limits) {
        ObjectNode alias = JSON.createObjectNode();
        alias.put("type", "string");
        alias.put("pattern", ALIAS);
        ObjectNode node = array(alias, limits.evidencePerItem());
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
