package io.chartbrief.chart.service;

import io.chartbrief.chart.config.ChartConfig;
import io.chartbrief.chart.messaging.SummaryRequestPublisher;
import io.chartbrief.chart.store.ChartQueries;
import io.chartbrief.interop.event.SummaryRequest;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Publishes summary requests: due admission triggers from the {@code chart.admission} ledger and due note
 * re-summaries from {@code chart.note_update} (every second), and on-demand requests. A trigger is marked emitted only after the broker acknowledged it; a crash in between
 * publishes it again with the SAME request id (consumers deduplicate by request id).
 */
@ApplicationScoped
public class TriggerService {

    private static final Logger LOG = Logger.getLogger(TriggerService.class);

    private final DataSource dataSource;
    private final SummaryRequestPublisher publisher;
    private final ChartQueries queries;
    private final ChartConfig config;

    public TriggerService(DataSource dataSource, SummaryRequestPublisher publisher, ChartQueries queries,
            ChartConfig config) {
        this.dataSource = dataSource;
        this.publisher = publisher;
        this.queries = queries;
        this.config = config;
    }

    private record Due(String encounterId, String patientId, UUID requestId, String state, UUID cancelRequestId) {
    }

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publishDue() {
        try {
            publishDueNow();
        } catch (SQLException e) {
            LOG.warnf("Admission trigger scan failed (%s); retrying on the next tick", e.getSQLState());
        } catch (RuntimeException e) {
            LOG.warnf("Publishing summary requests failed (%s); retrying on the next tick", e.toString());
        }
    }

    /** Publishes every due trigger (pending past its settle window, or a cancellation to announce). */
    public int publishDueNow() throws SQLException {
        List<Due> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT encounter_id, patient_id, request_id, state, cancel_request_id FROM chart.admission
                        WHERE (state = 'pending' AND due_at <= ?) OR state = 'cancelling'
                        ORDER BY due_at LIMIT ?""")) {
            ps.setObject(1, Instant.now().atOffset(ZoneOffset.UTC));
            ps.setInt(2, config.trigger().batchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
                            rs.getObject(5, UUID.class)));
                }
            }
        }
        for (Due d : due) {
            boolean cancelling = "cancelling".equals(d.state());
            publisher.publish(new SummaryRequest(cancelling ? d.cancelRequestId() : d.requestId(),
                    "Patient/" + d.patientId(), "Encounter/" + d.encounterId(),
                    cancelling ? SummaryRequest.CANCELLED : SummaryRequest.ADMISSION, Instant.now()));
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement(cancelling
                            ? "UPDATE chart.admission SET state = 'cancel-emitted' WHERE encounter_id = ? "
                                    + "AND state = 'cancelling'"
                            // cancelled while we published: announce the cancellation on the next tick
                            : "UPDATE chart.admission SET emitted_at = now(), state = CASE state "
                                    + "WHEN 'pending' THEN 'emitted' WHEN 'cancelled' THEN 'cancelling' ELSE state END "
                                    + "WHERE encounter_id = ?")) {
                ps.setString(1, d.encounterId());
                ps.executeUpdate();
            }
            LOG.infof("Published %s summary request %s for Encounter/%s",
                    cancelling ? "cancellation" : "admission", cancelling ? d.cancelRequestId() : d.requestId(),
                    d.encounterId());
        }
        return due.size() + publishNoteUpdates();
    }

    /** Publishes the due note re-summaries of admissions still standing (not cancelled). */
    private int publishNoteUpdates() throws SQLException {
        List<Due> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT n.encounter_id, n.patient_id, n.request_id FROM chart.note_update n
                        JOIN chart.admission a ON a.encounter_id = n.encounter_id AND a.state = 'emitted'
                        WHERE n.state = 'pending' AND n.due_at <= ? ORDER BY n.due_at LIMIT ?""")) {
            ps.setObject(1, Instant.now().atOffset(ZoneOffset.UTC));
            ps.setInt(2, config.trigger().batchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new Due(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class), "pending", null));
                }
            }
        }
        for (Due d : due) {
            publisher.publish(new SummaryRequest(d.requestId(), "Patient/" + d.patientId(),
                    "Encounter/" + d.encounterId(), SummaryRequest.NOTE_UPDATE, Instant.now()));
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("""
                            UPDATE chart.note_update SET state = 'emitted', emitted_at = now(), published = published + 1
                            WHERE encounter_id = ? AND request_id = ? AND state = 'pending'""")) {
                ps.setString(1, d.encounterId());
                ps.setObject(2, d.requestId());
                ps.executeUpdate();
            }
            LOG.infof("Published note-update summary request %s for Encounter/%s", d.requestId(), d.encounterId());
        }
        return due.size();
    }

    /**
     * Publishes an on-demand request. Empty when the patient (or the named encounter) is not in the chart.
     *
     * @param encounterId an encounter of the patient, or {@code null} for the newest one (by period.start)
     */
    public Optional<SummaryRequest> requestOnDemand(String patientId, String encounterId) throws SQLException {
        Optional<String> survivor = queries.knownPatient(patientId);
        if (survivor.isEmpty()) {
            return Optional.empty();
        }
        String encounter;
        if (encounterId != null && !encounterId.isBlank()) {
            if (!queries.hasResource(survivor.get(), "Encounter", encounterId)) {
                return Optional.empty();
            }
            encounter = encounterId;
        } else {
            encounter = queries.newestEncounterId(survivor.get()).orElse(null);
        }
        SummaryRequest request = new SummaryRequest(UUID.randomUUID(), "Patient/" + survivor.get(),
                encounter == null ? null : "Encounter/" + encounter, SummaryRequest.ON_DEMAND, Instant.now());
        publisher.publish(request);
        return Optional.of(request);
    }
}
