package io.chartbrief.chart.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartbrief.chart.store.ChartStore;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One tube, several orders over time: a specimen the lab names in two messages (a CBC today, a BMP added on the
 * same tube later) is one Specimen whose {@code request} lists every order it serves. Each message only knows its
 * own orders, so an incoming Specimen keeps the requests the chart already holds for it (existing first, then the
 * new ones, no duplicates) instead of replacing them.
 */
final class SpecimenRequests {

    private SpecimenRequests() {
    }

    /** Adds to {@code incoming} the {@code request} references of the stored Specimen of the same id. */
    static void keepStored(Connection c, String patientId, String id, ObjectNode incoming, ObjectMapper mapper)
            throws SQLException {
        Optional<String> stored = ChartStore.body(c, patientId, "Specimen", id);
        if (stored.isEmpty()) {
            return;
        }
        JsonNode previous;
        try {
            previous = mapper.readTree(stored.get());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, JsonNode> requests = new LinkedHashMap<>();
        for (JsonNode request : previous.path("request")) {
            requests.putIfAbsent(key(request), request);
        }
        for (JsonNode request : incoming.path("request")) {
            requests.putIfAbsent(key(request), request);
        }
        if (requests.size() > incoming.path("request").size()) {
            ArrayNode merged = incoming.putArray("request");
            requests.values().forEach(merged::add);
        }
    }

    private static String key(JsonNode reference) {
        return reference.hasNonNull("reference") ? reference.path("reference").asText() : reference.toString();
    }
}
