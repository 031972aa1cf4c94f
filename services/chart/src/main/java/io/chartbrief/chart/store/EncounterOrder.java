package io.chartbrief.chart.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.chart.store.ChartQueries.StoredResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.DateTimeType;

/** Encounters newest first by {@code period.start} (any FHIR precision and zone); no start sorts last. */
public final class EncounterOrder {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EncounterOrder() {
    }

    public static List<StoredResource> newestFirst(List<StoredResource> encounters) {
        record Keyed(StoredResource resource, long start) {
        }
        List<Keyed> keyed = new ArrayList<>(encounters.size());
        for (StoredResource e : encounters) {
            keyed.add(new Keyed(e, start(e.json())));
        }
        keyed.sort(Comparator.comparingLong(Keyed::start).reversed()
                .thenComparing(k -> k.resource().id()));
        List<StoredResource> out = new ArrayList<>(keyed.size());
        keyed.forEach(k -> out.add(k.resource()));
        return out;
    }

    private static long start(String json) {
        try {
            JsonNode start = MAPPER.readTree(json).path("period").path("start");
            if (start.isTextual()) {
                Date date = new DateTimeType(start.asText()).getValue();
                if (date != null) {
                    return date.getTime();
                }
            }
        } catch (Exception e) {
            // unparseable start: sorts last
        }
        return Long.MIN_VALUE;
    }
}
