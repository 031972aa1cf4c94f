package io.chartbrief.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.http.ClientAuth;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

        /** Concurrent connections (plain and TLS together); one more is closed at once. */
        @WithDefault("200")
        int maxConnections();

        /** Run the plain-TCP listener on {@link #port()}; turn off to accept MLLP over TLS only. */
        @WithDefault("true")
        boolean plainEnabled();

        /**
         * Sender allow-list: IP addresses or CIDR blocks ({@code 10.20.0.0/16}, {@code 2001:db8::/32}) allowed to
         * connect to either listener. Unset: any address. A connection from elsewhere is closed before a byte is read.
         */
        Optional<List<String>> allowedSenders();

        Tls tls();
    }

    /** MLLP over TLS (a second listener), optionally with client certificates (mutual TLS). */
    interface Tls {
        /** Run the TLS listener. */
        @WithDefault("false")
        boolean enabled();

        /** TLS port. 0 picks a free port (tests). */
        @WithDefault("2576")
        int port();

        /**
         * Name of the Quarkus TLS registry configuration ({@code quarkus.tls.<name>.key-store.*}, {@code
         * .trust-store.*}, {@code .protocols}, {@code .reload-period}) holding the listener's key and the CA(s)
         * that client certificates must chain to. Required when the TLS listener is enabled.
         */
        Optional<String> tlsConfigurationName();

        /** Client certificates: {@code NONE}, {@code REQUEST} (checked when sent) or {@code REQUIRED} (mutual TLS). */
        @WithDefault("NONE")
        ClientAuth clientAuth();

        /**
         * Client certificates allowed, each a full subject DN ({@code CN=mirth,O=General Hospital}) or a bare name
         * matched against the certificate's CN and DNS subject alternative names. Unset: any certificate that
         * chains to the trust store. Needs {@code client-auth=REQUIRED}.
         */
        Optional<List<String>> allowedSubjects();
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
