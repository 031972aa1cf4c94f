package io.chartbrief.summarizer;

import static io.chartbrief.summarizer.SummarizerApi.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.TestTokens;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request stream on a real broker and PostgreSQL, with the chart API served over HTTP by the test. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "summarizer"))
@WithTestResource(value = FakeChartServiceResource.class, scope = TestResourceScope.GLOBAL)
class SummarizerFlowTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    DataSource dataSource;

    private KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    static String request(String requestId, String patient, String encounter, String reason) {
        return "{\"requestId\":\"" + requestId + "\",\"patient\":\"" + patient + "\","
                + (encounter == null ? "" : "\"encounter\":\"" + encounter + "\",")
                + "\"reason\":\"" + reason + "\",\"requestedAt\":\"2026-01-02T03:04:05Z\",\"futureField\":[1,2]}";
    }

    private ConsumerRecord<String, String> awaitSummary(String requestId) {
        return kafka.awaitRecord(Topics.SUMMARIES, TIMEOUT,
                r -> requestId.equals(KafkaTestClient.header(r, EventHeaders.SUMMARY_REQUEST_ID)));
    }

    private ConsumerRecord<String, String> awaitDeadLetter(String value) {
        return kafka.awaitRecord(Topics.DLQ, TIMEOUT, r -> value.equals(r.value()));
    }

    private long summariesFor(String requestId) {
        return kafka.consumeAll(Topics.SUMMARIES, TIMEOUT).stream()
                .filter(r -> requestId.equals(KafkaTestClient.header(r, EventHeaders.SUMMARY_REQUEST_ID))).count();
    }

    @Test
    void requestIsSummarizedStoredAndPublishedAsFhirDocument() throws Exception {
        String patientId = "p-" + UUID.randomUUID();
        String patient = "Patient/" + patientId;
        String encounter = ChartFixture.encounterRef(patientId);
        String requestId = UUID.randomUUID().toString();
        kafka.send(Topics.SUMMARY_REQUESTS, patient, request(requestId, patient, encounter, "admission"));

        ConsumerRecord<String, String> published = awaitSummary(requestId);
        assertThat(published.key()).isEqualTo(patient);
        assertThat(KafkaTestClient.header(published, EventHeaders.SUMMARY_ENGINE)).isEqualTo("extractive");
        assertThat(KafkaTestClient.header(published, EventHeaders.SUMMARY_STATUS)).isEqualTo("verified");
        assertThat(KafkaTestClient.header(published, EventHeaders.PATIENT_KEY)).isEqualTo(patient);
        assertThat(KafkaTestClient.header(published, EventHeaders.SUMMARY_ENCOUNTER)).isEqualTo(encounter);

        Bundle document = FhirContexts.r4().newJsonParser().parseResource(Bundle.class, published.value());
        assertThat(document.getType()).isEqualTo(Bundle.BundleType.DOCUMENT);
        assertThat(document.getIdElement().getIdPart()).isEqualTo(requestId);
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        assertThat(composition.getSubject().getReference()).isEqualTo(patient);
        assertThat(composition.getSection()).extracting(s -> s.getCode().getCodingFirstRep().getCode())
                .contains("11450-4", "10160-0", "48765-2", "30954-2", "8716-3");
        assertThat(published.value()).contains("lisinopril").contains("Penicillin");

        List<String> row = row(requestId);
        assertThat(row).containsExactly(patient, encounter, "admission", "extractive", "verified");

        given().get("/summaries/" + requestId).then().statusCode(200)
                .body("status", equalTo("verified"))
                .body("engine", equalTo("extractive"))
                .body("summary.verification.status", equalTo("verified"))
                .body("summary.engine.kind", equalTo("extractive"))
                .body("summary.medications[0].evidence[0]", equalTo("MedicationRequest/med-" + patientId));
        given().get("/summaries/" + requestId + "/document").then().statusCode(200)
                .contentType(containsString("application/fhir+json")).body("type", equalTo("document"));
        given().queryParam("patient", patient).get("/summaries").then().statusCode(200)
                .body("[0].requestId", equalTo(requestId));
    }

    @Test
    void summaryRecordContinuesTheRequestsTrace() {
        String patient = "Patient/p-" + UUID.randomUUID();
        String requestId = UUID.randomUUID().toString();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String parentSpan = "00f067aa0ba902b7";
        kafka.send(Topics.SUMMARY_REQUESTS, patient, request(requestId, patient, null, "on-demand"),
                Map.of("traceparent", "00-" + traceId + "-" + parentSpan + "-01"));

        String traceparent = KafkaTestClient.header(awaitSummary(requestId), "traceparent");
        assertThat(traceparent).as("traceparent of the ehr.summaries record").isNotBlank();
        // W3C: version-traceid-spanid-flags; same trace as the request, a span of this service (not the sender's).
        String[] parts = traceparent.split("-");
        assertThat(parts[1]).isEqualTo(traceId);
        assertThat(parts[2]).matches("[0-9a-f]{16}").isNotEqualTo(parentSpan);
    }

    @Test
    void summaryRecordHasATraceparentWithoutOneOnTheRequest() {
        String patient = "Patient/p-" + UUID.randomUUID();
        String requestId = UUID.randomUUID().toString();
        kafka.send(Topics.SUMMARY_REQUESTS, patient, request(requestId, patient, null, "on-demand"));

        assertThat(KafkaTestClient.header(awaitSummary(requestId), "traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    @Test
    void redeliveredRequestMakesNoSecondRowAndNoSecondDocument() throws Exception {
        String patientId = "p-" + UUID.randomUUID();
        String patient = "Patient/" + patientId;
        String requestId = UUID.randomUUID().toString();
        String value = request(requestId, patient, null, "on-demand");
        kafka.send(Topics.SUMMARY_REQUESTS, patient, value);
        awaitSummary(requestId);
        kafka.send(Topics.SUMMARY_REQUESTS, patient, value);
        String marker = UUID.randomUUID().toString();
        kafka.send(Topics.SUMMARY_REQUESTS, patient, request(marker, patient, null, "on-demand"));
        awaitSummary(marker);

        assertThat(summariesFor(requestId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM summarizer.summary WHERE request_id = ?::uuid", requestId)).isEqualTo(1);
        assertThat(count("SELECT attempts FROM summarizer.attempt WHERE request_id = ?::uuid", requestId)).isEqualTo(1);
    }

    @Test
    void cancellationMarksStoredSummaryAndPreventsAPendingOne() throws Exception {
        String patientId = "p-" + UUID.randomUUID();
        String patient = "Patient/" + patientId;
        String encounter = ChartFixture.encounterRef(patientId);
        String summarized = UUID.randomUUID().toString();
        kafka.send(Topics.SUMMARY_REQUESTS, patient, request(summarized, patient, encounter, "admission"));
        awaitSummary(summarized);

        // A cancellation (own id) for the encounter marks the stored summary cancelled.
        String cancel = UUID.randomUUID().toString();
        kafka.send(Topics.SUMMARY_REQUESTS, patient, request(cancel, patient, encounter, "cancelled"));
        // A request cancelled before it was delivered produces nothing.
        String early = UUID.randomUUID().toString();
        kafka.send(Topics.SUMMARY_REQUESTS, patient, request(early, patient, null, "cancelled"));
        kafka.send(Topics.SUMMARY_REQUESTS, patient, request(early, patient, null, "on-demand"));
        String marker = UUID.randomUUID().toString();
        kafka.send(Topics.SUMMARY_REQUESTS, patient, request(marker, patient, null, "on-demand"));
        awaitSummary(marker);

        assertThat(row(summarized).get(4)).isEqualTo("cancelled");
        assertThat(row(cancel).get(4)).isEqualTo("cancelled");
        assertThat(row(early).get(4)).isEqualTo("cancelled");
        assertThat(summariesFor(early)).isZero();
        assertThat(summariesFor(cancel)).isZero();
        given().get("/summaries/" + summarized).then().statusCode(200).body("status", equalTo("cancelled"));
    }

    @Test
    void unparseableRequestIsDeadLetteredAndTheNextIsProcessed() {
        String patient = "Patient/p-" + UUID.randomUUID();
        String poison = "{not json " + UUID.randomUUID();
        String noId = "{\"patient\":\"" + patient + "\",\"reason\":\"admission\",\"n\":\"" + UUID.randomUUID() + "\"}";
        kafka.send(Topics.SUMMARY_REQUESTS, patient, poison);
        kafka.send(Topics.SUMMARY_REQUESTS, patient, noId);
        String next = UUID.randomUUID().toString();
        kafka.send(Topics.SUMMARY_REQUESTS, patient, request(next, patient, null, "admission"));

        ConsumerRecord<String, String> dead = awaitDeadLetter(poison);
        assertThat(dead.key()).isEqualTo(patient);
        assertThat(KafkaTestClient.header(dead, EventHeaders.DLQ_STAGE)).isEqualTo("summarize");
        assertThat(KafkaTestClient.header(dead, EventHeaders.DLQ_REASON)).contains("not JSON");
        assertThat(KafkaTestClient.header(dead, EventHeaders.DLQ_ORIGINAL_TOPIC)).isEqualTo(Topics.SUMMARY_REQUESTS);
        assertThat(KafkaTestClient.header(dead, EventHeaders.DLQ_ORIGINAL_OFFSET)).matches("\\d+");
        assertThat(KafkaTestClient.header(awaitDeadLetter(noId), EventHeaders.DLQ_REASON)).contains("requestId missing");
        awaitSummary(next);
    }

    @Test
    void missingChartIsDeadLetteredWithTheReason() {
        String patient = "Patient/missing-" + UUID.randomUUID();
        String requestId = UUID.randomUUID().toString();
        String value = request(requestId, patient, null, "admission");
        kafka.send(Topics.SUMMARY_REQUESTS, patient, value);

        ConsumerRecord<String, String> dead = awaitDeadLetter(value);
        assertThat(KafkaTestClient.header(dead, EventHeaders.DLQ_STAGE)).isEqualTo("summarize");
        assertThat(KafkaTestClient.header(dead, EventHeaders.DLQ_REASON)).contains("404");
        given().get("/summaries/" + requestId).then().statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"));
    }

    /**
     * Valid FHIR whose primitives hold only a data-absent-reason ({@link ChartFixture#searchsetWithDataAbsentJson}:
     * gender, allergy criticality, doNotPerform, a vital's value, a range bound) is summarized like any chart: the
     * absent values are left out or said to be not given, never "null", and every item verifies.
     */
    @Test
    void chartWithDataAbsentValuesIsSummarizedAndVerified() throws Exception {
        String patientId = "absent-" + UUID.randomUUID();
        String patient = "Patient/" + patientId;
        String requestId = UUID.randomUUID().toString();
        kafka.send(Topics.SUMMARY_REQUESTS, patient, request(requestId, patient, ChartFixture.encounterRef(patientId),
                "admission"));

        ConsumerRecord<String, String> published = awaitSummary(requestId);
        assertThat(KafkaTestClient.header(published, EventHeaders.SUMMARY_STATUS)).isEqualTo("verified");
        assertThat(published.value()).contains("Penicillin", "lisinopril", "Heart rate value not given")
                .doesNotContainIgnoringCase("null");
        assertThat(row(requestId)).containsExactly(patient, ChartFixture.encounterRef(patientId), "admission",
                "extractive", "verified");
        given().get("/summaries/" + requestId).then().statusCode(200)
                .body("summary.verification.dropped.size()", equalTo(0))
                .body("summary.allergies[0].text", equalTo("Penicillin"))
                .body("summary.medications[0].evidence[0]", equalTo("MedicationRequest/med-" + patientId));
    }

    @Test
    void chartSourceErrorsAreRetried() {
        String patient = "Patient/flaky-" + UUID.randomUUID();
        String requestId = UUID.randomUUID().toString();
        kafka.send(Topics.SUMMARY_REQUESTS, patient, request(requestId, patient, null, "admission"));
        assertThat(KafkaTestClient.header(awaitSummary(requestId), EventHeaders.SUMMARY_STATUS)).isEqualTo("verified");
    }

    @Test
    void requestThatCrashedTheServiceTooOftenIsDeadLetteredWithoutInference() throws Exception {
        String patient = "Patient/p-" + UUID.randomUUID();
        String requestId = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO summarizer.attempt (request_id, attempts, last_started_at) VALUES (?::uuid, 2, now())")) {
            ps.setString(1, requestId);
            ps.executeUpdate();
        }
        String value = request(requestId, patient, null, "admission");
        kafka.send(Topics.SUMMARY_REQUESTS, patient, value);

        ConsumerRecord<String, String> dead = awaitDeadLetter(value);
        assertThat(KafkaTestClient.header(dead, EventHeaders.DLQ_REASON)).isEqualTo("crashed the summarizer 2 times");
        assertThat(count("SELECT attempts FROM summarizer.attempt WHERE request_id = ?::uuid", requestId)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM summarizer.summary WHERE request_id = ?::uuid", requestId)).isZero();
    }

    @Test
    void restAnswersOperationOutcomes() {
        given().get("/summaries/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(containsString("application/fhir+json")).body("issue[0].code", equalTo("not-found"));
        given().get("/summaries/not-a-uuid").then().statusCode(404);
        given().get("/summaries").then().statusCode(400);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'summary-model' }.data.state", equalTo("extractive"));
    }

    private List<String> row(String requestId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT patient, encounter, reason, engine, status FROM summarizer.summary WHERE request_id = ?::uuid")) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("summary row of " + requestId).isTrue();
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= 5; i++) {
                    values.add(rs.getString(i));
                }
                return values;
            }
        }
    }

    private long count(String sql, String requestId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
