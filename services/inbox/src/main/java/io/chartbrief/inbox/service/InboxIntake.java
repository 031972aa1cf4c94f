package io.chartbrief.inbox.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.inbox.config.InboxConfig;
import io.chartbrief.inbox.security.Caller;
import io.chartbrief.inbox.service.DocumentReader.InvalidDocumentException;
import io.chartbrief.inbox.store.InboxItem;
import io.chartbrief.inbox.store.InboxStore;
import io.chartbrief.inbox.store.InboxStore.Stored;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns a summary document into an inbox item: read, route, store (idempotent per summary id, superseding older
 * summaries of the same encounter). The item transaction announces the item to every replica's
 * {@link ItemNotificationListener}, which pushes it to its open streams (this replica's included: there is no
 * direct push). A summary routed to nobody is stored all the same (visible to no clinician, counted in
 * {@code chartbrief_inbox_items_unrouted_total}) so that routing can be fixed and the item found later, rather than
 * silently dropped.
 */
@ApplicationScoped
public class InboxIntake {

    private static final Logger LOG = Logger.getLogger(InboxIntake.class);

    private final DocumentReader reader;
    private final InboxStore store;
    private final InboxMetrics metrics;
    private final ObjectMapper json;

    public InboxIntake(InboxConfig config, InboxStore store, InboxMetrics metrics, ObjectMapper json) {
        this.reader = new DocumentReader(new RecipientRouter(config.routeParticipantTypes()));
        this.store = store;
        this.metrics = metrics;
        this.json = json;
    }

    /** A summary record on {@code ehr.summaries}: value plus the headers the inbox uses. */
    public record SummaryRecord(String summaryId, String patientKey, String engine, String verification, String value) {
    }

    /** A summary read and routed, ready to be stored. */
    public record ReadSummary(String summaryId, String verification, InboxDocument document, List<String> recipients,
            String value) {
    }

    /**
     * Reads and routes one summary (no database access).
     *
     * @throws InvalidDocumentException the record is not a usable summary (dead-letter it)
     */
    public ReadSummary read(SummaryRecord record) throws InvalidDocumentException {
        InboxDocument document = reader.read(record.value(), record.patientKey(), record.engine());
        String summaryId = record.summaryId();
        if (summaryId == null || summaryId.isBlank()) {
            throw new InvalidDocumentException("no summary request id (header or Bundle.id)");
        }
        List<String> recipients = new ArrayList<>();
        document.recipients().practitioners().forEach(p -> recipients.add(Caller.practitionerKey(p)));
        document.recipients().units().forEach(u -> recipients.add(Caller.unitKey(u)));
        return new ReadSummary(summaryId, record.verification(), document, List.copyOf(recipients), record.value());
    }

    /**
     * Stores one read summary, in one transaction; idempotent per summary id, so it may be run again after a failure.
     *
     * @return the new item, or empty when the summary id was already stored
     * @throws SQLException the database failed (an outage: retry; refused content: dead-letter)
     */
    public Optional<InboxItem> store(ReadSummary summary) throws SQLException {
        InboxDocument document = summary.document();
        List<String> recipients = summary.recipients();
        String summaryId = summary.summaryId();
        Optional<Stored> stored = store.insert(summaryId, summary.verification(), document, recipients,
                write(document.content()), write(document.evidence()), summary.value());
        if (stored.isEmpty()) {
            metrics.duplicate();
            LOG.infof("Summary %s already in the inbox; nothing stored", summaryId);
            return Optional.empty();
        }
        InboxItem item = stored.get().item();
        metrics.stored(!recipients.isEmpty(), stored.get().superseded().size());
        LOG.infof("Summary %s stored as item %s: %d practitioner keys, %d units%s, supersedes %d", summaryId, item.id(),
                document.recipients().practitioners().size(), document.recipients().units().size(),
                recipients.isEmpty() ? " (routed to nobody)" : "", stored.get().superseded().size());
        return Optional.of(item);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the document view", e);
        }
    }
}
