package io.chartbrief.inbox.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.inbox.service.DocumentReader.InvalidDocumentException;
import io.chartbrief.inbox.service.InboxIntake;
import io.chartbrief.inbox.service.InboxIntake.SummaryRecord;
import io.chartbrief.inbox.service.InboxMetrics;
import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.outage.DatabaseFailure;
import io.chartbrief.outage.DatabaseOutage;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
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
 * was dead-lettered); a bad record — unreadable, or content the database refuses ({@link DatabaseFailure#REFUSED},
 * e.g. SQLState 22P05) — goes to {@code ehr.dlq} and the stream moves on. A database outage never fails the
 * channel: the same record is stored again, in place, once the database is back ({@link DatabaseOutage}: capped
 * backoff, readiness DOWN meanwhile; the partition's later records wait behind it). Storing is idempotent per
 * summary id, so a try whose commit went through before the connection broke is a duplicate, not a second item.
 */
@ApplicationScoped
public class SummaryConsumer {

    private static final Logger LOG = Logger.getLogger(SummaryConsumer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BUNDLE_ID = Pattern.compile("\"resourceType\"\\s*:\\s*\"Bundle\"");

    private final InboxIntake intake;
    private final DeadLetters deadLetters;
    private final InboxMetrics metrics;
    private final DatabaseOutage outage;

    public SummaryConsumer(InboxIntake intake, DeadLetters deadLetters, InboxMetrics metrics, DatabaseOutage outage) {
        this.intake = intake;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.outage = outage;
    }

    /** Handles one summary record. */
    @Incoming("summaries")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) throws SQLException {
        String summaryId = header(record, EventHeaders.SUMMARY_REQUEST_ID);
        String patientKey = header(record, EventHeaders.PATIENT_KEY);
        SummaryRecord summary = new SummaryRecord(summaryId == null ? bundleId(record.value()) : summaryId,
                patientKey == null ? record.key() : patientKey, header(record, EventHeaders.SUMMARY_ENGINE),
                header(record, EventHeaders.SUMMARY_STATUS), record.value());
        try {
            InboxIntake.ReadSummary read = intake.read(summary);
            outage.run("Inbox intake of " + record.topic() + "/" + record.partition() + "@" + record.offset(),
                    () -> intake.store(read));
        } catch (InvalidDocumentException e) {
            deadLetter(record, "invalid-document", e.getMessage());
        } catch (SQLException e) {
            if (DatabaseFailure.of(e) == DatabaseFailure.OUTAGE) {
                throw e;   // still unavailable at shutdown: not acknowledged, re-read after restart
            }
            // The database refuses this record's content (e.g. a NUL character): a poison record, not an outage.
            deadLetter(record, "unstorable-document", "the database refused the document (SQLState " + e.getSQLState() + ")");
        } catch (RuntimeException e) {
            if (DatabaseFailure.isOutage(e)) {
                throw e;   // still unavailable at shutdown: not acknowledged, re-read after restart
            }
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
            JsonNode node = JSON.readTree(value);
            return node.hasNonNull("id") ? node.get("id").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
