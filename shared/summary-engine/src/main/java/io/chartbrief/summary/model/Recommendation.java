package io.chartbrief.summary.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A suggested next step for the clinician, traceable to the chart.
 *
 * @param text      the suggestion, e.g. {@code Recheck potassium}
 * @param priority  high, medium or low
 * @param rationale why, in terms of the cited facts
 * @param evidence  {@code ResourceType/id} references into the chart
 * @param claim     schema 2: the action and the fact it is about ({@link ItemClaim#action()}, {@link ItemClaim#about()}),
 *                  or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recommendation(String text, Priority priority, String rationale, List<String> evidence, ItemClaim claim) {

    public Recommendation {
        priority = priority == null ? Priority.MEDIUM : priority;
        rationale = rationale == null ? "" : rationale;
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** A free-text recommendation (no claim fields). */
    public Recommendation(String text, Priority priority, String rationale, List<String> evidence) {
        this(text, priority, rationale, evidence, null);
    }
}
