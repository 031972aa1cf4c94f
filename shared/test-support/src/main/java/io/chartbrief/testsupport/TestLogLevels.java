package io.chartbrief.testsupport;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the in-process broker's and embedded PostgreSQL's INFO chatter down to WARN before they start. A Quarkus
 * application applies its own {@code quarkus.log.category} settings once it boots, so services still need the
 * lines listed in the module README.
 */
final class TestLogLevels {

    private static final List<String> CATEGORIES = List.of(
            "kafka", "org.apache.kafka", "state.change.logger", "org.apache.zookeeper", "io.zonky");

    /** Strong references: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private static final List<Logger> HELD = CATEGORIES.stream().map(Logger::getLogger).toList();

    private TestLogLevels() {
    }

    static void quietInfrastructure() {
        if (Boolean.getBoolean("chartbrief.test.verbose")) {
            return;
        }
        HELD.forEach(logger -> logger.setLevel(Level.WARNING));
    }
}
