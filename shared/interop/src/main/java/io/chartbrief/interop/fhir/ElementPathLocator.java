package io.chartbrief.interop.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds where in the submitted JSON an element HAPI complained about sits. HAPI's error handler names the element
 * (and the bad value) but not its path, so the path is recovered by walking the JSON: the first not yet claimed
 * occurrence of the element (with that value, when known) in document order, which is the order HAPI reports in.
 * Only used on the error path, so the second parse costs nothing for valid input.
 */
final class ElementPathLocator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Field(String path, String name, JsonNode node) {
    }

    private final List<Field> fields = new ArrayList<>();
    private final Set<String> claimed = new HashSet<>();

    private ElementPathLocator() {
    }

    /** A locator over the JSON text; finds nothing when the text does not parse. */
    static ElementPathLocator over(String json) {
        ElementPathLocator locator = new ElementPathLocator();
        try {
            JsonNode root = JSON.readTree(json);
            if (root != null && root.isObject()) {
                String rootName = root.path("resourceType").asText("");
                locator.walk(root, rootName.isEmpty() ? "$" : rootName);
            }
        } catch (IOException | RuntimeException e) {
            // No paths then: the issues still carry their diagnostics.
        }
        return locator;
    }

    /** The path of the next unclaimed occurrence of {@code element} (holding {@code value} when given), or null. */
    String locate(String element, String value) {
        if (element == null) {
            return null;
        }
        String path = find(element, value);
        if (path == null && value != null) {
            path = find(element, null);
        }
        if (path != null) {
            claimed.add(path);
        }
        return path;
    }

    private String find(String element, String value) {
        for (Field field : fields) {
            if (!field.name().equals(element)) {
                continue;
            }
            if (value == null) {
                if (!claimed.contains(field.path())) {
                    return field.path();
                }
            } else if (field.node().isArray()) {
                for (int i = 0; i < field.node().size(); i++) {
                    String itemPath = field.path() + "[" + i + "]";
                    if (holds(field.node().get(i), value) && !claimed.contains(itemPath)) {
                        return itemPath;
                    }
                }
            } else if (holds(field.node(), value) && !claimed.contains(field.path())) {
                return field.path();
            }
        }
        return null;
    }

    private static boolean holds(JsonNode node, String value) {
        return node.isValueNode() && value.equals(node.asText());
    }

    private void walk(JsonNode node, String path) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> child : node.properties()) {
                String childPath = path + "." + child.getKey();
                fields.add(new Field(childPath, child.getKey(), child.getValue()));
                walk(child.getValue(), childPath);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]");
            }
        }
    }
}
