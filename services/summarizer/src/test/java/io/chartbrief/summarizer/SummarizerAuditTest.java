package io.chartbrief.summarizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.chartbrief.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every summary read — the stored summary, its document, a patient's list, the IPS {@code $summary} — is an
 * AuditEvent on {@code ehr.audit} (key = patient key) with the caller's subject and the outcome, 404 and 403 as
 * outcome 4, and nothing identifying of the patient (the fixture's name is in every summary document).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "summarizer"))
@WithTestResource(value = FakeChartServiceResource.class, scope = TestResourceScope.GLOBAL)
class SummarizerAuditTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaTestClient kafka;
    private String subject;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(bootstrapServers);
        subject = "dr-audit-" + UUID.randomUUID();
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void summaryReadsAreAuditEventsNamingThePatientAndTheCaller() {
        String patientId = "audit-" + UUID.randomUUID();
        String requestId = UUID.randomUUID().toString();
        summarize(requestId, patientId);

        String document = as("summary-read").get("/summaries/{id}/document", requestId).then().statusCode(200)
                .extract().asString();
        assertThat(document).contains("Testperson"); // the fixture's name is there to be left out below
        as("clinician").get("/fhir/r4/Patient/{id}/$summary", patientId).then().statusCode(200);
        as("summary-read").get("/summaries/{id}", requestId).then().statusCode(200);
        as("summary-read").queryParam("patient", "Patient/" + patientId).get("/summaries").then().statusCode(200);

        for (String operation : new String[] {"GET /summaries/{requestId}/document",
                "GET /fhir/r4/Patient/{id}/$summary", "GET /summaries/{requestId}", "GET /summaries?patient"}) {
            ConsumerRecord<String, String> record = awaitEvent(operation);
            assertThat(record.key()).as(operation).isEqualTo("Patient/" + patientId);
            AuditEvent event = parse(record.value());
            assertThat(event.getOutcome().toCode()).as(operation).isEqualTo("0");
            assertThat(event.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo(subject);
            assertThat(event.getSource().getObserver().getIdentifier().getValue()).isEqualTo("chartbrief-summarizer");
            assertThat(event.getEntityFirstRep().getWhat().getReference()).isEqualTo("Patient/" + patientId);
            assertThat(record.value()).doesNotContain("Testperson").doesNotContain("Alex");
            if (!operation.contains("?")) {
                assertThat(event.getEntity().get(1).getWhat().getReference()).isEqualTo("Bundle/" + requestId);
            }
        }
    }

    @Test
    void aPatientWithoutASummaryIsOutcomeFour() {
        String patientId = "audit-none-" + UUID.randomUUID();
        as("summary-read").get("/fhir/r4/Patient/{id}/$summary", patientId).then().statusCode(404);

        ConsumerRecord<String, String> record = awaitEvent("GET /fhir/r4/Patient/{id}/$summary");
        assertThat(record.key()).isEqualTo("Patient/" + patientId);
        assertThat(parse(record.value()).getOutcome().toCode()).isEqualTo("4");
        assertThat(parse(record.value()).getOutcomeDesc()).isEqualTo("HTTP 404");
    }

    @Test
    void aCallerWithoutTheReadRoleIsOutcomeFour() {
        as("summary-request").get("/summaries/{id}", UUID.randomUUID()).then().statusCode(403);

        AuditEvent event = parse(awaitEvent("GET /summaries/{requestId}").value());
        assertThat(event.getOutcome().toCode()).isEqualTo("4");
        assertThat(event.getOutcomeDesc()).isEqualTo("HTTP 403");
        assertThat(event.getAgentFirstRep().getRole()).extracting(r -> r.getCodingFirstRep().getCode())
                .containsExactly("summary-request");
    }

    private void summarize(String requestId, String patientId) {
        String patient = "Patient/" + patientId;
        kafka.send(Topics.SUMMARY_REQUESTS, patient, SummarizerFlowTest.request(requestId, patient,
                ChartFixture.encounterRef(patientId), "on-demand"));
        kafka.awaitRecord(Topics.SUMMARIES, SummarizerFlowTest.TIMEOUT,
                r -> requestId.equals(KafkaTestClient.header(r, EventHeaders.SUMMARY_REQUEST_ID)));
    }

    private RequestSpecification as(String role) {
        return RestAssured.given().auth().oauth2(TestTokens.builder(SummarizerApi.AUDIENCE).subject(subject)
                .roles(role).sign());
    }

    private ConsumerRecord<String, String> awaitEvent(String operation) {
        return kafka.awaitRecord(Topics.AUDIT, WAIT,
                r -> r.value().contains("\"" + subject + "\"") && parse(r.value()).getEntity().stream()
                        .anyMatch(e -> operation.equals(e.getDescription())));
    }

    private static AuditEvent parse(String json) {
        return FhirContexts.r4().newJsonParser().parseResource(AuditEvent.class, json);
    }
}
