package io.chartbrief.ingest.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * The writes of one producer channel that are not completed yet, and the first fatal failure it reported. A live
 * producer completes every write (ack or failure) within its delivery timeout, so a write older than that means
 * the producer stopped working; a fatal failure means it will never work again. Either is a restart, not a retry.
 * Thread-safe.
 */
final class ProducerWrites {

    private final AtomicLong nextId = new AtomicLong();
    private final Map<Long, Long> startedNanos = new ConcurrentHashMap<>();
    private final AtomicReference<String> fatal = new AtomicReference<>();

    /** @return a token for {@link #completed(long)} */
    long started() {
        long id = nextId.incrementAndGet();
        startedNanos.put(id, System.nanoTime());
        return id;
    }

    void completed(long token) {
        startedNanos.remove(token);
    }

    void failed(long token, Throwable failure) {
        startedNanos.remove(token);
        if (isFatal(failure)) {
            fatal.compareAndSet(null, rootName(failure));
        }
    }

    /** @return nanoseconds the oldest uncompleted write has waited, 0 when none waits */
    long oldestWaitNanos() {
        long now = System.nanoTime();
        long oldest = 0;
        for (long started : startedNanos.values()) {
            oldest = Math.max(oldest, now - started);
        }
        return oldest;
    }

    /** @return the exception type of the first fatal failure, or {@code null} */
    String fatalFailure() {
        return fatal.get();
    }

    /**
     * Failures after which the Kafka producer never sends again: it was closed, fenced, lost its idempotence
     * sequence, or the broker refuses it outright. Timeouts and broker outages are retriable and do not count.
     */
    static boolean isFatal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IllegalStateException && String.valueOf(t.getMessage()).contains("closed")) {
                return true;
            }
            if (t instanceof ProducerFencedException || t instanceof OutOfOrderSequenceException
                    || t instanceof AuthenticationException || t instanceof ClusterAuthorizationException
                    || t instanceof UnsupportedVersionException) {
                return true;
            }
        }
        return false;
    }

    private static String rootName(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}
