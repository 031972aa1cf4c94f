package io.chartbrief.ingest.service;

import ca.uhn.fhir.parser.IParser;
import io.chartbrief.ingest.config.IngestConfig;
import io.chartbrief.ingest.config.IngestLimits;
import io.chartbrief.interop.event.ConversionException;
import io.chartbrief.interop.event.DeadLetterStage;
import io.chartbrief.interop.event.NormalizedEvent;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.interop.fhir.FhirEventNormalizer;
import io.chartbrief.interop.hl7.Hl7v2Converter;
import io.chartbrief.interop.hl7.SenderTimeZones;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Turns one inbound record (HL7 v2 text or FHIR JSON) into the canonical event for {@code ehr.events}, or into
 * a rejection (stage + reason) for {@code ehr.dlq}. Never throws: whatever the input, the caller gets an outcome
 * and the consumer moves on.
 */
@ApplicationScoped
public class NormalizationService {

    private static final Logger LOG = Logger.getLogger(NormalizationService.class);

    /** Result of normalizing one record. */
    public sealed interface Outcome permits Normalized, Rejected {
    }

    /** The event and its bundle serialized as FHIR JSON (the {@code ehr.events} record value). */
    public record Normalized(NormalizedEvent event, String json) implements Outcome {
    }

    /** Why a record cannot be normalized; it goes to the DLQ. */
    public record Rejected(DeadLetterStage stage, String reason) implements Outcome {
    }

    private final Hl7v2Converter hl7v2;
    private final FhirEventNormalizer fhir;
    private final MeterRegistry metrics;

    public NormalizationService(MeterRegistry metrics, IngestConfig config) {
        this.metrics = metrics;
        SenderTimeZones zones = SenderTimeZones.of(config.hl7().defaultTimeZone(), config.hl7().timeZones());
        this.hl7v2 = new Hl7v2Converter(IngestLimits.hl7(config.hl7()), zones);
        this.fhir = new FhirEventNormalizer(IngestLimits.fhir(config.fhir()));
        LOG.infof("HL7 v2 times without an offset: %d feed time zone(s) configured, else MSH-7's offset, else %s",
                zones.feeds().size(), zones.defaultZone().getId());
    }

    public Outcome normalizeHl7v2(String message) {
        if (message == null || message.isBlank()) {
            return rejected(DeadLetterStage.NORMALIZE_HL7V2, "empty record value");
        }
        try {
            return normalized(hl7v2.convert(message));
        } catch (ConversionException e) {
            return rejected(DeadLetterStage.NORMALIZE_HL7V2, e.getMessage());
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return unexpected(DeadLetterStage.NORMALIZE_HL7V2, e);
        }
    }

    public Outcome normalizeFhir(String json) {
        if (json == null || json.isBlank()) {
            return rejected(DeadLetterStage.NORMALIZE_FHIR, "empty record value");
        }
        try {
            return normalized(fhir.normalize(json));
        } catch (ConversionException e) {
            return rejected(DeadLetterStage.NORMALIZE_FHIR, e.getMessage());
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return unexpected(DeadLetterStage.NORMALIZE_FHIR, e);
        }
    }

    /**
     * The record itself made conversion fail (the limits keep this rare): it is poison, not an outage, so it is
     * dead-lettered and the partition moves on. An OutOfMemoryError counts too: what this record allocated is
     * garbage again once it is dropped, whereas failing the channel would replay it into the same error forever.
     */
    private Rejected unexpected(DeadLetterStage stage, Throwable e) {
        LOG.warnf("%s failed unexpectedly: %s", stage, e.getClass().getName());
        return rejected(stage, "internal conversion error: " + e.getClass().getSimpleName());
    }

    private Normalized normalized(NormalizedEvent event) {
        IParser parser = FhirContexts.r4().newJsonParser();
        String json = parser.encodeResourceToString(event.bundle());
        metrics.counter("chartbrief.ingest.events.normalized", "format", event.format()).increment();
        return new Normalized(event, json);
    }

    private Rejected rejected(DeadLetterStage stage, String reason) {
        metrics.counter("chartbrief.ingest.dlq", "stage", stage.wireValue()).increment();
        return new Rejected(stage, reason == null ? "unknown error" : reason);
    }
}
