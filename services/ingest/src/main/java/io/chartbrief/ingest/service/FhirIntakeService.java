package io.chartbrief.ingest.service;

import io.chartbrief.ingest.config.IngestConfig;
import io.chartbrief.ingest.config.IngestLimits;
import io.chartbrief.ingest.messaging.InboundRecordPublisher;
import io.chartbrief.interop.event.ConversionException;
import io.chartbrief.interop.event.NormalizedEvent;
import io.chartbrief.interop.fhir.FhirEventNormalizer;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Accepts one FHIR R4 submission over REST: validates it the same way the normalizer will (so a 202 means the
 * normalizer will accept it), writes the JSON unchanged to {@code ehr.fhir.inbound} keyed by patient, and
 * completes only once the broker acknowledged the write.
 */
@ApplicationScoped
public class FhirIntakeService {

    /** Receipt for an accepted submission. */
    public record Receipt(String submissionId, String patientKey, String eventType) {
    }

    private final InboundRecordPublisher publisher;
    private final IngestConfig config;
    private final MeterRegistry metrics;
    private final FhirEventNormalizer normalizer;

    public FhirIntakeService(InboundRecordPublisher publisher, IngestConfig config, MeterRegistry metrics) {
        this.publisher = publisher;
        this.config = config;
        this.metrics = metrics;
        this.normalizer = new FhirEventNormalizer(IngestLimits.fhir(config.fhir()));
    }

    /**
     * @param expectedResourceType the type named in the URL ({@code POST /fhir/r4/{type}}), or null for
     *                             {@code POST /fhir/r4}
     * @throws ConversionException for invalid input (a {@code FhirInputException} carries status and outcome)
     */
    public Uni<Receipt> submit(String json, String expectedResourceType) throws ConversionException {
        NormalizedEvent event = normalizer.normalize(json, expectedResourceType);
        String submissionId = UUID.randomUUID().toString();
        return publisher.publishFhir(json, event.patientKey(), submissionId, event.sourceId(), event.eventType())
                .ifNoItem().after(config.rest().brokerAckTimeout()).fail()
                .map(ignored -> {
                    metrics.counter("chartbrief.ingest.rest.submissions", "outcome", "accepted").increment();
                    return new Receipt(submissionId, event.patientKey(), event.eventType());
                });
    }

    public long maxBodyBytes() {
        return config.rest().maxBodyBytes();
    }

    public void countRejected(int status) {
        metrics.counter("chartbrief.ingest.rest.submissions", "outcome", Integer.toString(status)).increment();
    }
}
