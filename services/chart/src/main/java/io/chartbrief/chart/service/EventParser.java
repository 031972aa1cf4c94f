package io.chartbrief.chart.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartbrief.interop.event.EventHeaders;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks an {@code ehr.events} record without HAPI (Jackson tree: the stored JSON is the resource as
 * sent, and parsing stays cheap). Problems become {@link RejectedEventException} with a one-line reason that names
 * positions and types, never values.
 */
final class EventParser {

    /** FHIR id syntax. */
    static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern PATIENT_KEY = Pattern.compile("Patient/([A-Za-z0-9\\-.]{1,64})");

    private final ObjectMapper mapper;

    EventParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ParsedEvent parse(IncomingEvent record) throws RejectedEventException {
        if (record.value() == null || record.value().isBlank()) {
            throw new RejectedEventException("empty record value");
        }
        JsonNode root;
        try {
            root = mapper.readTree(record.value());
        } catch (JsonProcessingException e) {
            throw new RejectedEventException("invalid JSON");
        }
        if (root == null || !root.isObject() || !"Bundle".equals(root.path("resourceType").asText())) {
            throw new RejectedEventException("value is not a FHIR Bundle");
        }
        String patientId = patientId(record.key());
        if (patientId == null) {
            patientId = patientId(record.headers().get(EventHeaders.PATIENT_KEY));
        }
        if (patientId == null) {
            throw new RejectedEventException("record key names no patient (expected Patient/<id>)");
        }
        JsonNode entries = root.path("entry");
        if (!entries.isArray() || entries.isEmpty()) {
            throw new RejectedEventException("Bundle has no entries");
        }
        // Last entry wins for a resource listed twice (the ingest normalizer never produces that).
        Map<String, ParsedEvent.Entry> byKey = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode entry : entries) {
            JsonNode resource = entry.path("resource");
            if (!resource.isObject()) {
                throw new RejectedEventException("entry " + index + " has no resource");
            }
            String type = resource.path("resourceType").asText("");
            if (!type.matches("[A-Z][A-Za-z]{1,63}")) {
                throw new RejectedEventException("entry " + index + " has no resourceType");
            }
            String id = resource.path("id").asText("");
            if (!FHIR_ID.matcher(id).matches()) {
                throw new RejectedEventException("entry " + index + " (" + type + ") has no valid resource id");
            }
            long version = 0;
            String versionId = resource.path("meta").path("versionId").asText("");
            if (versionId.matches("\\d{1,18}")) {
                version = Long.parseLong(versionId);
            }
            byKey.put(type + "/" + id, new ParsedEvent.Entry(type, id, version, (ObjectNode) resource,
                    isConditionalCreate(entry.path("request"))));
            index++;
        }
        Instant eventTime = instant(record.headers().get(EventHeaders.EVENT_TIME));
        if (eventTime == null) {
            eventTime = instant(root.path("timestamp").asText(null));
        }
        String sourceEventId = record.headers().get(EventHeaders.SOURCE_ID);
        if (sourceEventId == null) {
            sourceEventId = root.path("id").asText(null);
        }
        return new ParsedEvent(patientId, eventTime, sourceEventId, new ArrayList<>(byKey.values()));
    }

    /**
     * Whether an entry's request is a conditional create: {@code POST} with a non-empty {@code ifNoneExist}. Any
     * other request (PUT, plain POST, none) is an update: the resource ids on {@code ehr.events} are the
     * normalizer's stable ids, so a plain create and an update of the same id mean the same to the chart.
     */
    static boolean isConditionalCreate(JsonNode request) {
        return "POST".equals(request.path("method").asText(""))
                && !request.path("ifNoneExist").asText("").isBlank();
    }

    /** The id of a {@code Patient/<id>} reference, or {@code null}. */
    static String patientId(String reference) {
        if (reference == null) {
            return null;
        }
        Matcher m = PATIENT_KEY.matcher(reference);
        return m.matches() ? m.group(1) : null;
    }

    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** A reason for the DLQ. */
    static final class RejectedEventException extends Exception {
        RejectedEventException(String reason) {
            super(reason, null, false, false);
        }
    }
}
