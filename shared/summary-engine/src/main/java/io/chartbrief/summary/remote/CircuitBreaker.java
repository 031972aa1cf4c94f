package io.chartbrief.summary.remote;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A consecutive-failure circuit breaker: after {@code threshold} failed calls in a row it opens and callers fail
 * fast for {@code coolDown}; then one trial call is let through (half-open) while the others keep failing fast; the
 * trial's success closes it, its failure opens it for another cool-down. Own class rather than a library: the
 * module is plain Java without CDI (SmallRye Fault Tolerance needs it) and resilience4j is not in the build; this
 * is the whole policy the remote engine needs. Thread-safe.
 */
public final class CircuitBreaker {

    /** Where the breaker stands. */
    public enum State {
        /** Calls go through. */
        CLOSED,
        /** Calls fail fast until the cool-down passed. */
        OPEN,
        /** The cool-down passed: one trial call is (or may be) under way; other calls fail fast. */
        HALF_OPEN;

        /** Lower-case code, e.g. {@code half-open}. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final int threshold;
    private final long coolDownNanos;
    private final LongSupplier clock;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    private boolean trialInFlight;

    /**
     * @param threshold consecutive failures that open the breaker (at least 1)
     * @param coolDown  how long it stays open before a trial call
     */
    public CircuitBreaker(int threshold, Duration coolDown) {
        this(threshold, coolDown, System::nanoTime);
    }

    /** As above, with a nanosecond clock (tests). */
    CircuitBreaker(int threshold, Duration coolDown, LongSupplier clock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("breaker threshold must be at least 1: " + threshold);
        }
        this.threshold = threshold;
        this.coolDownNanos = coolDown.toNanos();
        this.clock = clock;
    }

    /**
     * Asks to make a call. True: make it and report {@link #success()} or {@link #failure()} (exactly one) after;
     * false: fail fast.
     */
    public synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (clock.getAsLong() - openedAt < coolDownNanos) {
                    return false;
                }
                state = State.HALF_OPEN;
                trialInFlight = true;
                return true;
            default:
                if (trialInFlight) {
                    return false;
                }
                trialInFlight = true;
                return true;
        }
    }

    /** The call reached the server and got an answer (whatever its content): the breaker closes. */
    public synchronized void success() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        trialInFlight = false;
    }

    /** The call failed for the server's sake (unreachable, timeout, 429/5xx after retries). */
    public synchronized void failure() {
        consecutiveFailures++;
        trialInFlight = false;
        if (state == State.HALF_OPEN || consecutiveFailures >= threshold) {
            state = State.OPEN;
            openedAt = clock.getAsLong();
        }
    }

    /** The current state; an open breaker whose cool-down passed reads half-open (the next call is the trial). */
    public synchronized State state() {
        if (state == State.OPEN && clock.getAsLong() - openedAt >= coolDownNanos) {
            return State.HALF_OPEN;
        }
        return state;
    }

    /** Failed calls in a row so far. */
    public synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** Milliseconds until an open breaker lets a trial call through (0 when not open). */
    public synchronized long retryInMillis() {
        if (state != State.OPEN) {
            return 0;
        }
        return Math.max(0, (coolDownNanos - (clock.getAsLong() - openedAt)) / 1_000_000);
    }
}
