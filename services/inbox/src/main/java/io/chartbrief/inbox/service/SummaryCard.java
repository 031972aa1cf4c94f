package io.chartbrief.inbox.service;

import io.chartbrief.inbox.service.CdsHooksJson.Card;
import io.chartbrief.inbox.service.CdsHooksJson.Coding;
import io.chartbrief.inbox.service.CdsHooksJson.Link;
import io.chartbrief.inbox.service.CdsHooksJson.Source;
import io.chartbrief.interop.summary.SummaryDocument.Content;
import io.chartbrief.interop.summary.SummaryDocument.Evidence;
import io.chartbrief.interop.summary.SummaryDocument.Item;
import io.chartbrief.interop.summary.SummaryDocument.Quote;
import io.chartbrief.interop.summary.SummaryDocument.RecommendationItem;
import io.chartbrief.interop.summary.SummaryDocument.Section;
import io.chartbrief.interop.summary.SummaryDocument.VerificationCounts;
import io.chartbrief.inbox.store.InboxItem;
import io.chartbrief.interop.event.SummaryDocumentProfile;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A summary as a CDS Hooks card: a one-line {@code summary} (under 140 characters, saying whether a model wrote
 * it), the verified sections and recommendations as markdown {@code detail} with the evidence each item cites,
 * {@code indicator} by the highest recommendation priority, and a link to the item in the inbox. Only what the
 * verifier kept is shown; the items it could not verify are counted and left to the inbox, where they are labelled.
 */
public final class SummaryCard {

    /** CDS Hooks: "One-sentence, &lt;140-character summary message". */
    static final int SUMMARY_MAX = 139;
    /** Items shown per section; the rest are counted (the card is read in a side panel, the inbox has them all). */
    static final int ITEMS_PER_SECTION = 8;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private SummaryCard() {
    }

    /**
     * The card of one inbox item.
     *
     * @param item           the item (its id is the card's uuid, so feedback names the item)
     * @param content        its stored content
     * @param evidence       display of each cited reference
     * @param inboxUrl       the inbox page's public URL
     * @param earlierEncounter whether the summary is of an encounter before the one the hook is about
     */
    public static Card of(InboxItem item, Content content, Map<String, Evidence> evidence, String inboxUrl,
            boolean earlierEncounter) {
        String date = item.createdAt() == null ? null : DAY.format(item.createdAt());
        StringBuilder summary = new StringBuilder(item.aiGenerated() ? "AI-generated summary" : "Chart summary");
        if (earlierEncounter) {
            summary.append(" of an earlier encounter");
        }
        if (date != null) {
            summary.append(" (").append(date).append(')');
        }
        summary.append(": ").append(item.headline() == null ? "" : item.headline());
        Map<String, Object> extension = new LinkedHashMap<>();
        extension.put("io.chartbrief.ai-generated", item.aiGenerated());
        extension.put("io.chartbrief.verification", item.verification());
        extension.put("io.chartbrief.engine", item.engine());
        Coding topic = item.aiGenerated() ? new Coding(SummaryDocumentProfile.OBSERVATION_VALUE,
                SummaryDocumentProfile.AI_ASSERTED, "Artificial Intelligence asserted") : null;
        String link = stripSlash(inboxUrl) + "/#item=" + item.id();
        return new Card(item.id().toString(), shorten(summary.toString(), SUMMARY_MAX),
                detail(item, content, evidence, earlierEncounter), indicator(content.recommendations()),
                new Source(sourceLabel(item, content), stripSlash(inboxUrl) + "/", topic),
                List.of(new Link("Open in the ChartBrief inbox", link, "absolute")), extension);
    }

    /** {@code critical} for a high-priority recommendation, {@code warning} for medium, else {@code info}. */
    static String indicator(List<RecommendationItem> recommendations) {
        boolean medium = false;
        for (RecommendationItem r : recommendations) {
            if ("high".equals(r.priority())) {
                return "critical";
            }
            medium |= "medium".equals(r.priority());
        }
        return medium ? "warning" : "info";
    }

    private static String sourceLabel(InboxItem item, Content content) {
        String model = content.engine() == null ? null : content.engine().model();
        if (model != null && !model.isBlank()) {
            return "ChartBrief (" + model + ")";
        }
        return item.aiGenerated() ? "ChartBrief (language model)" : "ChartBrief (extracted from the chart, no model)";
    }

