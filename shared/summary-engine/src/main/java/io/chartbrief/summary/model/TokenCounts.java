package io.chartbrief.summary.model;

import java.util.List;

/**
 * Token accounting of a model run (all zero for the extractive engine).
 *
 * @param prompt        tokens of the templated prompt
 * @param output        tokens generated
 * @param factBudget    tokens allowed for chart facts
 * @param factsIncluded facts that fit the budget
 * @param factsOmitted  facts cut for the budget
 * @param omitted       what was cut, per category, e.g. {@code results: 12}
 */
public record TokenCounts(int prompt, int output, int factBudget, int factsIncluded, int factsOmitted,
        List<String> omitted) {

    /** No model run. */
    public static final TokenCounts NONE = new TokenCounts(0, 0, 0, 0, 0, List.of());

    public TokenCounts {
        omitted = omitted == null ? List.of() : List.copyOf(omitted);
    }
}
