package io.chartbrief.ingest.messaging;

import io.chartbrief.ingest.service.NormalizationService;
import io.chartbrief.ingest.service.NormalizationService.Normalized;
import io.chartbrief.ingest.service.NormalizationService.Outcome;
import io.chartbrief.ingest.service.NormalizationService.Rejected;
import io.chartbrief.interop.event.DeadLetterRecord;
import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.NormalizedEvent;
import io.chartbrief.interop.event.Topics;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

/**
 * The normalizer stream: consumes {@code ehr.hl7v2.inbound} and {@code ehr.fhir.inbound} and publishes one
 * record per source event to {@code ehr.events} (key = patient key), or the original record to {@code ehr.dlq}
 * with the reason. The source record is acknowledged (its offset becomes committable) only when the outgoing
 * write was acknowledged by the broker, so nothing is lost on a crash; replays yield identical events because
 * resource ids are deterministic.
 */
@ApplicationScoped
public class InboundNormalizer {

    private static final Logger LOG = Logger.getLogger(InboundNormalizer.class);

    private final NormalizationService normalization;

    public InboundNormalizer(NormalizationService normalization) {
        this.normalization = normalization;
    }

    @Incoming("hl7v2-inbound")
    @Outgoing("events")
    @Blocking(ordered = true)
    public Message<String> normalizeHl7v2(Message<String> record) {
        return route(record, normalization::normalizeHl7v2);
    }

    @Incoming("fhir-inbound")
    @Outgoing("events")
    @Blocking(ordered = true)
    public Message<String> normalizeFhir(Message<String> record) {
        return route(record, normalization::normalizeFhir);
    }

    private Message<String> route(Message<String> record, Function<String, Outcome> normalize) {
        Optional<IncomingKafkaRecordMetadata> source = record.getMetadata(IncomingKafkaRecordMetadata.class);
        Outcome outcome = normalize.apply(record.getPayload());
        if (outcome instanceof Normalized normalized) {
            return toEvent(record, normalized, source);
        }
        Rejected rejected = (Rejected) outcome;
        LOG.infof("Dead-lettering %s: %s", describe(source), rejected.reason());
        return toDeadLetter(record, rejected, source);
    }

    private static Message<String> toEvent(Message<String> record, Normalized normalized,
            Optional<IncomingKafkaRecordMetadata> source) {
        NormalizedEvent event = normalized.event();
        RecordHeaders headers = new RecordHeaders();
        source.ifPresent(s -> {
            add(headers, EventHeaders.SOURCE_TOPIC, s.getTopic());
            add(headers, EventHeaders.SOURCE_PARTITION, Integer.toString(s.getPartition()));
            add(headers, EventHeaders.SOURCE_OFFSET, Long.toString(s.getOffset()));
        });
        add(headers, EventHeaders.SOURCE_FORMAT, event.format());
        add(headers, EventHeaders.SOURCE_ID, event.sourceId());
        add(headers, EventHeaders.EVENT_TYPE, event.eventType());
        if (event.eventTime() != null) {
            add(headers, EventHeaders.EVENT_TIME, event.eventTime().toString());
        }
        add(headers, EventHeaders.PATIENT_KEY, event.patientKey());
        if (!event.warnings().isEmpty()) {
            add(headers, EventHeaders.WARNINGS, String.join("; ", event.warnings()));
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.EVENTS)
                .withKey(event.patientKey())
                .withHeaders(headers)
                .build();
        return record.withPayload(normalized.json()).addMetadata(metadata);
    }

    /**
     * The dead letter travels on the normalizer's own outgoing channel (its topic set per record), so the source
     * record is acknowledged only once the broker acknowledged it, within the producer's delivery timeout.
     */
    private static Message<String> toDeadLetter(Message<String> record, Rejected rejected,
            Optional<IncomingKafkaRecordMetadata> source) {
        IncomingKafkaRecordMetadata<?, ?> s = source.orElse(null);
        ProducerRecord<String, String> letter = s == null
                ? DeadLetterRecord.of(null, null, 0, 0, null, record.getPayload(), rejected.stage(), rejected.reason())
                : DeadLetterRecord.of(s.getHeaders(), s.getTopic(), s.getPartition(), s.getOffset(), s.getKey(),
                        record.getPayload(), rejected.stage(), rejected.reason());
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(letter.topic())
                .withKey(letter.key())
                .withHeaders(letter.headers())
                .build();
        return record.withPayload(letter.value()).addMetadata(metadata);
    }

    private static String describe(Optional<IncomingKafkaRecordMetadata> source) {
        return source.map(s -> s.getTopic() + "/" + s.getPartition() + "@" + s.getOffset()).orElse("record");
    }

    private static void add(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
