package io.chartbrief.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.interop.event.NormalizedEvent;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.TestTokens;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A settle window of 0 publishes the admission request on the next scheduler tick. Also: health, metrics, OpenAPI. */
@QuarkusTest
@TestProfile(ZeroSettleWindowTest.ZeroWindow.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "chart"))
class ZeroSettleWindowTest {

    public static class ZeroWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chartbrief.chart.trigger.settle-window", "0s");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    DataSource dataSource;

    @Test
    void admissionIsPublishedWithoutDelay() throws Exception {
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            ChartTestSupport chart = new ChartTestSupport(kafka, dataSource);
            String mrn = "ZERO" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
            NormalizedEvent admission = chart.publishHl7(Hl7Fixtures.adt("A01", "A" + mrn, mrn, "V" + mrn, "I",
                    "20260301101400", "20260301100000", null));
            String encounterId = admission.bundle().getEntry().stream()
                    .filter(e -> e.getResource().fhirType().equals("Encounter")).findFirst().orElseThrow()
                    .getResource().getIdElement().getIdPart();
            ObjectMapper json = new ObjectMapper();
            ConsumerRecord<String, String> request = kafka.awaitRecord(Topics.SUMMARY_REQUESTS,
                    Duration.ofSeconds(30), r -> r.value().contains("Encounter/" + encounterId));
            Instant admittedAt = ((java.sql.Timestamp) chart.query(
                    "SELECT admitted_at FROM chart.admission WHERE encounter_id = ?", encounterId).get(0).get(0))
                    .toInstant();
            Instant requestedAt = Instant.parse(json.readTree(request.value()).path("requestedAt").asText());
            assertThat(Duration.between(admittedAt, requestedAt)).isLessThan(Duration.ofSeconds(3));
        }
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200);
        String metrics = io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200).extract()
                .asString();
        assertThat(metrics).contains("chartbrief_chart_events_applied_total", "chartbrief_chart_apply_latency_seconds",
                "chartbrief_chart_triggers_emitted_total");
        assertThat(io.restassured.RestAssured.given().get("/q/openapi").then().statusCode(200).extract().asString())
                .contains("/patients/{id}/chart", "/patients/{id}/encounters", "/patients/{id}/summaries",
                        "bearerFormat: JWT", "- jwt: []");
    }
}
