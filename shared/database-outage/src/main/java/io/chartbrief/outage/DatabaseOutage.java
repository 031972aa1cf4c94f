package io.chartbrief.outage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's consumers' view of PostgreSQL: database work of a record runs through {@link #run}, which waits
 * out an outage ({@link DatabaseFailure#OUTAGE}) and retries the same work in place (backoff
 * {@code chartbrief.database.retry.initial-backoff}, doubling up to {@code .max-backoff}), and rethrows every
 * other failure at once (a record the database refused: the caller dead-letters it).
 *
 * <p>{@link DatabaseOutageCheck} reports it as readiness check {@code database-outage}: DOWN while some record waits
 * for the database. Liveness is not touched: a restart would not bring the database back, and the channel stays up
 * to carry on by itself. Metrics
 * {@code chartbrief.database.outage.retries} (counter) and {@code chartbrief.database.outage.waiting} (gauge:
 * records waiting now).
 */
@ApplicationScoped
public class DatabaseOutage {

    private final OutageWait wait;

    public DatabaseOutage(
            @ConfigProperty(name = "chartbrief.database.retry.initial-backoff", defaultValue = "1s") Duration initial,
            @ConfigProperty(name = "chartbrief.database.retry.max-backoff", defaultValue = "30s") Duration max,
            MeterRegistry registry) {
        Counter retries = Counter.builder("chartbrief.database.outage.retries")
                .description("Database work of a record retried after an outage failure").register(registry);
        this.wait = new OutageWait("database", initial, max, DatabaseFailure::isOutage).onRetry(retries::increment);
        Gauge.builder("chartbrief.database.outage.waiting", wait, OutageWait::waitingCount)
                .description("Records whose database work waits for the database now").register(registry);
    }

    /**
     * Runs database work of a record until it succeeds, waiting out outages; see the class comment.
     *
     * @param operation what the work is (ids and counts only, no PHI)
     * @throws X a failure that is no outage (the record's fault), or the outage failure when shutting down
     */
    public <T, X extends Exception> T run(String operation, OutageWait.Work<T, X> work) throws X {
        return wait.run(operation, work);
    }

    /** Whether some record waits for the database now. */
    public boolean isWaiting() {
        return wait.isWaiting();
    }

    void stop(@Observes ShutdownEvent event) {
        wait.close();
    }

    /** The longest-waiting record's wait, if any. */
    public Optional<OutageWait.Waiting> longestWaiting() {
        return wait.longestWaiting();
    }

    /** How many records wait for the database now. */
    public int waitingCount() {
        return wait.waitingCount();
    }
}
