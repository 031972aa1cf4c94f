package io.chartbrief.chart.messaging;

import io.chartbrief.interop.event.DeadLetterHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Writes records the chart cannot apply to {@code ehr.dlq} (original key, value, headers + DLQ headers). */
@ApplicationScoped
public class DeadLetterPublisher {

    /** {@code chartbrief.dlq.stage} of the chart. */
    public static final String STAGE = "chart-apply";

    private final MutinyEmitter<String> emitter;
    private final Counter dlq;

    public DeadLetterPublisher(@Channel("chart-dlq") MutinyEmitter<String> emitter, MeterRegistry registry) {
        this.emitter = emitter;
        this.dlq = Counter.builder("chartbrief.chart.dlq").description("ehr.events records sent to ehr.dlq")
                .register(registry);
    }

    /** Publishes and waits for the broker's acknowledgement; throws when the write failed. */
    public void publish(IncomingKafkaRecord<String, String> record, String reason) {
        RecordHeaders headers = DeadLetterHeaders.of(record.getHeaders(), record.getTopic(), record.getPartition(),
                record.getOffset(), STAGE, reason);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.getKey())
                .withHeaders(headers)
                .build();
        String payload = record.getPayload() == null ? "" : record.getPayload();
        emitter.sendMessage(Message.of(payload).addMetadata(metadata)).await().atMost(Duration.ofSeconds(60));
        dlq.increment();
    }
}
