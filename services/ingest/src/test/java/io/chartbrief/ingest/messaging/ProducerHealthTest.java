package io.chartbrief.ingest.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.ingest.Fixtures;
import io.chartbrief.ingest.mllp.MllpListener;
import io.chartbrief.interop.mllp.MllpClient;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * When a producer can no longer write, liveness and readiness go DOWN (before this, every MLLP message got AE
 * while health stayed UP, so nothing restarted ingest). Real producers, real broker; the faults are injected with a
 * Kafka interceptor.
 */
@QuarkusTest
@TestProfile(ProducerHealthTest.Faults.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class ProducerHealthTest {

    public static class Faults implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String interceptor = FaultInjectingInterceptor.class.getName();
            return Map.of(
                    "mp.messaging.outgoing.hl7v2-raw.interceptor.classes", interceptor,
                    "mp.messaging.outgoing.fhir-raw.interceptor.classes", interceptor,
                    "chartbrief.ingest.health.producer-stall-timeout", "3s",
                    "chartbrief.ingest.mllp.broker-ack-timeout", "4s",
                    "chartbrief.ingest.rest.broker-ack-timeout", "4s");
        }
    }

    @Inject
    MllpListener listener;

    @Inject
    KafkaClientService clients;

    @AfterAll
    static void release() {
        FaultInjectingInterceptor.releaseStall();
    }

    @Test
    void aDeadNetworkThreadTurnsLivenessAndReadinessDown() throws Exception {
        // the check reads the producer's own network thread (not one of an earlier app with the same client id)
        Object kafkaProducer = clients.getProducer(InboundRecordPublisher.HL7V2_CHANNEL).unwrap();
        java.lang.reflect.Field ioThread = kafkaProducer.getClass().getDeclaredField("ioThread");
        ioThread.setAccessible(true);
        assertThat(((Thread) ioThread.get(kafkaProducer)).isAlive()).isTrue();
        assertThat(channel("live", InboundRecordPublisher.HL7V2_CHANNEL)).isEqualTo("ok");

        String good = "GOOD-" + UUID.randomUUID();
        try (MllpClient client = new MllpClient("localhost", listener.port(), Duration.ofSeconds(30))) {
            assertThat(client.send(Fixtures.adtA01(good, "MRN-H"))).contains("MSA|AA|" + good);
            String fatal = "KILL-" + UUID.randomUUID();
            assertThat(client.send(Fixtures.adtA01(fatal, FaultInjectingInterceptor.KILL_NETWORK_THREAD)))
                    .contains("MSA|AE|");
            awaitChannel("live", InboundRecordPublisher.HL7V2_CHANNEL, "network thread dead");
            assertThat(channel("ready", InboundRecordPublisher.HL7V2_CHANNEL)).isEqualTo("network thread dead");
            given().get("/q/health/live").then().statusCode(503);
            given().get("/q/health/ready").then().statusCode(503);
        }
    }

    @Test
    void aStalledWriteTurnsHealthDown() throws Exception {
        given().auth().oauth2(Fixtures.intakeToken()).contentType("application/fhir+json")
                .body(Fixtures.fhirPatient(UUID.randomUUID().toString(), FaultInjectingInterceptor.STALL))
                .post("/fhir/r4/Patient")
                .then().statusCode(503);
        awaitChannel("live", InboundRecordPublisher.FHIR_CHANNEL, "stalled");
        given().get("/q/health/live").then().statusCode(503);
    }

    @Test
    void aClosedProducerTurnsHealthDown() throws Exception {
        clients.getProducer("events").unwrap().close(Duration.ofSeconds(5));
        awaitChannel("ready", "events", "network thread dead");
        given().get("/q/health/ready").then().statusCode(503);
    }

    private static String channel(String probe, String channel) {
        JsonPath body = given().get("/q/health/" + probe).then().extract().jsonPath();
        return body.getString("checks.find { it.name == '" + ProducerHealth.NAME + "' }.data.'" + channel + "'");
    }

    private static void awaitChannel(String probe, String channel, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String seen = channel(probe, channel);
        while ((seen == null || !seen.startsWith(expected)) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            seen = channel(probe, channel);
        }
        assertThat(seen).as(probe + " " + channel).startsWith(expected);
    }
}
