package io.chartbrief.chart;

import static io.chartbrief.chart.ChartTestSupport.id;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Merge (A40), cancel (A11), cancelled discharge (A13) and the admission trigger with its settle window. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "chart"))
class LifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "chartbrief.chart.trigger.settle-window")
    Duration settleWindow;
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

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<ConsumerRecord<String, String>> requestsFor(String encounterId) {
        return kafka.consumeAll(Topics.SUMMARY_REQUESTS, ChartTestSupport.TIMEOUT).stream()
                .filter(r -> ("Encounter/" + encounterId).equals(json(r.value()).path("encounter").asText()))
                .toList();
    }

    private static String encounterId(NormalizedEvent event) {
        return event.bundle().getEntry().stream().filter(e -> e.getResource().fhirType().equals("Encounter"))
                .findFirst().orElseThrow().getResource().getIdElement().getIdPart();
    }

    @Test
    void admissionTriggerFiresExactlyOnceAfterTheSettleWindow() throws Exception {
        String mrn = "ADM" + unique();
        String a01 = Hl7Fixtures.adt("A01", "A" + mrn, mrn, "V" + mrn, "I", "20260301101400", "20260301100000",
                null);
        NormalizedEvent admission = chart.publishHl7(a01);
        String encounterId = encounterId(admission);
        ChartTestSupport.await("admission applied",
                () -> chart.count("SELECT count(*) FROM chart.admission WHERE encounter_id = ?", encounterId) == 1);
        Instant applied = Instant.now();
        chart.publishHl7(a01); // duplicate
        chart.publishHl7(Hl7Fixtures.adt("A08", "B" + mrn, mrn, "V" + mrn, "I", "20260301110000",
                "20260301100000", null));
        chart.publishHl7(a01); // and once more after the update
        chart.sync();
        // not before the settle window
        if (Duration.between(applied, Instant.now()).compareTo(settleWindow.minusMillis(500)) < 0) {
            assertThat(requestsFor(encounterId)).isEmpty();
        }
        ConsumerRecord<String, String> request = kafka.awaitRecord(Topics.SUMMARY_REQUESTS, ChartTestSupport.TIMEOUT,
                r -> ("Encounter/" + encounterId).equals(json(r.value()).path("encounter").asText()));
        JsonNode value = json(request.value());
        assertThat(request.key()).isEqualTo(admission.patientKey());
        assertThat(value.path("patient").asText()).isEqualTo(admission.patientKey());
        assertThat(value.path("reason").asText()).isEqualTo("admission");
        UUID.fromString(value.path("requestId").asText());
        Instant admittedAt = ((java.sql.Timestamp) chart.query(
                "SELECT admitted_at FROM chart.admission WHERE encounter_id = ?", encounterId).get(0).get(0))
                .toInstant();
        Instant requestedAt = Instant.parse(value.path("requestedAt").asText());
        assertThat(requestedAt).isAfterOrEqualTo(admittedAt.plus(settleWindow));

        // later duplicates and a replayed admission do not fire again
        chart.publishHl7(a01);
        chart.sync();
        Thread.sleep(2_500); // two scheduler ticks
        assertThat(requestsFor(encounterId)).hasSize(1);
        assertThat(chart.query("SELECT state FROM chart.admission WHERE encounter_id = ?", encounterId).get(0))
                .containsExactly("emitted");
    }

    private List<String> reasonsFor(String encounterId) {
        return requestsFor(encounterId).stream().map(r -> json(r.value()).path("reason").asText()).toList();
    }

    /** An inpatient admission of the patient, once its admission summary request is published. */
    private NormalizedEvent admittedAndRequested(String mrn) {
        NormalizedEvent admission = chart.publishHl7(Hl7Fixtures.adt("A01", "A" + mrn, mrn, "V" + mrn, "I",
                "20260301101400", "20260301100000", null));
        String encounterId = encounterId(admission);
        ChartTestSupport.await("admission published", () -> requestsFor(encounterId).size() == 1);
        return admission;
    }

    @Test
    void aNoteSignedAfterTheAdmissionSummaryAsksForOneReSummaryPerSettleWindow() throws Exception {
        String mrn = "NOT" + unique();
        NormalizedEvent admission = admittedAndRequested(mrn);
        String encounterId = encounterId(admission);

        // the H&P, signed hours later
        String hp = Hl7Fixtures.mdm("M1" + mrn, mrn, "V" + mrn, "HP1" + mrn, "20260301160000",
                "CHIEF COMPLAINT: cough and fever for 3 days.");
        chart.publishHl7(hp);
        ChartTestSupport.await("note re-summary published", () -> requestsFor(encounterId).size() == 2);
        List<ConsumerRecord<String, String>> requests = requestsFor(encounterId);
        JsonNode update = json(requests.get(1).value());
        assertThat(update.path("reason").asText()).isEqualTo("note-update");
        assertThat(update.path("patient").asText()).isEqualTo(admission.patientKey());
        assertThat(update.path("requestId").asText())
                .isNotEqualTo(json(requests.get(0).value()).path("requestId").asText());

        // two more notes within one settle window make one more request; the same note again makes none
        chart.publishHl7(Hl7Fixtures.mdm("M2" + mrn, mrn, "V" + mrn, "CN1" + mrn, "20260301170000",
                "ASSESSMENT: community-acquired pneumonia."));
        chart.publishHl7(Hl7Fixtures.mdm("M3" + mrn, mrn, "V" + mrn, "PN1" + mrn, "20260301171000",
                "PLAN: ceftriaxone and azithromycin."));
        ChartTestSupport.await("second note re-summary published", () -> requestsFor(encounterId).size() == 3);
        chart.publishHl7(hp);
        chart.sync();
        Thread.sleep(settleWindow.toMillis() + 2_500);
        assertThat(reasonsFor(encounterId)).containsExactly("admission", "note-update", "note-update");
        assertThat(chart.query("SELECT state, published FROM chart.note_update WHERE encounter_id = ?", encounterId)
                .get(0)).containsExactly("emitted", 2);
    }

    @Test
    void aNoteBeforeTheAdmissionSummaryIsReadByItAndAskForNothingMore() throws Exception {
        String mrn = "NBE" + unique();
        NormalizedEvent admission = chart.publishHl7(Hl7Fixtures.adt("A01", "A" + mrn, mrn, "V" + mrn, "I",
                "20260301101400", "20260301100000", null));
        chart.publishHl7(Hl7Fixtures.mdm("M1" + mrn, mrn, "V" + mrn, "HP1" + mrn, "20260301103000",
                "CHIEF COMPLAINT: chest pain."));
        String encounterId = encounterId(admission);
        ChartTestSupport.await("admission published", () -> requestsFor(encounterId).size() == 1);
        Thread.sleep(settleWindow.toMillis() + 2_500);
        assertThat(reasonsFor(encounterId)).containsExactly("admission");
        assertThat(chart.count("SELECT count(*) FROM chart.note_update WHERE encounter_id = ?", encounterId)).isZero();
    }

    @Test
    void aCancelledAdmissionGetsNoReSummaryFromAPendingNote() throws Exception {
        String mrn = "NCA" + unique();
        NormalizedEvent admission = admittedAndRequested(mrn);
        String encounterId = encounterId(admission);
        chart.publishHl7(Hl7Fixtures.mdm("M1" + mrn, mrn, "V" + mrn, "HP1" + mrn, "20260301160000",
                "CHIEF COMPLAINT: syncope."));
        chart.publishHl7(Hl7Fixtures.adt("A11", "B" + mrn, mrn, "V" + mrn, "I", "20260301161000",
                "20260301100000", null));
        ChartTestSupport.await("cancellation published", () -> requestsFor(encounterId).size() == 2);
        Thread.sleep(settleWindow.toMillis() + 2_500);
        assertThat(reasonsFor(encounterId)).containsExactly("admission", "cancelled");
        assertThat(chart.query("SELECT state FROM chart.note_update WHERE encounter_id = ?", encounterId).get(0))
                .containsExactly("cancelled");
    }

    @Test
    void outpatientVisitDoesNotTrigger() {
        String mrn = "OUT" + unique();
        NormalizedEvent visit = chart.publishHl7(Hl7Fixtures.adt("A01", "A" + mrn, mrn, "V" + mrn, "O",
                "20260301101400", "20260301100000", null));
        chart.sync();
        assertThat(chart.count("SELECT count(*) FROM chart.admission WHERE encounter_id = ?", encounterId(visit)))
                .isZero();
    }

    @Test
    void cancelledAdmissionBeforeTheSettleWindowPublishesNothing() throws Exception {
        String mrn = "CAN" + unique();
        NormalizedEvent admission = chart.publishHl7(Hl7Fixtures.adt("A01", "A" + mrn, mrn, "V" + mrn, "I",
                "20260301101400", "20260301100000", null));
        chart.publishHl7(Hl7Fixtures.adt("A11", "B" + mrn, mrn, "V" + mrn, "I", "20260301103000",
                "20260301100000", null));
        chart.sync();
        String encounterId = encounterId(admission);
        assertThat(chart.query("SELECT state FROM chart.admission WHERE encounter_id = ?", encounterId).get(0))
                .containsExactly("cancelled");
        assertThat(chart.body(id(admission.patientKey()), "Encounter", encounterId)).contains("\"cancelled\"");
        Thread.sleep(settleWindow.toMillis() + 2_000);
        assertThat(requestsFor(encounterId)).isEmpty();
    }

    @Test
    void cancelledAdmissionAfterTheTriggerPublishesACancellation() {
        String mrn = "CAE" + unique();
        NormalizedEvent admission = admittedAndRequested(mrn);
        String encounterId = encounterId(admission);
        chart.publishHl7(Hl7Fixtures.adt("A11", "B" + mrn, mrn, "V" + mrn, "I", "20260301103000",
                "20260301100000", null));
        ChartTestSupport.await("cancellation published", () -> requestsFor(encounterId).size() == 2);
        List<ConsumerRecord<String, String>> requests = requestsFor(encounterId);
        assertThat(requests).extracting(r -> json(r.value()).path("reason").asText())
                .containsExactly("admission", "cancelled");
        assertThat(json(requests.get(1).value()).path("requestId").asText())
                .isNotEqualTo(json(requests.get(0).value()).path("requestId").asText());
    }

    @Test
    void dischargeCancelKeepsTheEncounterInProgress() {
        String mrn = "DIS" + unique();
        NormalizedEvent admission = chart.publishHl7(Hl7Fixtures.adt("A01", "A" + mrn, mrn, "V" + mrn, "I",
                "20260301101400", "20260301100000", null));
        chart.publishHl7(Hl7Fixtures.adt("A03", "B" + mrn, mrn, "V" + mrn, "I", "20260305101400",
                "20260301100000", "20260305100000"));
        chart.sync();
        String patientId = id(admission.patientKey());
        String encounterId = encounterId(admission);
        JsonNode discharged = json(chart.body(patientId, "Encounter", encounterId));
        assertThat(discharged.path("status").asText()).isEqualTo("finished");
        assertThat(discharged.path("period").has("end")).isTrue();
        chart.publishHl7(Hl7Fixtures.adt("A13", "C" + mrn, mrn, "V" + mrn, "I", "20260305111400",
                "20260301100000", "20260305100000"));
        chart.sync();
        JsonNode reopened = json(chart.body(patientId, "Encounter", encounterId));
        assertThat(reopened.path("status").asText()).isEqualTo("in-progress");
        assertThat(reopened.path("period").has("end")).isFalse();
    }

    @Test
    void mergeMovesTheRetiredPatientsChartAndLaterEventsFollow() {
        String survivorMrn = "SUR" + unique();
        String retiredMrn = "RET" + unique();
        NormalizedEvent retiredAdmission = chart.publishHl7(Hl7Fixtures.adt("A01", "A" + retiredMrn, retiredMrn,
                "V" + retiredMrn, "O", "20260301101400", "20260301100000", null));
        chart.publishHl7(Hl7Fixtures.oru("B" + retiredMrn, retiredMrn, "R" + retiredMrn, "5.5", "20260301120000"));
        NormalizedEvent survivorAdmission = chart.publishHl7(Hl7Fixtures.adt("A01", "C" + survivorMrn,
                survivorMrn, "V" + survivorMrn, "O", "20260302101400", "20260302100000", null));
        chart.sync();
        String retired = id(retiredAdmission.patientKey());
        String survivor = id(survivorAdmission.patientKey());
        long retiredRows = chart.count("SELECT count(*) FROM chart.resource WHERE patient_id = ?", retired);
        assertThat(retiredRows).isGreaterThan(3);

        chart.publishHl7(Hl7Fixtures.a40("D" + survivorMrn, survivorMrn, retiredMrn, "20260303090000"));
        chart.sync();
        assertThat(chart.count("SELECT count(*) FROM chart.resource WHERE patient_id = ?", retired)).isZero();
        assertThat(chart.query("SELECT surviving_patient_id FROM chart.patient_merge WHERE retired_patient_id = ?",
                retired).get(0)).containsExactly(survivor);
        String movedEncounter = chart.body(survivor, "Encounter", encounterId(retiredAdmission));
        assertThat(json(movedEncounter).path("subject").path("reference").asText()).isEqualTo("Patient/" + survivor);
        assertThat(chart.count("SELECT count(*) FROM chart.resource WHERE patient_id = ? AND resource_type = "
                + "'Observation' AND body->'subject'->>'reference' = ?", survivor, "Patient/" + survivor)).isEqualTo(1);
        JsonNode retiredPatient = json(chart.body(survivor, "Patient", retired));
        assertThat(retiredPatient.path("active").asBoolean()).isFalse();
        // the retired id answers with the survivor's chart
        String viaRetired = ChartTestSupport.given().get("/patients/{id}/chart", retired).then()
                .statusCode(200).extract().asString();
        assertThat(viaRetired).contains("\"Patient/" + survivor + "\"")
                .isEqualTo(ChartTestSupport.given().get("/patients/{id}/chart", survivor).then()
                        .statusCode(200).extract().asString());

        // a later event for the retired id lands on the survivor, references rewritten
        chart.publishHl7(Hl7Fixtures.oru("E" + retiredMrn, retiredMrn, "S" + retiredMrn, "3.9", "20260304120000"));
        chart.sync();
        assertThat(chart.count("SELECT count(*) FROM chart.resource WHERE patient_id = ?", retired)).isZero();
        assertThat(chart.count("SELECT count(*) FROM chart.resource WHERE patient_id = ? AND resource_type = "
                + "'Observation' AND body->'subject'->>'reference' = ?", survivor, "Patient/" + survivor)).isEqualTo(2);
    }

    @Test
    void aMergeBatchMergesEachPairIntoItsOwnSurvivor() {
        String tag = unique();
        String first = "SA" + tag;
        String second = "SB" + tag;
        String[] retiredMrns = {"RA" + tag, "RB" + tag, "RC" + tag};
        List<String> retired = new java.util.ArrayList<>();
        for (String mrn : retiredMrns) {
            retired.add(id(chart.publishHl7(Hl7Fixtures.oru("O" + mrn, mrn, "R" + mrn, "4.1", "20260301120000"))
                    .patientKey()));
        }
        String survivorA = id(chart.publishHl7(Hl7Fixtures.adt("A01", "C" + first, first, "V" + first, "O",
                "20260302101400", "20260302100000", null)).patientKey());
        String survivorB = id(chart.publishHl7(Hl7Fixtures.adt("A01", "C" + second, second, "V" + second, "O",
                "20260302101400", "20260302100000", null)).patientKey());
        chart.sync();

        // RA → SA; RB and RC → SB, in one message keyed by its first PID (SA)
        chart.publishHl7(Hl7Fixtures.a40Batch("M" + tag, "20260303090000", new String[] {first, retiredMrns[0]},
                new String[] {second, retiredMrns[1]}, new String[] {second, retiredMrns[2]}));
        chart.sync();

        assertThat(chart.query("SELECT retired_patient_id, surviving_patient_id FROM chart.patient_merge "
                + "WHERE retired_patient_id IN (?, ?, ?) ORDER BY retired_patient_id", retired.get(0), retired.get(1),
                retired.get(2))).containsExactlyInAnyOrder(List.<Object>of(retired.get(0), survivorA),
                List.<Object>of(retired.get(1), survivorB), List.<Object>of(retired.get(2), survivorB));
        for (String r : retired) {
            assertThat(chart.count("SELECT count(*) FROM chart.resource WHERE patient_id = ?", r)).isZero();
        }
        // each survivor holds its own Patient and the results of the records merged into it — nothing of the other
        assertThat(chart.count("SELECT count(*) FROM chart.resource WHERE patient_id = ? AND resource_type = "
                + "'Observation'", survivorA)).isEqualTo(1);
        assertThat(chart.count("SELECT count(*) FROM chart.resource WHERE patient_id = ? AND resource_type = "
                + "'Observation'", survivorB)).isEqualTo(2);
        assertThat(chart.count("SELECT count(*) FROM chart.resource WHERE patient_id = ? AND resource_type = "
                + "'Patient' AND resource_id = ?", survivorA, survivorB)).isZero();
        JsonNode b = json(chart.body(survivorB, "Patient", survivorB));
        assertThat(b.path("link")).hasSize(2);
        assertThat(json(chart.body(survivorB, "Patient", retired.get(2))).path("active").asBoolean()).isFalse();
    }
}
