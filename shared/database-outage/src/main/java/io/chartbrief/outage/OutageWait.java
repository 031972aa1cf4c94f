package io.chartbrief.outage;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Runs a unit of work against a dependency (the database, the chart service) and, while the dependency is
 * unavailable, waits and runs the same work again, in place, on the calling thread: the record being handled is
 * neither acknowledged nor skipped, and the Kafka channel never sees a failure. The waits grow from
 * {@code initialBackoff}, doubling, up to {@code maxBackoff}, and go on until the work succeeds, fails for
 * another reason (rethrown at once: the caller decides, e.g. dead-letters a refused record), or the wait is
 * {@linkplain #close() closed} at shutdown (then the last outage failure is rethrown: the record is not
 * acknowledged and is re-read after restart).
 *
 * <p>Thread-safe: every waiting thread is tracked, so that health checks can say whether (and since when) some
 * work waits for the dependency.
 */
public final class OutageWait implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutageWait.class);
    /** A waiting thread logs at WARN on its first failure and then at most this often. */
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(60).toNanos();

    /** One attempt of the work. */
    @FunctionalInterface
    public interface Work<T, X extends Exception> {
        T run() throws X;
    }

    /** A thread waiting for the dependency: since when, how many failed attempts, the last failure's reason. */
    public record Waiting(String operation, long sinceNanos, int failures, String reason) {
    }

    private final String dependency;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Predicate<Throwable> isOutage;
    private final Map<Thread, Waiting> waiting = new ConcurrentHashMap<>();
    private final Object sleep = new Object();
    private volatile boolean closed;
    private volatile Runnable onRetry = () -> { };

    /**
     * @param dependency     what is waited for, in log lines ("database", "chart service")
     * @param initialBackoff the first wait
     * @param maxBackoff     the longest wait
     * @param isOutage       which failures mean the dependency is unavailable
     */
    public OutageWait(String dependency, Duration initialBackoff, Duration maxBackoff, Predicate<Throwable> isOutage) {
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive and max >= initial: " + initialBackoff
                    + ", " + maxBackoff);
        }
        this.dependency = dependency;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.isOutage = isOutage;
    }

    /** Called once before each retry (e.g. to count it in a metric). */
    public OutageWait onRetry(Runnable action) {
        this.onRetry = action;
        return this;
    }

    /**
     * Runs the work until it succeeds; see the class comment.
     *
     * @param operation what the work is, for log lines and health data (ids and counts only, no PHI)
     * @throws X a failure that is no outage, or the last outage failure once closed or interrupted
     */
    public <T, X extends Exception> T run(String operation, Work<T, X> work) throws X {
        int failures = 0;
        long since = 0;
        long lastLog = 0;
        try {
            while (true) {
                try {
                    T result = work.run();
                    if (failures > 0) {
                        LOG.infof("%s: the %s is available again after %d s and %d failed attempt(s)", operation,
                                dependency, Duration.ofNanos(System.nanoTime() - since).toSeconds(), failures);
                    }
                    return result;
                } catch (Exception e) {
                    if (!isOutage.test(e) || closed) {
                        throw e;
                    }
                    long now = System.nanoTime();
                    if (failures == 0) {
                        since = now;
                    }
                    failures++;
                    String reason = reason(e);
                    waiting.put(Thread.currentThread(), new Waiting(operation, since, failures, reason));
                    Duration delay = backoff(failures, initialBackoff, maxBackoff);
                    if (failures == 1 || now - lastLog >= LOG_EVERY_NANOS) {
                        lastLog = now;
                        LOG.warnf("%s: the %s is unavailable (%s); the record is kept and retried in %d ms "
                                + "(attempt %d, waiting %d s)", operation, dependency, reason, delay.toMillis(),
                                failures, Duration.ofNanos(now - since).toSeconds());
                    }
                    if (!pause(delay)) {
                        LOG.infof("%s: no longer waiting for the %s (shutting down); the record is not acknowledged",
                                operation, dependency);
                        throw e;
                    }
                    onRetry.run();
                }
            }
        } finally {
            waiting.remove(Thread.currentThread());
        }
    }

    /** Whether some work waits for the dependency now. */
    public boolean isWaiting() {
        return !waiting.isEmpty();
    }

    /** The longest-waiting work, if any. */
    public Optional<Waiting> longestWaiting() {
        return waiting.values().stream().min((a, b) -> Long.compare(a.sinceNanos(), b.sinceNanos()));
    }

    /** How many threads wait now. */
    public int waitingCount() {
        return waiting.size();
    }

    /** Stops waiting: waiting work gives up at once (rethrowing its last failure), new outages are rethrown. */
    @Override
    public void close() {
        closed = true;
        synchronized (sleep) {
            sleep.notifyAll();
        }
    }

    /** The wait before retry number {@code failures} (1-based): initial, doubling, capped at max. */
    public static Duration backoff(int failures, Duration initial, Duration max) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        long millis = initial.toMillis();
        for (int i = 0; i < doublings && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    /** @return false when closed or interrupted meanwhile */
    private boolean pause(Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        synchronized (sleep) {
            while (!closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                try {
                    sleep.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    /** The failure in one line without PHI: its type and SQLState (never the message, which may quote values). */
    static String reason(Throwable failure) {
        Optional<String> state = DatabaseFailure.sqlState(failure);
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return failure.getClass().getSimpleName() + (root != failure ? " / " + root.getClass().getSimpleName() : "")
                + state.map(s -> ", SQLState " + s).orElse("");
    }
}
