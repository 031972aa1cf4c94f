package io.chartbrief.summarizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.chartbrief.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
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

    /** One PHI endpoint: how to call it, the role it needs, what a valid call answers. */
    record Endpoint(String method, String path, String role, int ok, boolean fhir) {
        Response call(RequestSpecification request) {
            return method.equals("POST") ? request.post(path) : request.get(path);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

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
                new Endpoint("GET", "/summaries/" + requestId, "summary-read", 200, false),
                new Endpoint("GET", "/summaries/" + requestId + "/document", "summary-read", 200, false),
                new Endpoint("GET", "/summaries?patient=" + patient, "summary-read", 200, false),
                new Endpoint("GET", "/fhir/r4/Patient/" + patientId + "/$summary", "summary-read", 200, true),
                new Endpoint("POST", "/fhir/r4/Patient/" + patientId + "/$summary", "summary-request", 202, true),
                new Endpoint("GET", "/fhir/r4/$summary-status/" + requestId, "summary-read", 200, true));
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    private static RequestSpecification bearer(String token) {
        RequestSpecification request = RestAssured.given().urlEncodingEnabled(false);
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    @Test
    void everyBadTokenIs401OnEveryEndpoint() {
        for (Endpoint endpoint : endpoints) {
            for (Map.Entry<String, String> bad : TestTokens.rejected(SummarizerApi.AUDIENCE, endpoint.role()).entrySet()) {
                Response response = endpoint.call(bearer(bad.getValue()));
                assertThat(response.statusCode()).as("%s with %s", endpoint, bad.getKey()).isEqualTo(401);
                assertThat(response.header("WWW-Authenticate")).as("%s with %s", endpoint, bad.getKey())
                        .startsWith("Bearer");
                if (endpoint.fhir()) {
                    assertThat(response.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
                    assertThat(response.jsonPath().getString("issue[0].code")).isEqualTo("login");
                } else {
                    assertThat(response.jsonPath().getString("error")).isEqualTo("unauthorized");
                }
            }
        }
        // a chart token is not a summarizer token
        assertThat(endpoints.get(0).call(bearer(TestTokens.token("chartbrief-chart", "summary-read"))).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aValidTokenWithoutTheEndpointsRoleIs403() {
        for (Endpoint endpoint : endpoints) {
            String otherRole = endpoint.role().equals("summary-read") ? "summary-request" : "summary-read";
            for (String[] roles : List.of(new String[0], new String[] {otherRole}, new String[] {"chart-read"})) {
                Response response = endpoint.call(bearer(TestTokens.token(SummarizerApi.AUDIENCE, roles)));
                assertThat(response.statusCode()).as("%s with roles %s", endpoint, List.of(roles)).isEqualTo(403);
                if (endpoint.fhir()) {
                    assertThat(response.jsonPath().getString("issue[0].code")).isEqualTo("forbidden");
                } else {
                    assertThat(response.jsonPath().getString("error")).isEqualTo("forbidden");
                }
            }
        }
    }

    @Test
    void aValidServiceOrClinicianTokenIsAnswered() {
        for (Endpoint endpoint : endpoints) {
            for (String role : List.of(endpoint.role(), "clinician")) {
                assertThat(endpoint.call(bearer(TestTokens.token(SummarizerApi.AUDIENCE, role))).statusCode())
                        .as("%s with role %s", endpoint, role).isEqualTo(endpoint.ok());
            }
        }
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
