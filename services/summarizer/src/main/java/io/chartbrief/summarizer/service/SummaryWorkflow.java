package io.chartbrief.summarizer.service;

import io.chartbrief.interop.event.SummaryRequest;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.outage.DatabaseOutage;
import io.chartbrief.outage.OutageWait;
import io.chartbrief.summarizer.config.SummarizerConfig;
import io.chartbrief.summarizer.messaging.SummaryPublisher;
import io.chartbrief.summarizer.service.ChartClient.ChartNotFoundException;
import io.chartbrief.summarizer.service.ChartClient.ChartUnavailableException;
import io.chartbrief.summarizer.store.SummaryStore;
import io.chartbrief.summarizer.store.SummaryStore.SummaryRow;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.fhir.SummaryDocumentBuilder;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.SummaryJson;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.Bundle;
import org.jboss.logging.Logger;

/**
 * One summary request from its parsed form to its outcome: idempotency by request id, crash limit, chart fetch,
 * engine, FHIR document, storage and publication on {@code ehr.summaries}. The Kafka consumer
 * ({@link io.chartbrief.summarizer.messaging.SummaryRequestConsumer}) keeps parsing, acknowledgement and the
 * dead letter of a {@link Outcome.Rejected} request.
 *
 * <p>Idempotent per request id: a redelivered request whose summary row exists publishes nothing new — except that a
 * stored document whose publication was not yet recorded (crash between store and publish) is published then,
 * unchanged (same Bundle id = request id, same bytes).
 *
 * <p><b>Outages</b> never fail a request: every database step runs through {@link DatabaseOutage} (waits out an
 * outage and runs the same step again, readiness DOWN meanwhile), so a summary computed before the database went
 * away is stored once it is back, and its recorded attempt is not counted twice; a chart service that stays
 * unavailable after the chart client's own retries is waited for the same way (backoff
 * {@code chartbrief.database.retry.*}).
 */
@ApplicationScoped
public class SummaryWorkflow {

    /** What became of a request. */
    public sealed interface Outcome {
        /** Summarized, stored and published, with its verification status. */
        record Summarized(String verificationStatus) implements Outcome {
        }

        /** A summary row for the request id exists (a redelivery, a concurrent duplicate or a cancellation). */
        record AlreadyHandled() implements Outcome {
        }

        /** A cancellation, stored on this many summary rows. */
        record Cancelled(int rows) implements Outcome {
        }

        /** Not summarized, for good: to {@code ehr.dlq} with this reason ({@code metric}: the DLQ counter tag). */
        record Rejected(String metric, String reason) implements Outcome {
        }
    }

    private static final Logger LOG = Logger.getLogger(SummaryWorkflow.class);

    private final SummarizerConfig config;
    private final EngineService engines;
    private final ChartClient charts;
    private final SummaryStore store;
    private final SummaryPublisher publisher;
    private final SummarizerMetrics metrics;
    private final DatabaseOutage outage;
    private final OutageWait chartOutage;
    private final SummaryDocumentBuilder documents = new SummaryDocumentBuilder();

    public SummaryWorkflow(SummarizerConfig config, EngineService engines, ChartClient charts,
            SummaryStore store, SummaryPublisher publisher, SummarizerMetrics metrics, DatabaseOutage outage,
            @ConfigProperty(name = "chartbrief.database.retry.initial-backoff", defaultValue = "1s") Duration initial,
            @ConfigProperty(name = "chartbrief.database.retry.max-backoff", defaultValue = "30s") Duration max) {
        this.config = config;
        this.engines = engines;
        this.charts = charts;
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
        this.outage = outage;
        this.chartOutage = new OutageWait("chart service", initial, max, e -> e instanceof ChartUnavailableException);
    }

    void stop(@Observes ShutdownEvent event) {
        chartOutage.close();
    }

