package io.chartbrief.inbox.messaging;

import io.chartbrief.inbox.service.DocumentReader.InvalidDocumentException;
import io.chartbrief.inbox.service.InboxIntake;
import io.chartbrief.inbox.service.InboxIntake.SummaryRecord;
import io.chartbrief.inbox.service.InboxMetrics;
import io.chartbrief.interop.event.EventHeaders;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * {@code ehr.summaries} → inbox items. Records are handled one at a time in partition order (all summaries of a
 * patient share a partition). A record is acknowledged once its item is committed (or it was a duplicate, or it
 * was dead-lettered); a bad record goes to {@code ehr.dlq} and the stream moves on. A database failure fails the
 * channel (readiness DOWN) so the record is re-read after restart instead of lost.
 */
@ApplicationScoped
public class SummaryConsumer {

    private static final Logger LOG = Logger.getLogger(SummaryConsumer.class);
    private static final Pattern BUNDLE_ID = Pattern.compile("\"resourceType\"\\s*:\\s*\"Bundle\"");

    private final InboxIntake intake;
    private final DeadLetters deadLetters;
    private final InboxMetrics metrics;

    public SummaryConsumer(InboxIntake intake, DeadLetters deadLetters, InboxMetrics metrics) {
        this.intake = intake;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /** Handles one summary record. */
    @Incoming("summaries")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) throws SQLException {
        String summaryId = header(record, EventHeaders.SUMMARY_REQUEST_ID);
        String patientKey = header(record, EventHeaders.PATIENT_KEY);
        try {
            intake.accept(new SummaryRecord(summaryId == null ? bundleId(record.value()) : summaryId,
                    patientKey == null ? record.key() : patientKey, header(record, EventHeaders.SUMMARY_ENGINE),
                    header(record, EventHeaders.SUMMARY_STATUS), record.value()));
        } catch (InvalidDocumentException e) {
            deadLetter(record, "invalid-document", e.getMessage());
        } catch (RuntimeException e) {
            // A document the reader cannot handle is bad input, not an outage.
            deadLetter(record, "unreadable-document", "the document could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void deadLetter(ConsumerRecord<String, String> record, String metric, String reason) {
        deadLetters.send(record, reason);
        metrics.deadLettered(metric);
        LOG.infof("Dead-lettering %s/%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
    }

    /** Bundle.id of a document when the request id header is missing (cheap parse of the top-level id only). */
    static String bundleId(String value) {
        if (value == null || !BUNDLE_ID.matcher(value).find()) {
            return null;
        }
        try {
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(value);
            return node.hasNonNull("id") ? node.get("id").asText() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
