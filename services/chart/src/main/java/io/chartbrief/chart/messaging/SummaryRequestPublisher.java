package io.chartbrief.chart.messaging;

import io.chartbrief.chart.config.ChartConfig;
import io.chartbrief.interop.event.SummaryRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes {@link SummaryRequest}s to {@code ehr.summary.requests} (key = patient key, value =
 * {@link SummaryRequest#toJson()}) and waits for the broker's acknowledgement (acks=all, idempotent producer).
 */
@ApplicationScoped
public class SummaryRequestPublisher {

    private final MutinyEmitter<String> emitter;
    private final ChartConfig config;
    private final MeterRegistry registry;

    public SummaryRequestPublisher(
            @Channel("summary-requests") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
            MutinyEmitter<String> emitter, ChartConfig config, MeterRegistry registry) {
        this.emitter = emitter;
        this.config = config;
        this.registry = registry;
    }

    /** Publishes and waits for the acknowledgement; throws when the write failed or timed out. */
    public void publish(SummaryRequest request) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(request.patient())
                .build();
        emitter.sendMessage(Message.of(request.toJson()).addMetadata(metadata))
                .await().atMost(config.trigger().brokerAckTimeout());
        registry.counter("chartbrief.chart.triggers.emitted", "reason", request.reason()).increment();
    }
}
