package io.chartbrief.inbox.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** CDS Hooks 2.0 wire shapes (https://cds-hooks.hl7.org/2.0/): discovery, hook request, cards, feedback. */
public final class CdsHooksJson {

    private CdsHooksJson() {
    }

    /** {@code GET /cds-services} answer. */
    public record Discovery(List<Service> services) {
    }

    /** One service of the discovery document. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Service(String hook, String title, String description, String id, Map<String, String> prefetch,
            String usageRequirements) {
    }

    /** A hook call's body. Unknown members are ignored, as the specification asks of services. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HookRequest(String hook, String hookInstance, String fhirServer, FhirAuthorization fhirAuthorization,
            Map<String, JsonNode> context, Map<String, JsonNode> prefetch) {
    }

    /** The EHR's access token for its FHIR server. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FhirAuthorization(String access_token, String token_type) {
    }

    /** A hook call's answer. */
    public record Cards(List<Card> cards) {
    }

    /** One card. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Card(String uuid, String summary, String detail, String indicator, Source source, List<Link> links,
            Map<String, Object> extension) {
    }

    /** Card source: who wrote it; {@code topic} carries the AI-asserted code when a model wrote the summary. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String label, String url, Coding topic) {
    }

    /** A FHIR Coding in JSON. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Coding(String system, String code, String display) {
    }

    /** A card link ({@code absolute}: opened in a browser). */
    public record Link(String label, String url, String type) {
    }

    /** {@code POST /cds-services/{id}/feedback} body. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FeedbackRequest(List<FeedbackEntry> feedback) {
    }

    /** One card's outcome. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FeedbackEntry(String card, String outcome, String outcomeTimestamp, JsonNode overrideReason,
            JsonNode acceptedSuggestions) {
    }
}
