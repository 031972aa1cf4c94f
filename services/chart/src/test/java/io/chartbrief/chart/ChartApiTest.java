package io.chartbrief.chart;

import static io.chartbrief.chart.ChartTestSupport.id;
import static io.chartbrief.chart.ChartTestSupport.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
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
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chart read API and on-demand summary requests. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "chart"))
class ChartApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    DataSource dataSource;

    private KafkaTestClient kafka;
    private ChartTestSupport chart;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(bootstrapServers);
        chart = new ChartTestSupport(kafka, dataSource);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> references(JsonNode bundle) {
        List<String> out = new ArrayList<>();
        for (JsonNode entry : bundle.path("entry")) {
            out.add(entry.path("resource").path("resourceType").asText() + "/"
                    + entry.path("resource").path("id").asText());
        }
        return out;
    }

    private static String encounterId(NormalizedEvent event) {
        return event.bundle().getEntry().stream().filter(e -> e.getResource().fhirType().equals("Encounter"))
                .findFirst().orElseThrow().getResource().getIdElement().getIdPart();
    }

    @Test
    void chartEncountersIdentifierSearchAndOnDemandRequests() {
        String mrn = "API" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        NormalizedEvent march = chart.publishHl7(Hl7Fixtures.adt("A04", "A" + mrn, mrn, "V1" + mrn, "O",
                "20260301101400", "20260301100000", null));
        NormalizedEvent april = chart.publishHl7(Hl7Fixtures.adt("A04", "B" + mrn, mrn, "V2" + mrn, "O",
                "20260401101400", "20260401100000", null));
        NormalizedEvent february = chart.publishHl7(Hl7Fixtures.adt("A04", "C" + mrn, mrn, "V3" + mrn, "O",
                "20260201101400", "20260201100000", null));
        chart.publishHl7(Hl7Fixtures.oru("D" + mrn, mrn, "R" + mrn, "5.0", "20260402120000"));
        chart.sync();
        String patientId = id(march.patientKey());
        long rows = chart.count("SELECT count(*) FROM chart.resource WHERE patient_id = ?", patientId);

        JsonNode all = json(given().get("/patients/{id}/chart", patientId).then().statusCode(200)
                .contentType("application/fhir+json").extract().asString());
        assertThat(all.path("resourceType").asText()).isEqualTo("Bundle");
        assertThat(all.path("type").asText()).isEqualTo("searchset");
        assertThat(all.path("total").asLong()).isEqualTo(rows);
        assertThat(all.path("entry")).hasSize((int) rows);

        JsonNode filtered = json(given().queryParam("types", "Observation,DiagnosticReport")
                .get("/patients/{id}/chart", patientId).then().statusCode(200).extract().asString());
        assertThat(references(filtered)).hasSize(2)
                .allMatch(r -> r.startsWith("Observation/") || r.startsWith("DiagnosticReport/"));

        // since: only resources whose last event is on/after 2026-04-02 (the ORU)
        JsonNode recent = json(given().queryParam("since", "2026-04-02")
                .get("/patients/{id}/chart", patientId).then().statusCode(200).extract().asString());
        assertThat(references(recent)).contains("Patient/" + patientId)
                .noneMatch(r -> r.startsWith("Encounter/"));
        given().queryParam("since", "yesterday").get("/patients/{id}/chart", patientId).then().statusCode(400)
                .body("resourceType", equalTo("OperationOutcome"));

        JsonNode encounters = json(given().get("/patients/{id}/encounters", patientId).then().statusCode(200)
                .extract().asString());
        assertThat(references(encounters)).containsExactly("Encounter/" + encounterId(april),
                "Encounter/" + encounterId(march), "Encounter/" + encounterId(february));

        JsonNode found = json(given().queryParam("identifier", "urn:chartbrief:authority:GOODHEALTH|" + mrn)
                .get("/patients").then().statusCode(200).extract().asString());
        assertThat(references(found)).containsExactly("Patient/" + patientId);
        JsonNode byValue = json(given().queryParam("identifier", mrn).get("/patients").then().statusCode(200)
                .extract().asString());
        assertThat(references(byValue)).containsExactly("Patient/" + patientId);
        JsonNode none = json(given().queryParam("identifier", "urn:other|" + mrn).get("/patients").then()
                .statusCode(200).extract().asString());
        assertThat(none.path("total").asInt()).isZero();

        String unknown = UUID.randomUUID().toString();
        given().get("/patients/{id}/chart", unknown).then().statusCode(404)
                .contentType("application/fhir+json").body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("not-found"));
        given().get("/patients/{id}/encounters", unknown).then().statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"));

        // on demand: newest encounter by default
        String requestId = given().post("/patients/{id}/summaries", patientId).then().statusCode(202)
                .extract().path("requestId");
        ConsumerRecord<String, String> request = kafka.awaitRecord(Topics.SUMMARY_REQUESTS,
                ChartTestSupport.TIMEOUT, r -> r.value().contains(requestId));
        JsonNode value = json(request.value());
        assertThat(request.key()).isEqualTo("Patient/" + patientId);
        assertThat(value.path("reason").asText()).isEqualTo("on-demand");
        assertThat(value.path("encounter").asText()).isEqualTo("Encounter/" + encounterId(april));
        assertThat(value.path("requestedAt").asText()).isNotBlank();

        String named = given().queryParam("encounter", encounterId(february))
                .post("/patients/{id}/summaries", patientId).then().statusCode(202).extract().path("requestId");
        assertThat(json(kafka.awaitRecord(Topics.SUMMARY_REQUESTS, ChartTestSupport.TIMEOUT,
                r -> r.value().contains(named)).value()).path("encounter").asText())
                .isEqualTo("Encounter/" + encounterId(february));
        given().post("/patients/{id}/summaries", unknown).then().statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"));
        given().queryParam("encounter", "nope").post("/patients/{id}/summaries", patientId).then().statusCode(404);
    }
}
