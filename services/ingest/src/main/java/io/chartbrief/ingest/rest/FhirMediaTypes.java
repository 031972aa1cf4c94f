package io.chartbrief.ingest.rest;

/** Media types of the FHIR REST intake. */
public final class FhirMediaTypes {

    public static final String FHIR_JSON = "application/fhir+json";
    public static final String JSON = "application/json";
    public static final String FHIR_XML = "application/fhir+xml";
    public static final String XML = "application/xml";

    private FhirMediaTypes() {
    }
}
