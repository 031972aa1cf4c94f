package io.chartbrief.summarizer.service;

import io.chartbrief.summary.model.PatientSummary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** The service's meters (names in docs/operations.md). */
@ApplicationScoped
public class SummarizerMetrics {

    private final MeterRegistry registry;
    private final Timer latency;

    public SummarizerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("chartbrief.summarizer.latency")
                .description("Chart fetch to stored summary, per request").register(registry);
    }

    /** A summary was stored. */
    public void summarized(PatientSummary summary, Duration took) {
        String engine = summary.engine().kind();
        String status = summary.verification() == null ? "unverified" : summary.verification().status().code();
        Counter.builder("chartbrief.summarizer.summaries").tag("engine", engine).tag("status", status)
                .description("Summaries stored").register(registry).increment();
        latency.record(took);
        Counter.builder("chartbrief.summarizer.tokens").tag("kind", "prompt").register(registry)
                .increment(summary.tokens().prompt());
        Counter.builder("chartbrief.summarizer.tokens").tag("kind", "output").register(registry)
                .increment(summary.tokens().output());
        if (summary.engine().fallbackReason() != null) {
            String reason = summary.engine().fallbackReason();
            int colon = reason.indexOf(':');
            Counter.builder("chartbrief.summarizer.fallbacks")
                    .tag("reason", colon > 0 ? reason.substring(0, colon) : "other")
                    .description("Summaries that fell back to the extractive engine").register(registry).increment();
        }
    }

    /** A request went to ehr.dlq. */
    public void deadLettered(String reason) {
        Counter.builder("chartbrief.summarizer.dlq").tag("reason", reason)
                .description("Requests dead-lettered").register(registry).increment();
    }

    /** A request was cancelled. */
    public void cancelled() {
        Counter.builder("chartbrief.summarizer.cancellations").register(registry).increment();
    }
}
