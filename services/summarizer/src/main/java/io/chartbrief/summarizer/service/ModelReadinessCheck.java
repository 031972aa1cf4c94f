package io.chartbrief.summarizer.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while the summary model loads; UP once it is loaded, when no model is configured (extractive), and when
 * the model failed to load (the service then serves extractive summaries; the gauge
 * {@code chartbrief.summarizer.model.loaded} stays 0). With the remote engine it is always UP — a model server
 * that is down costs the model summary, not the service, since the extractive fallback still serves — and tells
 * where the engine stands in its data: {@code state} {@code remote}, {@code breaker} ({@code closed}, {@code open},
 * {@code half-open}), {@code consecutive-failures}, {@code server} (host:port) and {@code model}.
 */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {

    private final EngineService engines;

    public ModelReadinessCheck(EngineService engines) {
        this.engines = engines;
    }

    @Override
    public HealthCheckResponse call() {
        EngineService.State state = engines.state();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("summary-model")
                .status(state != EngineService.State.LOADING)
                .withData("engine", engines.engineKind())
                .withData("state", state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        engines.remote().ifPresent(remote -> response.withData("breaker", remote.breakerState().code())
                .withData("consecutive-failures", remote.consecutiveFailures())
                .withData("server", remote.config().server())
                .withData("model", remote.config().model()));
        return response.build();
    }
}
