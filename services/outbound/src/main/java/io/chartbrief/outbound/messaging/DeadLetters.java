package io.chartbrief.outbound.messaging;

import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Writes records the outbound service cannot deliver to {@code ehr.dlq}; returns once the broker acknowledged (acks=all). */
@ApplicationScoped
public class DeadLetters {

    /** DLQ stage of this service. */
    public static final String STAGE = "outbound";

    private final MutinyEmitter<String> dlq;

    public DeadLetters(@Channel("dlq") MutinyEmitter<String> dlq) {
        this.dlq = dlq;
    }

    /** Dead-letters a record: original key, value and headers plus the {@code chartbrief.dlq.*} headers. */
    public void send(ConsumerRecord<String, String> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        add(headers, EventHeaders.DLQ_ORIGINAL_TOPIC, record.topic());
        add(headers, EventHeaders.DLQ_ORIGINAL_PARTITION, Integer.toString(record.partition()));
        add(headers, EventHeaders.DLQ_ORIGINAL_OFFSET, Long.toString(record.offset()));
        add(headers, EventHeaders.DLQ_STAGE, STAGE);
        add(headers, EventHeaders.DLQ_REASON, reason);
        add(headers, EventHeaders.DLQ_TIME, Instant.now().toString());
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.DLQ).withKey(record.key()).withHeaders(headers).build();
        dlq.sendMessageAndAwait(Message.of(record.value() == null ? "" : record.value()).addMetadata(metadata));
    }

    private static void add(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
