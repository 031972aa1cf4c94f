package io.chartbrief.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Meters of the audit relay ({@code chartbrief.audit.*}): events published to {@code ehr.audit}, failed publish
 * attempts, and the backlog (rows not yet published, and the age of the oldest) — nothing is dropped, so a
 * backlog is what a slow or absent broker leaves.
 */
@ApplicationScoped
public class AuditMetrics {

    private final Counter published;
    private final Counter failures;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicReference<Instant> oldest = new AtomicReference<>();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private volatile boolean lastDrainFailed;

    public AuditMetrics(MeterRegistry registry) {
        published = registry.counter("chartbrief.audit.events.published");
        failures = registry.counter("chartbrief.audit.publish.failures");
        registry.gauge("chartbrief.audit.backlog", backlog);
        registry.gauge("chartbrief.audit.backlog.oldest.seconds", this,
                m -> m.oldest.get() == null ? 0 : Math.max(0, Instant.now().getEpochSecond()
                        - m.oldest.get().getEpochSecond()));
    }

    void published(int count) {
        published.increment(count);
    }

    void publishFailed(Exception e) {
        failures.increment();
        lastFailure.set(e.getClass().getSimpleName());
        lastDrainFailed = true;
    }

    void lastDrainFailed(boolean failed) {
        lastDrainFailed = failed;
    }

    void backlog(long rows, Instant oldestRecorded) {
        backlog.set(rows);
        oldest.set(oldestRecorded);
    }

    /** Unpublished rows, as last counted. */
    public long backlog() {
        return backlog.get();
    }

    Instant oldestUnpublished() {
        return oldest.get();
    }

    /** Failed publish attempts (batches) since start. */
    public double failures() {
        return failures.count();
    }

    boolean lastDrainFailed() {
        return lastDrainFailed;
    }

    String lastFailure() {
        return lastFailure.get();
    }
}
