package io.chartbrief.summary.fhir;

import io.chartbrief.interop.event.SummaryDocumentProfile;
import io.chartbrief.interop.fhir.FhirContexts;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Composition.SectionComponent;
import org.hl7.fhir.r4.model.Narrative;

/**
 * A stored summary document as an International Patient Summary (IPS, HL7 FHIR IG {@code hl7.fhir.uv.ips}) for
 * {@code Patient/$summary}: the Bundle and Composition claim the IPS profiles; the three sections IPS requires
 * (problems, allergies and intolerances, medications) are present, an empty one with {@code emptyReason}
 * "unavailable" (the chart had nothing: never "nil known", which the chart does not say); the "Not verified
 * against the chart" section is left out — an IPS travels into other records, and statements the chart does not
 * establish must not. Everything else (AI label, evidence entries, note and plan-of-care sections) stays.
 */
public final class IpsDocument {

    public static final String BUNDLE_PROFILE = "http://hl7.org/fhir/uv/ips/StructureDefinition/Bundle-uv-ips";
    public static final String COMPOSITION_PROFILE = "http://hl7.org/fhir/uv/ips/StructureDefinition/Composition-uv-ips";
    static final String EMPTY_REASON_SYSTEM = "http://terminology.hl7.org/CodeSystem/list-empty-reason";

    private record Required(String code, String display, String title) {
    }

    private static final List<Required> REQUIRED = List.of(
            new Required(SummaryDocumentProfile.PROBLEMS_SECTION, "Problem list - Reported", "Active problems"),
            new Required(SummaryDocumentProfile.ALLERGIES_SECTION, "Allergies and adverse reactions Document",
                    "Allergies and intolerances"),
            new Required(SummaryDocumentProfile.MEDICATIONS_SECTION, "History of Medication use Narrative",
                    "Medications"));

    private IpsDocument() {
    }

    /** The IPS form of a summary document (JSON as stored); a new Bundle, the input is not changed. */
    public static Bundle of(String documentJson) {
        Bundle bundle = FhirContexts.r4().newJsonParser().parseResource(Bundle.class, documentJson);
        Composition composition = (Composition) bundle.getEntryFirstRep().getResource();
        bundle.getMeta().addProfile(BUNDLE_PROFILE);
        composition.getMeta().addProfile(COMPOSITION_PROFILE);
        composition.getSection().removeIf(IpsDocument::unverified);
        for (Required required : REQUIRED) {
            if (composition.getSection().stream().noneMatch(s -> has(s, required.code()))) {
                composition.addSection(empty(required));
            }
        }
        return bundle;
    }

    private static boolean unverified(SectionComponent section) {
        return section.getCode().getCoding().stream()
                .anyMatch(c -> SummaryDocumentProfile.SECTION_SYSTEM.equals(c.getSystem())
                        && SummaryDocumentProfile.UNVERIFIED_SECTION.equals(c.getCode()));
    }

    private static boolean has(SectionComponent section, String loinc) {
        return section.getCode().getCoding().stream()
                .anyMatch(c -> SummaryDocumentProfile.LOINC.equals(c.getSystem()) && loinc.equals(c.getCode()));
    }

    private static SectionComponent empty(Required required) {
        SectionComponent section = new SectionComponent();
        section.setTitle(required.title());
        section.setCode(new CodeableConcept().addCoding(new Coding(SummaryDocumentProfile.LOINC, required.code(),
                required.display())));
        Narrative text = new Narrative();
        text.setStatus(Narrative.NarrativeStatus.GENERATED);
        text.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>No information in the chart when the "
                + "summary was made.</p></div>");
        section.setText(text);
        section.setEmptyReason(new CodeableConcept().addCoding(new Coding(EMPTY_REASON_SYSTEM, "unavailable",
                "Unavailable")));
        return section;
    }
}
