package io.chartbrief.inbox.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Inbox settings ({@code chartbrief.inbox.*}); defaults documented in docs/operations.md. */
@ConfigMapping(prefix = "chartbrief.inbox")
public interface InboxConfig {

    /** JWT claim holding the caller's practitioner identifier (value, or {@code system|value}). */
    @WithDefault("practitioner_id")
    String practitionerClaim();

    /** JWT claim holding the caller's units: a JSON array, or one string separated by spaces or commas. */
    @WithDefault("units")
    String unitsClaim();

    /** Encounter participant types (v3 ParticipationType codes) whose practitioners receive the summary. */
    @WithDefault("ATND,ADM")
    List<String> routeParticipantTypes();

    /** Interval of SSE heartbeat comments on {@code /api/inbox/stream}. */
    @WithDefault("15s")
    Duration sseHeartbeat();

    /** Demo mode (local stack only). */
    Demo demo();

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
