package io.chartbrief.interop.fhir;

import io.chartbrief.interop.event.NormalizedEvent;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Resource;

/**
 * A submission as received beside the event it normalizes to, for an endpoint that answers per entry (a FHIR
 * {@code transaction-response}): entry {@code i} of the submission is entry {@code i} of the event's Bundle.
 *
 * @param submission the parsed input; its entries' resources carry the ids the event gives them
 * @param event      what the normalizer publishes on {@code ehr.events} for this input
 */
public record NormalizedSubmission(Resource submission, NormalizedEvent event) {

    /** The submitted Bundle's type, or {@code null} for a single resource. */
    public BundleType bundleType() {
        return submission instanceof Bundle bundle ? bundle.getType() : null;
    }

    /** The request method of each submitted entry ({@code null} where the entry has none); empty for a resource. */
    public List<HTTPVerb> requestMethods() {
        if (!(submission instanceof Bundle bundle)) {
            return List.of();
        }
        return bundle.getEntry().stream()
                .map(entry -> entry.hasRequest() ? entry.getRequest().getMethod() : null)
                .toList();
    }

    /** {@code Type/id} of each entry exactly as on {@code ehr.events}, in submission order. */
    public List<String> locations() {
        return event.bundle().getEntry().stream().map(entry -> entry.getRequest().getUrl()).toList();
    }
}
