package io.chartbrief.chart;

import static io.chartbrief.chart.ChartTestSupport.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.event.NormalizedEvent;
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
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every chart read — allowed, unknown patient, wrong role — is an AuditEvent on {@code ehr.audit} (key = patient
 * key) naming the caller's token subject, the patient and the outcome, and nothing identifying of the patient.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "chart"))
class ChartAuditTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    DataSource dataSource;

    private KafkaTestClient kafka;
    private String mrn;
    private String patient;
    private String subject;

    @BeforeEach
    void admitOnePatient() {
        kafka = new KafkaTestClient(bootstrapServers);
        ChartTestSupport chart = new ChartTestSupport(kafka, dataSource);
        mrn = "AUD" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        // Hl7Fixtures.adt: PID-5 TESTPATIENT^ALICE^Q, PID-7 19700214, PID-3 the MRN
        NormalizedEvent admission = chart.publishHl7(Hl7Fixtures.adt("A01", "A" + mrn, mrn, "V" + mrn, "I",
                "20260301101400", "20260301100000", null));
        chart.sync();
        patient = id(admission.patientKey());
        subject = "dr-audit-" + UUID.randomUUID();
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void aChartReadIsAnAuditEventWithTheCallerThePatientAndOutcomeZero() throws Exception {
        as("clinician").get("/patients/{id}/chart", patient).then().statusCode(200);

        ConsumerRecord<String, String> record = awaitEvent("GET /patients/{id}/chart");
        assertThat(record.key()).isEqualTo("Patient/" + patient);
        AuditEvent event = parse(record.value());
        assertThat(event.getType().getCode()).isEqualTo("rest");
        assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("search");
        assertThat(event.getAction().toCode()).isEqualTo("E");
        assertThat(event.getOutcome().toCode()).isEqualTo("0");
        assertThat(event.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo(subject);
        assertThat(event.getAgentFirstRep().getRequestor()).isTrue();
        assertThat(event.getAgentFirstRep().getRole()).extracting(r -> r.getCodingFirstRep().getCode())
                .containsExactly("clinician");
        assertThat(event.getAgent().get(1).getWho().getIdentifier().getValue()).isEqualTo("chartbrief-chart");
        assertThat(event.getSource().getObserver().getIdentifier().getValue()).isEqualTo("chartbrief-chart");
        assertThat(event.getEntityFirstRep().getWhat().getReference()).isEqualTo("Patient/" + patient);
        assertNoPatientValues(record.value());
        assertThat(storedAndPublished(event.getIdPart())).isTrue();
    }

    @Test
    void everythingAndEncountersAreAuditedToo() {
        as("chart-read").get("/fhir/r4/Patient/{id}/$everything", patient).then().statusCode(200);
        as("chart-read").get("/patients/{id}/encounters", patient).then().statusCode(200);

        for (String operation : List.of("GET /fhir/r4/Patient/{id}/$everything", "GET /patients/{id}/encounters")) {
            ConsumerRecord<String, String> record = awaitEvent(operation);
            assertThat(record.key()).isEqualTo("Patient/" + patient);
            assertThat(parse(record.value()).getOutcome().toCode()).isEqualTo("0");
            assertNoPatientValues(record.value());
        }
    }

    @Test
    void aSearchByIdentifierNamesTheMatchedPatientButNotTheIdentifier() {
        as("chart-read").queryParam("identifier", mrn).get("/patients").then().statusCode(200);

        ConsumerRecord<String, String> record = awaitEvent("GET /patients?identifier");
        assertThat(record.key()).isEqualTo("Patient/" + patient);
        AuditEvent event = parse(record.value());
        assertThat(new String(event.getEntity().get(1).getQuery(), StandardCharsets.UTF_8)).isEqualTo("identifier");
        assertNoPatientValues(record.value());
    }

    @Test
    void anUnknownPatientIsAnAuditEventWithOutcomeFour() {
        String unknown = UUID.randomUUID().toString();
        as("clinician").get("/patients/{id}/chart", unknown).then().statusCode(404);

        ConsumerRecord<String, String> record = awaitEvent("GET /patients/{id}/chart");
        assertThat(record.key()).isEqualTo("Patient/" + unknown);
        AuditEvent event = parse(record.value());
        assertThat(event.getOutcome().toCode()).isEqualTo("4");
        assertThat(event.getOutcomeDesc()).isEqualTo("HTTP 404");
    }

    @Test
    void aCallerWithoutTheRoleIsAnAuditEventWithOutcomeFour() {
        as("summary-request").get("/patients/{id}/chart", patient).then().statusCode(403);

        ConsumerRecord<String, String> record = awaitEvent("GET /patients/{id}/chart");
        assertThat(record.key()).isEqualTo("Patient/" + patient);
        AuditEvent event = parse(record.value());
        assertThat(event.getOutcome().toCode()).isEqualTo("4");
        assertThat(event.getOutcomeDesc()).isEqualTo("HTTP 403");
        assertThat(event.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo(subject);
    }

    @Test
    void healthSaysHowPublishingGoes() {
        String health = RestAssured.given().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(health).contains("\"audit-publishing\"").contains("\"state\"");
    }

    private io.restassured.specification.RequestSpecification as(String role) {
        return RestAssured.given().auth().oauth2(TestTokens.builder(ChartTestSupport.AUDIENCE).subject(subject)
                .roles(role).sign());
    }

    private ConsumerRecord<String, String> awaitEvent(String operation) {
        return kafka.awaitRecord(Topics.AUDIT, WAIT,
                r -> r.value().contains("\"" + subject + "\"") && parse(r.value()).getEntity().stream()
                        .anyMatch(e -> operation.equals(e.getDescription())));
    }

    private void assertNoPatientValues(String json) {
        assertThat(json).doesNotContain("TESTPATIENT").doesNotContain("ALICE").doesNotContain("19700214")
                .doesNotContain("1970-02-14").doesNotContain(mrn).doesNotContain("MAIN ST");
    }

    private boolean storedAndPublished(String id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT published_at IS NOT NULL FROM chart.audit_event WHERE id = ?::uuid")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static AuditEvent parse(String json) {
        return FhirContexts.r4().newJsonParser().parseResource(AuditEvent.class, json);
    }
}
