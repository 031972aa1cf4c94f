package io.chartbrief.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Ingest service settings ({@code chartbrief.ingest.*}); defaults documented in docs/operations.md. */
@ConfigMapping(prefix = "chartbrief.ingest")
public interface IngestConfig {

    Mllp mllp();

    Rest rest();

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
    }

    /** FHIR R4 REST endpoint. */
    interface Rest {
        /** Largest accepted request body; above it the answer is 413. */
        @WithDefault("10485760")
        long maxBodyBytes();

        /** How long to wait for the broker to acknowledge a write before answering 503. */
        @WithDefault("30s")
        Duration brokerAckTimeout();
    }
}
