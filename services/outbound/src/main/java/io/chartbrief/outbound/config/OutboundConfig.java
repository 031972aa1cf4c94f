package io.chartbrief.outbound.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the outbound service ({@code chartbrief.outbound.*}); reference in docs/operations.md. */
@ConfigMapping(prefix = "chartbrief.outbound")
public interface OutboundConfig {

    /** The HL7 v2 MDM connector: summaries as MDM^T02 (new) / MDM^T10 (replacement) over MLLP. */
    Mdm mdm();

    /** HL7 v2 MDM over MLLP to the hospital's interface engine. */
    interface Mdm {

        /** Off by default: nothing is sent anywhere until a target is configured. */
        @WithDefault("false")
        boolean enabled();

        /** The interface engine's MLLP listener. */
        @WithDefault("localhost")
        String host();

        @WithDefault("2575")
        int port();

        /** Connect timeout, and how long to wait for the ACK of a message. */
        @WithDefault("30s")
        Duration ackTimeout();

        /** MSH-3 / MSH-4. */
        @WithDefault("CHARTBRIEF")
        String sendingApplication();

        @WithDefault("CHARTBRIEF")
        String sendingFacility();

        /** MSH-5 / MSH-6 (empty when unset). */
        Optional<String> receivingApplication();

        Optional<String> receivingFacility();

        /** MSH-11: P (production), T (training) or D (debugging). */
        @WithDefault("P")
        String processingId();

        /** TXA-2: the code the receiving EHR's note-type table expects for a ChartBrief summary. */
        @WithDefault("SUMMARY")
        String documentType();

        /** TXA-17 (HL7 table 0271): DO = documented, not authenticated by a clinician. */
        @WithDefault("DO")
        String completionStatus();

        /** TXA-19 (HL7 table 0273): AV = available for patient care. */
        @WithDefault("AV")
        String availabilityStatus();

        /** TXA-9.1: the originator id the EHR knows ChartBrief's device by. */
        @WithDefault("CHARTBRIEF")
        String originatorId();

        /** Whether the OBX text ends with the list of cited evidence (display and date of each reference). */
        @WithDefault("true")
        boolean includeEvidence();

        Retry retry();
    }

    /**
     * Retries of a message that got AE, no ACK, or no connection: backoff from {@code initial-backoff}, doubling up to
     * {@code max-backoff}, at most {@code max-attempts} sends; then the record goes to {@code ehr.dlq}, so one
     * summary never holds its partition for longer than about max-attempts × max-backoff.
     */
    interface Retry {
        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();

        @WithDefault("10")
        int maxAttempts();
    }
}
