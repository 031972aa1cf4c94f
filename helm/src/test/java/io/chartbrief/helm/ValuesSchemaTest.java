package io.chartbrief.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * values.schema.json covers the values: every value of values.yaml is a named property of the schema (with a
 * type, enum or const), and every object with named properties is closed ({@code additionalProperties: false}),
 * so helm refuses a mistyped value instead of ignoring it. Free-form maps (annotations, node selectors, config)
 * are the only open objects.
 */
class ValuesSchemaTest {

    private final JsonNode schema = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(RenderedChart.CHART.resolve("values.schema.json").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyDefaultValueIsANamedPropertyOfAClosedObject() {
        List<String> problems = new ArrayList<>();
        walk("", RenderedChart.readYaml(RenderedChart.CHART.resolve("values.yaml")), schema, problems);
        assertThat(problems).isEmpty();
    }

    private static void walk(String path, JsonNode value, JsonNode schema, List<String> problems) {
        if (!schema.has("type") && !schema.has("enum") && !schema.has("const")) {
            problems.add(path + ": no type");
        }
        if (!value.isObject() || !schema.has("properties")) {
            return;
        }
        if (!schema.path("additionalProperties").isBoolean() || schema.get("additionalProperties").asBoolean()) {
            problems.add(path + ": object with properties but not closed (additionalProperties: false)");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            JsonNode childSchema = schema.get("properties").get(field.getKey());
            if (childSchema == null) {
                problems.add(child + ": not in the schema");
            } else {
                walk(child, field.getValue(), childSchema, problems);
            }
        }
    }

    @Test
    void everyServiceSectionIsDescribed() {
        for (String service : java.util.stream.Stream.concat(RenderedManifestsTest.SERVICES.stream(),
                RenderedManifestsTest.OPTIONAL_SERVICES.stream()).toList()) {
            assertThat(schema.at("/properties/" + service + "/description").asText()).as(service).isNotBlank();
            assertThat(schema.at("/properties/" + service + "/properties/resources/required").toString())
                    .as(service + " resources need requests and limits").contains("requests", "limits");
        }
    }
}
