package io.chartbrief.interop.fhir;

import ca.uhn.fhir.context.FhirContext;

/** The FHIR contexts of ChartBrief. A context is expensive to build (it scans the model) and thread-safe. */
public final class FhirContexts {

    private static final FhirContext R4 = configure(FhirContext.forR4());

    private FhirContexts() {
    }

    /** The JVM-wide FHIR R4 context. */
    public static FhirContext r4() {
        return R4;
    }

    private static FhirContext configure(FhirContext context) {
        // Every resource ChartBrief encodes has an id and references by Type/id: scanning each reference for
        // id-less targets to auto-contain costs ~30% of encoding time and would never contain anything.
        context.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
        // Keep versioned references (Type/id/_history/n) exactly as the source sent them.
        context.getParserOptions().setStripVersionsFromReferences(false);
        return context;
    }
}
