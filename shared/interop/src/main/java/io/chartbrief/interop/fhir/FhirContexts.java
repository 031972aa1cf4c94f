package io.chartbrief.interop.fhir;

import ca.uhn.fhir.context.FhirContext;

/** The FHIR contexts of ChartBrief. A context is expensive to build (it scans the model) and thread-safe. */
public final class FhirContexts {

    private FhirContexts() {
    }

    /** The JVM-wide cached FHIR R4 context. */
    public static FhirContext r4() {
        return FhirContext.forR4Cached();
    }
}
