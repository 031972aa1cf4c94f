package io.chartbrief.ingest.mllp;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes of MLLP frames held in memory by all connections together (unfinished frames and messages not yet
 * acknowledged). The per-frame maximum alone does not bound memory: a hundred connections each holding an
 * almost-maximal unfinished frame would. Thread-safe: connections run on different event loops.
 */
public final class MllpBufferBudget {

    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    public MllpBufferBudget(long capacity) {
        this.capacity = capacity;
    }

    /** A budget that never refuses (single-connection unit tests). */
    public static MllpBufferBudget unlimited() {
        return new MllpBufferBudget(Long.MAX_VALUE);
    }

    /** @return whether {@code bytes} more fit; when they do they are counted as used */
    public boolean tryReserve(long bytes) {
        while (true) {
            long current = used.get();
            if (current + bytes > capacity) {
                return false;
            }
            if (used.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    public void release(long bytes) {
        if (bytes > 0) {
            used.addAndGet(-bytes);
        }
    }

    /** @return bytes in use now */
    public long used() {
        return used.get();
    }

    public long capacity() {
        return capacity;
    }
}
