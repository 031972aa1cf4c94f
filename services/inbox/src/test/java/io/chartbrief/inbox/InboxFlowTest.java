package io.chartbrief.inbox;

import static io.chartbrief.inbox.InboxTestSupport.TIMEOUT;
import static io.chartbrief.inbox.InboxTestSupport.awaitItem;
import static io.chartbrief.inbox.InboxTestSupport.count;
import static io.chartbrief.inbox.InboxTestSupport.publish;
import static io.chartbrief.inbox.InboxTestSupport.query;
import static io.chartbrief.inbox.InboxTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ehr.summaries → routed inbox items → API, on a real broker and PostgreSQL. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "inbox"))
class InboxFlowTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    DataSource db;

    private KafkaTestClient kafka;
    // Unique per test run: the external-PostgreSQL mode keeps data between runs.
    private final String okaforId = "4411-" + UUID.randomUUID().toString().substring(0, 8);
    private final String nguyenId = "2288-" + UUID.randomUUID().toString().substring(0, 8);
    private final String unit = "U" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    private String okafor() {
        return token("okafor", okaforId, unit);
    }

    private String nguyen() {
        return token("nguyen", nguyenId, "4WEST-" + unit);
    }

    @Test
    void routedByPractitionerAndByUnit() {
        SummaryBundles summary = SummaryBundles.summary().participant("ATND", okaforId).participant("REF", nguyenId)
                .unit(unit);
        publish(kafka, summary);
        String id = awaitItem(db, summary.requestId());

        JsonPath list = given().auth().oauth2(okafor()).get("/api/inbox").then().statusCode(200).extract().jsonPath();
        assertThat(list.getList("items.id")).contains(id);
        Map<String, Object> item = list.getMap("items.find { it.id == '" + id + "' }");
        assertThat(item).containsEntry("summaryId", summary.requestId()).containsEntry("patient", summary.patientRef())
                .containsEntry("encounter", summary.encounterRef()).containsEntry("state", "new")
                .containsEntry("superseded", false).containsEntry("engine", "extractive")
                .containsEntry("aiGenerated", false).containsEntry("verification", "verified")
                .containsEntry("headline", "Admitted with chest pain.").containsEntry("unit", unit)
                .containsEntry("patientName", "Testpatient Alpha").containsKeys("createdAt", "readAt", "supersededBy");

        // filters and paging
        given().auth().oauth2(okafor()).get("/api/inbox?since=" + Instant.now().plusSeconds(3600)).then().statusCode(200)
                .body("items.id", not(hasItem(id))).body("total", equalTo(0));
        given().auth().oauth2(okafor()).get("/api/inbox?patient=" + summary.patientRef() + "&state=new&limit=1&offset=0")
                .then().statusCode(200).body("items.id", hasItem(id)).body("limit", equalTo(1)).body("total", equalTo(1));
        given().auth().oauth2(okafor()).get("/api/inbox?patient=" + summary.patientRef() + "&offset=1").then()
                .statusCode(200).body("items.size()", equalTo(0)).body("total", equalTo(1));
        given().auth().oauth2(okafor()).get("/api/inbox?since=yesterday").then().statusCode(400)
                .body("status", equalTo(400)).body("message", equalTo("since must be an ISO-8601 instant"));

        // by practitioner identifier written system|value
        given().auth().oauth2(token("okafor2", "urn:chartbrief:authority:RIVERSIDE|" + okaforId))
                .get("/api/inbox").then().statusCode(200).body("items.id", hasItem(id));
        // by unit only (a charge nurse without a practitioner id); units claim as a space/comma separated string
        given().auth().oauth2(InboxTestSupport.claims("patel", null).claim("units", "ICU, " + unit.toLowerCase())
                .expiresIn(300).sign()).get("/api/inbox").then().statusCode(200).body("items.id", hasItem(id));
        // a referring (not routed) practitioner in another unit sees nothing
        given().auth().oauth2(nguyen()).get("/api/inbox").then().statusCode(200).body("items.id", not(hasItem(id)));
        given().auth().oauth2(nguyen()).get("/api/inbox/" + id).then().statusCode(404).body("status", equalTo(404));
    }

    @Test
    void detailCarriesDocumentAndEvidenceAndEveryReadIsAudited() {
        SummaryBundles summary = SummaryBundles.summary().participant("ATND", okaforId).unit(unit)
                .unverified("problems", "Chest pain radiating to the jaw", "term \"jaw\" not in cited resources",
                        "Condition/cond-cp")
                .verification("partially-verified", 6, 4, 1, 1);
        publish(kafka, summary);
        String id = awaitItem(db, summary.requestId());

        JsonPath detail = given().auth().oauth2(okafor()).header("X-Forwarded-For", "203.0.113.7, 10.0.0.1")
                .get("/api/inbox/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(detail.getString("id")).isEqualTo(id);
        assertThat(detail.getString("document.narrative")).isEqualTo("Admitted with chest pain. Potassium is low.");
        assertThat(detail.getList("document.sections.code")).containsExactly("11450-4", "48765-2", "30954-2");
        assertThat(detail.getString("document.sections[2].items[0].text")).isEqualTo("Potassium low at 3.1 mmol/L");
        assertThat(detail.getList("document.sections[2].items[0].evidence")).containsExactly("Observation/obs-k");
        assertThat(detail.getString("document.recommendations[0].priority")).isEqualTo("high");
        assertThat(detail.getString("document.recommendations[0].rationale")).isEqualTo("Potassium 3.1 mmol/L is below range");
        assertThat(detail.getString("document.engine.kind")).isEqualTo("extractive");
        // Not verified: apart from the sections, with where it came from and why.
        assertThat(detail.getList("document.sections.items.flatten().text")).doesNotContain("Chest pain radiating to the jaw");
        assertThat(detail.getList("document.unverified")).hasSize(1);
        assertThat(detail.getMap("document.unverified[0]")).containsEntry("section", "problems")
                .containsEntry("text", "Chest pain radiating to the jaw")
                .containsEntry("reason", "term \"jaw\" not in cited resources")
                .containsEntry("evidence", List.of("Condition/cond-cp"));
        assertThat(detail.getMap("document.verification")).containsEntry("status", "partially-verified")
                .containsEntry("items", 6).containsEntry("supported", 4).containsEntry("contradicted", 1)
                .containsEntry("unverifiable", 1);
        assertThat(detail.getMap("evidence.'Observation/obs-k'")).containsEntry("type", "Observation")
                .containsEntry("display", "Potassium 3.1 mmol/L (L)").containsEntry("date", "2026-11-01");
        assertThat(detail.getMap("evidence.'AllergyIntolerance/alg-pcn'")).containsEntry("display",
                "Penicillin — reaction: Hives");

        given().auth().oauth2(okafor()).get("/api/inbox/" + id).then().statusCode(200);
        List<List<Object>> reads = query(db, "SELECT outcome, agent_subject, agent_practitioner, client_address, "
                + "entity_patient, type, subtype, action, source FROM inbox.audit_event WHERE entity_item = ? "
                + "ORDER BY recorded", id);
        assertThat(reads).hasSize(2);
        assertThat(reads.get(0)).containsExactly("0", "okafor", okaforId, "203.0.113.7", summary.patientRef(), "rest",
                "read", "R", "chartbrief-inbox");
        assertThat(reads.get(1).get(3)).isNotNull();

        // a denied read is audited as a failure
        given().auth().oauth2(nguyen()).get("/api/inbox/" + id).then().statusCode(404);
        assertThat(count(db, "SELECT count(*) FROM inbox.audit_event WHERE entity_item = ? AND outcome = '4' "
                + "AND agent_subject = 'nguyen'", id)).isEqualTo(1);
        String missing = UUID.randomUUID().toString();
        given().auth().oauth2(okafor()).get("/api/inbox/" + missing).then().statusCode(404);
        assertThat(count(db, "SELECT count(*) FROM inbox.audit_event WHERE entity_item = ? AND outcome = '4'", missing))
                .isEqualTo(1);
    }

    @Test
    void aNoteItemsDetailCarriesItsQuoteTheNotesTitleAndDateAndThePassageInContext() {
        SummaryBundles summary = SummaryBundles.summary().participant("ATND", okaforId).unit(unit).note();
        publish(kafka, summary);
        String id = awaitItem(db, summary.requestId());

        JsonPath detail = given().auth().oauth2(okafor()).get("/api/inbox/" + id).then().statusCode(200)
                .extract().jsonPath();

        assertThat(detail.getList("document.sections.code")).containsExactly("11450-4", "48765-2", "30954-2", "34109-9");
        assertThat(detail.getString("document.sections[3].title")).isEqualTo("From the clinical notes");
        assertThat(detail.getString("document.sections[3].items[0].text")).isEqualTo(SummaryBundles.NOTE_QUOTE);
        assertThat(detail.getList("document.sections[3].items[0].evidence")).containsExactly("DocumentReference/doc-hp");
        int start = SummaryBundles.NOTE_QUOTE_START;
        assertThat(detail.getMap("document.sections[3].items[0].quote"))
                .containsEntry("note", "DocumentReference/doc-hp").containsEntry("section", "hpi")
                .containsEntry("heading", "HISTORY OF PRESENT ILLNESS").containsEntry("start", start)
                .containsEntry("end", start + SummaryBundles.NOTE_QUOTE.length())
                .containsEntry("text", SummaryBundles.NOTE_QUOTE).containsEntry("title", "Admission H&P")
                .containsEntry("date", "2026-11-01").containsEntry("context", SummaryBundles.NOTE_CONTEXT)
                .containsEntry("contextStart", SummaryBundles.NOTE_CONTEXT_START);
        // Items that quote no note carry no quote field.
        assertThat(detail.getMap("document.sections[0].items[0]")).doesNotContainKey("quote");
        assertThat(detail.getMap("evidence.'DocumentReference/doc-hp'")).containsEntry("type", "DocumentReference")
                .containsEntry("display", "History and physical note").containsEntry("date", "2026-11-01");
    }

    @Test
    void readAndAcknowledge() {
        SummaryBundles summary = SummaryBundles.summary().participant("ADM", okaforId);
        publish(kafka, summary);
        String id = awaitItem(db, summary.requestId());
        given().auth().oauth2(nguyen()).post("/api/inbox/" + id + "/ack").then().statusCode(404);
        given().auth().oauth2(okafor()).post("/api/inbox/" + id + "/read").then().statusCode(200)
                .body("state", equalTo("read")).body("readAt", notNullValue());
        given().auth().oauth2(okafor()).get("/api/inbox?state=new").then().statusCode(200).body("items.id", not(hasItem(id)));
        given().auth().oauth2(okafor()).post("/api/inbox/" + id + "/ack").then().statusCode(200)
                .body("state", equalTo("acknowledged")).body("acknowledgedAt", notNullValue());
        given().auth().oauth2(okafor()).post("/api/inbox/" + id + "/read").then().statusCode(200)
                .body("state", equalTo("acknowledged"));
        given().auth().oauth2(okafor()).get("/api/inbox?state=acknowledged").then().statusCode(200)
                .body("items.id", hasItem(id));
        given().auth().oauth2(okafor()).get("/api/inbox?state=bogus").then().statusCode(400);
    }

    @Test
    void eachClinicianReadsAndAcknowledgesForThemselves() {
        // Routed to Dr Okafor (attending) and to the unit, where the charge nurse sees it.
        SummaryBundles summary = SummaryBundles.summary().participant("ATND", okaforId).unit(unit);
        publish(kafka, summary);
        String id = awaitItem(db, summary.requestId());
        String nurse = token("patel", null, unit);
        given().auth().oauth2(okafor()).post("/api/inbox/" + id + "/ack").then().statusCode(200)
                .body("state", equalTo("acknowledged"));
        // The nurse's item is still new: in her detail, her list and her "new" filter.
        given().auth().oauth2(nurse).get("/api/inbox/" + id).then().statusCode(200).body("state", equalTo("new"))
                .body("acknowledgedAt", nullValue());
        given().auth().oauth2(nurse).get("/api/inbox?state=new").then().statusCode(200).body("items.id", hasItem(id));
        given().auth().oauth2(okafor()).get("/api/inbox?state=new").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        given().auth().oauth2(okafor()).get("/api/inbox?state=acknowledged").then().statusCode(200)
                .body("items.id", hasItem(id));
        given().auth().oauth2(nurse).post("/api/inbox/" + id + "/read").then().statusCode(200)
                .body("state", equalTo("read"));
        given().auth().oauth2(okafor()).get("/api/inbox/" + id).then().statusCode(200)
                .body("state", equalTo("acknowledged"));
    }

    @Test
    void everyMalformedListParameterIs400() {
        for (String query : List.of("limit=abc", "limit=0", "limit=501", "offset=-1", "offset=x", "superseded=maybe",
                "since=yesterday", "state=bogus", "limit=1e3")) {
            given().auth().oauth2(okafor()).get("/api/inbox?" + query).then().statusCode(400)
                    .body("status", equalTo(400)).body("error", equalTo("bad-request"));
        }
        given().auth().oauth2(okafor()).get("/api/inbox?limit=10&offset=0&superseded=true").then().statusCode(200);
    }

    @Test
    void redeliveryMakesNoSecondItem() {
        SummaryBundles summary = SummaryBundles.summary().participant("ATND", okaforId);
        publish(kafka, summary);
        awaitItem(db, summary.requestId());
        publish(kafka, summary);
        publish(kafka, summary);
        SummaryBundles marker = SummaryBundles.summary().participant("ATND", okaforId);
        publish(kafka, marker);
        awaitItem(db, marker.requestId());   // same partition: the duplicates were handled before it
        assertThat(count(db, "SELECT count(*) FROM inbox.item WHERE summary_id = ?", summary.requestId())).isEqualTo(1);
    }

    @Test
    void newerSummaryOfTheSameEncounterSupersedes() {
        String patient = "p-" + UUID.randomUUID();
        String encounter = "e-" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-11-01T10:00:00Z");
        SummaryBundles first = SummaryBundles.summary().patient(patient, "Testpatient Beta", "MRN-2").encounter(encounter)
                .participant("ATND", okaforId).at(Date.from(t0));
        SummaryBundles second = SummaryBundles.summary().patient(patient, "Testpatient Beta", "MRN-2")
                .encounter(encounter).participant("ATND", okaforId).at(Date.from(t0.plusSeconds(600)));
        SummaryBundles otherEncounter = SummaryBundles.summary().patient(patient, "Testpatient Beta", "MRN-2")
                .participant("ATND", okaforId).at(Date.from(t0.plusSeconds(1200)));
        publish(kafka, first);
        String firstId = awaitItem(db, first.requestId());
        publish(kafka, second);
        String secondId = awaitItem(db, second.requestId());
        publish(kafka, otherEncounter);
        String otherId = awaitItem(db, otherEncounter.requestId());

        given().auth().oauth2(okafor()).get("/api/inbox?patient=Patient/" + patient).then().statusCode(200)
                .body("items.id", hasItem(secondId)).body("items.id", hasItem(otherId))
                .body("items.id", not(hasItem(firstId))).body("total", equalTo(2));
        given().auth().oauth2(okafor()).get("/api/inbox?superseded=true&patient=Patient/" + patient).then()
                .statusCode(200).body("total", equalTo(3));
        given().auth().oauth2(okafor()).get("/api/inbox/" + firstId).then().statusCode(200)
                .body("superseded", equalTo(true)).body("supersededBy", equalTo(secondId));

        // an older document arriving late is stored already superseded by the newer one
        SummaryBundles late = SummaryBundles.summary().patient(patient, "Testpatient Beta", "MRN-2").encounter(encounter)
                .participant("ATND", okaforId).at(Date.from(t0.plusSeconds(60)));
        publish(kafka, late);
        String lateId = awaitItem(db, late.requestId());
        given().auth().oauth2(okafor()).get("/api/inbox/" + lateId).then().statusCode(200)
                .body("supersededBy", equalTo(secondId));
        given().auth().oauth2(okafor()).get("/api/inbox/" + secondId).then().statusCode(200)
                .body("superseded", equalTo(false));
    }

    @Test
    void unauthenticatedCallsAre401Json() {
        given().get("/api/inbox").then().statusCode(401).contentType("application/json").body("status", equalTo(401));
        given().get("/api/inbox/stream").then().statusCode(401).body("error", equalTo("unauthorized"));
        given().auth().oauth2("not-a-jwt").get("/api/inbox").then().statusCode(401).body("status", equalTo(401));
        String otherKey = InboxTestSupport.claims("okafor", okaforId, unit).expiresIn(300)
                .sign(InboxTestSupport.otherKey());
        given().auth().oauth2(otherKey).get("/api/inbox").then().statusCode(401);
        String expired = InboxTestSupport.claims("okafor", okaforId, unit)
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign();
        given().auth().oauth2(expired).get("/api/inbox").then().statusCode(401);
        String forgedIssuer = io.smallrye.jwt.build.Jwt.issuer("https://evil.example/issuer").subject("okafor")
                .claim("practitioner_id", okaforId).expiresIn(300).sign();
        given().auth().oauth2(forgedIssuer).get("/api/inbox").then().statusCode(401);
        given().auth().oauth2(okafor()).get("/api/inbox").then().statusCode(200);
        // demo endpoints do not exist outside demo mode
        given().get("/demo/clinicians").then().statusCode(404);
        given().contentType("application/json").body("{\"login\":\"okafor\"}").post("/demo/token").then().statusCode(404);
    }

    @Test
    void openApiDescribesTheInbox() {
        String openapi = given().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("/api/inbox/{id}/ack", "/api/inbox/stream", "ItemDetail", "bearer");
    }

    @Test
    void badRecordsAreDeadLetteredAndTheConsumerKeepsGoing() {
        String key = "Patient/bad-" + UUID.randomUUID();
        publish(kafka, key, "this is not FHIR", Map.of(EventHeaders.SUMMARY_REQUEST_ID, UUID.randomUUID().toString()));
        publish(kafka, key, "{\"resourceType\":\"Bundle\",\"id\":\"" + UUID.randomUUID()
                + "\",\"type\":\"document\",\"entry\":[]}", Map.of());
        // a document PostgreSQL refuses (NUL character in text): dead-lettered, not a stuck channel
        SummaryBundles poison = SummaryBundles.summary().patient(key.substring("Patient/".length()), "Nul\u0000 Name",
                "MRN-NUL").participant("ATND", okaforId);
        publish(kafka, poison);
        SummaryBundles good = SummaryBundles.summary().participant("ATND", okaforId);
        publish(kafka, good);
        awaitItem(db, good.requestId());

        List<ConsumerRecord<String, String>> dead = kafka.awaitRecords(Topics.DLQ, 3, TIMEOUT,
                r -> key.equals(r.key()));
        assertThat(KafkaTestClient.header(dead.get(2), EventHeaders.DLQ_REASON)).contains("database refused");
        assertThat(count(db, "SELECT count(*) FROM inbox.item WHERE summary_id = ?", poison.requestId())).isZero();
        assertThat(dead).extracting(ConsumerRecord::value).first().isEqualTo("this is not FHIR");
        ConsumerRecord<String, String> noComposition = dead.get(1);
        assertThat(KafkaTestClient.header(noComposition, EventHeaders.DLQ_STAGE)).isEqualTo("inbox");
        assertThat(KafkaTestClient.header(noComposition, EventHeaders.DLQ_REASON)).contains("Composition");
        assertThat(KafkaTestClient.header(noComposition, EventHeaders.DLQ_ORIGINAL_TOPIC)).isEqualTo(Topics.SUMMARIES);
        assertThat(KafkaTestClient.header(noComposition, EventHeaders.DLQ_ORIGINAL_OFFSET)).isNotNull();
        assertThat(KafkaTestClient.header(noComposition, EventHeaders.DLQ_TIME)).isNotNull();
        assertThat(KafkaTestClient.header(dead.get(0), EventHeaders.SUMMARY_REQUEST_ID)).isNotNull();
    }

    @Test
    void summaryRoutedToNobodyIsStoredAndCounted() {
        SummaryBundles nobody = SummaryBundles.summary();
        publish(kafka, nobody);
        String id = awaitItem(db, nobody.requestId());
        assertThat(count(db, "SELECT cardinality(recipients) FROM inbox.item WHERE id = ?::uuid", id)).isZero();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("chartbrief_inbox_items_unrouted_total(\\{[^}]*})? [1-9]");
        given().auth().oauth2(okafor()).get("/api/inbox/" + id).then().statusCode(404);
    }
}
