package io.chartbrief.outbound.service;

import io.chartbrief.outage.DatabaseOutage;
import io.chartbrief.outbound.service.WriteBackConnector.Attempt;
import io.chartbrief.outbound.store.DeliveryLedger;
import io.chartbrief.outbound.store.DeliveryLedger.Entry;
import io.chartbrief.outbound.store.DeliveryLedger.Status;
import io.chartbrief.interop.summary.SummaryDocument;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Takes one summary to every enabled connector, exactly once per summary id and connector: claims the ledger row
 * (which also decides new document vs replacement), sends, resends with the connector's bounded backoff while the
 * receiver fails, and records the outcome. A receiver that stays down costs one record at most
 * {@code max-attempts} sends; then the record is given up (dead-lettered by the caller) and the partition moves on.
 */
@ApplicationScoped
public class OutboundDelivery {

    private static final Logger LOG = Logger.getLogger(OutboundDelivery.class);

    private final List<WriteBackConnector> connectors;
    private final DeliveryLedger ledger;
    private final DatabaseOutage outage;
    private final OutboundMetrics metrics;

    public OutboundDelivery(Instance<WriteBackConnector> connectors, DeliveryLedger ledger, DatabaseOutage outage,
            OutboundMetrics metrics) {
        this.connectors = connectors.stream().filter(WriteBackConnector::enabled).toList();
        this.ledger = ledger;
        this.outage = outage;
        this.metrics = metrics;
    }

    /** The enabled connectors' names. */
    public List<String> enabledConnectors() {
        return connectors.stream().map(WriteBackConnector::name).toList();
    }

    /** How one connector's delivery of a summary ended. */
    public record Outcome(String connector, String outcome, String reason) {

        /** Whether the record must go to {@code ehr.dlq} for this connector. */
        public boolean deadLetter() {
            return "rejected".equals(outcome) || "gave-up".equals(outcome);
        }
    }

    /**
     * Delivers one summary through every enabled connector.
     *
     * @throws SQLException         the ledger refused the work (not an outage: outages are waited out)
     * @throws InterruptedException shutting down while waiting to resend: the record stays unacknowledged
     */
    public List<Outcome> deliver(String summaryId, SummaryDocument document, String verificationStatus)
            throws SQLException, InterruptedException {
        List<Outcome> outcomes = new java.util.ArrayList<>();
        for (WriteBackConnector connector : connectors) {
            outcomes.add(deliver(connector, summaryId, document, verificationStatus));
        }
        return outcomes;
    }

    private Outcome deliver(WriteBackConnector connector, String summaryId, SummaryDocument document,
            String verificationStatus) throws SQLException, InterruptedException {
        String name = connector.name();
        Entry entry = outage.run("Outbound ledger claim of summary " + summaryId, () -> ledger.claim(summaryId, name,
                document.patient(), document.encounter(), document.documentTime()));
        if (entry.settled()) {
            String outcome = Status.SKIPPED.equals(entry.status()) ? "skipped-older" : "duplicate";
            metrics.delivery(name, outcome);
            LOG.debugf("Summary %s: %s for %s (ledger says %s)", summaryId, outcome, name, entry.status());
            return new Outcome(name, outcome, null);
        }
        WriteBackConnector.RetryPolicy policy = connector.retryPolicy();
        long started = System.nanoTime();
        String lastReason = null;
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            int total = entry.attempts() + attempt;
            Attempt result = connector.send(new Delivery(summaryId, document, verificationStatus,
                    entry.parentSummaryId(), entry.transmissionId(), total));
            if (result instanceof Attempt.Accepted) {
                metrics.send(name, "accepted");
                outage.run("Outbound ledger update of summary " + summaryId,
                        () -> { ledger.finish(summaryId, name, Status.DELIVERED, total, null); return null; });
                metrics.delivery(name, "delivered");
                metrics.delivered(name, Duration.ofNanos(System.nanoTime() - started));
                LOG.infof("Summary %s delivered via %s (%s, attempt %d)", summaryId, name,
                        entry.parentSummaryId() == null ? "new document" : "replaces " + entry.parentSummaryId(), total);
                return new Outcome(name, "delivered", null);
            }
            if (result instanceof Attempt.Rejected rejected) {
                metrics.send(name, "rejected");
                outage.run("Outbound ledger update of summary " + summaryId,
                        () -> { ledger.finish(summaryId, name, Status.REJECTED, total, rejected.reason()); return null; });
                metrics.delivery(name, "rejected");
                LOG.infof("Summary %s rejected by the %s receiver", summaryId, name);
                return new Outcome(name, "rejected", rejected.reason());
            }
            Attempt.Failed failed = (Attempt.Failed) result;
            metrics.send(name, "failed");
            lastReason = failed.reason();
            String reason = lastReason;
            outage.run("Outbound ledger update of summary " + summaryId,
                    () -> { ledger.recordFailedAttempt(summaryId, name, total, reason); return null; });
            if (attempt < policy.maxAttempts()) {
                Duration wait = policy.backoffAfter(attempt);
                LOG.infof("Summary %s not accepted via %s (attempt %d): resending in %d ms", summaryId, name, total,
                        wait.toMillis());
                Thread.sleep(wait.toMillis());
            }
        }
        String reason = "not accepted after " + policy.maxAttempts() + " attempts: " + lastReason;
        outage.run("Outbound ledger update of summary " + summaryId, () -> {
            ledger.finish(summaryId, name, Status.FAILED, entry.attempts() + policy.maxAttempts(), reason);
            return null;
        });
        metrics.delivery(name, "gave-up");
        LOG.warnf("Summary %s given up for %s after %d attempts", summaryId, name, policy.maxAttempts());
        return new Outcome(name, "gave-up", reason);
    }
}
