package io.chartbrief.ingest.store;

import io.chartbrief.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Answers of {@code Prefer: respond-async} submissions, readable at their status URL for
 * {@code chartbrief.ingest.rest.async-result-ttl}. In memory and per replica: a poll that reaches another replica,
 * or comes after a restart or the TTL, gets 404. Bounded by {@code async-results-max-chars}; the oldest answer
 * goes first. Holds ids and locations only (no clinical content). Thread-safe.
 */
@ApplicationScoped
public class AsyncResultStore {

    private record Entry(String json, Instant expires) {
    }

    private final Map<String, Entry> results = new LinkedHashMap<>();
    private final Duration ttl;
    private final long maxChars;
    private final Clock clock;
    private long heldChars;

    @Inject
    public AsyncResultStore(IngestConfig config) {
        this(config.rest().asyncResultTtl(), config.rest().asyncResultsMaxChars(), Clock.systemUTC());
    }

    AsyncResultStore(Duration ttl, long maxChars, Clock clock) {
        this.ttl = ttl;
        this.maxChars = maxChars;
        this.clock = clock;
    }

    /** Keeps the answer (FHIR JSON) of submission {@code id}. */
    public synchronized void put(String id, String json) {
        evictExpired();
        Entry previous = results.remove(id);
        if (previous != null) {
            heldChars -= previous.json().length();
        }
        results.put(id, new Entry(json, clock.instant().plus(ttl)));
        heldChars += json.length();
        Iterator<Entry> oldest = results.values().iterator();
        while (heldChars > maxChars && oldest.hasNext()) {
            heldChars -= oldest.next().json().length();
            oldest.remove();
        }
    }

    /** The answer of submission {@code id}, while it is kept. */
    public synchronized Optional<String> get(String id) {
        evictExpired();
        Entry entry = results.get(id);
        return entry == null ? Optional.empty() : Optional.of(entry.json());
    }

    /** Forgets the answer (the async pattern's DELETE); true when there was one. */
    public synchronized boolean remove(String id) {
        Entry entry = results.remove(id);
        if (entry != null) {
            heldChars -= entry.json().length();
        }
        return entry != null;
    }

    private void evictExpired() {
        Instant now = clock.instant();
        Iterator<Entry> oldest = results.values().iterator();
        // insertion order is expiry order: stop at the first answer still valid
        while (oldest.hasNext()) {
            Entry entry = oldest.next();
            if (entry.expires().isAfter(now)) {
                return;
            }
            heldChars -= entry.json().length();
            oldest.remove();
        }
    }
}
