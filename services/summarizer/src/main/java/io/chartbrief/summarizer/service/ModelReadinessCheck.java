package io.chartbrief.summarizer.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN while the summary model loads; UP once it is loaded, when no model is configured (extractive), and when
 * the model failed to load (the service then serves extractive summaries; the gauge
 * {@code chartbrief.summarizer.model.loaded} stays 0).
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
        return HealthCheckResponse.named("summary-model").status(state != EngineService.State.LOADING)
                .withData("engine", engines.engineKind())
                .withData("state", state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .build();
    }
}
