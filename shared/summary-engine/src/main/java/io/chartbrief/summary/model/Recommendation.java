package io.chartbrief.summary.model;

import java.util.List;

/**
 * A suggested next step for the clinician, traceable to the chart.
 *
 * @param text      the suggestion, e.g. {@code Recheck potassium}
 * @param priority  high, medium or low
 * @param rationale why, in terms of the cited facts
 * @param evidence  {@code ResourceType/id} references into the chart
 */
public record Recommendation(String text, Priority priority, String rationale, List<String> evidence) {

    public Recommendation {
        priority = priority == null ? Priority.MEDIUM : priority;
        rationale = rationale == null ? "" : rationale;
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
