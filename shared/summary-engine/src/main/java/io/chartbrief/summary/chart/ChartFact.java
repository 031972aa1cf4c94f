package io.chartbrief.summary.chart;

import java.util.List;

/**
 * One compact, dated statement drawn from the chart, e.g. {@code Hemoglobin A1c 5.9 % (H; ref 4.0-5.6) (2019-03-01)}.
 * Its text uses only words and numbers of the cited resources plus the labels the evidence verifier treats as
 * generic, so an item built from it verifies by construction.
 *
 * @param category kind of fact (prompt priority and alias letter)
 * @param evidence {@code ResourceType/id}: the resource the fact came from first, then supporting ones
 * @param text     the statement
 * @param date     {@code yyyy-mm-dd} as written in the chart, or null
 * @param sortKey  full source date-time for ordering (empty when unknown)
 */
public record ChartFact(FactCategory category, List<String> evidence, String text, String date, String sortKey) {

    public ChartFact {
        evidence = List.copyOf(evidence);
        sortKey = sortKey == null ? "" : sortKey;
    }

    /** The resource the fact came from. */
    public String ref() {
        return evidence.get(0);
    }
}
