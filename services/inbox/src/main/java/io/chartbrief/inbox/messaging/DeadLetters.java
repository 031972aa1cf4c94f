package io.chartbrief.inbox.messaging;

import io.chartbrief.interop.event.DeadLetterReporter;
import io.chartbrief.interop.event.DeadLetterStage;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * The inbox's {@code ehr.dlq} writer: summary records the inbox cannot store, under stage
 * {@link DeadLetterStage#INBOX} on the {@code dlq} channel (acks=all).
 */
@Singleton
public class DeadLetters extends DeadLetterReporter {

    public DeadLetters(@Channel("dlq") MutinyEmitter<ProducerRecord<String, String>> dlq) {
        super(DeadLetterStage.INBOX, letter -> dlq.send(letter).subscribeAsCompletionStage());
    }
}
