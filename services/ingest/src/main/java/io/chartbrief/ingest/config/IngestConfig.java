package io.chartbrief.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** Ingest service settings ({@code chartbrief.ingest.*}); defaults documented in docs/operations.md. */
@ConfigMapping(prefix = "chartbrief.ingest")
public interface IngestConfig {

    Mllp mllp();

    Rest rest();

    Hl7 hl7();

    Fhir fhir();

    Health health();

    /** HL7 v2 over MLLP listener. */
    interface Mllp {
        /** Listen for MLLP connections at all. */
        @WithDefault("true")
        boolean enabled();

        /** Bind address. */
        @WithDefault("0.0.0.0")
        String host();

        /** TCP port (HL7's customary 2575). 0 picks a free port (tests). */
        @WithDefault("2575")
        int port();

        /** Largest accepted message; a larger frame is answered AR and the connection closed. */
        @WithDefault("4194304")
        int maxMessageBytes();

        /** How long to wait for the broker to acknowledge a write before answering AE. */
        @WithDefault("30s")
        Duration brokerAckTimeout();

        /** Connections idle longer than this are closed. */
        @WithDefault("10m")
        Duration idleTimeout();

        /**
         * Bytes of unfinished frames held across all connections together. A connection whose frame would go
         * beyond it is answered AE (the sender may retry later) and closed, so slow or hostile senders cannot
         * fill the heap with many almost-maximal frames.
         */
        @WithDefault("67108864")
        long maxBufferedBytes();

        /** Concurrent connections; one more is closed at once. */
        @WithDefault("200")
        int maxConnections();
    }

    /** Per-message HL7 v2 limits (MLLP answers AR; from Kafka the record is dead-lettered). */
    interface Hl7 {
        @WithDefault("20000")
        int maxSegments();

        @WithDefault("10000")
        int maxObx();

        /** Repetitions of one field. */
        @WithDefault("5000")
        int maxRepetitions();

        /** Characters of one field (all its repetitions). */
        @WithDefault("2097152")
        int maxFieldChars();

        /** Characters of note text per message (NTE segments, and the OBX segments of an MDM). */
        @WithDefault("2097152")
        int maxNoteChars();

        /** Longest value read as a number; longer ones are kept as text with a warning. */
        @WithDefault("32")
        int maxNumberChars();

        /**
         * Zone of HL7 times without an offset for feeds with no zone of their own whose MSH-7 carries no offset:
         * an IANA id ({@code America/Chicago}), {@code UTC} or an offset ({@code +01:00}); see
         * {@link io.chartbrief.interop.hl7.SenderTimeZones}.
         */
        @WithDefault("UTC")
        String defaultTimeZone();

        /**
         * Per feed: key {@code "APP^FACILITY"} (MSH-3.1 and MSH-4.1), {@code APP} or {@code "^FACILITY"}, value an
         * IANA zone id, e.g. {@code chartbrief.ingest.hl7.time-zones."LAB^NORTH"=America/Denver}. A feed's zone wins
         * over MSH-7's offset (it knows daylight saving time); a value's own offset wins over both.
         */
        Map<String, String> timeZones();
    }

    /** Per-submission FHIR JSON limits (REST answers 413/422; from Kafka the record is dead-lettered). */
    interface Fhir {
        /** JSON nesting depth. */
        @WithDefault("64")
        int maxDepth();

        /** Entries of one Bundle. */
        @WithDefault("10000")
        int maxBundleEntries();

        /** Items of any other array. */
        @WithDefault("10000")
        int maxArrayItems();

        /** Characters of one string (base64 attachments included). */
        @WithDefault("4194304")
        int maxStringChars();

        /** Characters of one number. */
        @WithDefault("64")
        int maxNumberChars();

        /** JSON values in one body. */
        @WithDefault("1000000")
        int maxValues();
    }

    /** Producer health: liveness and readiness go DOWN when an inbound or event producer can no longer send. */
    interface Health {
        /**
         * A write not completed (neither acknowledged nor failed) after this long means the producer stopped
         * working: a live producer completes every write within its delivery timeout (30 s here).
         */
        @WithDefault("90s")
        Duration producerStallTimeout();
    }

    /** FHIR R4 REST endpoint. */
    interface Rest {
        /** Largest accepted request body; above it the answer is 413. */
        @WithDefault("10485760")
        long maxBodyBytes();

        /** How long to wait for the broker to acknowledge a write before answering 503. */
        @WithDefault("30s")
        Duration brokerAckTimeout();

        /** How long a {@code Prefer: respond-async} result stays readable at its status URL (per replica). */
        @WithDefault("1h")
        Duration asyncResultTtl();

        /** Memory (characters of JSON) async results may hold per replica; the oldest is dropped first. */
        @WithDefault("33554432")
        long asyncResultsMaxChars();
    }
}
