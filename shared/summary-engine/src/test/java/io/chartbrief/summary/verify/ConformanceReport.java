package io.chartbrief.summary.verify;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tallies the verifier's outcomes on the labelled set. An unsafe item is a miss when it is kept as supported; a
 * faithful item is a miss when it is not kept (contradicted or unverifiable). Only "supported" reaches a clinician
 * as verified, so it is the one outcome that matters for safety; the split between contradicted and unverifiable is
 * reported, not scored.
 */
final class ConformanceReport {

    /** One verified item. */
    record Result(LabelledItem item, Outcome outcome) {

        boolean miss() {
            boolean supported = outcome.kind() == Outcome.Kind.SUPPORTED;
            return item.faithful() != supported;
        }
    }

    /** Counts of one row. */
    static final class Row {
        int count;
        int supported;
        int contradicted;
        int unverifiable;

        void add(Outcome outcome) {
            count++;
            switch (outcome.kind()) {
                case SUPPORTED: supported++; break;
                case CONTRADICTED: contradicted++; break;
                default: unverifiable++; break;
            }
        }

        double supportedPercent() {
            return count == 0 ? 0 : 100.0 * supported / count;
        }
    }

    private final List<Result> results = new ArrayList<>();
    private final Map<Category, Row> byCategory = new EnumMap<>(Category.class);
    private final Row unsafe = new Row();
    private final Row faithful = new Row();
    private final Row handUnsafe = new Row();
    private final Row handFaithful = new Row();

    ConformanceReport() {
        for (Category category : Category.values()) {
            byCategory.put(category, new Row());
        }
    }

    void add(LabelledItem item, Outcome outcome) {
        results.add(new Result(item, outcome));
        byCategory.get(item.category()).add(outcome);
        (item.faithful() ? faithful : unsafe).add(outcome);
        if (item.source().equals("hand")) {
            (item.faithful() ? handFaithful : handUnsafe).add(outcome);
        }
    }

    Row category(Category category) {
        return byCategory.get(category);
    }

    /** Share of unsafe items accepted as supported, in percent. */
    double unsafeAcceptedPercent() {
        return unsafe.supportedPercent();
    }

    /** Share of faithful items kept as supported, in percent. */
    double faithfulKeptPercent() {
        return faithful.supportedPercent();
    }

    List<Result> misses() {
        return results.stream().filter(Result::miss).toList();
    }

    String table(String heading) {
        StringBuilder out = new StringBuilder(heading).append('\n');
        out.append(String.format(Locale.ROOT, "%-24s %-8s %6s %9s %12s %12s  %s%n", "category", "label", "items",
                "supported", "contradicted", "unverifiable", "rate"));
        for (Category category : Category.values()) {
            Row row = byCategory.get(category);
            String rate = category.faithful() ? String.format(Locale.ROOT, "kept %5.1f %%", row.supportedPercent())
                    : String.format(Locale.ROOT, "accepted %5.1f %%", row.supportedPercent());
            out.append(String.format(Locale.ROOT, "%-24s %-8s %6d %9d %12d %12d  %s%n", category.code(), category.label(),
                    row.count, row.supported, row.contradicted, row.unverifiable, rate));
        }
        out.append(String.format(Locale.ROOT, "%nunsafe:   %5d items, accepted as supported %5.1f %% (%d) [hand-written %d, %.1f %%]%n",
                unsafe.count, unsafe.supportedPercent(), unsafe.supported, handUnsafe.count, handUnsafe.supportedPercent()));
        out.append(String.format(Locale.ROOT, "faithful: %5d items, kept as supported     %5.1f %% (%d) [hand-written %d, %.1f %%]%n",
                faithful.count, faithful.supportedPercent(), faithful.supported, handFaithful.count, handFaithful.supportedPercent()));
        return out.toString();
    }

    /** Every misclassified item, one per line, tab-separated (category, chart, section, text, evidence, outcome, reason). */
    String missesText() {
        StringBuilder out = new StringBuilder(
                "# category\tlabel\tchart\tsection\ttext\tevidence\toutcome\treason\tsource\trationale\n");
        for (Result r : misses()) {
            LabelledItem i = r.item();
            out.append(String.join("\t", i.category().code(), i.category().label(), i.chart(), i.section(),
                    oneLine(i.text()) + (i.recommendationRationale() == null || i.recommendationRationale().isEmpty() ? ""
                            : " [rationale: " + oneLine(i.recommendationRationale()) + "]"),
                    String.join(",", i.evidence()) + (i.date() == null ? "" : " date=" + i.date()),
                    r.outcome().kind().name().toLowerCase(Locale.ROOT), oneLine(r.outcome().reason()), i.source(),
                    oneLine(i.rationale()))).append('\n');
        }
        return out.toString();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replace('\t', ' ').replace('\n', ' ');
    }
}
