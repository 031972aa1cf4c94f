package io.chartbrief.summary.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.event.SummaryDocumentProfile;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.summary.Summarizer;
import java.io.IOException;
import java.util.Date;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 (conformance): what the summarizer's {@code GET /fhir/r4/Patient/{id}/$summary} answers — the IPS form of each corpus
 * chart's summary document ({@link IpsDocument}) — validates with HAPI FHIR's validator against R4 with no error.
 * The IPS profiles themselves are named in {@code meta.profile} but not checked: their package
 * ({@code hl7.fhir.uv.ips}, with its terminology and extension dependencies) is not on Maven Central and nothing may
 * download at test time, so the validator's "profile not found" messages are counted as not checked (the
 * {@code [validation]} line says how many); every other message counts. The IPS rules ChartBrief answers for (the
 * three required sections, each with entries or {@code emptyReason}) are asserted here and in {@link IpsDocumentTest}.
 */
class CorpusIpsValidationTest {

    @Test
    void everyCorpusChartsIpsDocumentIsValidFhir() throws IOException {
        Summarizer summarizer = Summarizer.extractiveOnly();
        SummaryDocumentBuilder builder = new SummaryDocumentBuilder();
        Date when = new Date(1_764_000_000_000L);
        ValidationTally tally = new ValidationTally(Set.of(IpsDocument.BUNDLE_PROFILE, IpsDocument.COMPOSITION_PROFILE));
        var json = FhirContexts.r4().newJsonParser();
        for (CorpusCharts.Named named : CorpusCharts.all()) {
            Bundle document = builder.build(summarizer.summarize(named.chart()), named.chart(), when);
            Bundle ips = IpsDocument.of(json.encodeResourceToString(document));
            Composition composition = (Composition) ips.getEntryFirstRep().getResource();
            for (String loinc : new String[] {SummaryDocumentProfile.PROBLEMS_SECTION,
                    SummaryDocumentProfile.ALLERGIES_SECTION, SummaryDocumentProfile.MEDICATIONS_SECTION}) {
                assertThat(composition.getSection()).as(named.file() + " IPS section " + loinc)
                        .anyMatch(s -> s.getCode().getCoding().stream().anyMatch(c -> loinc.equals(c.getCode()))
                                && (s.hasEntry() || s.hasEmptyReason()));
            }
            tally.validate(named.file(), ips);
        }
        tally.report("ips-document-validation", "IPS documents of corpus charts");
        assertThat(tally.resources()).as("IPS documents validated").isGreaterThanOrEqualTo(60);
        assertThat(tally.errors()).as("HAPI validator errors over the IPS documents").isEmpty();
        assertThat(tally.notChecked()).as("each document names the IPS profiles (and nothing else is unknown)")
                .isGreaterThanOrEqualTo(tally.resources());
    }
}
