package io.chartbrief.outbound.messaging;

import io.chartbrief.interop.event.DeadLetterReporter;
import io.chartbrief.interop.event.DeadLetterStage;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * The outbound service's {@code ehr.dlq} writer: summaries no receiver took, or that cannot be read, under stage
 * {@link DeadLetterStage#OUTBOUND} on the {@code dlq} channel (acks=all).
 */
@Singleton
public class DeadLetters extends DeadLetterReporter {

    public DeadLetters(@Channel("dlq") MutinyEmitter<ProducerRecord<String, String>> dlq) {
        super(DeadLetterStage.OUTBOUND, letter -> dlq.send(letter).subscribeAsCompletionStage());
    }
}
