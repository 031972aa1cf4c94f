package io.chartbrief.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@value #NAME}: always UP — reads go on while {@code ehr.audit} cannot be written, because their
 * AuditEvents are in the audit table — with data {@code state} {@code ok} or {@code degraded} (the last publish
 * failed, or the oldest unpublished event is older than {@code chartbrief.audit.relay.degraded-after}),
 * {@code backlog}, {@code oldestUnpublishedSeconds}, {@code publishFailures} and {@code lastFailure}.
 */
@Readiness
@ApplicationScoped
public class AuditPublishingCheck implements HealthCheck {

    /** Name of the check. */
    public static final String NAME = "audit-publishing";

    private final AuditMetrics metrics;
    private final AuditConfig config;

    public AuditPublishingCheck(AuditMetrics metrics, AuditConfig config) {
        this.metrics = metrics;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        Instant oldest = metrics.oldestUnpublished();
        long age = oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toSeconds());
        boolean degraded = metrics.lastDrainFailed() || age > config.relay().degradedAfter().toSeconds();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up()
                .withData("state", degraded ? "degraded" : "ok")
                .withData("backlog", metrics.backlog())
                .withData("oldestUnpublishedSeconds", age)
                .withData("publishFailures", (long) metrics.failures());
        if (metrics.lastFailure() != null) {
            response.withData("lastFailure", metrics.lastFailure());
        }
        return response.build();
    }
}
