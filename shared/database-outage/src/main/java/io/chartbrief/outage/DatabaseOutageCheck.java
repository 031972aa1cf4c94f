package io.chartbrief.outage;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@value #NAME}: DOWN while some record waits for the database ({@link DatabaseOutage}); data: the
 * records waiting, and for the longest wait its operation, seconds waited, failed attempts and the last failure's
 * type and SQLState. (Quarkus's own datasource check says DOWN whenever no connection can be had, record or not.)
 */
@Readiness
@ApplicationScoped
public class DatabaseOutageCheck implements HealthCheck {

    /** Name of the check. */
    public static final String NAME = "database-outage";

    private final DatabaseOutage outage;

    public DatabaseOutageCheck(DatabaseOutage outage) {
        this.outage = outage;
    }

    @Override
    public HealthCheckResponse call() {
        Optional<OutageWait.Waiting> longest = outage.longestWaiting();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(longest.isEmpty())
                .withData("waitingRecords", outage.waitingCount());
        longest.ifPresent(w -> response.withData("operation", w.operation())
                .withData("waitingSeconds", Duration.ofNanos(System.nanoTime() - w.sinceNanos()).toSeconds())
                .withData("failedAttempts", w.failures())
                .withData("lastFailure", w.reason()));
        return response.build();
    }
}
