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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * When {@code ehr.audit} cannot be written (its producer points at a port where no broker listens), chart reads
 * are still answered and still audited — the AuditEvent waits in {@code chart.audit_event} — and the failure shows
 * in the {@code audit-publishing} check (UP, state {@code degraded}) and the failure metric, never as DOWN.
 */
@QuarkusTest
@TestProfile(AuditBrokerDownTest.AuditBrokerUnreachable.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "chart"))
class AuditBrokerDownTest {

    public static class AuditBrokerUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.outgoing.ehr-audit.bootstrap.servers", "localhost:" + closedPort(),
                    "mp.messaging.outgoing.ehr-audit.max.block.ms", "1000",
                    "chartbrief.audit.relay.degraded-after", "1s");
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort(); // free now, closed once the socket is: nothing listens there
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    DataSource dataSource;

    @Test
    void readsGoOnAuditedWhileEhrAuditIsUnreachableAndHealthSaysDegraded() {
        String patient;
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            ChartTestSupport chart = new ChartTestSupport(kafka, dataSource);
            String mrn = "AUDDOWN" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
            NormalizedEvent admission = chart.publishHl7(Hl7Fixtures.adt("A01", "A" + mrn, mrn, "V" + mrn, "I",
                    "20260301101400", "20260301100000", null));
            chart.sync();
            patient = id(admission.patientKey());
        }
        String subject = "dr-down-" + UUID.randomUUID();
        String token = TestTokens.builder(ChartTestSupport.AUDIENCE).subject(subject).roles("clinician").sign();

        for (int i = 0; i < 3; i++) {
            RestAssured.given().auth().oauth2(token).get("/patients/{id}/chart", patient).then().statusCode(200);
        }

        ChartTestSupport.await("audit-publishing degraded", () -> {
            JsonPath check = auditCheck();
            return check != null && "degraded".equals(check.getString("data.state"))
                    && check.getLong("data.publishFailures") > 0 && check.getLong("data.backlog") >= 3;
        });
        assertThat(auditCheck().getString("status")).isEqualTo("UP");
        RestAssured.given().get("/q/health/live").then().statusCode(200);
        assertThat(new ChartTestSupport(null, dataSource).count("SELECT count(*) FROM chart.audit_event "
                + "WHERE agent_subject = ? AND published_at IS NULL AND entity_patient = ?", subject,
                "Patient/" + patient)).isEqualTo(3);
        String metrics = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("chartbrief_audit_publish_failures_total(\\{[^}]*})? [1-9]");
    }

    private static JsonPath auditCheck() {
        JsonPath health = RestAssured.given().get("/q/health/ready").then().extract().jsonPath();
        Map<String, Object> check = health.getMap("checks.find { it.name == 'audit-publishing' }");
        return check == null ? null : new JsonPath(new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(check).toString());
    }
}
