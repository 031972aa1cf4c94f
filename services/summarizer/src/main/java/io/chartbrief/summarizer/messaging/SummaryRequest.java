package io.chartbrief.summarizer.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A record of {@code ehr.summary.requests}, parsed tolerantly: unknown fields are ignored, {@code encounter} may be
 * null or absent, {@code patient} falls back to the record key, a missing {@code reason} means {@code on-demand}.
 *
 * @param requestId   the idempotency key (a UUID)
 * @param patient     {@code Patient/<id>}
 * @param encounter   {@code Encounter/<id>}, or null for the newest inpatient encounter
 * @param reason      {@code admission}, {@code on-demand}, {@code cancelled} (others are summarized like on-demand)
 * @param requestedAt ISO-8601 text as sent, or null
 */
public record SummaryRequest(UUID requestId, String patient, String encounter, String reason, String requestedAt) {

    /** The reason that withdraws a request. */
    public static final String CANCELLED = "cancelled";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    /** Whether this withdraws a request instead of asking for a summary. */
    public boolean cancelled() {
        return CANCELLED.equals(reason);
    }

    /** The bare patient id. */
    public String patientId() {
        return patient.substring("Patient/".length());
    }

    /**
     * Parses a record.
     *
     * @param key   the record key ({@code Patient/<id>}), may be null
     * @param value the JSON value
     * @throws InvalidRequestException with a one-line reason without patient data
     */
    public static SummaryRequest parse(String key, String value) throws InvalidRequestException {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException("empty request value");
        }
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (Exception e) {
            throw new InvalidRequestException("request value is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException("request value is not a JSON object");
        }
        String rawId = text(node, "requestId");
        if (rawId == null) {
            throw new InvalidRequestException("requestId missing");
        }
        UUID requestId;
        try {
            requestId = UUID.fromString(rawId.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("requestId is not a UUID");
        }
        String patient = reference("Patient", text(node, "patient") != null ? text(node, "patient") : key);
        if (patient == null) {
            throw new InvalidRequestException("patient missing or not Patient/<id>");
        }
        String encounter = null;
        if (text(node, "encounter") != null) {
            encounter = reference("Encounter", text(node, "encounter"));
            if (encounter == null) {
                throw new InvalidRequestException("encounter is not Encounter/<id>");
            }
        }
        String reason = text(node, "reason");
        reason = reason == null ? "on-demand" : reason.trim().toLowerCase(Locale.ROOT);
        return new SummaryRequest(requestId, patient, encounter, reason, text(node, "requestedAt"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || !value.isValueNode()) {
            return null;
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    /** {@code Type/id} from {@code Type/id} or a bare id; null when it is neither. */
    private static String reference(String type, String raw) {
        if (raw == null) {
            return null;
        }
        String id = raw.startsWith(type + "/") ? raw.substring(type.length() + 1) : raw;
        return ID.matcher(id).matches() ? type + "/" + id : null;
    }

    /** A request that cannot be processed; the message is safe to log and to put in a DLQ header. */
    public static final class InvalidRequestException extends Exception {
        public InvalidRequestException(String message) {
            super(message);
        }
    }
}
