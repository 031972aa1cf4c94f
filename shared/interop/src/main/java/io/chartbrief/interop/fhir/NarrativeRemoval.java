package io.chartbrief.interop.fhir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Takes the narratives ({@code text.div}, Composition section {@code text}) out of a FHIR JSON body. Vendor
 * exports (Epic's and MEDITECH's IPS documents) carry narrative XHTML that HAPI cannot parse; ChartBrief never reads
 * narrative, so a submission that fails only because of it is taken without it, with a warning, rather than refused.
 */
final class NarrativeRemoval {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param json   the body without narratives
     * @param count  how many narratives were removed
     * @param first  where the first one was, as a FHIRPath-like location ({@code Bundle.entry[3].resource.text})
     */
    record Stripped(String json, int count, String first) {
    }

    private NarrativeRemoval() {
    }

    /** The body without its narratives, or {@code null} when it is not JSON or has none. */
    static Stripped strip(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
        if (!(root instanceof ObjectNode object)) {
            return null;
        }
        String type = object.path("resourceType").asText("Resource");
        int[] count = {0};
        String[] first = {null};
        walk(object, type, count, first);
        if (count[0] == 0) {
            return null;
        }
        try {
            return new Stripped(JSON.writeValueAsString(root), count[0], first[0]);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static void walk(JsonNode node, String path, int[] count, String[] first) {
        if (node instanceof ObjectNode object) {
            JsonNode text = object.get("text");
            if (text instanceof ObjectNode narrative && narrative.has("div")) {
                object.remove("text");
                count[0]++;
                first[0] = first[0] == null ? path + ".text" : first[0];
            }
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                walk(field.getValue(), path + "." + field.getKey(), count, first);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                walk(array.get(i), path + "[" + i + "]", count, first);
            }
        }
    }
}
