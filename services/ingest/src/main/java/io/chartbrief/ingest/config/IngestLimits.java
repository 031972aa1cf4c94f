package io.chartbrief.ingest.config;

import io.chartbrief.interop.fhir.FhirLimits;
import io.chartbrief.interop.hl7.Hl7Limits;

/** The configured per-message limits as shared/interop takes them. */
public final class IngestLimits {

    private IngestLimits() {
    }

    public static Hl7Limits hl7(IngestConfig.Hl7 c) {
        return new Hl7Limits(c.maxSegments(), c.maxObx(), c.maxRepetitions(), c.maxFieldChars(), c.maxNoteChars(),
                c.maxNumberChars());
    }

    public static FhirLimits fhir(IngestConfig.Fhir c) {
        return new FhirLimits(c.maxDepth(), c.maxBundleEntries(), c.maxArrayItems(), c.maxStringChars(),
                c.maxNumberChars(), c.maxValues());
    }
}
