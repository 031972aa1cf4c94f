package io.chartbrief.ingest.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Mutated FHIR submissions from valid seeds: structural mutations of the JSON (wrong types, removed and unknown
 * elements, other resource types, huge arrays, deep nesting, NUL and control characters, huge numbers) and byte
 * mutations of the text (flips, truncation, invalid UTF-8), to random endpoints and media types.
 * Deterministic for a given seed.
 */
final class FhirMutator {

    /** One request: path under the service root, media type (null: none), body. */
    record Request(String path, String contentType, byte[] body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TYPES = {"Patient", "Observation", "Bundle", "Encounter", "Basic", "NotAType", ""};
    private static final String[] MEDIA = {"application/fhir+json", "application/fhir+json", "application/json",
            "text/plain", null};

    private final List<JsonNode> seeds = new ArrayList<>();
    private final Random random;

    FhirMutator(List<String> seedJson, Random random) throws Exception {
        for (String s : seedJson) {
            seeds.add(JSON.readTree(s));
        }
        this.random = random;
    }

    Request next() throws Exception {
        JsonNode seed = seeds.get(random.nextInt(seeds.size())).deepCopy();
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            seed = mutate(seed, 0);
        }
        byte[] body = JSON.writeValueAsBytes(seed);
        if (random.nextInt(5) == 0) {
            body = bytes(body);
        }
        String type = seed.path("resourceType").asText("");
        String path = switch (random.nextInt(4)) {
            case 0 -> "/fhir/r4";
            case 1 -> "/fhir/r4/" + TYPES[random.nextInt(TYPES.length)];
            // the path comes from the (mutated) body only when it is a plausible type name: URLs are not fuzzed
            default -> "Bundle".equals(type) || !type.matches("[A-Za-z]{1,64}") ? "/fhir/r4" : "/fhir/r4/" + type;
        };
        String media = random.nextInt(8) == 0 ? MEDIA[random.nextInt(MEDIA.length)] : "application/fhir+json";
        return new Request(path, media, body);
    }

    private JsonNode mutate(JsonNode node, int depth) {
        if (node.isObject() && !node.isEmpty() && random.nextInt(3) > 0 && depth < 12) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            object.set(name, mutate(object.get(name), depth + 1));
            return object;
        }
        if (node.isArray() && !node.isEmpty() && random.nextInt(3) > 0 && depth < 12) {
            ArrayNode array = (ArrayNode) node;
            int at = random.nextInt(array.size());
            array.set(at, mutate(array.get(at), depth + 1));
            return array;
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(14)) {
            case 0 -> f.numberNode(random.nextLong());
            case 1 -> f.textNode("x\u0000y");
            case 2 -> f.textNode("\u0001\u001f" + "z".repeat(random.nextInt(50)));
            case 3 -> f.nullNode();
            case 4 -> f.booleanNode(random.nextBoolean());
            case 5 -> f.arrayNode().add(node).add(node.deepCopy());
            case 6 -> f.objectNode().put("resourceType", TYPES[random.nextInt(TYPES.length)]);
            case 7 -> nested(1 + random.nextInt(random.nextInt(10) == 0 ? 900 : 40));
            case 8 -> f.textNode("9".repeat(1 + random.nextInt(10_000)));
            case 9 -> {
                ArrayNode many = f.arrayNode();
                int count = random.nextInt(random.nextInt(10) == 0 ? 15_000 : 50);
                for (int i = 0; i < count; i++) {
                    many.add(f.objectNode());
                }
                yield many;
            }
            case 10 -> {
                if (node.isObject()) {
                    ((ObjectNode) node).put("unknownElement" + random.nextInt(5), "v");
                }
                yield node;
            }
            case 11 -> {
                if (node.isObject() && !node.isEmpty()) {
                    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                    fields.next();
                    fields.remove();
                }
                yield node;
            }
            case 12 -> f.numberNode(new java.math.BigDecimal("1e" + random.nextInt(400)));
            default -> f.textNode("");
        };
    }

    private static JsonNode nested(int depth) {
        JsonNode inner = JsonNodeFactory.instance.numberNode(1);
        for (int i = 0; i < depth; i++) {
            inner = JsonNodeFactory.instance.arrayNode().add(inner);
        }
        return inner;
    }

    private byte[] bytes(byte[] in) {
        byte[] out = in.clone();
        if (out.length == 0) {
            return out;
        }
        int at = random.nextInt(out.length);
        switch (random.nextInt(4)) {
            case 0 -> out[at] = (byte) random.nextInt(256);
            case 1 -> out[at] = (byte) 0xC3;
            case 2 -> out[at] = 0;
            default -> {
                return java.util.Arrays.copyOf(out, at);
            }
        }
        return out;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
