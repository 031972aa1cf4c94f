package io.chartbrief.chart.service;

/** What applying one {@code ehr.events} record did. */
public sealed interface ApplyOutcome {

    /**
     * The record was applied in one transaction.
     *
     * @param resources  resources in the event
     * @param changed    rows inserted or replaced (0 for a duplicate or an entirely older event)
     * @param merges     patient merges recorded
     * @param admissions admission triggers newly scheduled
     * @param cancels    admission triggers cancelled
     */
    record Applied(int resources, int changed, int merges, int admissions, int cancels) implements ApplyOutcome {
    }

    /** The record cannot be applied; it goes to ehr.dlq. The reason is one line without PHI. */
    record Rejected(String reason) implements ApplyOutcome {
    }
}
