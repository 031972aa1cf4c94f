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

    /** The FHIR connector: summaries as DocumentReferences (the document Bundle attached) on a FHIR R4 server. */
    Fhir fhir();

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

    /** FHIR R4 write-back ({@code chartbrief.outbound.fhir.*}). */
    interface Fhir {

        /** Off by default: nothing is sent anywhere until a target is configured. */
        @WithDefault("false")
        boolean enabled();

        /** The FHIR server's base URL ({@code POST {base}/DocumentReference}). */
        Optional<String> baseUrl();

        /** Whether the document Bundle is also created on its own ({@code POST {base}/Bundle}). */
        @WithDefault("false")
        boolean alsoPostBundle();

        /**
         * How {@code subject} names the patient: {@code identifier} (a logical reference: the identifier only, which
         * any server takes) or {@code conditional} ({@code Patient?identifier=system|value} as well, which a server
         * such as HAPI's JPA server resolves to its own Patient at create time: searchable by
         * {@code patient.identifier}; an unknown patient is a 4xx, dead-lettered).
         */
        @WithDefault("identifier")
        String subjectReference();

        /** Whether the DocumentReference a superseding summary replaces is updated to {@code status = superseded}. */
        @WithDefault("true")
        boolean markSuperseded();

        /** Connect and read timeout of one request. */
        @WithDefault("30s")
        Duration timeout();

        FhirAuth auth();

        Retry retry();
    }

    /** How the FHIR connector authenticates ({@code chartbrief.outbound.fhir.auth.*}). */
    interface FhirAuth {

        /** {@code none} or {@code smart-backend} (SMART Backend Services: client credentials, JWT assertion). */
        @WithDefault("none")
        String mode();

        /** smart-backend: the client id the FHIR server registered ChartBrief under. */
        Optional<String> clientId();

        /** smart-backend: PKCS#8 PEM or JWK (Set) file with the private key (re-read for every new token). */
        Optional<String> privateKeyLocation();

        /** smart-backend: {@code RS384} or {@code ES384}; unset: from the key type. */
        Optional<String> algorithm();

        /** smart-backend: the {@code kid} header; unset: the JWK's own kid. */
        Optional<String> keyId();

        /** smart-backend: the scopes requested (add system/Bundle.write with also-post-bundle). */
        @WithDefault("system/DocumentReference.read system/DocumentReference.write")
        String scope();

        /** smart-backend: the token endpoint; unset: read from {@code {base-url}/.well-known/smart-configuration}. */
        Optional<String> tokenUrl();

        /** smart-backend: a cached token is replaced once less than this (at most a fifth of its life) is left. */
        @WithDefault("30s")
        Duration refreshBefore();
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
