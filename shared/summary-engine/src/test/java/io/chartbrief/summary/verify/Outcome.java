package io.chartbrief.summary.verify;

import io.chartbrief.summary.model.DroppedItem;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.Recommendation;
import io.chartbrief.summary.model.SummaryItem;
import java.util.List;
import java.util.stream.Collectors;

/** What the verifier did with one labelled item, read from the verified one-item summary. */
record Outcome(Kind kind, String reason) {

    enum Kind { SUPPORTED, CONTRADICTED, UNVERIFIABLE }

    /**
     * Reads the outcome. A narrative counts as supported only when it survives whole: the verifier removes the
     * clauses it cannot support, and a narrative missing a clause is not the item that was labelled. When some
     * clauses are contradicted and others unverifiable, contradicted wins (the stronger verdict).
     */
    static Outcome of(LabelledItem item, PatientSummary verified) {
        List<DroppedItem> dropped = mine(item, verified.verification().dropped());
        List<DroppedItem> unverified = mine(item, verified.verification().unverified());
        if (kept(item, verified)) {
            return new Outcome(Kind.SUPPORTED, "");
        }
        if (!dropped.isEmpty()) {
            return new Outcome(Kind.CONTRADICTED, reasons(dropped));
        }
        if (!unverified.isEmpty()) {
            return new Outcome(Kind.UNVERIFIABLE, reasons(unverified));
        }
        // Removed without an account: not shown as verified, so it reads as not established.
        return new Outcome(Kind.UNVERIFIABLE, "removed with no entry in dropped or unverified");
    }

    private static boolean kept(LabelledItem item, PatientSummary verified) {
        switch (item.section()) {
            case LabelledItem.NARRATIVE:
                return squeeze(verified.narrative()).contains(squeeze(item.text()));
            case LabelledItem.RECOMMENDATIONS:
                return verified.recommendations().stream().map(Recommendation::text).anyMatch(item.text()::equals);
            default:
                return verified.section(item.section()).stream().map(SummaryItem::text).anyMatch(item.text()::equals);
        }
    }

    private static String squeeze(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static List<DroppedItem> mine(LabelledItem item, List<DroppedItem> entries) {
        return entries.stream().filter(d -> item.section().equals(d.section())).toList();
    }

    private static String reasons(List<DroppedItem> entries) {
        return entries.stream().map(DroppedItem::reason).collect(Collectors.joining("; "));
    }
}
