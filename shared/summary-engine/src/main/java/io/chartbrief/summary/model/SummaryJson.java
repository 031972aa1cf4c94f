package io.chartbrief.summary.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The stored JSON form of a {@link PatientSummary} (docs/summary-schema.md). Thread-safe. */
public final class SummaryJson {

    // Field order follows the record components, so equal summaries give byte-identical JSON.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private SummaryJson() {
    }

    /** Compact JSON. */
    public static String write(PatientSummary summary) {
        try {
            return MAPPER.writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary not serializable", e);
        }
    }

    /** Indented JSON, for people. */
    public static String writePretty(PatientSummary summary) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary not serializable", e);
        }
    }

    /** Reads stored JSON. */
    public static PatientSummary read(String json) {
        try {
            return MAPPER.readValue(json, PatientSummary.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a summary: " + e.getOriginalMessage(), e);
        }
    }
}
