package io.chartbrief.chart;

import static io.chartbrief.chart.ChartTestSupport.hl7;
import static io.chartbrief.chart.ChartTestSupport.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.interop.event.NormalizedEvent;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.TestTokens;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lab result names the visit in its PV1 but is not the source of truth for it: its Encounter is a conditional
 * create that never replaces what the ADT feed said. Uses the demo samples (infra/samples/hl7v2), with the MRN and
 * visit number made unique per test. Real broker, real PostgreSQL.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "chart"))
class EncounterReferenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLES = Path.of("../../infra/samples/hl7v2");

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

    /** The ADT A01 and the ORU R01 samples for one new patient and visit. */
    private static List<NormalizedEvent> samples() {
        String unique = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        List<NormalizedEvent> events = new ArrayList<>(2);
        for (String file : List.of("adt-a01-admission.hl7", "oru-r01-chemistry.hl7")) {
            try {
                String text = Files.readString(SAMPLES.resolve(file), StandardCharsets.UTF_8)
                        .replace("100234^^^RIVERSIDE^MR", "M" + unique + "^^^RIVERSIDE^MR")
                        .replace("V778120^^^RIVERSIDE^VN", "V" + unique + "^^^RIVERSIDE^VN");
                events.add(hl7(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return events;
    }

    private static String encounterId(NormalizedEvent event) {
        return event.bundle().getEntry().stream().filter(e -> e.getResource().fhirType().equals("Encounter"))
                .findFirst().orElseThrow().getResource().getIdElement().getIdPart();
    }

    private JsonNode storedEncounter(NormalizedEvent event) {
        String body = chart.body(id(event.patientKey()), "Encounter", encounterId(event));
        assertThat(body).as("stored Encounter").isNotNull();
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long admissions(String encounterId) {
        return chart.count("SELECT count(*) FROM chart.admission WHERE encounter_id = ?", encounterId);
    }

    /** What the A01 sample says about the visit: in progress, admitted by 4411, on 5EAST, admit source 7. */
    private static void assertAdmissionVersion(JsonNode encounter) {
        assertThat(encounter.path("status").asText()).isEqualTo("in-progress");
        List<String> types = new ArrayList<>();
        encounter.path("participant").forEach(p -> types.add(p.path("type").path(0).path("coding").path(0)
                .path("code").asText()));
        assertThat(types).contains("ATND", "REF", "ADM");
        assertThat(encounter.path("location").path(0).path("location").path("identifier").path("value").asText())
                .isEqualTo("5EAST");
        assertThat(encounter.path("hospitalization").path("admitSource").path("coding").path(0).path("code")
                .asText()).isEqualTo("7");
    }

    @Test
    void resultAfterAdmissionKeepsTheAdmissionsEncounter() {
        List<NormalizedEvent> events = samples();
        NormalizedEvent adt = events.get(0);
        NormalizedEvent oru = events.get(1);
        assertThat(encounterId(oru)).isEqualTo(encounterId(adt));
        chart.publish(adt);
        chart.sync();
        List<List<Object>> before = chart.query("SELECT event_time, source_event_id, body::text, updated_at "
                + "FROM chart.resource WHERE patient_id = ? AND resource_type = 'Encounter'", id(adt.patientKey()));

        chart.publish(oru);
        chart.sync();
        String patientId = id(adt.patientKey());
        assertThat(chart.count("SELECT count(*) FROM chart.resource WHERE patient_id = ? "
                + "AND resource_type = 'Observation' AND body->'encounter'->>'reference' = ?", patientId,
                "Encounter/" + encounterId(adt))).as("ORU observations applied, referencing the visit")
                .isEqualTo(3 + 3);
        // the row is untouched (not even updated_at): the ORU only referenced the visit
        assertThat(chart.query("SELECT event_time, source_event_id, body::text, updated_at FROM chart.resource "
                + "WHERE patient_id = ? AND resource_type = 'Encounter'", patientId)).isEqualTo(before);
        assertAdmissionVersion(storedEncounter(adt));
        assertThat(admissions(encounterId(adt))).isEqualTo(1);
    }

    @Test
    void resultWithoutAdmissionStoresTheEncounter() {
        NormalizedEvent oru = samples().get(1);
        chart.publish(oru);
        chart.sync();
        JsonNode encounter = storedEncounter(oru);
        assertThat(encounter.path("status").asText()).isEqualTo("unknown");
        assertThat(encounter.path("identifier").path(0).path("value").asText()).startsWith("V");
        // stored without an order time: any update of the visit replaces it
        assertThat(chart.query("SELECT event_time FROM chart.resource WHERE patient_id = ? AND resource_type = "
                + "'Encounter'", id(oru.patientKey())).get(0).get(0)).isNull();
        assertThat(admissions(encounterId(oru))).isZero();

        // a resend of the result changes nothing
        List<List<Object>> before = chart.query("SELECT body::text, updated_at FROM chart.resource "
                + "WHERE patient_id = ? ORDER BY resource_type, resource_id", id(oru.patientKey()));
        chart.publish(oru);
        chart.sync();
        assertThat(chart.query("SELECT body::text, updated_at FROM chart.resource WHERE patient_id = ? "
                + "ORDER BY resource_type, resource_id", id(oru.patientKey()))).isEqualTo(before);
    }

    @Test
    void admissionAfterResultReplacesTheResultsEncounter() {
        List<NormalizedEvent> events = samples();
        NormalizedEvent adt = events.get(0);
        NormalizedEvent oru = events.get(1);
        // the result arrives first although the admission happened earlier (ADT event time < ORU event time)
        assertThat(adt.eventTime()).isBefore(oru.eventTime());
        chart.publish(oru);
        chart.sync();
        assertThat(storedEncounter(oru).path("status").asText()).isEqualTo("unknown");
        assertThat(admissions(encounterId(oru))).isZero();

        chart.publish(adt);
        chart.sync();
        assertAdmissionVersion(storedEncounter(adt));
        assertThat(admissions(encounterId(adt))).as("admission trigger from the ADT").isEqualTo(1);

        // and a later result (resend) still leaves it alone
        chart.publish(oru);
        chart.sync();
        assertAdmissionVersion(storedEncounter(adt));
        assertThat(chart.query("SELECT source_event_id FROM chart.resource WHERE patient_id = ? AND resource_type "
                + "= 'Encounter'", id(adt.patientKey())).get(0).get(0)).isEqualTo(adt.sourceId());
    }
}
