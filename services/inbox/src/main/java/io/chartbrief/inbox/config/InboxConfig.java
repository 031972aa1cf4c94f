package io.chartbrief.inbox.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Inbox settings ({@code chartbrief.inbox.*}); defaults documented in docs/operations.md. */
@ConfigMapping(prefix = "chartbrief.inbox")
public interface InboxConfig {

    /** JWT claim holding the caller's practitioner identifier (value, or {@code system|value}). */
    @WithDefault("practitioner_id")
    String practitionerClaim();

    /**
     * Identifier system (issuing authority) of practitioner claims that carry a bare value: when set, a claim
     * {@code 4411} is read as {@code <system>|4411}, so it matches only that authority's practitioner 4411 — needed
     * when several facilities' identifiers share one inbox. Unset: a bare value matches any system's identifier.
     */
    Optional<String> practitionerSystem();

    /** JWT claim holding the caller's units: a JSON array, or one string separated by spaces or commas. */
    @WithDefault("units")
    String unitsClaim();

    /** Encounter participant types (v3 ParticipationType codes) whose practitioners receive the summary. */
    @WithDefault("ATND,ADM")
    List<String> routeParticipantTypes();

    /** Interval of SSE heartbeat comments on {@code /api/inbox/stream}. */
    @WithDefault("15s")
    Duration sseHeartbeat();

    /** Open event streams one caller (token subject) may hold on this replica; beyond it a new one gets 429. */
    @WithDefault("10")
    int maxStreamsPerCaller();

    /** Open event streams on this replica in all; beyond it a new one gets 429. */
    @WithDefault("2000")
    int maxStreams();

    /** The PostgreSQL LISTEN/NOTIFY listener that feeds this replica's event streams. */
    Listener listener();

    /** Demo mode (local stack only). */
    Demo demo();

    /** {@code chartbrief.inbox.listener.*}. */
    interface Listener {

        /** Readiness turns DOWN when the listener has been disconnected for longer than this. */
        @WithDefault("10s")
        Duration downAfter();

        /**
         * After a reconnect, items created up to this long before the last moment the old connection was known to be
         * alive are re-checked (and delivered unless already delivered); must exceed the longest item transaction.
         */
        @WithDefault("60s")
        Duration catchUpWindow();

        /** How often the idle listening connection is checked (and the catch-up point advanced). */
        @WithDefault("5s")
        Duration pingInterval();

        /** The longest wait between reconnection attempts (backoff starts at 100 ms and doubles). */
        @WithDefault("10s")
        Duration maxBackoff();
    }

    /** {@code chartbrief.inbox.demo.*}. */
    interface Demo {

        /**
         * Generates a per-process signing key and serves {@code /demo/clinicians} and {@code /demo/token}.
         * Refused at startup in the {@code prod} profile.
         */
        @WithDefault("false")
        boolean enabled();

        /** Lifetime of a demo token. */
        @WithDefault("8h")
        Duration tokenTtl();

        /**
         * Demo clinicians, one per element: {@code login|display name|practitioner id|units (space separated)};
         * an empty practitioner id makes a unit-only clinician.
         */
        @WithDefault("okafor|Dr. Chidi Okafor|4411|5EAST,"
                + "nguyen|Dr. Linh Nguyen|2288|4WEST,"
                + "patel|Charge Nurse Priya Patel||5EAST")
        List<String> clinicians();
    }
}
