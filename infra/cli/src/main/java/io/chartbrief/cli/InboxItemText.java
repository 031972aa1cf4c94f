package io.chartbrief.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.interop.summary.SummaryDocument.Content;
import io.chartbrief.interop.summary.SummaryTextRenderer;

/**
 * A plain-text rendering of an inbox item's detail ({@code GET /api/inbox/{id}}) for the demo's terminal: the item
 * header, then the document's content as the shared {@link SummaryTextRenderer} writes it (notice, narrative,
 * sections, recommendations, items not verified against the chart, verification and engine).
 */
final class InboxItemText {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

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
        String engine = document.path("engine").path("kind").asText(item.path("engine").asText("unknown"));
        boolean ai = item.path("aiGenerated").asBoolean(false) || "llama".equals(engine);
        Content content;
        try {
            content = JSON.treeToValue(document.isObject() ? document : JSON.createObjectNode(), Content.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the inbox answered an item detail that is not a summary document", e);
        }
        return text.append(SummaryTextRenderer.render(content, ai, item.path("verification").asText("unknown"), engine))
                .toString();
    }
}
