package io.chartbrief.chart;

import static io.chartbrief.chart.ChartTestSupport.hl7;
import static io.chartbrief.chart.ChartTestSupport.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.chart.service.ApplyOutcome;
import io.chartbrief.chart.service.ChartApplier;
import io.chartbrief.chart.service.IncomingEvent;
import io.chartbrief.interop.event.EventHeaders;
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
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Applying ehr.events: idempotence, order, replay, dead letters. Real broker, real PostgreSQL. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "chart"))
class ChartApplyTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    DataSource dataSource;
    @Inject
    ChartApplier applier;

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

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private List<List<Object>> rowsOf(String patientId) {
        return chart.query("SELECT patient_id, resource_type, resource_id, event_time, version_id, body::text, "
                + "updated_at FROM chart.resource WHERE patient_id = ? ORDER BY resource_type, resource_id", patientId);
    }

    @Test
    void duplicatesChangeNothing() {
        String mrn = "DUP" + unique();
        String a01 = Hl7Fixtures.adt("A01", "C1" + mrn, mrn, "V" + mrn, "O", "20260301101400", "20260301100000",
                null);
        NormalizedEvent event = chart.publishHl7(a01);
        chart.publishHl7(Hl7Fixtures.oru("C2" + mrn, mrn, "R" + mrn, "5.9", "20260301120000"));
        chart.sync();
        String patientId = id(event.patientKey());
        List<List<Object>> before = rowsOf(patientId);
        assertThat(before).isNotEmpty();

        // the same messages again (resends), and once more: rows, including updated_at, stay as they were
        chart.publishHl7(a01);
        chart.publishHl7(Hl7Fixtures.oru("C2" + mrn, mrn, "R" + mrn, "5.9", "20260301120000"));
        chart.publishHl7(a01);
        chart.sync();
        assertThat(rowsOf(patientId)).isEqualTo(before);
    }

    @Test
    void olderLateEventDoesNotOverwriteNewerData() {
        String mrn = "ORD" + unique();
        NormalizedEvent newer = hl7(Hl7Fixtures.oru("N" + mrn, mrn, "R" + mrn, "6.1", "20260302080000"));
        NormalizedEvent older = hl7(Hl7Fixtures.oru("O" + mrn, mrn, "R" + mrn, "4.0", "20260301080000"));
        chart.publish(newer);
        chart.publish(older);
        chart.sync();
        String patientId = id(newer.patientKey());
        List<List<Object>> obs = chart.query("SELECT body->'valueQuantity'->>'value' FROM chart.resource "
                + "WHERE patient_id = ? AND resource_type = 'Observation'", patientId);
        assertThat(obs).hasSize(1);
        assertThat(obs.get(0).get(0)).isEqualTo("6.1");

        // same event time: meta.versionId decides
        String obsId = UUID.randomUUID().toString();
        chart.publish(ChartTestSupport.fhir(fhirObservation(patientId, obsId, "2026-03-03T00:00:00Z", "7", 70)));
        chart.publish(ChartTestSupport.fhir(fhirObservation(patientId, obsId, "2026-03-03T00:00:00Z", "6", 60)));
        chart.sync();
        assertThat(chart.body(patientId, "Observation", obsId)).contains("\"value\": 70")
                .contains("\"versionId\": \"7\"");
        chart.publish(ChartTestSupport.fhir(fhirObservation(patientId, obsId, "2026-03-03T00:00:00Z", "8", 80)));
        chart.sync();
        assertThat(chart.body(patientId, "Observation", obsId)).contains("\"value\": 80");
    }

    static String fhirObservation(String patientId, String obsId, String timestamp, String version, int value) {
        return """
                {"resourceType":"Bundle","type":"transaction","id":"tx-%s-%s","timestamp":"%s",
                 "entry":[{"fullUrl":"urn:uuid:%s","resource":{"resourceType":"Observation","id":"%s",
                   "meta":{"versionId":"%s"},"status":"final",
                   "code":{"coding":[{"system":"http://loinc.org","code":"8867-4","display":"Heart rate"}]},
                   "subject":{"reference":"Patient/%s"},
                   "valueQuantity":{"value":%d,"unit":"/min","system":"http://unitsofmeasure.org","code":"/min"}},
                  "request":{"method":"PUT","url":"Observation/%s"}}]}"""
                .formatted(obsId, version, timestamp, obsId, obsId, version, patientId, value, obsId);
    }

    @Test
    void replayingTheTopicIntoAnEmptyChartYieldsTheIdenticalChart() {
        String mrn = "RPL" + unique();
        String other = "RPM" + unique();
        NormalizedEvent first = chart.publishHl7(Hl7Fixtures.adt("A01", "A" + mrn, mrn, "V" + mrn, "I",
                "20260301101400", "20260301100000", null));
        chart.publishHl7(Hl7Fixtures.oru("B" + mrn, mrn, "R" + mrn, "5.9", "20260301120000"));
        chart.publishHl7(Hl7Fixtures.oru("C" + mrn, mrn, "R" + mrn, "5.1", "20260301110000")); // late, older
        chart.publishHl7(Hl7Fixtures.adt("A08", "D" + mrn, mrn, "V" + mrn, "I", "20260301130000",
                "20260301100000", null));
        NormalizedEvent second = chart.publishHl7(Hl7Fixtures.adt("A01", "E" + other, other, "V" + other, "I",
                "20260301101400", "20260301100000", null));
        chart.publishHl7(Hl7Fixtures.a40("F" + mrn, mrn, other, "20260301140000"));
        chart.publishHl7(Hl7Fixtures.oru("G" + other, other, "S" + other, "3.3", "20260301150000"));
        chart.sync();
        Set<String> keys = Set.of(first.patientKey(), second.patientKey());
        String survivor = id(first.patientKey());
        String retired = id(second.patientKey());
        String dump = "SELECT patient_id, resource_type, resource_id, body::text FROM chart.resource "
                + "WHERE patient_id IN (?, ?) ORDER BY 1, 2, 3";
        List<List<Object>> live = chart.query(dump, survivor, retired);
        assertThat(live).isNotEmpty();
        assertThat(live).allMatch(row -> row.get(0).equals(survivor));

        // empty chart for these patients, then apply the topic's records again, in topic order
        chart.update("DELETE FROM chart.resource WHERE patient_id IN (?, ?)", survivor, retired);
        chart.update("DELETE FROM chart.patient_merge WHERE retired_patient_id IN (?, ?)", survivor, retired);
        chart.update("DELETE FROM chart.admission WHERE patient_id IN (?, ?)", survivor, retired);
        int replayed = 0;
        for (ConsumerRecord<String, String> r : kafka.consumeAll(Topics.EVENTS, ChartTestSupport.TIMEOUT)) {
            if (keys.contains(r.key())) {
                Map<String, String> headers = new HashMap<>();
                for (Header h : r.headers()) {
                    headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                }
                ApplyOutcome outcome = applier.apply(new IncomingEvent(r.key(), r.value(), headers, r.topic(),
                        r.partition(), r.offset()));
                assertThat(outcome).isInstanceOf(ApplyOutcome.Applied.class);
                replayed++;
            }
        }
        assertThat(replayed).isEqualTo(7);
        assertThat(chart.query(dump, survivor, retired)).isEqualTo(live);
    }

    @Test
    void contentTheDatabaseRefusesIsDeadLetteredAndThePartitionMovesOn() {
        String mrn = "NUL" + unique();
        NormalizedEvent admitted = chart.publishHl7(Hl7Fixtures.adt("A01", "A" + mrn, mrn, "V" + mrn, "I",
                "20260301101400", "20260301100000", null));
        String patientId = id(admitted.patientKey());
        String tag = UUID.randomUUID().toString();
        // valid JSON and valid FHIR, but jsonb cannot hold U+0000 (SQLState 22P05)
        String nulId = UUID.randomUUID().toString();
        String nul = fhirObservation(patientId, nulId, "2026-03-01T12:00:00Z", "1", 88)
                .replace("\"status\":\"final\",", "\"status\":\"final\",\"note\":[{\"text\":\"a\\u0000b\"}],");
        kafka.send(Topics.EVENTS, admitted.patientKey(), nul, Map.of(EventHeaders.SOURCE_ID, tag));
        String next = "NXT" + unique();
        NormalizedEvent good = chart.publishHl7(Hl7Fixtures.oru("OK" + next, next, "R" + next, "4.4", "20260301130000"));

        List<ConsumerRecord<String, String>> dead = kafka.awaitRecords(Topics.DLQ, 1, ChartTestSupport.TIMEOUT,
                r -> tag.equals(KafkaTestClient.header(r, EventHeaders.SOURCE_ID)));
        assertThat(KafkaTestClient.header(dead.get(0), EventHeaders.DLQ_REASON))
                .isEqualTo("the database refused the event's content (SQLState 22P05)");
        ChartTestSupport.await("the next record applied",
                () -> chart.count("SELECT count(*) FROM chart.resource WHERE patient_id = ? "
                        + "AND resource_type = 'Observation'", id(good.patientKey())) == 1);
        assertThat(chart.count("SELECT count(*) FROM chart.resource WHERE resource_id = ?", nulId)).isZero();
    }

    @Test
    void badRecordsAreDeadLetteredAndTheNextRecordIsApplied() {
        String mrn = "DLQ" + unique();
        String tag = UUID.randomUUID().toString();
        String unknownPatient = "Patient/" + UUID.randomUUID();
        kafka.send(Topics.EVENTS, unknownPatient, "{not json " + tag, Map.of(EventHeaders.SOURCE_ID, tag));
        kafka.send(Topics.EVENTS, unknownPatient, "{\"resourceType\":\"Patient\",\"id\":\"x\"}",
                Map.of(EventHeaders.SOURCE_ID, tag));
        kafka.send(Topics.EVENTS, unknownPatient, "{\"resourceType\":\"Bundle\",\"type\":\"transaction\","
                + "\"entry\":[{\"resource\":{\"resourceType\":\"Observation\",\"status\":\"final\"}}]}",
                Map.of(EventHeaders.SOURCE_ID, tag));
        kafka.send(Topics.EVENTS, unknownPatient, fhirObservation(id(unknownPatient), UUID.randomUUID().toString(),
                "2026-03-01T00:00:00Z", "1", 1), Map.of(EventHeaders.SOURCE_ID, tag));
        kafka.send(Topics.EVENTS, "no-patient-key", fhirObservation(id(unknownPatient),
                UUID.randomUUID().toString(), "2026-03-01T00:00:00Z", "1", 1), Map.of(EventHeaders.SOURCE_ID, tag));
        NormalizedEvent good = chart.publishHl7(Hl7Fixtures.oru("OK" + mrn, mrn, "R" + mrn, "4.4",
                "20260301120000"));

        List<ConsumerRecord<String, String>> dead = kafka.awaitRecords(Topics.DLQ, 5, ChartTestSupport.TIMEOUT,
                r -> tag.equals(KafkaTestClient.header(r, EventHeaders.SOURCE_ID)));
        assertThat(dead).extracting(r -> KafkaTestClient.header(r, EventHeaders.DLQ_STAGE))
                .containsOnly("chart-apply");
        assertThat(dead).extracting(r -> KafkaTestClient.header(r, EventHeaders.DLQ_REASON)).containsExactly(
                "invalid JSON", "value is not a FHIR Bundle", "entry 0 (Observation) has no valid resource id",
                "unknown patient: the record key names a patient that is neither in the Bundle nor in the chart",
                "record key names no patient (expected Patient/<id>)");
        assertThat(dead).allSatisfy(r -> {
            assertThat(KafkaTestClient.header(r, EventHeaders.DLQ_ORIGINAL_TOPIC)).isEqualTo(Topics.EVENTS);
            assertThat(KafkaTestClient.header(r, EventHeaders.DLQ_ORIGINAL_OFFSET)).matches("\\d+");
            assertThat(KafkaTestClient.header(r, EventHeaders.DLQ_ORIGINAL_PARTITION)).matches("\\d+");
        });
        assertThat(dead.get(0).value()).isEqualTo("{not json " + tag);
        ChartTestSupport.await("good record applied",
                () -> chart.count("SELECT count(*) FROM chart.resource WHERE patient_id = ? "
                        + "AND resource_type = 'Observation'", id(good.patientKey())) == 1);
        assertThat(chart.count("SELECT count(*) FROM chart.resource WHERE patient_id = ?", id(unknownPatient)))
                .isZero();
    }
}