    private static String detail(InboxItem item, Content content, Map<String, Evidence> evidence,
            boolean earlierEncounter) {
        StringBuilder md = new StringBuilder();
        md.append(item.aiGenerated()
                ? "**AI-generated** by a language model and checked against the chart by ChartBrief's verifier. "
                        + "Verify before acting."
                : "Extracted from the chart by ChartBrief (no language model).");
        md.append("\n\n");
        VerificationCounts counts = content.verification();
        if (counts != null) {
            md.append("Verified against the chart: ").append(counts.supported()).append(" of ").append(counts.items())
                    .append(" statements");
            if (counts.unverifiable() > 0) {
                md.append("; ").append(counts.unverifiable()).append(" could not be verified (listed apart in the inbox)");
            }
            if (counts.contradicted() > 0) {
                md.append("; ").append(counts.contradicted()).append(" contradicted by the chart and removed");
            }
            md.append(".\n\n");
        }
        if (earlierEncounter) {
            md.append("_This summary is of an earlier encounter; none has been written for this one yet._\n\n");
        }
        if (content.narrative() != null && !content.narrative().isBlank()) {
            md.append(escape(content.narrative())).append("\n\n");
        }
        for (Section section : content.sections()) {
            if (section.items().isEmpty()) {
                continue;
            }
            md.append("**").append(escape(section.title() == null ? section.code() : section.title())).append("**\n\n");
            int shown = 0;
            for (Item i : section.items()) {
                if (shown++ == ITEMS_PER_SECTION) {
                    md.append("- … ").append(section.items().size() - ITEMS_PER_SECTION).append(" more in the inbox\n");
                    break;
                }
                md.append("- ").append(escape(i.text()));
                if (i.quote() != null) {
                    md.append(" — ").append(quoteSource(i.quote()));
                }
                md.append(sources(i.evidence(), evidence)).append('\n');
            }
            md.append('\n');
        }
        if (!content.recommendations().isEmpty()) {
            md.append("**Recommendations**\n\n");
            for (RecommendationItem r : content.recommendations()) {
                md.append("- ");
                if (r.priority() != null) {
                    md.append("**").append(capitalized(r.priority())).append(" priority:** ");
                }
                md.append(escape(r.text()));
                if (r.rationale() != null && !r.rationale().isBlank()) {
                    md.append(" — ").append(escape(r.rationale()));
                }
                md.append(sources(r.evidence(), evidence)).append('\n');
            }
            md.append('\n');
        }
        return md.toString().stripTrailing();
    }

    private static String quoteSource(Quote quote) {
        StringBuilder from = new StringBuilder("quoted from ");
        from.append(quote.title() == null ? "a note" : escape(quote.title()));
        if (quote.date() != null) {
            from.append(", ").append(escape(quote.date()));
        }
        if (quote.heading() != null) {
            from.append(", ").append(escape(quote.heading()));
        }
        return "_" + from + "_";
    }

    /** The evidence an item cites, as {@code (source: display, date; …)}. */
    private static String sources(List<String> refs, Map<String, Evidence> evidence) {
        if (refs == null || refs.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(" (source: ");
        for (int i = 0; i < refs.size(); i++) {
            Evidence e = evidence.get(refs.get(i));
            if (i > 0) {
                out.append("; ");
            }
            out.append(escape(refs.get(i)));
            if (e != null && e.display() != null) {
                out.append(", ").append(escape(e.display()));
            }
            if (e != null && e.date() != null) {
                out.append(", ").append(escape(e.date()));
            }
        }
        return out.append(')').toString();
    }

    /**
     * Chart text as literal markdown: the characters that start markdown constructs (emphasis, code, links,
     * HTML, entities, headings, tables, strikethrough) are backslash-escaped, as is a leading list or block
     * marker, so chart content never becomes markup in the EHR; line breaks become spaces.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_[]<>#|~&".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
        }
        // "- x", "+ x", "1. x", "1) x" and "= x" at the start of a line would make a list or a heading.
        return out.toString().replaceFirst("^(\\s*)([-+=])", "$1\\\\$2").replaceFirst("^(\\s*\\d+)([.)])", "$1\\\\$2");
    }

    /** At most {@code max} characters, cut at a word boundary with an ellipsis. */
    static String shorten(String text, int max) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        if (oneLine.length() <= max) {
            return oneLine;
        }
        int cut = oneLine.lastIndexOf(' ', max - 1);
        if (cut < max / 2) {
            cut = max - 1;
        }
        return oneLine.substring(0, cut).stripTrailing() + "…";
    }

    private static String capitalized(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
