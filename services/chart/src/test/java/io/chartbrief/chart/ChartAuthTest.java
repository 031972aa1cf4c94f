package io.chartbrief.chart;

import static io.chartbrief.chart.ChartTestSupport.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.event.NormalizedEvent;
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
import jakarta.inject.Inject;
import java.util.List;
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
                new Endpoint("GET", "/patients/" + patient + "/chart", "chart-read", 200),
                new Endpoint("GET", "/patients/" + patient + "/encounters", "chart-read", 200),
                new Endpoint("GET", "/patients?identifier=" + mrn, "chart-read", 200),
                new Endpoint("POST", "/patients/" + patient + "/summaries", "summary-request", 202),
                new Endpoint("GET", "/fhir/r4/Patient/" + patient + "/$everything", "chart-read", 200));
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void everyBadTokenIs401OnEveryEndpoint() {
        EndpointAuth.everyBadTokenIs401(ChartTestSupport.AUDIENCE, endpoints);
    }

    @Test
    void aValidTokenWithoutTheEndpointsRoleIs403() {
        EndpointAuth.withoutTheRoleIs403(ChartTestSupport.AUDIENCE, endpoints, "chart-read", "summary-request",
                "summary-read");
    }

    @Test
    void aValidServiceOrClinicianTokenIsAnswered() {
        EndpointAuth.validTokensAreAnswered(ChartTestSupport.AUDIENCE, endpoints, "clinician");
        // tolerated clock skew: expired 10 s ago still passes (the default skew is 60 s)
        String justExpired = TestTokens.builder(ChartTestSupport.AUDIENCE).roles("chart-read")
                .expired(java.time.Duration.ofMinutes(5), java.time.Duration.ofSeconds(10)).sign();
        assertThat(RestAssured.given().auth().oauth2(justExpired).get(endpoints.get(0).path()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void healthMetricsAndOpenApiNeedNoToken() {
        for (String open : List.of("/q/health/live", "/q/health/ready", "/q/metrics", "/q/openapi")) {
            assertThat(RestAssured.given().get(open).statusCode()).as(open).isEqualTo(200);
        }
    }
}
