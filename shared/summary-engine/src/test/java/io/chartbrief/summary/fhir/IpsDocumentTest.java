package io.chartbrief.summary.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.event.SummaryDocumentProfile;
import io.chartbrief.interop.fhir.FhirContexts;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class IpsDocumentTest {

    /** A summary document with a problems section and a "Not verified" section, no allergies, no medications. */
    private static String document() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.DOCUMENT);
        Composition composition = new Composition();
        composition.setId("c1");
        composition.setStatus(Composition.CompositionStatus.FINAL);
        composition.getType().addCoding(new Coding(SummaryDocumentProfile.LOINC, "60591-5", "Patient summary Document"));
        composition.setSubject(new Reference("Patient/p1"));
        composition.addSection().setTitle("Active problems").setCode(new CodeableConcept().addCoding(
                new Coding(SummaryDocumentProfile.LOINC, SummaryDocumentProfile.PROBLEMS_SECTION, null)))
                .addEntry(new Reference("Condition/c1"));
        composition.addSection().setTitle(SummaryDocumentProfile.UNVERIFIED_TITLE).setCode(new CodeableConcept()
                .addCoding(new Coding(SummaryDocumentProfile.SECTION_SYSTEM, SummaryDocumentProfile.UNVERIFIED_SECTION,
                        null)));
        bundle.addEntry().setFullUrl(SummaryDocumentProfile.BASE + "Composition/c1").setResource(composition);
        return FhirContexts.r4().newJsonParser().encodeResourceToString(bundle);
    }

    @Test
    void requiredSectionsArePresentEmptyOnesSayUnavailableAndUnverifiedStatementsStayOut() {
        Bundle ips = IpsDocument.of(document());
        Composition composition = (Composition) ips.getEntryFirstRep().getResource();
        assertThat(composition.getSection()).extracting(s -> s.getCode().getCodingFirstRep().getCode())
                .containsExactly(SummaryDocumentProfile.PROBLEMS_SECTION, SummaryDocumentProfile.ALLERGIES_SECTION,
                        SummaryDocumentProfile.MEDICATIONS_SECTION);
        Composition.SectionComponent problems = composition.getSection().get(0);
        assertThat(problems.hasEmptyReason()).isFalse();
        assertThat(problems.getEntry()).hasSize(1);
        for (Composition.SectionComponent empty : composition.getSection().subList(1, 3)) {
            // "unavailable", never "nilknown": an empty chart section is not "no known allergies"
            assertThat(empty.getEmptyReason().getCodingFirstRep().getCode()).isEqualTo("unavailable");
            assertThat(empty.getEntry()).isEmpty();
            assertThat(empty.getText().getDivAsString()).contains("No information in the chart");
        }
        assertThat(ips.getMeta().getProfile()).extracting(p -> p.getValue()).containsExactly(IpsDocument.BUNDLE_PROFILE);
    }
}
