package io.chartbrief.chart.service;

import java.util.Map;

/**
 * One {@code ehr.events} record as the chart sees it (transport-independent, so tests and the replay path feed
 * the same code as the Kafka consumer).
 *
 * @param key       record key, {@code Patient/<id>}
 * @param value     the FHIR transaction Bundle JSON
 * @param headers   UTF-8 headers (last value per name)
 * @param topic     source topic
 * @param partition source partition
 * @param offset    source offset
 */
public record IncomingEvent(String key, String value, Map<String, String> headers, String topic, int partition,
        long offset) {

    public IncomingEvent {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
