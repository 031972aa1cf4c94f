package io.chartbrief.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.chartbrief.summary.model.NoteQuote;
import io.chartbrief.summary.model.SummaryItem;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text rendering of an inbox item's detail ({@code GET /api/inbox/{id}}) for the demo's terminal, in the
 * layout of {@link SummaryText}: header, the AI/extractive notice, narrative, sections, recommendations, the items
 * not verified against the chart (apart, labelled), verification and engine, each item followed by its evidence
 * references and, for a note item, where its quote lies in the note.
 */
final class InboxItemText {

    private InboxItemText() {
    }

    /** A note item of the inbox API as a summary item, for {@link SummaryText#source}'s line. */
    private static SummaryItem noteItem(JsonNode entry) {
        JsonNode q = entry.path("quote");
        NoteQuote quote = new NoteQuote(q.path("note").asText(null), q.path("section").asText(null),
                q.path("start").asInt(), q.path("end").asInt(), q.path("text").asText(null), q.path("title").asText(null));
        String date = q.path("date").asText(null);
        return new SummaryItem(entry.path("text").asText(), List.of(),
                date == null ? null : date.substring(0, Math.min(10, date.length())), null, quote);
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
                if (entry.path("quote").isObject()) {
                    text.append("    ").append(SummaryText.source(noteItem(entry))).append('\n');
                }
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
        JsonNode unverified = document.path("unverified");
        if (!unverified.isEmpty()) {
            text.append('\n').append(SummaryText.UNVERIFIED_HEADING).append('\n');
            for (JsonNode u : unverified) {
                text.append("  - (").append(SummaryText.partTitle(u.path("section").asText("unknown"))).append(") ")
                        .append(u.path("text").asText()).append(refs(u.path("evidence"))).append('\n')
                        .append("    not verified: ")
                        .append(u.path("reason").asText("the chart entries it cites do not establish it")).append('\n');
            }
        }
        text.append('\n').append("Verification: ").append(item.path("verification").asText("unknown"));
        JsonNode counts = document.path("verification");
        if (counts.isObject()) {
            text.append(" — ").append(counts.path("supported").asInt()).append(" of ").append(counts.path("items").asInt())
                    .append(" items supported");
            if (counts.path("unverifiable").asInt() > 0) {
                text.append(", ").append(counts.path("unverifiable").asInt()).append(" not verifiable");
            }
            if (counts.path("contradicted").asInt() > 0) {
                text.append(", ").append(counts.path("contradicted").asInt()).append(" removed as contradicted");
            }
        }
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
