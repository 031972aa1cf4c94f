package io.chartbrief.summarizer.messaging;

import io.chartbrief.interop.event.SummaryRequest;
import io.chartbrief.interop.event.SummaryRequest.InvalidRequestException;
import io.chartbrief.outage.DatabaseFailure;
import io.chartbrief.summarizer.service.ChartClient.ChartUnavailableException;
import io.chartbrief.summarizer.service.SummarizerMetrics;
import io.chartbrief.summarizer.service.SummaryWorkflow;
import io.chartbrief.summarizer.service.SummaryWorkflow.Outcome;
import io.chartbrief.summarizer.store.SummaryStore;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The request stream: {@code ehr.summary.requests} → {@link SummaryWorkflow} → PostgreSQL → {@code ehr.summaries}.
 * This class parses, acknowledges and dead-letters; what happens to a request is the workflow's.
 *
 * <p>Requests run on the {@code summarizer-workers} pool, as many at once as there are llama.cpp slots
 * ({@code parallel-slots}), unordered; while all workers are busy the Kafka consumer pauses, so further requests
 * wait in the topic. A record is acknowledged (its offset committable) only after its outcome is durable: the
 * summary stored and its document acknowledged by the broker, a cancellation stored, or a DLQ write acknowledged.
 * Outages are waited out inside the workflow and never fail the channel; a request whose data the database refuses
 * (SQLState other than an outage's) is dead-lettered.
 */
@ApplicationScoped
public class SummaryRequestConsumer {

    private static final Logger LOG = Logger.getLogger(SummaryRequestConsumer.class);

    private final SummaryWorkflow workflow;
    private final SummaryPublisher publisher;
    private final SummarizerMetrics metrics;

    public SummaryRequestConsumer(SummaryWorkflow workflow, SummaryPublisher publisher, SummarizerMetrics metrics) {
        this.workflow = workflow;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /**
     * Handles one request. Returning normally acknowledges it. An exception (the broker unavailable, or an outage
     * still going on at shutdown) nacks it and fails the channel so it is re-read after restart rather than lost.
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
        Outcome outcome;
        try {
            outcome = workflow.run(request);
        } catch (SummaryStore.StoreException e) {
            if (!DatabaseFailure.isRefused(e)) {
                throw e; // an outage still going on at shutdown, or no database failure: not acknowledged
            }
            outcome = new Outcome.Rejected("unstorable-request", "the database refused the request (SQLState "
                    + DatabaseFailure.sqlState(e).orElse("?") + ")");
        }
        if (outcome instanceof Outcome.Rejected rejected) {
            deadLetter(record, rejected.metric(), rejected.reason());
        }
    }

    private void deadLetter(ConsumerRecord<String, String> record, String metric, String reason) {
        publisher.deadLetter(record, reason);
        metrics.deadLettered(metric);
        LOG.infof("Dead-lettering %s/%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
    }
}
