package io.chartbrief.interop.fhir;

import org.hl7.fhir.r4.model.Resource;

/**
 * One resource of a submission with the fullUrl it was sent under ({@code null} for a single resource or an entry
 * without one).
 */
record SubmissionEntry(String fullUrl, Resource resource) {

    /** {@code Type/id} once the entry has its id. */
    String localReference() {
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }
}