    /**
     * Runs one request to its outcome. Database and chart-service outages are waited out in place (see the class
     * comment); {@link SummaryStore.StoreException} escapes for a failure that is no outage's (the caller decides).
     */
    public Outcome run(SummaryRequest request) throws ChartUnavailableException {
        String id = request.requestId().toString();
        if (request.cancelled()) {
            int rows = db(id, "cancel", () -> store.cancel(request.requestId(), request.patient(),
                    request.encounter(), request.reason()));
            metrics.cancelled();
            LOG.infof("Request %s cancelled (%d summary rows marked)", id, rows);
            return new Outcome.Cancelled(rows);
        }
        Optional<SummaryRow> existing = db(id, "find", () -> store.find(request.requestId()));
        if (existing.isPresent()) {
            republishIfNeeded(existing.get());
            return new Outcome.AlreadyHandled();
        }
        int attempts = db(id, "attempts", () -> store.attempts(request.requestId()));
        if (attempts >= config.crashLimit()) {
            return new Outcome.Rejected("crash-limit", "crashed the summarizer " + attempts + " times");
        }
        long start = System.nanoTime();
        ChartAnswer answer = chartOutage.run("Summary request " + id + ": chart fetch",
                () -> fetch(request.patientId()));
        if (answer.notFound() != null) {
            return new Outcome.Rejected("chart-not-found", answer.notFound());
        }
        Bundle bundle = answer.chart();
        ClinicalChart chart;
        try {
            chart = ClinicalChart.of(bundle, request.patient(), request.encounter());
        } catch (IllegalArgumentException e) {
            return new Outcome.Rejected("chart-mismatch", "the chart has no such patient or encounter");
        }
        // Waits while the model loads: the load is no attempt of this request.
        engines.summarizer();
        // Committed before inference: if llama.cpp crashes the JVM, the redelivery sees the attempt.
        db(id, "record attempt", () -> store.recordAttempt(request.requestId()));
        PatientSummary summary;
        Bundle document;
        String documentJson;
        try {
            summary = engines.summarize(chart);
            document = documents.build(summary, chart, new Date());
            document.setId(id);
            documentJson = FhirContexts.r4().newJsonParser().encodeResourceToString(document);
        } catch (RuntimeException e) {
            // A chart the engines cannot handle is bad input, not an outage: dead-letter it and move on rather
            // than failing the channel (and restarting) until the crash limit is reached. The failure was caught,
            // so it was no crash: the attempt is taken back, and a re-sent request is tried again (not refused as
            // "crashed the summarizer").
            releaseAttempt(id, request);
            return new Outcome.Rejected("summary-failed",
                    "summary could not be built (" + e.getClass().getSimpleName() + ")");
        }
        String documentId = document.getIdentifier().getValue();
        String status = summary.verification().status().code();
        boolean inserted;
        try {
            String summaryJson = SummaryJson.write(summary);
            String encounter = summary.encounter();
            String engine = summary.engine().kind();
            inserted = db(id, "insert", () -> store.insert(request.requestId(), request.patient(), encounter,
                    request.reason(), engine, status, summaryJson, documentJson, documentId));
        } catch (SummaryStore.UnstorableContentException e) {
            // The chart carried content the database cannot hold (a NUL character): dead-letter and move on.
            releaseAttempt(id, request);
            return new Outcome.Rejected("unstorable-summary",
                    "the database refused the summary (SQLState " + e.sqlState() + ")");
        }
        if (!inserted) {
            // A concurrent duplicate or a cancellation got there first: that row wins.
            db(id, "find", () -> store.find(request.requestId())).ifPresent(this::republishIfNeeded);
            return new Outcome.AlreadyHandled();
        }
        metrics.summarized(summary, Duration.ofNanos(System.nanoTime() - start));
        publisher.publishSummary(id, request.patient(), summary.encounter(), summary.engine().kind(), status,
                documentJson);
        db(id, "mark published", () -> {
            store.markPublished(request.requestId());
            return null;
        });
        LOG.infof("Request %s summarized: engine %s, %s, %d of %d items supported%s", id, summary.engine().kind(),
                status, summary.verification().supported(), summary.verification().items(),
                summary.engine().fallbackReason() == null ? "" : " (fallback)");
        return new Outcome.Summarized(status);
    }

    private void republishIfNeeded(SummaryRow row) {
        if (row.cancelled() || row.publishedAt() != null) {
            LOG.infof("Request %s already handled (%s); nothing published", row.requestId(), row.status());
            return;
        }
        String id = row.requestId().toString();
        Optional<String> document = db(id, "read document", () -> store.documentJson(row.requestId()));
        if (document.isEmpty()) {
            return;
        }
        publisher.publishSummary(row.requestId().toString(), row.patient(), row.encounter(), row.engine(), row.status(),
                document.get());
        db(id, "mark published", () -> {
            store.markPublished(row.requestId());
            return null;
        });
        LOG.infof("Request %s: stored document published (its publication had not been recorded)", row.requestId());
    }

    /** One database step of a request, waiting out outages; see the class comment. */
    private <T> T db(String requestId, String step, OutageWait.Work<T, RuntimeException> work) {
        return outage.run("Summary request " + requestId + ": " + step, work);
    }

    private void releaseAttempt(String id, SummaryRequest request) {
        db(id, "release attempt", () -> {
            store.releaseAttempt(request.requestId());
            return null;
        });
    }

    /** The chart source's answer: the chart, or why there is none (no outage: the request is dead-lettered). */
    private record ChartAnswer(Bundle chart, String notFound) {
    }

    private ChartAnswer fetch(String patientId) throws ChartUnavailableException {
        try {
            return new ChartAnswer(charts.fetch(patientId), null);
        } catch (ChartNotFoundException e) {
            return new ChartAnswer(null, e.getMessage());
        }
    }
}
