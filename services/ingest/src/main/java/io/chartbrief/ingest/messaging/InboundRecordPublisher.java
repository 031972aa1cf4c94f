package io.chartbrief.ingest.messaging;

import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.hl7.Hl7MessageHeader;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Writes what ingest received, unchanged, to the inbound topics ({@code ehr.hl7v2.inbound},
 * {@code ehr.fhir.inbound}). The returned {@link Uni} completes only once the broker acknowledged the write
 * (producer acks=all, idempotent): callers answer their sender after that, never before.
 */
@ApplicationScoped
public class InboundRecordPublisher {

    /** Header naming the ingest receipt id of a REST submission. */
    public static final String SUBMISSION_ID = "chartbrief.submission.id";
    static final String HL7V2_CHANNEL = "hl7v2-raw";
    static final String FHIR_CHANNEL = "fhir-raw";

    private final MutinyEmitter<String> hl7v2;
    private final MutinyEmitter<String> fhir;
    private final ProducerWrites hl7v2Writes = new ProducerWrites();
    private final ProducerWrites fhirWrites = new ProducerWrites();

    public InboundRecordPublisher(
            @Channel(HL7V2_CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<String> hl7v2,
            @Channel(FHIR_CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
            MutinyEmitter<String> fhir) {
        this.hl7v2 = hl7v2;
        this.fhir = fhir;
    }

    public Uni<Void> publishHl7(String message, String key, Hl7MessageHeader header) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, EventHeaders.SOURCE_TOPIC, "mllp");
        add(headers, EventHeaders.SOURCE_FORMAT, "hl7v2");
        add(headers, EventHeaders.SOURCE_ID, header.controlId());
        add(headers, EventHeaders.EVENT_TYPE, header.messageType());
        return send(hl7v2, hl7v2Writes, message, key, headers);
    }

    public Uni<Void> publishFhir(String json, String key, String submissionId, String sourceId, String eventType) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, EventHeaders.SOURCE_TOPIC, "rest");
        add(headers, EventHeaders.SOURCE_FORMAT, "fhir");
        add(headers, EventHeaders.SOURCE_ID, sourceId);
        add(headers, EventHeaders.EVENT_TYPE, eventType);
        add(headers, SUBMISSION_ID, submissionId);
        return send(fhir, fhirWrites, json, key, headers);
    }

    /** Writes of a channel not completed yet, for {@link ProducerHealth}; {@code null} for other channels. */
    ProducerWrites writes(String channel) {
        return switch (channel) {
            case HL7V2_CHANNEL -> hl7v2Writes;
            case FHIR_CHANNEL -> fhirWrites;
            default -> null;
        };
    }

    private static Uni<Void> send(MutinyEmitter<String> emitter, ProducerWrites writes, String value, String key,
            RecordHeaders headers) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key)
                .withHeaders(headers)
                .build();
        // Uni.createFrom().deferred so that an emitter failure (e.g. buffer full) becomes a failed Uni. The write
        // is tracked by the message's own ack/nack, which run even after the caller gave up waiting.
        return Uni.createFrom().deferred(() -> {
            long token = writes.started();
            Message<String> message = Message.of(value).addMetadata(metadata)
                    .withAck(() -> {
                        writes.completed(token);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        writes.failed(token, failure);
                        return CompletableFuture.completedFuture(null);
                    });
            return emitter.sendMessage(message)
                    .onFailure().invoke(failure -> writes.failed(token, failure));
        });
    }

    static void add(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
