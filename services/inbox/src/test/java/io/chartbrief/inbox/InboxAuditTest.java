package io.chartbrief.inbox;

import static io.chartbrief.inbox.InboxTestSupport.awaitItem;
import static io.chartbrief.inbox.InboxTestSupport.count;
import static io.chartbrief.inbox.InboxTestSupport.publish;
import static io.chartbrief.inbox.InboxTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.event.Topics;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inbox list calls and item reads are AuditEvents on {@code ehr.audit} (key = patient key) with the clinician's
 * subject and the outcome — a read of an item not routed to the caller with outcome 4 — and never the patient's
 * name or MRN, which the item itself shows.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "inbox"))
class InboxAuditTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NAME = "Auditpatient Zeta";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    DataSource db;

    private KafkaTestClient kafka;
    private final String practitioner = "7711-" + UUID.randomUUID().toString().substring(0, 8);
    private final String unit = "A" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    private final String subject = "okafor-" + UUID.randomUUID();
    private final String mrn = "MRN-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void aListAndAnItemReadAreAuditEventsOfTheirPatient() {
        SummaryBundles summary = SummaryBundles.summary().patient("p-" + UUID.randomUUID(), NAME, mrn)
                .participant("ATND", practitioner).unit(unit);
        publish(kafka, summary);
        String id = awaitItem(db, summary.requestId());
        String clinician = token(subject, practitioner, unit);

        String list = given().auth().oauth2(clinician).get("/api/inbox?state=new&limit=10").then().statusCode(200)
                .extract().asString();
        assertThat(list).contains(NAME); // the page shows the name; its AuditEvent must not
        given().auth().oauth2(clinician).get("/api/inbox/" + id).then().statusCode(200);

        ConsumerRecord<String, String> listed = awaitEvent(subject, "GET /api/inbox");
        assertThat(listed.key()).isEqualTo(summary.patientRef());
        AuditEvent search = parse(listed.value());
        assertThat(search.getSubtypeFirstRep().getCode()).isEqualTo("search");
        assertThat(search.getAction().toCode()).isEqualTo("E");
        assertThat(search.getOutcome().toCode()).isEqualTo("0");
        assertThat(new String(search.getEntity().get(1).getQuery(), StandardCharsets.UTF_8)).isEqualTo("limit&state");

        ConsumerRecord<String, String> read = awaitEvent(subject, "GET /api/inbox/{id}");
        assertThat(read.key()).isEqualTo(summary.patientRef());
        AuditEvent event = parse(read.value());
        assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("read");
        assertThat(event.getOutcome().toCode()).isEqualTo("0");
        assertThat(event.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo(subject);
        assertThat(event.getSource().getObserver().getIdentifier().getValue()).isEqualTo("chartbrief-inbox");
        assertThat(event.getEntityFirstRep().getWhat().getReference()).isEqualTo(summary.patientRef());

        for (ConsumerRecord<String, String> record : java.util.List.of(listed, read)) {
            assertThat(record.value()).doesNotContain("Auditpatient").doesNotContain("Zeta").doesNotContain(mrn);
        }
        // the inbox's own row carries the same event, marked published once the broker took it
        assertThat(count(db, "SELECT count(*) FROM inbox.audit_event WHERE entity_item = ? AND agent_subject = ? "
                + "AND resource->>'id' = ? AND published_at IS NOT NULL", id, subject, event.getIdPart()))
                .isEqualTo(1);
    }

    @Test
    void aReadOfAnItemNotRoutedToTheCallerIsOutcomeFour() {
        SummaryBundles summary = SummaryBundles.summary().patient("p-" + UUID.randomUUID(), NAME, mrn)
                .participant("ATND", practitioner).unit(unit);
        publish(kafka, summary);
        String id = awaitItem(db, summary.requestId());
        String stranger = "nguyen-" + UUID.randomUUID();

        given().auth().oauth2(token(stranger, "9999-" + UUID.randomUUID(), "ELSEWHERE")).get("/api/inbox/" + id)
                .then().statusCode(404);

        AuditEvent event = parse(awaitEvent(stranger, "GET /api/inbox/{id}").value());
        assertThat(event.getOutcome().toCode()).isEqualTo("4");
        assertThat(event.getOutcomeDesc()).isEqualTo("HTTP 404");
        assertThat(event.getEntityFirstRep().getWhat().getReference()).isEqualTo(summary.patientRef());
    }

    private ConsumerRecord<String, String> awaitEvent(String who, String operation) {
        return kafka.awaitRecord(Topics.AUDIT, WAIT,
                r -> r.value().contains("\"" + who + "\"") && parse(r.value()).getEntity().stream()
                        .anyMatch(e -> operation.equals(e.getDescription())));
    }

    private static AuditEvent parse(String json) {
        return FhirContexts.r4().newJsonParser().parseResource(AuditEvent.class, json);
    }
}
