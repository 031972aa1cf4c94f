package io.chartbrief.chart.service;

import io.chartbrief.chart.config.ChartConfig;
import io.chartbrief.chart.messaging.SummaryRequestPublisher;
import io.chartbrief.chart.store.AdmissionLedger;
import io.chartbrief.chart.store.ChartQueries;
import io.chartbrief.interop.event.SummaryRequest;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Schedules summary requests: publishes the due rows of the {@link AdmissionLedger} (admissions past their settle
 * window, cancellations, note re-summaries) every second, and on-demand requests. A row is marked published only
 * after the broker acknowledged it; a crash in between publishes it again with the SAME request id (consumers
 * deduplicate by request id).
 */
@ApplicationScoped
public class SummaryRequestScheduler {

    private static final Logger LOG = Logger.getLogger(SummaryRequestScheduler.class);

    private final DataSource dataSource;
    private final SummaryRequestPublisher publisher;
    private final ChartQueries queries;
    private final ChartConfig config;

    public SummaryRequestScheduler(DataSource dataSource, SummaryRequestPublisher publisher, ChartQueries queries,
            ChartConfig config) {
        this.dataSource = dataSource;
        this.publisher = publisher;
        this.queries = queries;
        this.config = config;
    }

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publishDue() {
        try {
            publishDueNow();
        } catch (SQLException e) {
            LOG.warnf("Summary request scan failed (%s); retrying on the next tick", e.getSQLState());
        } catch (RuntimeException e) {
            LOG.warnf("Publishing summary requests failed (%s); retrying on the next tick", e.toString());
        }
    }

    /**
     * How long a claimed request stays this replica's: longer than a publication waits for the broker, so a live
     * replica never loses its claim mid-publication.
     */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(2);

    /** Claims and publishes every due request of the ledger (one replica per request); returns how many. */
    public int publishDueNow() throws SQLException {
        List<AdmissionLedger.Due> due;
        try (Connection c = dataSource.getConnection()) {
            due = AdmissionLedger.claimDue(c, Instant.now(), config.trigger().batchSize(), CLAIM_LEASE);
        }
        for (int i = 0; i < due.size(); i++) {
            AdmissionLedger.Due d = due.get(i);
            try {
                publisher.publish(new SummaryRequest(d.requestId(), "Patient/" + d.patientId(),
                        "Encounter/" + d.encounterId(), reason(d.kind()), Instant.now()));
            } catch (RuntimeException e) {
                // not published: give this and the rest back at once rather than holding them for the lease
                try (Connection c = dataSource.getConnection()) {
                    AdmissionLedger.release(c, due.subList(i, due.size()));
                }
                throw e;
            }
            try (Connection c = dataSource.getConnection()) {
                AdmissionLedger.published(c, d);
            }
            LOG.infof("Published %s summary request %s for Encounter/%s", reason(d.kind()), d.requestId(),
                    d.encounterId());
        }
        return due.size();
    }

    private static String reason(AdmissionLedger.Kind kind) {
        return switch (kind) {
            case ADMISSION -> SummaryRequest.ADMISSION;
            case CANCELLATION -> SummaryRequest.CANCELLED;
            case NOTE_UPDATE -> SummaryRequest.NOTE_UPDATE;
        };
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
