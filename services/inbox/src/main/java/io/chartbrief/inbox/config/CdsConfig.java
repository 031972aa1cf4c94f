package io.chartbrief.inbox.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CDS Hooks service settings ({@code chartbrief.cds.*}, docs/operations.md). No client configured: every hook call
 * is refused (401); discovery stays open, as EHRs read it before they are registered.
 */
@ConfigMapping(prefix = "chartbrief.cds")
public interface CdsConfig {

    /**
     * This service's public base URL as the EHR calls it (e.g. {@code https://chartbrief.example.org}); a token's
     * {@code aud} must be {@code <base>/cds-services/<id>} (or {@code <base>/cds-services}). Unset: the request's
     * own URL (behind a proxy, set it or enable Quarkus' forwarded-header handling).
     */
    Optional<String> serviceBaseUrl();

    /** Public URL of the inbox page, the target of each card's link. Unset: the service base URL. */
    Optional<String> inboxUrl();

    /** The EHRs (CDS clients) allowed to call, by a name of the operator's choosing. */
    Map<String, Client> clients();

    /**
     * EHR identifier system → the system ChartBrief's charts carry for the same identifiers (e.g. the EHR's
     * {@code urn:oid:1.2.840.114350.1.13.0.1.7.5.737384.14} → {@code urn:chartbrief:authority:RIVERSIDE}, what an HL7 v2
     * feed with authority {@code RIVERSIDE} yields). Identifiers of other systems are compared as they are.
     */
    Map<String, String> identifierSystems();

    /**
     * Whether an EHR patient or encounter id may name ChartBrief's own {@code Patient/<id>} when the request carries
     * no identifiers (an EHR whose FHIR server feeds ChartBrief, ids kept). Off: only identifiers match.
     */
    @WithDefault("false")
    boolean matchResourceIds();

    /**
     * Browser origins allowed to call {@code /cds-services} across origins (CORS), e.g.
     * {@code https://sandbox.cds-hooks.org} or an EHR's web client; {@code *} allows any. Unset: none (EHRs
     * calling server to server need no CORS). Only the CDS paths answer CORS; the inbox API never does.
     */
    Optional<List<String>> allowedOrigins();

    /** Allowed clock difference when checking {@code exp}, {@code iat} and {@code nbf}. */
    @WithDefault("60s")
    Duration clockSkew();

    /** Longest accepted token lifetime ({@code exp - iat}); CDS Hooks asks EHRs for at most five minutes. */
    @WithDefault("5m")
    Duration maxTokenLifetime();

    /** Timeout of a FHIR read from the EHR when a request carries no prefetch. */
    @WithDefault("5s")
    Duration fhirReadTimeout();

    /** One EHR (CDS client). */
    interface Client {

        /** The {@code iss} its tokens carry. */
        String issuer();

        /** Its JWK Set URL (https); tokens whose header names another {@code jku} must have it in {@link #jkuAllowed()}. */
        Optional<String> jwksUrl();

        /** A JWK Set file (or classpath resource) holding its public keys: the "configured key" alternative. */
        Optional<String> jwksLocation();

        /** Further JWK Set URLs its tokens may name in their {@code jku} header (a tenant's URLs). */
        Optional<List<String>> jkuAllowed();

        /**
         * FHIR base URLs (prefixes) the service may read from when a request without prefetch names this
         * {@code fhirServer}; others are not contacted (no request-chosen URL is ever fetched). Unset: none.
         */
        Optional<List<String>> fhirServers();
    }
}
