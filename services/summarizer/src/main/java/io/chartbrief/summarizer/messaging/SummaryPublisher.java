package io.chartbrief.summarizer.messaging;

import io.chartbrief.interop.event.DeadLetterRecord;
import io.chartbrief.interop.event.DeadLetterReporter;
import io.chartbrief.interop.event.DeadLetterStage;
import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Writes to {@code ehr.summaries} and {@code ehr.dlq} (stage {@link DeadLetterStage#SUMMARIZE}); each call returns
 * once the broker acknowledged (acks=all).
 */
@ApplicationScoped
public class SummaryPublisher {

    private final MutinyEmitter<String> summaries;
    private final DeadLetterReporter deadLetters;

    public SummaryPublisher(@Channel("summaries") MutinyEmitter<String> summaries,
            @Channel("dlq") MutinyEmitter<ProducerRecord<String, String>> dlq) {
        this.summaries = summaries;
        this.deadLetters = new DeadLetterReporter(DeadLetterStage.SUMMARIZE,
                letter -> dlq.send(letter).subscribeAsCompletionStage());
    }

    /** Publishes a summary document (key = patient key). */
    public void publishSummary(String requestId, String patient, String encounter, String engine, String status,
            String documentJson) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, EventHeaders.SUMMARY_REQUEST_ID, requestId);
        add(headers, EventHeaders.SUMMARY_ENGINE, engine);
        add(headers, EventHeaders.SUMMARY_STATUS, status);
        add(headers, EventHeaders.PATIENT_KEY, patient);
        add(headers, EventHeaders.SUMMARY_ENCOUNTER, encounter);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.SUMMARIES).withKey(patient).withHeaders(headers).build();
        summaries.sendMessageAndAwait(Message.of(documentJson).addMetadata(metadata));
    }

    /**
     * Dead-letters a request record; throws when the broker did not acknowledge it within
     * {@link DeadLetterRecord#SEND_TIMEOUT} (the request is then not acknowledged).
     */
    public void deadLetter(ConsumerRecord<String, String> record, String reason) {
        deadLetters.send(record, reason);
    }

    private static void add(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
