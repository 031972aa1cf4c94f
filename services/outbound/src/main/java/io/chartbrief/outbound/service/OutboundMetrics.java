package io.chartbrief.outbound.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Metrics of the outbound service (Prometheus names): {@code chartbrief_outbound_deliveries_total{connector,outcome}}
 * (delivered, rejected, gave-up, duplicate, skipped-older), {@code chartbrief_outbound_sends_total{connector,result}}
 * (accepted, rejected, failed: every send, resends included), {@code chartbrief_outbound_delivery_seconds{connector}}
 * (first send to accepted) and {@code chartbrief_outbound_dead_lettered_total{reason}}.
 */
@ApplicationScoped
public class OutboundMetrics {

    private final MeterRegistry registry;

    public OutboundMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void delivery(String connector, String outcome) {
        Counter.builder("chartbrief.outbound.deliveries").description("Summaries settled per connector, by outcome")
                .tag("connector", connector).tag("outcome", outcome).register(registry).increment();
    }

    public void send(String connector, String result) {
        Counter.builder("chartbrief.outbound.sends").description("Sends to a receiver, resends included, by answer")
                .tag("connector", connector).tag("result", result).register(registry).increment();
    }

    public void delivered(String connector, Duration took) {
        Timer.builder("chartbrief.outbound.delivery").description("From the first send to the receiver's acceptance")
                .tag("connector", connector).register(registry).record(took);
    }

    public void deadLettered(String reason) {
        Counter.builder("chartbrief.outbound.dead.lettered").description("Records written to ehr.dlq, by reason")
                .tag("reason", reason).register(registry).increment();
    }
}
