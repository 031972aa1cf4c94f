package io.chartbrief.inbox.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** The inbox's Prometheus metrics ({@code chartbrief_inbox_*}, see docs/operations.md). */
@ApplicationScoped
public class InboxMetrics {

    private final MeterRegistry registry;
    private final Counter stored;
    private final Counter unrouted;
    private final Counter duplicates;
    private final Counter superseded;

    public InboxMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.stored = registry.counter("chartbrief.inbox.items.stored");
        this.unrouted = registry.counter("chartbrief.inbox.items.unrouted");
        this.duplicates = registry.counter("chartbrief.inbox.items.duplicate");
        this.superseded = registry.counter("chartbrief.inbox.items.superseded");
    }

    /** A new item was stored; {@code routed} false when it reaches nobody. */
    public void stored(boolean routed, int supersededCount) {
        stored.increment();
        if (!routed) {
            unrouted.increment();
        }
        superseded.increment(supersededCount);
    }

    /** A redelivered summary was ignored. */
    public void duplicate() {
        duplicates.increment();
    }

    /** A record was dead-lettered. */
    public void deadLettered(String reason) {
        registry.counter("chartbrief.inbox.dlq", "reason", reason).increment();
    }

    /** An item detail read, by outcome ({@code success|denied}). */
    public void read(String outcome) {
        registry.counter("chartbrief.inbox.reads", "outcome", outcome).increment();
    }

    /**
     * A CDS Hooks call, by service and outcome ({@code card}, {@code no-summary}, {@code unknown-patient},
     * {@code ambiguous-patient}).
     */
    public void cdsCall(String service, String outcome) {
        registry.counter("chartbrief.inbox.cds.calls", "service", service, "outcome", outcome).increment();
    }
}
