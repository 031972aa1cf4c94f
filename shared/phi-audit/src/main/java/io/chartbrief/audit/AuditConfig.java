package io.chartbrief.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code chartbrief.audit.*}: where a service stores its AuditEvents and how they are relayed to {@code ehr.audit}. */
@ConfigMapping(prefix = "chartbrief.audit")
public interface AuditConfig {

    /** The audit table, {@code schema.table} (e.g. {@code chart.audit_event}). */
    String table();

    /** The relay from the table to {@code ehr.audit}. */
    Relay relay();

    interface Relay {
        /** Whether this replica relays (every replica may: rows are claimed with SKIP LOCKED). */
        @WithDefault("true")
        boolean enabled();

        /** Pause between two drains of the table. */
        @WithDefault("1s")
        Duration interval();

        /** Most rows claimed and published per transaction. */
        @WithDefault("200")
        int batchSize();

        /** Longest wait for the broker's acknowledgement of one batch; the batch stays unpublished after it. */
        @WithDefault("10s")
        Duration publishTimeout();

        /** Health says {@code degraded} once the oldest unpublished event is older than this. */
        @WithDefault("1m")
        Duration degradedAfter();
    }
}
