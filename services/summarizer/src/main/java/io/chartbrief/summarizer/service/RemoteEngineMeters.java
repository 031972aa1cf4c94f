package io.chartbrief.summarizer.service;

import io.chartbrief.summary.remote.CircuitBreaker;
import io.chartbrief.summary.remote.RemoteEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * The remote engine's meters: {@code chartbrief.summarizer.remote.requests{outcome}} per summary request, {@code
 * chartbrief.summarizer.remote.retries}, and {@code chartbrief.summarizer.remote.breaker{state}} — 1 for the
 * breaker's current state, 0 for the others.
 */
final class RemoteEngineMeters implements RemoteEngine.Observer {

    private final MeterRegistry registry;
    private final Counter retries;

    RemoteEngineMeters(MeterRegistry registry) {
        this.registry = registry;
        this.retries = Counter.builder("chartbrief.summarizer.remote.retries")
                .description("HTTP requests to the model server sent again after a retryable failure")
                .register(registry);
    }

    /** Registers the breaker gauges, reading the state from {@code breaker}. */
    void watch(Supplier<CircuitBreaker.State> breaker) {
        for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
            Gauge.builder("chartbrief.summarizer.remote.breaker", () -> breaker.get() == state ? 1 : 0)
                    .tag("state", state.code()).description("1 for the remote engine's circuit breaker state")
                    .register(registry);
        }
    }

    @Override
    public void outcome(RemoteEngine.Outcome outcome) {
        Counter.builder("chartbrief.summarizer.remote.requests").tag("outcome", outcome.code())
                .description("Summary requests to the model server, by outcome").register(registry).increment();
    }

    @Override
    public void retried() {
        retries.increment();
    }
}
