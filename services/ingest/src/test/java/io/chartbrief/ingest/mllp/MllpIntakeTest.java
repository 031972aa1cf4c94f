package io.chartbrief.ingest.mllp;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.ingest.Fixtures;
import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.interop.mllp.MllpClient;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.KafkaTestClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HL7 v2 over a real MLLP socket into the real (in-process KRaft) broker. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class MllpIntakeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    MllpListener listener;

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
    void acceptsOnlyAfterTheRecordIsOnTheInboundTopic() throws Exception {
        String controlId = "CTRL-" + UUID.randomUUID();
        String message = Fixtures.adtA01(controlId, "MRN-" + controlId);
        String ack;
        try (MllpClient client = new MllpClient("localhost", listener.port(), TIMEOUT)) {
            ack = client.send(message);
        }
        assertThat(ack).contains("MSA|AA|" + controlId);
        // AA was sent only after the broker acknowledged: the record must already be readable, byte for byte.
        ConsumerRecord<String, String> stored = kafka.awaitRecord(Topics.HL7V2_INBOUND, Duration.ofSeconds(5),
                r -> controlId.equals(KafkaTestClient.header(r, EventHeaders.SOURCE_ID)));
        assertThat(stored.value()).isEqualTo(message);
        assertThat(KafkaTestClient.header(stored, EventHeaders.EVENT_TYPE)).isEqualTo("ADT^A01");
        assertThat(stored.key()).startsWith("pid:");
    }

    @Test
    void rejectsAMessageWithoutControlIdWithAnErrSegment() throws Exception {
        String ack;
        try (MllpClient client = new MllpClient("localhost", listener.port(), TIMEOUT)) {
            ack = client.send(Fixtures.withoutControlId());
        }
        assertThat(ack).containsPattern("MSA\\|A[RE]\\|");
        assertThat(ack).contains("ERR|");
        assertThat(ack).contains("MSH-10");
    }

    @Test
    void rejectsGarbageWithoutMsh() throws Exception {
        try (MllpClient client = new MllpClient("localhost", listener.port(), TIMEOUT)) {
            String ack = client.send("this is not HL7");
            assertThat(ack).containsPattern("MSA\\|A[RE]\\|").contains("ERR|");
            // The connection stays usable after a rejection.
            String controlId = "CTRL-" + UUID.randomUUID();
            assertThat(client.send(Fixtures.adtA01(controlId, "MRN-AFTER"))).contains("MSA|AA|" + controlId);
        }
    }

    @Test
    void servesManyConcurrentConnections() throws Exception {
        int connections = 8;
        int perConnection = 15;
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<List<String>>> results = new ArrayList<>();
        String run = UUID.randomUUID().toString();
        for (int c = 0; c < connections; c++) {
            int connection = c;
            results.add(pool.submit(() -> {
                List<String> acks = new ArrayList<>();
                try (MllpClient client = new MllpClient("localhost", listener.port(), TIMEOUT)) {
                    for (int i = 0; i < perConnection; i++) {
                        String controlId = run + "-" + connection + "-" + i;
                        String ack = client.send(Fixtures.oruR01(controlId, "MRN-" + connection));
                        assertThat(ack).contains("MSA|AA|" + controlId);
                        acks.add(controlId);
                    }
                }
                return acks;
            }));
        }
        int acknowledged = 0;
        for (Future<List<String>> result : results) {
            acknowledged += result.get().size();
        }
        pool.shutdown();
        assertThat(acknowledged).isEqualTo(connections * perConnection);
        long stored = kafka.consumeAll(Topics.HL7V2_INBOUND, Duration.ofSeconds(5)).stream()
                .filter(r -> String.valueOf(KafkaTestClient.header(r, EventHeaders.SOURCE_ID)).startsWith(run))
                .count();
        assertThat(stored).isEqualTo(connections * perConnection);
    }

    @Test
    void duplicateDeliveryYieldsIdenticalEvents() throws Exception {
        String controlId = "DUP-" + UUID.randomUUID();
        String message = Fixtures.adtA01(controlId, "MRN-DUP");
        try (MllpClient client = new MllpClient("localhost", listener.port(), TIMEOUT)) {
            assertThat(client.send(message)).contains("MSA|AA|" + controlId);
            assertThat(client.send(message)).contains("MSA|AA|" + controlId);
        }
        List<ConsumerRecord<String, String>> events = kafka.awaitRecords(Topics.EVENTS, 2, TIMEOUT,
                r -> controlId.equals(KafkaTestClient.header(r, EventHeaders.SOURCE_ID)));
        assertThat(events).hasSize(2);
        assertThat(events.get(0).value()).isEqualTo(events.get(1).value());
        assertThat(events.get(0).key()).isEqualTo(events.get(1).key()).startsWith("Patient/");
        assertThat(events.get(0).value()).contains("\"resourceType\":\"Encounter\"")
                .contains("\"resourceType\":\"AllergyIntolerance\"");
        assertThat(KafkaTestClient.header(events.get(0), EventHeaders.EVENT_TYPE)).isEqualTo("ADT^A01");
        assertThat(KafkaTestClient.header(events.get(0), EventHeaders.EVENT_TIME)).isEqualTo("2026-03-01T10:14:00Z");
        assertThat(KafkaTestClient.header(events.get(0), EventHeaders.SOURCE_TOPIC)).isEqualTo(Topics.HL7V2_INBOUND);
        // Trace context crossed the Kafka hop from the MLLP intake to the normalizer's output.
        assertThat(KafkaTestClient.header(events.get(0), "traceparent")).isNotBlank();
    }
}
