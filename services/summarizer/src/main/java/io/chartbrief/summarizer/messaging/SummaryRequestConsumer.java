package io.chartbrief.summarizer.messaging;

import io.chartbrief.interop.event.SummaryRequest;
import io.chartbrief.interop.event.SummaryRequest.InvalidRequestException;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.summarizer.config.SummarizerConfig;
import io.chartbrief.summarizer.service.ChartClient;
import io.chartbrief.summarizer.service.ChartClient.ChartNotFoundException;
import io.chartbrief.summarizer.service.ChartClient.ChartUnavailableException;
import io.chartbrief.summarizer.service.EngineService;
import io.chartbrief.summarizer.service.SummarizerMetrics;
import io.chartbrief.summarizer.store.SummaryStore;
import io.chartbrief.summarizer.store.SummaryStore.SummaryRow;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.fhir.SummaryDocumentBuilder;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.SummaryJson;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hl7.fhir.r4.model.Bundle;
import org.jboss.logging.Logger;

/**
 * The request stream: {@code ehr.summary.requests} → chart → summary → PostgreSQL → {@code ehr.summaries}.
 *
 * <p>Requests run on the {@code summarizer-workers} pool, as many at once as there are llama.cpp slots
 * ({@code parallel-slots}), unordered; while all workers are busy the Kafka consumer pauses, so further requests
 * wait in the topic. A record is acknowledged (its offset committable) only after its outcome is durable: the
 * summary stored and its document acknowledged by the broker, a cancellation stored, or a DLQ write acknowledged.
 * Idempotent per request id: a redelivered request whose summary row exists publishes nothing new — except that a
 * stored document whose publication was not yet recorded (crash between store and publish) is published then,
 * unchanged (same Bundle id = request id, same bytes).
 */
@ApplicationScoped
public class SummaryRequestConsumer {

    private static final Logger LOG = Logger.getLogger(SummaryRequestConsumer.class);

    private final SummarizerConfig config;
    private final EngineService engines;
    private final ChartClient charts;
    private final SummaryStore store;
    private final SummaryPublisher publisher;
    private final SummarizerMetrics metrics;
    private final SummaryDocumentBuilder documents = new SummaryDocumentBuilder();

    public SummaryRequestConsumer(SummarizerConfig config, EngineService engines, ChartClient charts,
            SummaryStore store, SummaryPublisher publisher, SummarizerMetrics metrics) {
        this.config = config;
        this.engines = engines;
        this.charts = charts;
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /**
     * Handles one request. Returning normally acknowledges it; an exception (chart source, database or broker
     * unavailable) nacks it and fails the channel so it is re-read after restart rather than lost.
     */
    @Incoming("summary-requests")
    @Blocking(value = "summarizer-workers", ordered = false)
    public void consume(ConsumerRecord<String, String> record) throws ChartUnavailableException {
        SummaryRequest request;
        try {
            request = SummaryRequest.parse(record.key(), record.value());
        } catch (InvalidRequestException e) {
            deadLetter(record, "invalid-request", "unparseable summary request: " + e.getMessage());
            return;
        }
        String id = request.requestId().toString();
        if (request.cancelled()) {
            int rows = store.cancel(request.requestId(), request.patient(), request.encounter(), request.reason());
            metrics.cancelled();
            LOG.infof("Request %s cancelled (%d summary rows marked)", id, rows);
            return;
        }
        Optional<SummaryRow> existing = store.find(request.requestId());
        if (existing.isPresent()) {
            republishIfNeeded(existing.get());
            return;
        }
        int attempts = store.attempts(request.requestId());
        if (attempts >= config.crashLimit()) {
            deadLetter(record, "crash-limit", "crashed the summarizer " + attempts + " times");
            return;
        }
        long start = System.nanoTime();
        Bundle bundle;
        try {
            bundle = charts.fetch(request.patientId());
        } catch (ChartNotFoundException e) {
            deadLetter(record, "chart-not-found", e.getMessage());
            return;
        }
        ClinicalChart chart;
        try {
            chart = ClinicalChart.of(bundle, request.patient(), request.encounter());
        } catch (IllegalArgumentException e) {
            deadLetter(record, "chart-mismatch", "the chart has no such patient or encounter");
            return;
        }
        // Waits while the model loads: the load is no attempt of this request.
        engines.summarizer();
        // Committed before inference: if llama.cpp crashes the JVM, the redelivery sees the attempt.
        store.recordAttempt(request.requestId());
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
            store.releaseAttempt(request.requestId());
            deadLetter(record, "summary-failed", "summary could not be built (" + e.getClass().getSimpleName() + ")");
            return;
        }
        String documentId = document.getIdentifier().getValue();
        String status = summary.verification().status().code();
        boolean inserted;
        try {
            inserted = store.insert(request.requestId(), request.patient(), summary.encounter(), request.reason(),
                    summary.engine().kind(), status, SummaryJson.write(summary), documentJson, documentId);
        } catch (SummaryStore.UnstorableContentException e) {
            // The chart carried content the database cannot hold (a NUL character): dead-letter and move on.
            store.releaseAttempt(request.requestId());
            deadLetter(record, "unstorable-summary", "the database refused the summary (SQLState " + e.sqlState() + ")");
            return;
        }
        if (!inserted) {
            // A concurrent duplicate or a cancellation got there first: that row wins.
            store.find(request.requestId()).ifPresent(this::republishIfNeeded);
            return;
        }
        metrics.summarized(summary, Duration.ofNanos(System.nanoTime() - start));
        publisher.publishSummary(id, request.patient(), summary.encounter(), summary.engine().kind(), status,
                documentJson);
        store.markPublished(request.requestId());
        LOG.infof("Request %s summarized: engine %s, %s, %d of %d items supported%s", id, summary.engine().kind(),
                status, summary.verification().supported(), summary.verification().items(),
                summary.engine().fallbackReason() == null ? "" : " (fallback)");
    }

    private void republishIfNeeded(SummaryRow row) {
        if (row.cancelled() || row.publishedAt() != null) {
            LOG.infof("Request %s already handled (%s); nothing published", row.requestId(), row.status());
            return;
        }
        Optional<String> document = store.documentJson(row.requestId());
        if (document.isEmpty()) {
            return;
        }
        publisher.publishSummary(row.requestId().toString(), row.patient(), row.encounter(), row.engine(), row.status(),
                document.get());
        store.markPublished(row.requestId());
        LOG.infof("Request %s: stored document published (its publication had not been recorded)", row.requestId());
    }

    private void deadLetter(ConsumerRecord<String, String> record, String metric, String reason) {
        publisher.deadLetter(record, reason);
        metrics.deadLettered(metric);
        LOG.infof("Dead-lettering %s/%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
    }
}
