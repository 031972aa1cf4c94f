package io.chartbrief.chart.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** A validated {@code ehr.events} record: patient key, order time and the Bundle's resources. */
record ParsedEvent(String patientId, Instant eventTime, String sourceEventId, List<Entry> entries) {

    /**
     * One resource of the Bundle; {@code body} may be rewritten (merged patient references) before storing.
     * {@code createIfAbsent}: the entry is a conditional create ({@code POST} with {@code ifNoneExist}), stored only
     * when the chart does not hold the resource yet.
     */
    record Entry(String type, String id, long version, ObjectNode body, boolean createIfAbsent) {
    }
}
