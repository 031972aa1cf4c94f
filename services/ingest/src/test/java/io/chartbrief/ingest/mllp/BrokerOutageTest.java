package io.chartbrief.ingest.mllp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.ingest.Fixtures;
import io.chartbrief.interop.mllp.MllpClient;
import io.chartbrief.testsupport.InjectKafkaBroker;
import io.chartbrief.testsupport.IsolatedKafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With the broker down, senders must be told to retry: AE over MLLP, 503 over REST, never AA / 202. */
@QuarkusTest
@TestProfile(BrokerOutageTest.ShortAckTimeout.class)
@WithTestResource(value = IsolatedKafkaBrokerResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class BrokerOutageTest {

    public static class ShortAckTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "chartbrief.ingest.mllp.broker-ack-timeout", "4s",
                    "chartbrief.ingest.rest.broker-ack-timeout", "4s");
        }
    }

    @InjectKafkaBroker
    EmbeddedKafkaBroker broker;

    @Inject
    MllpListener listener;

    @Test
    void answersAeAnd503WhileTheBrokerIsDown() throws Exception {
        String before = "UP-" + UUID.randomUUID();
        try (MllpClient client = new MllpClient("localhost", listener.port(), Duration.ofSeconds(60))) {
            assertThat(client.send(Fixtures.adtA01(before, "MRN-OUT"))).contains("MSA|AA|" + before);

            broker.close();

            String during = "DOWN-" + UUID.randomUUID();
            String ack = client.send(Fixtures.adtA01(during, "MRN-OUT"));
            assertThat(ack).contains("MSA|AE|" + during).contains("ERR|").doesNotContain("MSA|AA");
        }
        String token = Jwt.issuer("https://chartbrief.local/issuer").subject("engine").groups(Set.of("ingest"))
                .expiresIn(300).sign();
        given().auth().oauth2(token).contentType("application/fhir+json")
                .body(Fixtures.fhirPatient(UUID.randomUUID().toString(), "MRN-OUT"))
                .post("/fhir/r4/Patient")
                .then().statusCode(503);
    }
}
