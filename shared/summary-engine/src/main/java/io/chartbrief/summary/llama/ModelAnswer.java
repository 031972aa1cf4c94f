package io.chartbrief.summary.llama;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.summary.SummaryEngineException;
import io.chartbrief.summary.SummaryEngineException.Reason;
import io.chartbrief.summary.model.Priority;
import io.chartbrief.summary.model.Recommendation;
import io.chartbrief.summary.model.SummaryItem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the model's answer: strips MedGemma thinking blocks ({@code <unused94>…<unused95>}), parses the JSON, and
 * maps evidence aliases back to {@code ResourceType/id} through the prompt's alias table. An alias the prompt
 * never had is kept as {@code alias:X9} so the verifier drops the item with that reason.
 */
final class ModelAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern THINKING = Pattern.compile("<unused94>.*?(<unused95>|$)", Pattern.DOTALL);

    private final JsonNode root;
    private final Map<String, List<String>> aliases;

    private ModelAnswer(JsonNode root, Map<String, List<String>> aliases) {
        this.root = root;
        this.aliases = aliases;
    }

    /** Parses model output. */
    static ModelAnswer parse(String output, Map<String, List<String>> aliases) throws SummaryEngineException {
        String answer = stripThinking(output).trim();
        int start = answer.indexOf('{');
        int end = answer.lastIndexOf('}');
        if (start < 0 || end < start) {
            throw new SummaryEngineException(Reason.UNPARSEABLE, "no JSON object in model output");
        }
        try {
            JsonNode root = JSON.readTree(answer.substring(start, end + 1));
            if (!root.isObject()) {
                throw new SummaryEngineException(Reason.UNPARSEABLE, "model output is not a JSON object");
            }
            return new ModelAnswer(root, aliases);
        } catch (JsonProcessingException e) {
            throw new SummaryEngineException(Reason.UNPARSEABLE, "model output is not valid JSON (line "
                    + e.getLocation().getLineNr() + ")");
        }
    }

    /** Output without thinking blocks (an unterminated block is cut to the end). */
    static String stripThinking(String output) {
        return THINKING.matcher(output).replaceAll("");
    }

    String narrative() {
        return root.path("narrative").asText("");
    }

    List<String> narrativeEvidence() {
        return evidence(root.path("narrativeEvidence"));
    }

    List<SummaryItem> section(String name) {
        List<SummaryItem> items = new ArrayList<>();
        for (JsonNode item : root.path(name)) {
            String text = item.path("text").asText("").trim();
            if (!text.isEmpty()) {
                items.add(new SummaryItem(text, evidence(item.path("evidence")), null));
            }
        }
        return items;
    }

    List<Recommendation> recommendations() {
        List<Recommendation> items = new ArrayList<>();
        for (JsonNode item : root.path("recommendations")) {
            String text = item.path("text").asText("").trim();
            if (!text.isEmpty()) {
                items.add(new Recommendation(text, Priority.of(item.path("priority").asText(null)),
                        item.path("rationale").asText("").trim(), evidence(item.path("evidence"))));
            }
        }
        return items;
    }

    private List<String> evidence(JsonNode node) {
        Set<String> refs = new LinkedHashSet<>();
        for (JsonNode alias : node) {
            String key = alias.asText("").replace("[", "").replace("]", "").trim();
            List<String> mapped = aliases.get(key);
            if (mapped == null) {
                refs.add("alias:" + key);
            } else {
                refs.addAll(mapped);
            }
        }
        return List.copyOf(refs);
    }
}
