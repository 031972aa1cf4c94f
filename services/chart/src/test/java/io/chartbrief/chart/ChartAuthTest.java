package io.chartbrief.chart;

import static io.chartbrief.chart.ChartTestSupport.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.event.NormalizedEvent;
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
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every PHI endpoint of the chart refuses what is not a valid token of the configured issuer for audience
 * {@code chartbrief-chart} (401: OperationOutcome under /fhir, JSON elsewhere), refuses a valid token without the
 * endpoint's role (403), and answers a valid one. Health and metrics need no token.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "chart"))
class ChartAuthTest {

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
    @Inject
    DataSource dataSource;

    private KafkaTestClient kafka;
    private List<Endpoint> endpoints;

    @BeforeEach
    void seedOnePatient() {
        kafka = new KafkaTestClient(bootstrapServers);
        ChartTestSupport chart = new ChartTestSupport(kafka, dataSource);
        String mrn = "AUTH" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        NormalizedEvent admission = chart.publishHl7(Hl7Fixtures.adt("A01", "A" + mrn, mrn, "V" + mrn, "I",
                "20260301101400", "20260301100000", null));
        chart.sync();
        String patient = id(admission.patientKey());
        endpoints = List.of(
                new Endpoint("GET", "/patients/" + patient + "/chart", "chart-read", 200, false),
                new Endpoint("GET", "/patients/" + patient + "/encounters", "chart-read", 200, false),
                new Endpoint("GET", "/patients?identifier=" + mrn, "chart-read", 200, false),
                new Endpoint("POST", "/patients/" + patient + "/summaries", "summary-request", 202, false),
                new Endpoint("GET", "/fhir/r4/Patient/" + patient + "/$everything", "chart-read", 200, true));
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
            for (Map.Entry<String, String> bad : TestTokens.rejected(ChartTestSupport.AUDIENCE, endpoint.role()).entrySet()) {
                Response response = endpoint.call(bearer(bad.getValue()));
                assertThat(response.statusCode()).as("%s with %s", endpoint, bad.getKey()).isEqualTo(401);
                assertThat(response.header("WWW-Authenticate")).as("%s with %s", endpoint, bad.getKey())
                        .startsWith("Bearer");
                if (endpoint.fhir()) {
                    assertThat(response.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
                    assertThat(response.jsonPath().getString("issue[0].code")).isEqualTo("login");
                } else {
                    assertThat(response.jsonPath().getInt("status")).isEqualTo(401);
                    assertThat(response.jsonPath().getString("error")).isEqualTo("unauthorized");
                }
            }
        }
    }

    @Test
    void aValidTokenWithoutTheEndpointsRoleIs403() {
        for (Endpoint endpoint : endpoints) {
            String otherRole = endpoint.role().equals("chart-read") ? "summary-request" : "chart-read";
            for (String[] roles : List.of(new String[0], new String[] {otherRole}, new String[] {"summary-read"})) {
                Response response = endpoint.call(bearer(TestTokens.token(ChartTestSupport.AUDIENCE, roles)));
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
                assertThat(endpoint.call(bearer(TestTokens.token(ChartTestSupport.AUDIENCE, role))).statusCode())
                        .as("%s with role %s", endpoint, role).isEqualTo(endpoint.ok());
            }
        }
        // tolerated clock skew: expired 10 s ago still passes (the default skew is 60 s)
        String justExpired = TestTokens.builder(ChartTestSupport.AUDIENCE).roles("chart-read")
                .expired(java.time.Duration.ofMinutes(5), java.time.Duration.ofSeconds(10)).sign();
        assertThat(endpoints.get(0).call(bearer(justExpired)).statusCode()).isEqualTo(200);
    }

    @Test
    void healthMetricsAndOpenApiNeedNoToken() {
        for (String open : List.of("/q/health/live", "/q/health/ready", "/q/metrics", "/q/openapi")) {
            assertThat(RestAssured.given().get(open).statusCode()).as(open).isEqualTo(200);
        }
    }
}
