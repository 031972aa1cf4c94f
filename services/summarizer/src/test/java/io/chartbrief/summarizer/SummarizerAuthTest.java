package io.chartbrief.summarizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.testsupport.EndpointAuth;
import io.chartbrief.testsupport.EndpointAuth.Endpoint;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.chartbrief.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every PHI endpoint of the summarizer refuses what is not a valid token of the configured issuer for audience
 * {@code chartbrief-summarizer} (401: OperationOutcome under /fhir, JSON elsewhere), refuses a valid token without the
 * endpoint's role (403), and answers a valid one. Health and metrics need no token. The summarizer's own calls to the
 * chart carry its signed service token (the stand-in chart answers 401 otherwise, and no summary would exist).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "summarizer"))
@WithTestResource(value = FakeChartServiceResource.class, scope = TestResourceScope.GLOBAL)
class SummarizerAuthTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaTestClient kafka;
    private List<Endpoint> endpoints;

    @BeforeEach
    void summarizeOnePatient() {
        kafka = new KafkaTestClient(bootstrapServers);
        String patientId = "auth-" + UUID.randomUUID();
        String requestId = UUID.randomUUID().toString();
        String patient = "Patient/" + patientId;
        kafka.send(Topics.SUMMARY_REQUESTS, patient, SummarizerFlowTest.request(requestId, patient,
                ChartFixture.encounterRef(patientId), "on-demand"));
        kafka.awaitRecord(Topics.SUMMARIES, SummarizerFlowTest.TIMEOUT,
                r -> requestId.equals(KafkaTestClient.header(r, EventHeaders.SUMMARY_REQUEST_ID)));
        endpoints = List.of(
                new Endpoint("GET", "/summaries/" + requestId, "summary-read", 200),
                new Endpoint("GET", "/summaries/" + requestId + "/document", "summary-read", 200),
                new Endpoint("GET", "/summaries?patient=" + patient, "summary-read", 200),
                new Endpoint("GET", "/fhir/r4/Patient/" + patientId + "/$summary", "summary-read", 200),
                new Endpoint("POST", "/fhir/r4/Patient/" + patientId + "/$summary", "summary-request", 202),
                new Endpoint("GET", "/fhir/r4/$summary-status/" + requestId, "summary-read", 200));
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void everyBadTokenIs401OnEveryEndpoint() {
        EndpointAuth.everyBadTokenIs401(SummarizerApi.AUDIENCE, endpoints);
        // a chart token is not a summarizer token
        assertThat(RestAssured.given().auth().oauth2(TestTokens.token("chartbrief-chart", "summary-read"))
                .get(endpoints.get(0).path()).statusCode()).isEqualTo(401);
    }

    @Test
    void theOpenApiDocumentDeclaresTheBearerScheme() {
        String openapi = RestAssured.given().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("securitySchemes:", "bearerFormat: JWT", "- jwt: []", "/summaries/{requestId}");
    }

    @Test
    void aValidTokenWithoutTheEndpointsRoleIs403() {
        EndpointAuth.withoutTheRoleIs403(SummarizerApi.AUDIENCE, endpoints, "summary-read", "summary-request",
                "chart-read");
    }

    @Test
    void aValidServiceOrClinicianTokenIsAnswered() {
        EndpointAuth.validTokensAreAnswered(SummarizerApi.AUDIENCE, endpoints, "clinician");
    }

    @Test
    void aChartFetchRefusedWith401IsRetriedAndTheSummaryIsMade() {
        String patient = "Patient/reject-once-" + UUID.randomUUID();
        String requestId = UUID.randomUUID().toString();
        kafka.send(Topics.SUMMARY_REQUESTS, patient, SummarizerFlowTest.request(requestId, patient,
                ChartFixture.encounterRef(patient.substring("Patient/".length())), "on-demand"));
        kafka.awaitRecord(Topics.SUMMARIES, SummarizerFlowTest.TIMEOUT,
                r -> requestId.equals(KafkaTestClient.header(r, EventHeaders.SUMMARY_REQUEST_ID)));
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        for (String open : List.of("/q/health/live", "/q/health/ready", "/q/metrics")) {
            assertThat(RestAssured.given().get(open).statusCode()).as(open).isEqualTo(200);
        }
    }
}
