package io.chartbrief.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.chartbrief.ingest.Fixtures;
import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.KafkaTestClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class FhirIngestResourceTest {

    private static final String ISSUER = "https://chartbrief.local/issuer";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    static String token(String... groups) {
        return Jwt.issuer(ISSUER).subject("interface-engine").groups(java.util.Set.of(groups)).expiresIn(300).sign();
    }

    @Test
    void acceptsATransactionBundleOnceDurableAndTheNormalizerPublishesIt() throws Exception {
        String patient = UUID.randomUUID().toString();
        String submissionId = given().auth().oauth2(token("ingest"))
                .contentType("application/fhir+json")
                .body(Fixtures.fhirTransaction(patient, UUID.randomUUID().toString()))
                .post("/fhir/r4")
                .then().statusCode(200)
                .body("resourceType", equalTo("Bundle"))
                .body("type", equalTo("transaction-response"))
                .body("entry[0].response.location", equalTo("Patient/" + patient))
                .extract().header("X-Submission-Id");
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            ConsumerRecord<String, String> raw = kafka.awaitRecord(Topics.FHIR_INBOUND, Duration.ofSeconds(5),
                    r -> submissionId.equals(KafkaTestClient.header(r, "chartbrief.submission.id")));
            assertThat(raw.key()).isEqualTo("Patient/" + patient);
            ConsumerRecord<String, String> event = kafka.awaitRecord(Topics.EVENTS, Duration.ofSeconds(30),
                    r -> ("Patient/" + patient).equals(r.key()));
            assertThat(KafkaTestClient.header(event, EventHeaders.EVENT_TYPE)).isEqualTo("FHIR:transaction");
            // urn:uuid references are rewritten to Type/id in the canonical stream.
            assertThat(event.value()).contains("\"reference\":\"Patient/" + patient + "\"").doesNotContain("urn:uuid:" + patient + "\"}");
        }
    }

    @Test
    void acceptsASingleResourceOfThePathTypeAsCreatedAtItsEventId() {
        String patient = UUID.randomUUID().toString();
        given().auth().oauth2(token("ingest")).contentType("application/json")
                .body(Fixtures.fhirPatient(patient, "MRN-1"))
                .post("/fhir/r4/Patient")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/fhir/r4/Patient/" + patient))
                .header("X-Submission-Id", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void rejectsAResourceWhoseTypeDiffersFromThePath() {
        given().auth().oauth2(token("ingest")).contentType("application/fhir+json")
                .body(Fixtures.fhirPatient(UUID.randomUUID().toString(), "MRN-1"))
                .post("/fhir/r4/Observation")
                .then().statusCode(400).body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void notJsonIs400WithOperationOutcome() {
        given().auth().oauth2(token("ingest")).contentType("application/fhir+json").body("{not json")
                .post("/fhir/r4")
                .then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].severity", equalTo("error"));
    }

    @Test
    void invalidFhirIs422WithOperationOutcome() {
        given().auth().oauth2(token("ingest")).contentType("application/fhir+json")
                .body("{\"resourceType\":\"Patient\",\"id\":\"p1\",\"birthDate\":\"yesterday\"}")
                .post("/fhir/r4/Patient")
                .then().statusCode(422)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString("birthDate"));
    }

    @Test
    void bodyAboveTheLimitIs413() {
        String huge = "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"text\":{\"status\":\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">"
                + "x".repeat(11 * 1024 * 1024) + "</div>\"}}";
        given().auth().oauth2(token("ingest")).contentType("application/fhir+json").body(huge.getBytes(StandardCharsets.UTF_8))
                .post("/fhir/r4")
                .then().statusCode(413).body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void otherMediaTypesAre415() {
        given().auth().oauth2(token("ingest")).contentType("application/xml").body("<Patient/>")
                .post("/fhir/r4")
                .then().statusCode(415).body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void noTokenIs401() {
        given().contentType("application/fhir+json").body(Fixtures.fhirPatient("p1", "MRN-1"))
                .post("/fhir/r4/Patient")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .body("resourceType", org.hamcrest.Matchers.equalTo("OperationOutcome"))
                .body("issue[0].code", org.hamcrest.Matchers.equalTo("login"));
        // XML where the client asks for it
        given().contentType("application/fhir+json").accept("application/fhir+xml")
                .body(Fixtures.fhirPatient("p1", "MRN-1")).post("/fhir/r4/Patient")
                .then().statusCode(401).body(containsString("<OperationOutcome"));
    }

    @Test
    void tokenSignedByAnotherKeyIs401() throws Exception {
        String forged = Jwt.issuer(ISSUER).subject("intruder").groups(java.util.Set.of("ingest")).expiresIn(300)
                .sign(otherKey());
        given().auth().oauth2(forged).contentType("application/fhir+json").body(Fixtures.fhirPatient("p1", "MRN-1"))
                .post("/fhir/r4/Patient")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .body("resourceType", org.hamcrest.Matchers.equalTo("OperationOutcome"));
    }

    @Test
    void expiredTokenIs401() {
        String expired = Jwt.issuer(ISSUER).subject("interface-engine").groups(java.util.Set.of("ingest"))
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign();
        given().auth().oauth2(expired).contentType("application/fhir+json").body(Fixtures.fhirPatient("p1", "MRN-1"))
                .post("/fhir/r4/Patient")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .body("resourceType", org.hamcrest.Matchers.equalTo("OperationOutcome"));
    }

    @Test
    void callerWithoutTheIngestRoleIs403() {
        given().auth().oauth2(token("clinician")).contentType("application/fhir+json")
                .body(Fixtures.fhirPatient("p1", "MRN-1"))
                .post("/fhir/r4/Patient")
                .then().statusCode(403)
                .body("resourceType", org.hamcrest.Matchers.equalTo("OperationOutcome"))
                .body("issue[0].code", org.hamcrest.Matchers.equalTo("forbidden"))
                .body("issue[0].diagnostics", containsString("ingest role"));
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("chartbrief_ingest"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/fhir/r4"))
                .body(containsString("bearerFormat: JWT"));
    }

    private static PrivateKey otherKey() throws Exception {
        String pem;
        try (var in = FhirIngestResourceTest.class.getResourceAsStream("/jwt/other-private-key.pem")) {
            pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
