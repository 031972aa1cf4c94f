package io.chartbrief.interop.event;

/**
 * The contract of an {@link Topics#SUMMARIES} document (a FHIR document Bundle: Composition, Device, Provenance and
 * the cited chart resources; docs/summary-schema.md): the section codes, extension URLs and labels its writer (the
 * summary engine's document builder) and its readers (the inbox) must agree on, declared once.
 */
public final class SummaryDocumentProfile {

    /** Base of entry fullUrls; relative {@code Type/id} references resolve against it. */
    public static final String BASE = "https://chartbrief.invalid/fhir/";
    /** LOINC, the system of the document's and most sections' codes. */
    public static final String LOINC = "http://loinc.org";
    /** HL7 v3 ObservationValue, home of the AI label. */
    public static final String OBSERVATION_VALUE = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";
    /** Security label of a model-written document (on the Bundle and the Composition): "Artificial Intelligence asserted". */
    public static final String AI_ASSERTED = "AIAST";

    /** Section codes (LOINC). */
    public static final String PROBLEMS_SECTION = "11450-4";
    public static final String MEDICATIONS_SECTION = "10160-0";
    public static final String ALLERGIES_SECTION = "48765-2";
    public static final String RESULTS_SECTION = "30954-2";
    public static final String VITALS_SECTION = "8716-3";
    /** The section of note items: 34109-9 "Note" (the generic type of the LOINC Note Types). */
    public static final String NOTES_SECTION = "34109-9";
    /** Title of the notes section. */
    public static final String NOTES_TITLE = "From the clinical notes";
    /** The Recommendations (plan of care) section. */
    public static final String RECOMMENDATIONS_SECTION = "18776-5";

    /** Code system of ChartBrief's own section codes (for what LOINC has no code for). */
    public static final String SECTION_SYSTEM = "https://chartbrief.io/fhir/CodeSystem/summary-section";
    /** Section code of the items the verifier could not verify. */
    public static final String UNVERIFIED_SECTION = "unverified";
    /** Title of that section. */
    public static final String UNVERIFIED_TITLE = "Not verified against the chart";
    /** What an unverified item's sub-section text puts before its reason. */
    public static final String UNVERIFIED_REASON_PREFIX = "Not verified: ";

    private static final String EXTENSION = "https://chartbrief.io/fhir/StructureDefinition/";
    /** Extension on a recommendation's sub-section: its priority (valueCode high, medium or low). */
    public static final String PRIORITY_EXTENSION = EXTENSION + "recommendation-priority";
    /** Extension on a recommendation's sub-section: why it is recommended (valueString). */
    public static final String RATIONALE_EXTENSION = EXTENSION + "recommendation-rationale";
    /**
     * Extension on the unverified section and on each of its sub-sections: the verifier's outcome for the items in
     * it (valueCode {@code unverifiable}), so that a reader that sees only a sub-section still knows it is not
     * verified.
     */
    public static final String OUTCOME_EXTENSION = EXTENSION + "verification-outcome";
    /** Extension on an unverified item's sub-section: the part of the summary it came from (valueCode). */
    public static final String ITEM_SECTION_EXTENSION = EXTENSION + "unverified-item-section";
    /** Extension on an unverified item's sub-section: why it is not verified (valueString). */
    public static final String ITEM_REASON_EXTENSION = EXTENSION + "unverified-item-reason";
    /**
     * Extension on the Composition: the verifier's account in numbers, sub-extensions {@code status} (valueCode
     * verified|partially-verified|unverified) and {@code items}, {@code supported}, {@code contradicted},
     * {@code unverifiable} (valueInteger).
     */
    public static final String VERIFICATION_EXTENSION = EXTENSION + "verification";
    /**
     * Complex extension on a note item's sub-section: where its passage lies (docs/summary-schema.md). Sub-extensions
     * {@code note} (valueReference, the DocumentReference), {@code section} (valueCode, canonical section name),
     * {@code start}, {@code end} (valueInteger, offsets into the decoded note text), {@code text} (valueString, the
     * passage verbatim), {@code title} (valueString), and when known {@code date} (valueDateTime, the note's date),
     * {@code heading} (valueString, the section heading as the note writes it), {@code context} (valueString, the
     * passage with the whole sentences of its section around it, at most 300 characters either side) with
     * {@code contextStart} (valueInteger, the context's offset in the decoded note text).
     */
    public static final String NOTE_QUOTE_EXTENSION = EXTENSION + "note-quote";

    /** Identifier system of point-of-care units (HL7 PL-1) on Locations, by which readers route a document. */
    public static final String POINT_OF_CARE = "urn:chartbrief:point-of-care";

    private SummaryDocumentProfile() {
    }
}
