package io.chartbrief.inbox.messaging;

import io.chartbrief.interop.event.DeadLetterRecord;
import io.chartbrief.interop.event.DeadLetterStage;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * The inbox's {@code ehr.dlq} writer (stage {@link DeadLetterStage#INBOX}): returns once the broker acknowledged
 * (acks=all); throws when it did not within {@link DeadLetterRecord#SEND_TIMEOUT}, which leaves the summary record
 * unacknowledged.
 */
@ApplicationScoped
public class DeadLetters {

    private final MutinyEmitter<ProducerRecord<String, String>> dlq;

    public DeadLetters(@Channel("dlq") MutinyEmitter<ProducerRecord<String, String>> dlq) {
        this.dlq = dlq;
    }

    /** Dead-letters a summary record the inbox cannot store; {@code reason} is one line without PHI. */
    public void send(ConsumerRecord<String, String> record, String reason) {
        dlq.send(DeadLetterRecord.of(record, DeadLetterStage.INBOX, reason)).await().atMost(DeadLetterRecord.SEND_TIMEOUT);
    }
}
