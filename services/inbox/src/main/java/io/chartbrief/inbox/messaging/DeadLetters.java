package io.chartbrief.inbox.messaging;

import io.chartbrief.interop.event.DeadLetterHeaders;
import io.chartbrief.interop.event.Topics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Writes records the inbox cannot use to {@code ehr.dlq}; returns once the broker acknowledged (acks=all). */
@ApplicationScoped
public class DeadLetters {

    /** DLQ stage of this service. */
    public static final String STAGE = "inbox";

    private final MutinyEmitter<String> dlq;

    public DeadLetters(@Channel("dlq") MutinyEmitter<String> dlq) {
        this.dlq = dlq;
    }

    /** Dead-letters a record: original key, value and headers plus the {@code chartbrief.dlq.*} headers. */
    public void send(ConsumerRecord<String, String> record, String reason) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.DLQ).withKey(record.key()).withHeaders(DeadLetterHeaders.of(record, STAGE, reason))
                .build();
        dlq.sendMessageAndAwait(Message.of(record.value() == null ? "" : record.value()).addMetadata(metadata));
    }
}
