package io.chartbrief.chart.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.chart.config.ChartConfig;
import io.chartbrief.interop.event.SummaryRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes {@link SummaryRequest}s to {@code ehr.summary.requests} (key = patient key) and waits for the broker's
 * acknowledgement (acks=all, idempotent producer).
 */
@ApplicationScoped
public class SummaryRequestPublisher {

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper mapper;
    private final ChartConfig config;
    private final MeterRegistry registry;

    public SummaryRequestPublisher(
            @Channel("summary-requests") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
            MutinyEmitter<String> emitter, ObjectMapper mapper, ChartConfig config, MeterRegistry registry) {
        this.emitter = emitter;
        this.mapper = mapper;
        this.config = config;
        this.registry = registry;
    }

    /** Publishes and waits for the acknowledgement; throws when the write failed or timed out. */
    public void publish(SummaryRequest request) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(request.patient())
                .build();
        emitter.sendMessage(Message.of(toJson(request)).addMetadata(metadata))
                .await().atMost(config.trigger().brokerAckTimeout());
        registry.counter("chartbrief.chart.triggers.emitted", "reason", request.reason()).increment();
    }

    /** The record value: {@code requestId, patient, encounter, reason, requestedAt} (encounter may be null). */
    public String toJson(SummaryRequest request) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("requestId", request.requestId().toString());
        json.put("patient", request.patient());
        json.put("encounter", request.encounter());
        json.put("reason", request.reason());
        json.put("requestedAt", request.requestedAt().toString());
        try {
            return mapper.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
