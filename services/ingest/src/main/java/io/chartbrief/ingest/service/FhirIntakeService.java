package io.chartbrief.ingest.service;

import io.chartbrief.ingest.config.IngestConfig;
import io.chartbrief.ingest.config.IngestLimits;
import io.chartbrief.ingest.messaging.InboundRecordPublisher;
import io.chartbrief.interop.event.ConversionException;
import io.chartbrief.interop.event.NormalizedEvent;
import io.chartbrief.interop.fhir.FhirEventNormalizer;
import io.chartbrief.interop.fhir.NormalizedSubmission;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;

/**
 * Accepts one FHIR R4 submission over REST: validates it the same way the normalizer will (so acceptance means
 * the normalizer will accept it, and the receipt names the ids it will give), writes the JSON unchanged to
 * {@code ehr.fhir.inbound} keyed by patient, and completes only once the broker acknowledged the write.
 */
@ApplicationScoped
public class FhirIntakeService {

    /**
     * Receipt for an accepted submission.
     *
     * @param bundleType     the submitted Bundle's type, null for a single resource
     * @param requestMethods per entry, its {@code request.method} (null where none); empty for a resource
     * @param locations      per entry, the {@code Type/id} it has on {@code ehr.events}
     */
    public record Receipt(String submissionId, String patientKey, String eventType, BundleType bundleType,
            List<HTTPVerb> requestMethods, List<String> locations) {
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
        NormalizedSubmission submission = normalizer.normalizeSubmission(json, expectedResourceType);
        NormalizedEvent event = submission.event();
        String submissionId = UUID.randomUUID().toString();
        return publisher.publishFhir(json, event.patientKey(), submissionId, event.sourceId(), event.eventType())
                .ifNoItem().after(config.rest().brokerAckTimeout()).fail()
                .map(ignored -> {
                    metrics.counter("chartbrief.ingest.rest.submissions", "outcome", "accepted").increment();
                    return new Receipt(submissionId, event.patientKey(), event.eventType(),
                            submission.bundleType(), submission.requestMethods(), submission.locations());
                });
    }

    public long maxBodyBytes() {
        return config.rest().maxBodyBytes();
    }

    public void countRejected(int status) {
        metrics.counter("chartbrief.ingest.rest.submissions", "outcome", Integer.toString(status)).increment();
    }
}
