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
import org.junit.jupiter.api.Test;

/** Records fed straight to the inbound topics that are over a limit are dead-lettered naming it; the next flows. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class PoisonLimitsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void overLimitRecordsGoToTheDlqWithTheLimitAsReason() throws Exception {
        String key = "limits-" + UUID.randomUUID();
        String tooManyObx = Fixtures.oruWithTwinObx("LIM-" + UUID.randomUUID(), "MRN-LIM", 10_001);
        String millionEntries = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"id\":\"" + UUID.randomUUID()
                + "\",\"entry\":[" + "{},".repeat(999_999) + "{}]}";
        String deep = "{\"resourceType\":\"Patient\",\"id\":\"" + UUID.randomUUID() + "\",\"extension\":"
                + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        String goodId = "TWINS-" + UUID.randomUUID();
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            kafka.send(Topics.HL7V2_INBOUND, key, tooManyObx);
            kafka.send(Topics.HL7V2_INBOUND, key, Fixtures.oruWithTwinObx(goodId, "MRN-LIM", 8_000));
            kafka.send(Topics.FHIR_INBOUND, key, millionEntries);
            kafka.send(Topics.FHIR_INBOUND, key, deep);

            ConsumerRecord<String, String> obx = kafka.awaitRecord(Topics.DLQ, TIMEOUT,
                    r -> tooManyObx.equals(r.value()));
            assertThat(KafkaTestClient.header(obx, EventHeaders.DLQ_REASON))
                    .isEqualTo("message exceeds the limit max-obx (10000)");
            // 8,000 OBX twins below the limit convert (linearly) and do not hold the partition
            ConsumerRecord<String, String> twins = kafka.awaitRecord(Topics.EVENTS, TIMEOUT,
                    r -> goodId.equals(KafkaTestClient.header(r, EventHeaders.SOURCE_ID)));
            assertThat(twins.value()).contains("\"resourceType\":\"Observation\"");

            ConsumerRecord<String, String> entries = kafka.awaitRecord(Topics.DLQ, TIMEOUT,
                    r -> millionEntries.equals(r.value()));
            assertThat(KafkaTestClient.header(entries, EventHeaders.DLQ_REASON)).contains("max-bundle-entries (10000)");
            ConsumerRecord<String, String> nested = kafka.awaitRecord(Topics.DLQ, TIMEOUT, r -> deep.equals(r.value()));
            assertThat(KafkaTestClient.header(nested, EventHeaders.DLQ_REASON)).contains("max-depth (64)");
        }
    }
}
