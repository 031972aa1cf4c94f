package io.chartbrief.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.ingest.Fixtures;
import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.KafkaTestClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hospitals publishing straight to the inbound topics: poison records go to ehr.dlq and the stream moves on. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class InboundNormalizerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void hl7PoisonRecordIsDeadLetteredAndTheNextRecordIsProcessed() throws Exception {
        String poison = "not an HL7 message " + UUID.randomUUID();
        String controlId = "AFTER-" + UUID.randomUUID();
        String key = "same-partition-" + UUID.randomUUID();
        kafka.send(Topics.HL7V2_INBOUND, key, poison);
        kafka.send(Topics.HL7V2_INBOUND, key, Fixtures.oruR01(controlId, "MRN-DLQ"));

        ConsumerRecord<String, String> dead = kafka.awaitRecord(Topics.DLQ, TIMEOUT, r -> poison.equals(r.value()));
        assertThat(KafkaTestClient.header(dead, EventHeaders.DLQ_STAGE)).isEqualTo("normalize-hl7v2");
        assertThat(KafkaTestClient.header(dead, EventHeaders.DLQ_REASON)).isNotBlank();
        assertThat(KafkaTestClient.header(dead, EventHeaders.DLQ_ORIGINAL_TOPIC)).isEqualTo(Topics.HL7V2_INBOUND);
        assertThat(KafkaTestClient.header(dead, EventHeaders.DLQ_ORIGINAL_PARTITION)).isNotBlank();
        assertThat(KafkaTestClient.header(dead, EventHeaders.DLQ_ORIGINAL_OFFSET)).matches("\\d+");
        assertThat(dead.key()).isEqualTo(key);

        ConsumerRecord<String, String> event = kafka.awaitRecord(Topics.EVENTS, TIMEOUT,
                r -> controlId.equals(KafkaTestClient.header(r, EventHeaders.SOURCE_ID)));
        assertThat(KafkaTestClient.header(event, EventHeaders.EVENT_TYPE)).isEqualTo("ORU^R01");
        assertThat(event.value()).contains("\"resourceType\":\"DiagnosticReport\"")
                .contains("\"resourceType\":\"Observation\"");
        long poisonOffset = Long.parseLong(KafkaTestClient.header(dead, EventHeaders.DLQ_ORIGINAL_OFFSET));
        assertThat(Long.parseLong(KafkaTestClient.header(event, EventHeaders.SOURCE_OFFSET))).isGreaterThan(poisonOffset);
    }

    @Test
    void fhirPoisonRecordIsDeadLetteredAndTheNextRecordIsProcessed() throws Exception {
        String poison = "{\"resourceType\":\"Patient\",\"birthDate\":\"not-a-date\",\"id\":\"" + UUID.randomUUID() + "\"}";
        String patientId = UUID.randomUUID().toString();
        kafka.send(Topics.FHIR_INBOUND, "k", poison);
        kafka.send(Topics.FHIR_INBOUND, "k", "");
        kafka.send(Topics.FHIR_INBOUND, "k", Fixtures.fhirPatient(patientId, "MRN-" + patientId));

        ConsumerRecord<String, String> dead = kafka.awaitRecord(Topics.DLQ, TIMEOUT, r -> poison.equals(r.value()));
        assertThat(KafkaTestClient.header(dead, EventHeaders.DLQ_STAGE)).isEqualTo("normalize-fhir");
        assertThat(KafkaTestClient.header(dead, EventHeaders.DLQ_REASON)).isNotBlank();
        assertThat(KafkaTestClient.header(dead, EventHeaders.DLQ_ORIGINAL_TOPIC)).isEqualTo(Topics.FHIR_INBOUND);

        ConsumerRecord<String, String> event = kafka.awaitRecord(Topics.EVENTS, TIMEOUT,
                r -> ("Patient/" + patientId).equals(r.key()));
        assertThat(KafkaTestClient.header(event, EventHeaders.SOURCE_FORMAT)).isEqualTo("fhir");
        assertThat(event.value()).contains("\"type\":\"transaction\"").contains(patientId);
    }
}
