package io.chartbrief.cli;

import io.chartbrief.interop.event.ConversionException;
import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.InboundPartitionKey;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.interop.fhir.FhirEventNormalizer;
import io.chartbrief.interop.hl7.Hl7Bytes;
import io.chartbrief.interop.hl7.Hl7HeaderReader;
import io.chartbrief.interop.hl7.Hl7MessageHeader;
import io.chartbrief.interop.hl7.Hl7RejectedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Files straight onto the inbound topics, as a hospital publishing to Kafka would: HL7 v2 to
 * {@code ehr.hl7v2.inbound}, FHIR JSON to {@code ehr.fhir.inbound}, keyed per patient like ingest keys them.
 * Content is not validated here (the normalizer dead-letters what it cannot take), except that a key needs a
 * readable MSH-10 or patient.
 */
final class KafkaReplaySender implements ReplaySender {

    private final KafkaProducer<String, String> producer;
    private final FhirEventNormalizer fhir = new FhirEventNormalizer();
    private final int timeoutSeconds;

    KafkaReplaySender(String bootstrapServers, int timeoutSeconds) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutSeconds * 1000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutSeconds * 1000);
        // Kafka requires delivery.timeout >= linger + request.timeout.
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeoutSeconds * 500));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try {
            this.producer = new KafkaProducer<>(props);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new IllegalArgumentException("cannot use Kafka at '" + bootstrapServers + "': "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public Outcome send(Path file) throws UnreachableException {
        byte[] bytes;
        try {
            bytes = ReplaySender.read(file);
        } catch (IOException e) {
            return new Outcome("unreadable", e.getClass().getSimpleName());
        }
        ProducerRecord<String, String> record;
        if (ReplaySender.isJson(bytes)) {
            String json = new String(bytes, StandardCharsets.UTF_8);
            String key;
            try {
                key = fhir.normalize(json).patientKey();
            } catch (ConversionException e) {
                // Sent anyway: the normalizer dead-letters it with the same reason, as it would for a hospital.
                key = null;
            }
            record = new ProducerRecord<>(Topics.FHIR_INBOUND, key, json);
            record.headers().add(EventHeaders.SOURCE_FORMAT, "fhir".getBytes(StandardCharsets.UTF_8));
        } else {
            String message = Hl7Bytes.decode(bytes);
            String key;
            try {
                Hl7MessageHeader header = Hl7HeaderReader.read(message);
                key = InboundPartitionKey.ofHl7(message, header.controlId());
            } catch (Hl7RejectedException e) {
                key = null;
            }
            record = new ProducerRecord<>(Topics.HL7V2_INBOUND, key, message);
            record.headers().add(EventHeaders.SOURCE_FORMAT, "hl7v2".getBytes(StandardCharsets.UTF_8));
        }
        record.headers().add(EventHeaders.SOURCE_TOPIC, "replay".getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get(timeoutSeconds, TimeUnit.SECONDS);
            return new Outcome("written", "");
        } catch (ExecutionException | TimeoutException e) {
            Throwable reason = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new UnreachableException("Kafka did not acknowledge the write of " + file + " ("
                    + (reason.getMessage() != null ? reason.getMessage() : reason.getClass().getSimpleName())
                    + "); is the broker up?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("interrupted", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
