package io.chartbrief.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.outbound.SummaryDocuments.SummaryRecord;
import io.chartbrief.outbound.fhir.FhirTarget;
import io.chartbrief.outbound.fhir.FhirTargetResource;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ehr.summaries → FHIR DocumentReference → a real FHIR server: HAPI FHIR's JPA server on H2 ({@link FhirTarget}),
 * protected by SMART Backend Services with a token endpoint that verifies the client assertion. On a real broker and PostgreSQL. The DocumentReference is found the way an EHR's tooling searches
 * (HAPI's generic client, {@code patient.identifier} and {@code identifier}); a superseding summary replaces it; a
 * replay creates nothing new; 4xx → ehr.dlq; 5xx and a server that is down → retried; one token for many sends,
 * and a revoked token (401) replaced once.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "outbound"))
@WithTestResource(value = FhirTargetResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class FhirWriteBackTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    DataSource db;

    private final FhirTarget target = FhirTarget.instance();
    private KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        target.start();
        kafka = new KafkaTestClient(bootstrapServers);
    }

    @AfterEach
    void close() {
        target.clearFailures();
        kafka.close();
    }

    @Test
    void aSummaryLandsAsADocumentReferenceFoundByThePatientsIdentifier() throws Exception {
        SummaryRecord summary = SummaryDocuments.admission("llama", Instant.parse("2026-11-01T10:15:00Z"));
        publish(summary);
        await("the ledger row", () -> "delivered".equals(ledgerStatus(summary.summaryId())));

        String mrn = "MRN-" + summary.patientId().substring(2);
        Bundle found = search("DocumentReference?patient.identifier="
                + encode("urn:chartbrief:authority:RIVERSIDE|" + mrn));
        assertThat(found.getEntry()).hasSize(1);
        DocumentReference doc = (DocumentReference) found.getEntryFirstRep().getResource();
        assertThat(doc.getMasterIdentifier().getSystem()).isEqualTo("urn:ietf:rfc:3986");
        assertThat(doc.getMasterIdentifier().getValue()).isEqualTo("urn:uuid:" + summary.summaryId());
        assertThat(doc.getStatus()).isEqualTo(DocumentReferenceStatus.CURRENT);
        assertThat(doc.getType().getCodingFirstRep().getSystem()).isEqualTo("http://loinc.org");
        assertThat(doc.getType().getCodingFirstRep().getCode()).isEqualTo("60591-5");
        assertThat(doc.getSubject().getIdentifier().getValue()).isEqualTo(mrn);
        assertThat(doc.getSubject().getType()).isEqualTo("Patient");
        // the conditional reference, resolved by the server to its own Patient
        assertThat(doc.getSubject().getReference()).matches("Patient/[^?]+");
        assertThat(doc.getContext().getEncounterFirstRep().getIdentifier().getValue())
                .isEqualTo("V-" + summary.encounterId().substring(2));
        assertThat(doc.getDate().toInstant()).isEqualTo(Instant.parse("2026-11-01T10:15:00Z"));
        assertThat(doc.getSecurityLabelFirstRep().getCodingFirstRep().getCode()).isEqualTo("AIAST");
        assertThat(doc.getRelatesTo()).isEmpty();
        Device author = (Device) doc.getContained().stream().filter(Device.class::isInstance).findFirst().orElseThrow();
        assertThat(author.getDeviceNameFirstRep().getName()).isEqualTo("ChartBrief");
        assertThat(doc.getAuthorFirstRep().getReference()).isEqualTo("#" + author.getIdElement().getIdPart());

        var attachment = doc.getContentFirstRep().getAttachment();
        assertThat(attachment.getContentType()).isEqualTo("application/fhir+json");
        assertThat(attachment.getSize()).isEqualTo(attachment.getData().length);
        assertThat(attachment.getHash()).isEqualTo(MessageDigest.getInstance("SHA-1").digest(attachment.getData()));
        Bundle attached = FhirContexts.r4().newJsonParser().parseResource(Bundle.class,
                new String(attachment.getData(), StandardCharsets.UTF_8));
        assertThat(attached.getType()).isEqualTo(Bundle.BundleType.DOCUMENT);
        assertThat(attached.getIdElement().getIdPart()).isEqualTo(summary.summaryId());
        assertThat(attached.getIdentifier().getValue()).isEqualTo(documentIdentifier(summary));

        // also-post-bundle: the document itself, once, under its own identifier
        assertThat(search("Bundle?identifier=" + encode("urn:ietf:rfc:3986|" + documentIdentifier(summary)))
                .getEntry()).hasSize(1);
        assertThat(target.authorization().refusals()).isEmpty();
    }

    @Test
    void aSupersedingSummaryReplacesTheFirstWhichIsMarkedSuperseded() {
        Instant admitted = Instant.parse("2026-11-02T08:00:00Z");
        SummaryRecord first = SummaryDocuments.admission("extractive", admitted);
        publish(first);
        await("the first document", () -> "delivered".equals(ledgerStatus(first.summaryId())));
        SummaryRecord update = SummaryDocuments.another(first, admitted.plusSeconds(3600));
        publish(update);
        await("the replacement", () -> "delivered".equals(ledgerStatus(update.summaryId())));

        DocumentReference original = byIdentifier(first.summaryId()).get(0);
        DocumentReference replacement = byIdentifier(update.summaryId()).get(0);
        assertThat(replacement.getRelatesTo()).singleElement().satisfies(r -> {
            assertThat(r.getCode()).isEqualTo(DocumentReference.DocumentRelationshipType.REPLACES);
            assertThat(r.getTarget().getReference())
                    .isEqualTo("DocumentReference/" + original.getIdElement().getIdPart());
        });
        assertThat(replacement.getStatus()).isEqualTo(DocumentReferenceStatus.CURRENT);
        assertThat(original.getStatus()).isEqualTo(DocumentReferenceStatus.SUPERSEDED);
        assertThat(replacement.getSecurityLabel()).isEmpty();   // extractive: no model wrote it
        String mrn = "MRN-" + first.patientId().substring(2);
        assertThat(search("DocumentReference?subject.identifier=" + encode("urn:chartbrief:authority:RIVERSIDE|" + mrn))
                .getEntry()).hasSize(2);
    }

    @Test
    void aReplayedSummaryCreatesNoSecondDocumentReference() throws SQLException {
        SummaryRecord summary = SummaryDocuments.admission("extractive", Instant.now());
        publish(summary);
        await("the first delivery", () -> "delivered".equals(ledgerStatus(summary.summaryId())));

        // The ledger stops a plain replay; without the ledger row (an answer lost in a crash) the server's
        // conditional create does: the resend finds the first DocumentReference.
        publish(summary);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM outbound.delivery WHERE summary_id = ? AND connector = 'fhir'")) {
            ps.setString(1, summary.summaryId());
            ps.executeUpdate();
        }
        publish(summary);
        SummaryRecord marker = SummaryDocuments.admission("extractive", Instant.now());
        publish(marker);
        await("the record after it", () -> "delivered".equals(ledgerStatus(marker.summaryId())));

        assertThat(ledgerStatus(summary.summaryId())).isEqualTo("delivered");
        assertThat(byIdentifier(summary.summaryId())).hasSize(1);
        assertThat(search("Bundle?identifier=" + encode("urn:ietf:rfc:3986|" + documentIdentifier(summary)))
                .getEntry()).hasSize(1);
    }

    @Test
    void a4xxGoesToTheDeadLetterTopicWithTheOperationOutcomesDiagnostics() {
        SummaryRecord summary = SummaryDocuments.admission("extractive", Instant.now());
        target.failCreates("urn:uuid:" + summary.summaryId(),
                "DocumentReference.type: code 60591-5 is not accepted by this server", 422);
        publish(summary);

        ConsumerRecord<String, String> dead = kafka.awaitRecord(Topics.DLQ, TIMEOUT,
                r -> summary.summaryId().equals(header(r, EventHeaders.SUMMARY_REQUEST_ID)));
        assertThat(header(dead, EventHeaders.DLQ_STAGE)).isEqualTo("outbound");
        assertThat(header(dead, EventHeaders.DLQ_REASON)).isEqualTo("fhir: rejected by the FHIR server creating the "
                + "DocumentReference (HTTP 422: DocumentReference.type: code 60591-5 is not accepted by this server)");
        assertThat(dead.value()).isEqualTo(summary.json());
        assertThat(ledgerStatus(summary.summaryId())).isEqualTo("rejected");
        assertThat(byIdentifier(summary.summaryId())).isEmpty();
    }

    @Test
    void aPatientTheServerDoesNotKnowIsDeadLettered() {
        SummaryRecord summary = SummaryDocuments.admission("extractive", Instant.now());
        publishOnly(summary);   // not registered at the EHR

        ConsumerRecord<String, String> dead = kafka.awaitRecord(Topics.DLQ, TIMEOUT,
                r -> summary.summaryId().equals(header(r, EventHeaders.SUMMARY_REQUEST_ID)));
        assertThat(header(dead, EventHeaders.DLQ_REASON)).startsWith("fhir: rejected by the FHIR server creating the "
                + "DocumentReference (HTTP 404: HAPI-1091: Invalid match URL \"Patient?identifier=urn:chartbrief:authority:RIVERSIDE|MRN-")
                .endsWith("No resources match this search)");
        assertThat(ledgerStatus(summary.summaryId())).isEqualTo("rejected");
    }

    @Test
    void a5xxIsSentAgainUntilTheServerTakesIt() {
        SummaryRecord summary = SummaryDocuments.admission("extractive", Instant.now());
        target.failCreates("urn:uuid:" + summary.summaryId(), null, 503, 500);
        publish(summary);

        await("the delivery", () -> "delivered".equals(ledgerStatus(summary.summaryId())));
        assertThat(ledgerAttempts(summary.summaryId())).isEqualTo(3);
        assertThat(byIdentifier(summary.summaryId())).hasSize(1);
    }

    @Test
    void whileTheServerIsDownTheSummaryIsRetriedAndDeliveredOnceItIsBack() {
        SummaryRecord summary = SummaryDocuments.admission("extractive", Instant.now());
        admit(summary);
        target.stop();
        publishOnly(summary);

        await("two refused connections", () -> ledgerAttempts(summary.summaryId()) >= 2);
        assertThat(ledgerStatus(summary.summaryId())).isEqualTo("pending");
        target.start();

        await("the delivery", () -> "delivered".equals(ledgerStatus(summary.summaryId())));
        assertThat(byIdentifier(summary.summaryId())).hasSize(1);
    }

    @Test
    void oneTokenServesManySendsAndARevokedOneIsReplacedOnce() {
        SummaryRecord warmUp = SummaryDocuments.admission("extractive", Instant.now());
        publish(warmUp);
        await("a first delivery", () -> "delivered".equals(ledgerStatus(warmUp.summaryId())));
        int tokens = target.authorization().tokensIssued();
        int refused = target.unauthorized();

        List<SummaryRecord> summaries = List.of(SummaryDocuments.admission("extractive", Instant.now()),
                SummaryDocuments.admission("extractive", Instant.now()));
        summaries.forEach(this::publish);
        await("both deliveries", () -> summaries.stream().allMatch(s -> "delivered".equals(ledgerStatus(s.summaryId()))));
        assertThat(target.authorization().tokensIssued()).isEqualTo(tokens);   // the cached token, 2 × 2 requests

        // The server forgets its tokens (a restart, a revocation): the next request gets 401, one new token serves on.
        target.authorization().revokeAll();
        List<SummaryRecord> after = List.of(SummaryDocuments.admission("extractive", Instant.now()),
                SummaryDocuments.admission("extractive", Instant.now()));
        after.forEach(this::publish);
        await("deliveries after the revocation",
                () -> after.stream().allMatch(s -> "delivered".equals(ledgerStatus(s.summaryId()))));
        assertThat(target.authorization().tokensIssued()).isEqualTo(tokens + 1);
        assertThat(target.unauthorized()).isEqualTo(refused + 1);
        assertThat(after).allSatisfy(s -> assertThat(ledgerAttempts(s.summaryId())).isEqualTo(1));
        assertThat(target.authorization().refusals()).isEmpty();
        assertThat(target.authorization().scopesRequested()).last()
                .isEqualTo("system/DocumentReference.read system/DocumentReference.write system/Bundle.write");
    }

    /** Bundle.identifier of the published document (the summary engine's document id, not the summary id). */
    private static String documentIdentifier(SummaryRecord summary) {
        return FhirContexts.r4().newJsonParser().parseResource(Bundle.class, summary.json()).getIdentifier().getValue();
    }

    private List<DocumentReference> byIdentifier(String summaryId) {
        return search("DocumentReference?identifier=" + encode("urn:ietf:rfc:3986|urn:uuid:" + summaryId))
                .getEntry().stream().map(e -> (DocumentReference) e.getResource()).toList();
    }

    private Bundle search(String query) {
        IGenericClient client = target.client();
        return client.search().byUrl(FhirTarget.baseUrl() + "/" + query).returnBundle(Bundle.class).execute();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Publishes a summary of a patient the EHR knows (registered there first). */
    private void publish(SummaryRecord summary) {
        admit(summary);
        publishOnly(summary);
    }

    private void admit(SummaryRecord summary) {
        target.admit("urn:chartbrief:authority:RIVERSIDE", "MRN-" + summary.patientId().substring(2));
    }

    private void publishOnly(SummaryRecord summary) {
        kafka.send(Topics.SUMMARIES, summary.key(), summary.json(), summary.headers());
    }

    private String ledgerStatus(String summaryId) {
        return ledger(summaryId, "status");
    }

    private int ledgerAttempts(String summaryId) {
        String attempts = ledger(summaryId, "attempts");
        return attempts == null ? 0 : Integer.parseInt(attempts);
    }

    private String ledger(String summaryId, String column) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + column + " FROM outbound.delivery WHERE summary_id = ? AND connector = 'fhir'")) {
            ps.setString(1, summaryId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
