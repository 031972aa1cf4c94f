package io.chartbrief.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text rendering of an inbox item's detail ({@code GET /api/inbox/{id}}) for the demo's terminal, in the
 * layout of {@link SummaryText}: header, the AI/extractive notice, narrative, sections, recommendations,
 * verification and engine, each item followed by its evidence references.
 */
final class InboxItemText {

    private InboxItemText() {
    }

    static String render(JsonNode item, String patientName) {
        JsonNode document = item.path("document");
        StringBuilder text = new StringBuilder();
        text.append("INBOX ITEM ").append(item.path("id").asText()).append("  ").append(patientName)
                .append("  ").append(item.path("patient").asText()).append("  ").append(item.path("encounter").asText());
        if (!item.path("unit").asText("").isEmpty()) {
            text.append("  unit ").append(item.path("unit").asText());
        }
        text.append('\n');
        boolean ai = item.path("aiGenerated").asBoolean(false)
                || "llama".equals(document.path("engine").path("kind").asText(item.path("engine").asText()));
        text.append(ai ? SummaryText.AI_NOTICE : SummaryText.EXTRACTIVE_NOTICE).append("\n\n");
        if (!document.path("title").asText("").isEmpty()) {
            text.append(document.path("title").asText()).append('\n');
        }
        if (!document.path("narrative").asText("").isEmpty()) {
            text.append(document.path("narrative").asText()).append("\n\n");
        }
        for (JsonNode section : document.path("sections")) {
            text.append(section.path("title").asText()).append('\n');
            if (section.path("items").isEmpty()) {
                text.append("  - none recorded\n");
            }
            for (JsonNode entry : section.path("items")) {
                text.append("  - ").append(entry.path("text").asText()).append(refs(entry.path("evidence"))).append('\n');
            }
            text.append('\n');
        }
        text.append("Recommendations\n");
        if (document.path("recommendations").isEmpty()) {
            text.append("  - none\n");
        }
        for (JsonNode r : document.path("recommendations")) {
            text.append("  - [").append(r.path("priority").asText("?")).append("] ").append(r.path("text").asText());
            if (!r.path("rationale").asText("").isBlank()) {
                text.append(" — ").append(r.path("rationale").asText());
            }
            text.append(refs(r.path("evidence"))).append('\n');
        }
        text.append('\n').append("Verification: ").append(item.path("verification").asText("unknown"));
        JsonNode engine = document.path("engine");
        text.append("   Engine: ").append(engine.path("kind").asText(item.path("engine").asText("unknown")));
        if (!engine.path("model").isMissingNode() && !engine.path("model").isNull()) {
            text.append(" (").append(engine.path("model").asText()).append(')');
        }
        text.append('\n');
        return text.toString();
    }

    private static String refs(JsonNode evidence) {
        List<String> refs = new ArrayList<>();
        evidence.forEach(e -> refs.add(e.asText()));
        return refs.isEmpty() ? "" : "  [" + String.join(", ", refs) + "]";
    }
}
