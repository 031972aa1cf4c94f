package io.chartbrief.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaBrokerResourceIT {

    private static final KafkaBrokerResource SHARED = new KafkaBrokerResource();
    private static Map<String, String> config;

    @BeforeAll
    static void startShared() {
        SHARED.init(Map.of());
        config = SHARED.start();
    }

    @AfterAll
    static void stopShared() {
        SHARED.stop();
    }

    @Test
    void publishesBootstrapServersWithoutScheme() {
        assertThat(config.get("kafka.bootstrap.servers"))
                .isEqualTo(KafkaBrokerResource.bootstrapServers())
                .matches("[^/]+:\\d+");
        assertThat(config).containsEntry("mp.messaging.connector.smallrye-kafka.bootstrap.servers",
                config.get("kafka.bootstrap.servers"));
    }

    @Test
    void producesAndConsumesARecordWithAHeader() {
        try (KafkaTestClient client = KafkaTestClient.forSharedBroker()) {
            client.createTopic("roundtrip", 2);
            client.createTopic("roundtrip", 2); // idempotent
            client.send("roundtrip", "Patient/1", "{\"resourceType\":\"Patient\"}",
                    Map.of("chartbrief.event.type", "FHIR:Patient"));

            List<ConsumerRecord<String, String>> records = client.consume("roundtrip", 1, Duration.ofSeconds(20));

            assertThat(records).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("Patient/1");
                assertThat(record.value()).contains("Patient");
                assertThat(KafkaTestClient.header(record, "chartbrief.event.type")).isEqualTo("FHIR:Patient");
                assertThat(KafkaTestClient.header(record, "absent")).isNull();
            });
        }
    }

    @Test
    void autoCreatesTopicsOnFirstSend() {
        try (KafkaTestClient client = KafkaTestClient.forSharedBroker()) {
            client.send("auto-created", "k", "v");
            assertThat(client.consume("auto-created", 1, Duration.ofSeconds(20))).hasSize(1);
        }
    }

    @Test
    void reportsMissingRecords() {
        try (KafkaTestClient client = KafkaTestClient.forSharedBroker()) {
            client.createTopic("empty", 1);
            assertThatThrownBy(() -> client.consume("empty", 1, Duration.ofMillis(500)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("got 0");
        }
    }

    @Test
    void isolatedBrokerCanBeClosedWhileTheSharedOneKeepsWorking() {
        KafkaBrokerResource isolatedResource = new IsolatedKafkaBrokerResource();
        isolatedResource.init(Map.of());
        assertThat(isolatedResource.order()).isGreaterThan(SHARED.order());
        Map<String, String> isolatedConfig = isolatedResource.start();
        BrokerHolder holder = new BrokerHolder();
        isolatedResource.inject(new FieldInjector(holder));
        try {
            assertThat(isolatedConfig.get("kafka.bootstrap.servers"))
                    .isNotEqualTo(KafkaBrokerResource.bootstrapServers());
            assertThat(holder.broker).isSameAs(isolatedResource.broker());
            try (KafkaTestClient client = new KafkaTestClient(isolatedConfig.get("kafka.bootstrap.servers"))) {
                client.send("outage", "k", "before");
            }

            holder.broker.close();
            assertThat(holder.broker.isRunning()).isFalse();

            try (KafkaTestClient client = KafkaTestClient.forSharedBroker()) {
                client.send("still-up", "k", "v");
                assertThat(client.consume("still-up", 1, Duration.ofSeconds(20))).hasSize(1);
            }
        } finally {
            isolatedResource.stop();
        }
    }

    @Test
    void sharedBrokerLeavesIsolatedTestClassesAlone() {
        IsolatedTestClass isolatedTest = new IsolatedTestClass();
        SHARED.inject(new FieldInjector(isolatedTest));
        assertThat(isolatedTest.broker).isNull();
        IsolatedByArgTestClass isolatedByArgTest = new IsolatedByArgTestClass();
        SHARED.inject(new FieldInjector(isolatedByArgTest));
        assertThat(isolatedByArgTest.broker).isNull();

        BrokerHolder plainTest = new BrokerHolder();
        SHARED.inject(new FieldInjector(plainTest));
        assertThat(plainTest.broker).isSameAs(SHARED.broker());
    }

    static final class BrokerHolder {
        @InjectKafkaBroker
        EmbeddedKafkaBroker broker;
    }

    @WithTestResource(value = IsolatedKafkaBrokerResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
    static final class IsolatedTestClass {
        @InjectKafkaBroker
        EmbeddedKafkaBroker broker;
    }

    @WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
            initArgs = @ResourceArg(name = "isolated", value = "true"))
    static final class IsolatedByArgTestClass {
        @InjectKafkaBroker
        EmbeddedKafkaBroker broker;
    }
}
