package io.chartbrief.outbound.messaging;

import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.summary.SummaryDocument;
import io.chartbrief.interop.summary.SummaryDocumentReader;
import io.chartbrief.interop.summary.SummaryDocumentReader.InvalidSummaryException;
import io.chartbrief.outage.DatabaseFailure;
import io.chartbrief.outbound.service.OutboundDelivery;
import io.chartbrief.outbound.service.OutboundDelivery.Outcome;
import io.chartbrief.outbound.service.OutboundMetrics;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * {@code ehr.summaries} → the enabled write-back connectors (group {@code chartbrief-outbound}). One record at a
 * time in partition order; acknowledged once every connector is done with it. A record that is no summary document,
 * a document a receiver rejected (AR) and one no receiver accepted within the retries go to {@code ehr.dlq} (stage
 * {@code outbound}) and the stream moves on. A database outage is waited out in place; a shutdown while a record
 * waits leaves it unacknowledged (the ledger makes the re-read safe).
 */
@ApplicationScoped
public class SummaryConsumer {

    private static final Logger LOG = Logger.getLogger(SummaryConsumer.class);

    private final SummaryDocumentReader reader = new SummaryDocumentReader();
    private final OutboundDelivery delivery;
    private final DeadLetters deadLetters;
    private final OutboundMetrics metrics;

    public SummaryConsumer(OutboundDelivery delivery, DeadLetters deadLetters, OutboundMetrics metrics) {
        this.delivery = delivery;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /** Handles one summary record. */
    @Incoming("summaries")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) throws SQLException, InterruptedException {
        if (delivery.enabledConnectors().isEmpty()) {
            return;   // nothing configured: the record is read and left (docs/operations.md)
        }
        SummaryDocument document;
        try {
            String patientKey = header(record, EventHeaders.PATIENT_KEY);
            document = reader.read(record.value(), patientKey == null ? record.key() : patientKey,
                    header(record, EventHeaders.SUMMARY_ENGINE));
        } catch (InvalidSummaryException e) {
            deadLetter(record, "invalid-document", e.getMessage());
            return;
        } catch (RuntimeException e) {
            deadLetter(record, "unreadable-document", "the document could not be read (" + e.getClass().getSimpleName() + ")");
            return;
        }
        String summaryId = header(record, EventHeaders.SUMMARY_REQUEST_ID);
        if (summaryId == null) {
            summaryId = document.documentId();
        }
        if (summaryId == null || summaryId.isBlank()) {
            deadLetter(record, "invalid-document", "no summary id (header " + EventHeaders.SUMMARY_REQUEST_ID
                    + " or Bundle.id)");
            return;
        }
        String status = header(record, EventHeaders.SUMMARY_STATUS);
        if (status == null && document.content().verification() != null) {
            status = document.content().verification().status();
        }
        List<Outcome> outcomes;
        try {
            outcomes = delivery.deliver(summaryId, document, status);
        } catch (SQLException e) {
            if (DatabaseFailure.of(e) == DatabaseFailure.OUTAGE) {
                throw e;   // still unavailable at shutdown: not acknowledged, re-read after restart
            }
            deadLetter(record, "unstorable-document", "the database refused the summary (SQLState " + e.getSQLState() + ")");
            return;
        }
        for (Outcome outcome : outcomes) {
            if (outcome.deadLetter()) {
                deadLetter(record, outcome.connector() + "-" + outcome.outcome(), outcome.connector() + ": " + outcome.reason());
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, String> record, String metric, String reason) {
        deadLetters.send(record, reason);
        metrics.deadLettered(metric);
        LOG.infof("Dead-lettering %s/%d@%d (%s)", record.topic(), record.partition(), record.offset(), metric);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
