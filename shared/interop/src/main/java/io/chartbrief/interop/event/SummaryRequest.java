package io.chartbrief.interop.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A request to summarize a patient's chart: the value of a {@link Topics#SUMMARY_REQUESTS} record (key = patient
 * key {@code Patient/<id>}), as UTF-8 JSON {@code {"requestId":…,"patient":"Patient/<id>","encounter":"Encounter/<id>"|null,
 * "reason":…,"requestedAt":"<ISO-8601 instant>"}} (docs/architecture.md). The chart service writes it with
 * {@link #toJson()}; the summarizer reads it with {@link #parse(String, String)}, which is tolerant (unknown fields
 * ignored, optional fields may be absent) and rejects only what cannot be processed.
 *
 * @param requestId   idempotency key: the same trigger always carries the same id (admission triggers derive it
 *                    from the encounter id), so consumers deduplicate by it
 * @param patient     {@code Patient/<id>} (the surviving patient after a merge)
 * @param encounter   {@code Encounter/<id>} the summary is for, or {@code null} when the patient has none (a reader
 *                    then picks the newest inpatient encounter, else the newest encounter)
 * @param reason      {@link #ADMISSION}, {@link #NOTE_UPDATE}, {@link #ON_DEMAND} or {@link #CANCELLED} (a reader
 *                    treats others like on-demand)
 * @param requestedAt when the request was published, or {@code null} when a record did not say (or not readably)
 */
public record SummaryRequest(UUID requestId, String patient, String encounter, String reason, Instant requestedAt) {

    /** An inpatient admission (after the settle window). */
    public static final String ADMISSION = "admission";
    /**
     * A clinical note was created or changed after the {@link #ADMISSION} request of the same encounter (an H&amp;P
     * signed hours after admission, a note entered in error): summarize the admission again; the new summary
     * supersedes the earlier one in the inbox.
     */
    public static final String NOTE_UPDATE = "note-update";
    /** Asked for through the chart API. */
    public static final String ON_DEMAND = "on-demand";
    /**
     * The admission of an earlier {@link #ADMISSION} request was cancelled (ADT^A11): drop or retract that
     * summary. Its {@code requestId} is a new id; the encounter names the cancelled admission.
     */
    public static final String CANCELLED = "cancelled";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A FHIR resource id (R4: up to 64 of {@code [A-Za-z0-9\-.]}). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    /** Requires the id, the patient and the reason. */
    public SummaryRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(reason, "reason");
    }

    /** Whether this withdraws a request instead of asking for a summary. */
    public boolean cancelled() {
        return CANCELLED.equals(reason);
    }

    /** The bare patient id ({@code patient} without {@code Patient/}). */
    public String patientId() {
        return patient.startsWith("Patient/") ? patient.substring("Patient/".length()) : patient;
    }

    /**
     * The record value: {@code requestId, patient, encounter, reason, requestedAt} in this order, {@code encounter}
     * (and {@code requestedAt}) written as {@code null} when absent.
     */
    public String toJson() {
        ObjectNode json = JSON.createObjectNode();
        json.put("requestId", requestId.toString());
        json.put("patient", patient);
        json.put("encounter", encounter);
        json.put("reason", reason);
        json.put("requestedAt", requestedAt == null ? null : requestedAt.toString());
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a record tolerantly: unknown fields are ignored; {@code encounter} may be null or absent;
     * {@code patient} may be a bare id or absent (then the record key names it); a missing {@code reason} means
     * {@link #ON_DEMAND} (reasons are lower-cased); a missing or unreadable {@code requestedAt} is null.
     *
     * @param key   the record key ({@code Patient/<id>}), may be null
     * @param value the JSON value
     * @throws InvalidRequestException when the value is not a JSON object, or has no UUID {@code requestId}, no
     *                                 patient, or an encounter that is not {@code Encounter/<id>}
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
            requestId = UUID.fromString(rawId);
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
        reason = reason == null ? ON_DEMAND : reason.toLowerCase(Locale.ROOT);
        return new SummaryRequest(requestId, patient, encounter, reason, instant(text(node, "requestedAt")));
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

    /** An ISO-8601 instant ({@code Z} or an offset), else null. */
    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A record that cannot be processed; the message is one line without patient data (safe for logs and DLQ headers). */
    public static final class InvalidRequestException extends Exception {

        private static final long serialVersionUID = 1L;

        /** With a one-line reason that names no patient data. */
        public InvalidRequestException(String message) {
            super(message);
        }
    }
}
