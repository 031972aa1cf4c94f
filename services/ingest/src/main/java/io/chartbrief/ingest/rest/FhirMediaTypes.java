package io.chartbrief.ingest.rest;

/** Media types of the FHIR REST intake. */
public final class FhirMediaTypes {

    public static final String FHIR_JSON = "application/fhir+json";
    public static final String JSON = "application/json";

    private FhirMediaTypes() {
    }
}
