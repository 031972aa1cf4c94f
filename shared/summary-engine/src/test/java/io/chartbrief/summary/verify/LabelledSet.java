package io.chartbrief.summary.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labelled set: the hand-written cases ({@value #HAND_WRITTEN}) plus the items generated from each available
 * chart. Hand-written cases win over a generated item with the same key; a key labelled both ways is a conflict the
 * sanity test reports.
 */
final class LabelledSet {

    static final String HAND_WRITTEN = "/verifier-set/hand-written.json";
    /** Hand-written note items (quotes and paraphrases of the set's note charts). */
    static final String HAND_WRITTEN_NOTES = "/verifier-set/note-items.json";

    /** The intentionally unresolvable id used by fabricated items ("Condition/not-in-chart"). */
    static final String NOT_IN_CHART = "not-in-chart";

    /**
     * @param items      every item, hand-written first
     * @param charts     the charts used, in order
     * @param conflicts  keys labelled faithful in one place and unsafe in another
     */
    record Built(List<LabelledItem> items, List<String> charts, List<String> conflicts) {
    }

    private LabelledSet() {
    }

    /** Every hand-written case, whether or not its chart is available in this run. */
    static List<LabelledItem> handWritten() {
        List<LabelledItem> items = new ArrayList<>(handWritten(HAND_WRITTEN));
        items.addAll(handWritten(HAND_WRITTEN_NOTES));
        return items;
    }

    private static List<LabelledItem> handWritten(String resource) {
        try (InputStream in = LabelledSet.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<LabelledItem> items = new ArrayList<>();
            for (JsonNode node : root.get("items")) {
                items.add(item(node));
            }
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LabelledItem item(JsonNode node) {
        Category category = Category.of(required(node, "category"));
        String label = required(node, "label");
        if (!label.equals(category.label())) {
            throw new IllegalArgumentException("label " + label + " does not match category " + category.code() + ": "
                    + node.get("text"));
        }
        List<String> evidence = new ArrayList<>();
        node.get("evidence").forEach(e -> evidence.add(e.asText()));
        LabelledItem.QuoteSpec quote = null;
        JsonNode q = node.get("quote");
        if (q != null) {
            quote = new LabelledItem.QuoteSpec(required(q, "note"), optional(q, "section"), required(q, "text"),
                    q.has("start") ? q.get("start").asInt() : null, q.has("occurrence") ? q.get("occurrence").asInt() : 1,
                    q.has("shift") ? q.get("shift").asInt() : 0);
        }
        return new LabelledItem("hand", required(node, "chart"), required(node, "section"), required(node, "text"),
                evidence, optional(node, "date"), optional(node, "recommendationRationale"), category,
                required(node, "rationale"), quote);
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.asText().isBlank()) {
            throw new IllegalArgumentException("hand-written item without " + field + ": " + node);
        }
        return value.asText();
    }

    private static String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The set for this run: the core charts, plus the corpus's Synthea charts when the corpus is present. */
    static Built build(ConformanceCharts charts) {
        List<String> names = new ArrayList<>(ConformanceCharts.CORE);
        names.addAll(charts.corpusCharts());
        names.addAll(charts.corpusNoteCharts());
        Map<String, LabelledItem> byKey = new LinkedHashMap<>();
        List<String> conflicts = new ArrayList<>();
        for (LabelledItem item : handWritten()) {
            if (charts.available(item.chart())) {
                byKey.putIfAbsent(item.key(), item);
            }
        }
        for (String name : names) {
            for (LabelledItem item : GeneratedItems.generate(name, charts.chart(name))) {
                LabelledItem seen = byKey.putIfAbsent(item.key(), item);
                if (seen != null && seen.faithful() != item.faithful()) {
                    conflicts.add(item.key() + " (" + seen.source() + " " + seen.category().code() + " vs "
                            + item.source() + " " + item.category().code() + ")");
                }
            }
        }
        return new Built(new ArrayList<>(byKey.values()), names, conflicts);
    }
}
