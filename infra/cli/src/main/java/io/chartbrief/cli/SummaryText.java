package io.chartbrief.cli;

import io.chartbrief.interop.summary.SummaryDocument.Quote;
import io.chartbrief.interop.summary.SummaryTextRenderer;
import io.chartbrief.summary.model.DroppedItem;
import io.chartbrief.summary.model.EngineInfo;
import io.chartbrief.summary.model.NoteQuote;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.Recommendation;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.model.TokenCounts;
import io.chartbrief.summary.model.Verification;
import java.util.List;
import java.util.Locale;

/**
 * A plain-text rendering of a summary for clinicians at a terminal. Only supported items are printed in the
 * sections; unverifiable items follow in a block of their own, labelled as not verified; contradicted items are
 * never printed (only counted).
 */
final class SummaryText {

    static final String AI_NOTICE = SummaryTextRenderer.AI_NOTICE;
    static final String EXTRACTIVE_NOTICE = SummaryTextRenderer.EXTRACTIVE_NOTICE;

    /** Heading of the block of unverifiable items. */
    static final String UNVERIFIED_HEADING = SummaryTextRenderer.UNVERIFIED_HEADING;

    private SummaryText() {
    }

    static String render(PatientSummary summary) {
        StringBuilder text = new StringBuilder();
        // A summary of unknown origin (no engine block, e.g. hand-made input to verify) gets the stricter notice.
        boolean ai = summary.engine() == null || EngineInfo.LLAMA.equals(summary.engine().kind());
        text.append("PATIENT SUMMARY  ").append(summary.patient());
        if (summary.encounter() != null) {
            text.append("  ").append(summary.encounter());
        }
        text.append('\n').append(ai ? AI_NOTICE : EXTRACTIVE_NOTICE).append("\n\n");

        if (!summary.narrative().isBlank()) {
            text.append(summary.narrative()).append(refs(summary.narrativeEvidence())).append("\n\n");
        }
        for (String section : PatientSummary.SECTIONS) {
            List<SummaryItem> items = summary.section(section);
            text.append(partTitle(section)).append('\n');
            if (items.isEmpty()) {
                text.append("  - none recorded\n");
            }
            for (SummaryItem item : items) {
                text.append("  - ").append(item.text()).append(refs(item.evidence())).append('\n');
                if (item.quote() != null) {
                    text.append("    ").append(source(item)).append('\n');
                }
            }
            text.append('\n');
        }
        text.append("Recommendations\n");
        if (summary.recommendations().isEmpty()) {
            text.append("  - none\n");
        }
        for (Recommendation r : summary.recommendations()) {
            text.append("  - [").append(r.priority().name().toLowerCase(Locale.ROOT)).append("] ").append(r.text());
            if (!r.rationale().isBlank()) {
                text.append(" — ").append(r.rationale());
            }
            text.append(refs(r.evidence())).append('\n');
        }
        List<DroppedItem> unverified = summary.verification() == null ? List.of() : summary.verification().unverified();
        if (!unverified.isEmpty()) {
            text.append('\n').append(UNVERIFIED_HEADING).append('\n');
            for (DroppedItem item : unverified) {
                text.append("  - (").append(partTitle(item.section())).append(") ")
                        .append(item.text() == null ? "" : item.text()).append(refs(item.evidence())).append('\n')
                        .append("    not verified: ").append(item.reason() == null ? "no reason given" : item.reason())
                        .append('\n');
            }
        }
        text.append('\n').append(verificationLine(summary.verification())).append('\n');
        text.append(engineLine(summary)).append('\n');
        return text.toString();
    }

    /**
     * Where a note item comes from: {@code from History and physical, 2026-11-01, assessment-and-plan, characters
     * 699-748}, and the passage when the item paraphrases it.
     */
    static String source(SummaryItem item) {
        NoteQuote q = item.quote();
        return SummaryTextRenderer.noteSource(new Quote(q.note(), q.section(), null, q.start(), q.end(), q.text(),
                q.title(), item.date(), null, null), item.text());
    }

    /** The heading of a part of the summary ({@code medications} → {@code Medications}), or the name as given. */
    static String partTitle(String part) {
        return SummaryTextRenderer.partTitle(part);
    }

    /**
     * {@code Verification: partially-verified — 7 of 9 items supported, 1 not verifiable (listed above), 1 removed
     * as contradicted}. A schema-1 account (no split of its unsupported items) says {@code N dropped} as it did.
     */
    static String verificationLine(Verification v) {
        if (v == null) {
            return "Verification: not run";
        }
        StringBuilder line = new StringBuilder("Verification: ").append(v.status().code()).append(" — ")
                .append(v.supported()).append(" of ").append(v.items()).append(" items supported");
        if (v.contradicted() + v.unverifiable() == v.unsupported()) {
            if (v.unverifiable() > 0) {
                line.append(", ").append(v.unverifiable()).append(" not verifiable")
                        .append(v.unverified().isEmpty() ? "" : " (listed above)");
            }
            if (v.contradicted() > 0) {
                line.append(", ").append(v.contradicted()).append(" removed as contradicted");
            }
        } else if (v.unsupported() > 0) {
            line.append(", ").append(v.unsupported()).append(" dropped");
        }
        return line.toString();
    }

    static String engineLine(PatientSummary summary) {
        EngineInfo engine = summary.engine();
        if (engine == null) {
            return "Engine: not recorded";
        }
        StringBuilder line = new StringBuilder("Engine: ").append(engine.kind());
        if (engine.model() != null) {
            line.append(" (").append(engine.model());
            if (engine.modelSha256() != null) {
                line.append(", sha256 ").append(engine.modelSha256(), 0, Math.min(12, engine.modelSha256().length()));
            }
            line.append(')');
        }
        if (engine.fallbackReason() != null) {
            line.append(" — fallback from llama: ").append(engine.fallbackReason());
        }
        line.append(" — ").append(summary.timings().totalMs()).append(" ms");
        TokenCounts tokens = summary.tokens();
        if (tokens.prompt() > 0 || tokens.output() > 0) {
            line.append(", ").append(tokens.prompt()).append(" prompt / ").append(tokens.output())
                    .append(" output tokens");
        }
        EngineInfo.Images images = engine.images();
        if (images != null) {
            line.append("\nImages: ").append(images.sent()).append(" read by the model");
            images.notSent().forEach(why -> line.append("\n  not read: ").append(why));
        }
        return line.toString();
    }

    private static String refs(List<String> evidence) {
        return evidence.isEmpty() ? "" : "  [" + String.join(", ", evidence) + "]";
    }
}
