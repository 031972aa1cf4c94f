package io.chartbrief.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.model.v251.message.MDM_T02;
import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.interop.summary.SummaryTextRenderer;
import io.chartbrief.outbound.MllpReceiver.Received;
import io.chartbrief.outbound.SummaryDocuments.SummaryRecord;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ehr.summaries → MDM over MLLP → HAPI HL7v2's own MLLP server as the receiving interface engine, on a real broker
 * and PostgreSQL: the message HAPI parses, the ACK paths, retries while the receiver is down, the ledger's
 * exactly-once, and T10 for a superseding summary.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "outbound"))
@WithTestResource(value = MllpReceiverResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class MdmWriteBackTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    DataSource db;

    private final MllpReceiver receiver = MllpReceiver.instance();
    private KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        receiver.start();
        kafka = new KafkaTestClient(bootstrapServers);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aSummaryArrivesAsAnMdmT02ThatHapiParses() throws Exception {
        SummaryRecord summary = SummaryDocuments.admission("llama", Instant.parse("2026-11-01T10:15:00Z"));
        publish(summary);

        await("the MDM^T02 of " + summary.summaryId(), () -> !receiver.acceptedOf(summary.summaryId()).isEmpty());
        Received mdm = receiver.of(summary.summaryId()).get(0);
        assertThat(mdm.message()).isInstanceOf(MDM_T02.class);
        assertThat(mdm.get("/MSH-9-1") + "^" + mdm.get("/MSH-9-2") + "^" + mdm.get("/MSH-9-3")).isEqualTo("MDM^T02^MDM_T02");
        assertThat(mdm.get("/MSH-3-1")).isEqualTo("CHARTBRIEF");
        assertThat(mdm.get("/MSH-10")).hasSize(20).startsWith("CB");
        assertThat(mdm.get("/MSH-12-1")).isEqualTo("2.5.1");
        assertThat(mdm.get("/EVN-1")).isEqualTo("T02");
        String mrn = "MRN-" + summary.patientId().substring(2);
        assertThat(mdm.get("/PID-3-1")).isEqualTo(mrn);
        assertThat(mdm.get("/PID-3-4-1")).isEqualTo("RIVERSIDE");
        assertThat(mdm.get("/PID-3-5")).isEqualTo("MR");
        assertThat(mdm.get("/PID-5-1-1")).isEqualTo("DEMOPATIENT");
        assertThat(mdm.get("/PID-7-1")).isEqualTo("19510314");
        assertThat(mdm.get("/PV1-2")).isEqualTo("I");
        assertThat(mdm.get("/PV1-19-1")).isEqualTo("V-" + summary.encounterId().substring(2));
        assertThat(mdm.get("/TXA-2")).isEqualTo("SUMMARY");
        assertThat(mdm.get("/TXA-3")).isEqualTo("TX");
        assertThat(mdm.get("/TXA-4-1")).isEqualTo("20261101101500+0000");
        assertThat(mdm.get("/TXA-9-1")).isEqualTo("CHARTBRIEF");
        assertThat(mdm.get("/TXA-12-1")).isEqualTo(summary.summaryId());
        assertThat(mdm.get("/TXA-13-1")).isNull();
        assertThat(mdm.get("/TXA-17")).isEqualTo("DO");
        assertThat(mdm.get("/TXA-19")).isEqualTo("AV");

        MDM_T02 message = (MDM_T02) mdm.message();
        List<String> lines = message.getOBSERVATIONAll().stream().map(o -> {
            assertThat(o.getOBX().getValueType().getValue()).isEqualTo("TX");
            assertThat(o.getOBX().getObservationIdentifier().getIdentifier().getValue()).isEqualTo("60591-5");
            return o.getOBX().getObservationValue(0).getData().toString();
        }).toList();
        String text = String.join("\n", lines.stream().map(l -> l == null ? "" : l).toList());
        assertThat(lines.get(0)).isEqualTo(SummaryTextRenderer.AI_NOTICE);
        String condition = "Condition/c-" + summary.patientId();
        // The "|" in the condition's text travelled escaped and arrives as written.
        assertThat(text).contains("Admitted with pneumonia.")
                .contains("Active problems\n  - Pneumonia | unspecified  [" + condition + "]")
                .contains("  - [medium] Repeat chest X-ray — Pneumonia on admission  [" + condition + "]")
                .contains("Verification: verified — 2 of 2 items supported   Engine: llama (medgemma-4b-it)")
                .contains("Evidence cited\n  " + condition + ": Pneumonia | unspecified, 2026-11-01");
        assertThat(mdm.er7()).doesNotContain("Pneumonia | unspecified");
        // The receiver answered before the service recorded its answer.
        await("the ledger row", () -> "delivered".equals(ledgerStatus(summary.summaryId())));
    }

    @Test
    void anAeIsSentAgainUntilAcceptedAndTheDocumentArrivesOnce() {
        SummaryRecord summary = SummaryDocuments.admission("extractive", Instant.now());
        receiver.script(summary.summaryId(), AcknowledgmentCode.AE);
        publish(summary);

        await("the resend after AE", () -> receiver.acceptedOf(summary.summaryId()).size() == 1);
        List<Received> sent = receiver.of(summary.summaryId());
        assertThat(sent).extracting(Received::answer).containsExactly(AcknowledgmentCode.AE, AcknowledgmentCode.AA);
        // A resend is the same transmission: same control id, same document number.
        assertThat(sent.get(1).get("/MSH-10")).isEqualTo(sent.get(0).get("/MSH-10"));
        await("the ledger row", () -> "delivered".equals(ledgerStatus(summary.summaryId())));
        assertThat(ledgerAttempts(summary.summaryId())).isEqualTo(2);
        assertThat(sent.get(0).get("/OBSERVATION(0)/OBX-5")).isEqualTo(SummaryTextRenderer.EXTRACTIVE_NOTICE);
    }

    @Test
    void anArGoesToTheDeadLetterTopicWithTheReceiversReasonAndAReplayIsSentAgain() {
        SummaryRecord summary = SummaryDocuments.admission("extractive", Instant.now());
        receiver.script(summary.summaryId(), AcknowledgmentCode.AR);
        publish(summary);

        ConsumerRecord<String, String> dead = kafka.awaitRecord(Topics.DLQ, TIMEOUT,
                r -> summary.summaryId().equals(header(r, EventHeaders.SUMMARY_REQUEST_ID)));
        assertThat(header(dead, EventHeaders.DLQ_STAGE)).isEqualTo("outbound");
        assertThat(header(dead, EventHeaders.DLQ_REASON)).startsWith("mdm: rejected by the receiver (AR")
                .contains("document type not accepted here");
        assertThat(header(dead, EventHeaders.DLQ_ORIGINAL_TOPIC)).isEqualTo(Topics.SUMMARIES);
        assertThat(dead.key()).isEqualTo(summary.key());
        assertThat(dead.value()).isEqualTo(summary.json());
        assertThat(receiver.of(summary.summaryId())).hasSize(1);
        assertThat(ledgerStatus(summary.summaryId())).isEqualTo("rejected");

        // Fixed at the receiver, the dead letter is replayed: sent again, and accepted this time.
        kafka.send(Topics.SUMMARIES, dead.key(), dead.value(), summary.headers());
        await("the replayed summary", () -> receiver.acceptedOf(summary.summaryId()).size() == 1);
        await("the ledger row", () -> "delivered".equals(ledgerStatus(summary.summaryId())));
    }

    @Test
    void aReceiverThatNeverAcceptsIsGivenUpAfterTheRetriesAndTheStreamMovesOn() {
        SummaryRecord stuck = SummaryDocuments.admission("extractive", Instant.now());
        AcknowledgmentCode[] always = new AcknowledgmentCode[20];
        java.util.Arrays.fill(always, AcknowledgmentCode.AE);
        receiver.script(stuck.summaryId(), always);
        SummaryRecord next = SummaryDocuments.admission("extractive", Instant.now());
        publish(stuck);
        publish(next);

        ConsumerRecord<String, String> dead = kafka.awaitRecord(Topics.DLQ, TIMEOUT,
                r -> stuck.summaryId().equals(header(r, EventHeaders.SUMMARY_REQUEST_ID)));
        assertThat(header(dead, EventHeaders.DLQ_REASON)).startsWith("mdm: not accepted after 12 attempts: receiver answered AE");
        assertThat(receiver.of(stuck.summaryId())).hasSize(12);
        await("the next summary", () -> receiver.acceptedOf(next.summaryId()).size() == 1);
        assertThat(ledgerStatus(stuck.summaryId())).isEqualTo("failed");
    }

    @Test
    void whileTheReceiverIsDownTheSummaryIsRetriedAndDeliveredOnceItIsBack() {
        receiver.stop();
        SummaryRecord summary = SummaryDocuments.admission("extractive", Instant.now());
        publish(summary);

        await("two refused connections", () -> ledgerAttempts(summary.summaryId()) >= 2);
        assertThat(ledgerStatus(summary.summaryId())).isEqualTo("pending");
        receiver.start();

        await("the delivery", () -> "delivered".equals(ledgerStatus(summary.summaryId())));
        assertThat(receiver.of(summary.summaryId())).hasSize(1);
    }

    @Test
    void aSummaryReadAgainIsNotSentAgain() throws SQLException {
        SummaryRecord summary = SummaryDocuments.admission("extractive", Instant.now());
        publish(summary);
        await("the first delivery", () -> receiver.acceptedOf(summary.summaryId()).size() == 1);

        // What a restart re-reads (offset not yet committed) or a replay sends: the same record again.
        publish(summary);
        SummaryRecord marker = SummaryDocuments.admission("extractive", Instant.now());
        publish(marker);

        await("the record after it", () -> receiver.acceptedOf(marker.summaryId()).size() == 1);
        assertThat(receiver.of(summary.summaryId())).hasSize(1);
    }

    @Test
    void aSendCutShortByACrashIsResentAsTheSameTransmission() throws SQLException {
        SummaryRecord summary = SummaryDocuments.admission("extractive", Instant.now());
        // The ledger as a crash leaves it: claimed and sent, the receiver's AA never recorded.
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO outbound.delivery "
                + "(summary_id, connector, patient, encounter, document_time, status, kind, transmission_id, attempts) "
                + "VALUES (?, 'mdm', ?, ?, ?, 'pending', 'new', 'CBCRASHED0000000001X', 1)")) {
            ps.setString(1, summary.summaryId());
            ps.setString(2, "Patient/" + summary.patientId());
            ps.setString(3, "Encounter/" + summary.encounterId());
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
        publish(summary);

        await("the resend", () -> receiver.acceptedOf(summary.summaryId()).size() == 1);
        assertThat(receiver.of(summary.summaryId()).get(0).get("/MSH-10")).isEqualTo("CBCRASHED0000000001X");
        await("the ledger row", () -> ledgerAttempts(summary.summaryId()) == 2);
    }

    @Test
    void aSupersedingSummaryIsSentAsT10NamingItsParentAndAnOlderOneIsNotSent() {
        Instant admitted = Instant.parse("2026-11-02T08:00:00Z");
        SummaryRecord first = SummaryDocuments.admission("extractive", admitted);
        publish(first);
        await("the first document", () -> receiver.acceptedOf(first.summaryId()).size() == 1);

        SummaryRecord update = SummaryDocuments.another(first, admitted.plusSeconds(3600));
        publish(update);
        await("the replacement", () -> receiver.acceptedOf(update.summaryId()).size() == 1);
        Received t10 = receiver.of(update.summaryId()).get(0);
        assertThat(t10.message()).isInstanceOf(MDM_T02.class);
        assertThat(t10.get("/MSH-9-2")).isEqualTo("T10");
        assertThat(t10.get("/EVN-1")).isEqualTo("T10");
        assertThat(t10.get("/TXA-12-1")).isEqualTo(update.summaryId());
        assertThat(t10.get("/TXA-13-1")).isEqualTo(first.summaryId());
        assertThat(t10.get("/PID-3-1")).isEqualTo(receiver.of(first.summaryId()).get(0).get("/PID-3-1"));

        // A late redelivery of an older summary of the admission must not replace the newer one at the receiver.
        SummaryRecord late = SummaryDocuments.another(first, admitted.plusSeconds(60));
        publish(late);
        SummaryRecord marker = SummaryDocuments.admission("extractive", Instant.now());
        publish(marker);
        await("the record after it", () -> receiver.acceptedOf(marker.summaryId()).size() == 1);
        assertThat(receiver.of(late.summaryId())).isEmpty();
        assertThat(ledgerStatus(late.summaryId())).isEqualTo("skipped");
    }

    @Test
    void aRecordThatIsNoSummaryDocumentIsDeadLettered() {
        String id = java.util.UUID.randomUUID().toString();
        kafka.send(Topics.SUMMARIES, "Patient/x", "{\"resourceType\":\"Patient\",\"id\":\"x\"}",
                java.util.Map.of(EventHeaders.SUMMARY_REQUEST_ID, id));

        ConsumerRecord<String, String> dead = kafka.awaitRecord(Topics.DLQ, TIMEOUT,
                r -> id.equals(header(r, EventHeaders.SUMMARY_REQUEST_ID)));
        assertThat(header(dead, EventHeaders.DLQ_STAGE)).isEqualTo("outbound");
        assertThat(header(dead, EventHeaders.DLQ_REASON)).isEqualTo("not a FHIR R4 Bundle");
    }

    private void publish(SummaryRecord summary) {
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
                "SELECT " + column + " FROM outbound.delivery WHERE summary_id = ? AND connector = 'mdm'")) {
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
