package io.chartbrief.interop.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Resource;

/**
 * A summary document ({@code ehr.summaries} record value, docs/summary-schema.md) as its readers need it: who it is
 * about, which engine wrote it, the clinician-facing content with the evidence each item cites, and the parsed
 * resources for readers that need more (routing, HL7 v2 segments). Read by {@link SummaryDocumentReader}; shared by
 * the inbox, the outbound connectors and the CLI so all of them read a document the same way.
 *
 * @param documentId   Bundle.id (the summary request id in the normal course), or null
 * @param patient      {@code Patient/<id>}
 * @param patientName  display name from the Patient copy in the Bundle (may be null)
 * @param encounter    {@code Encounter/<id>} or null
 * @param aiGenerated  whether a language model wrote it (AIAST label or the llama engine)
 * @param headline     first sentence of the narrative
 * @param documentTime Bundle.timestamp (else Composition.date, else now): orders summaries of one encounter
 * @param content      sections, recommendations, engine
 * @param evidence     each cited reference → display text and date
 * @param identifiers  the patient's and encounter's identifiers, by which EHRs find the summary
 * @param bundle       the parsed document
 * @param resources    the Bundle's resources by {@code Type/id}
 */
public record SummaryDocument(String documentId, String patient, String patientName, String encounter,
        String engineKind, boolean aiGenerated, String headline, Instant documentTime, Content content,
        Map<String, Evidence> evidence, Identifiers identifiers, Bundle bundle, Map<String, Resource> resources) {

    /** The Encounter copy the Composition names, or null. */
    public Encounter encounterResource() {
        return encounter != null && resources.get(encounter) instanceof Encounter e ? e : null;
    }

    /** The resource copied into the document under {@code Type/id}, or null. */
    public Resource resource(String reference) {
        return reference == null ? null : resources.get(reference);
    }

    /**
     * Identifiers of the document's Patient and Encounter copies, each {@code system|value} (identifiers without a
     * system are left out: a bare MRN is ambiguous across issuers).
     */
    public record Identifiers(List<String> patient, List<String> encounter) {
    }

    /**
     * Clinician-facing content of the document (the detail API's {@code document}).
     *
     * @param sections        the verified sections (never the unverified items)
     * @param recommendations the verified recommendations
     * @param unverified      items the verifier could not verify, to be shown apart and labelled as not verified
     * @param verification    the verifier's counts, or null for a document that carries none (older summarizers)
     */
    public record Content(String title, String narrative, List<Section> sections, List<RecommendationItem> recommendations,
            List<UnverifiedItem> unverified, VerificationCounts verification, Engine engine) {
    }

    /** A Composition section other than Recommendations. */
    public record Section(String code, String title, List<Item> items) {
    }

    /**
     * One summary item and the evidence it cites.
     *
     * @param quote note items: the note passage it quotes (or paraphrases), else null (left out of the JSON)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String text, List<String> evidence, Quote quote) {

        /** An item that quotes no note. */
        public Item(String text, List<String> evidence) {
            this(text, evidence, null);
        }
    }

    /**
     * Where a note item's passage lies in its note ({@code note-quote} extension of the summary document,
     * docs/summary-schema.md). Offsets index the note's decoded text.
     *
     * @param note         {@code DocumentReference/<id>} (the note; its copy is in the evidence)
     * @param section      canonical name of the note section ({@code chief-complaint}, {@code hpi},
     *                     {@code assessment-and-plan}, ...), or null
     * @param heading      the section heading as the note writes it, or null
     * @param start        first character of the passage
     * @param end          one past its last character
     * @param text         the passage, verbatim
     * @param title        the note's title, or null
     * @param date         the note's date (yyyy-mm-dd, as written), or null
     * @param context      the passage with the sentences of its section around it (at most 300 characters either
     *                     side), or null when the document carries none; when present, {@code text} lies in it at
     *                     {@code start - contextStart}
     * @param contextStart offset of {@code context} in the note text, or null without context
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Quote(String note, String section, String heading, int start, int end, String text, String title,
            String date, String context, Integer contextStart) {
    }

    /** One recommendation (LOINC 18776-5 sub-section). */
    public record RecommendationItem(String text, String priority, String rationale, List<String> evidence) {
    }

    /**
     * An item of the "Not verified against the chart" section: removed from the verified sections because the chart
     * entries it cites do not establish it.
     *
     * @param section  where it came from ({@code narrative}, {@code problems}, … {@code recommendations}), or null
     * @param text     the item's text
     * @param reason   why it is not verified, or null when the document does not say
     * @param evidence the references it cites that the document carries
     */
    public record UnverifiedItem(String section, String text, String reason, List<String> evidence) {
    }

    /**
     * The evidence verifier's account of the summary (Composition extension).
     *
     * @param status       verified, partially-verified or unverified
     * @param items        items checked
     * @param supported    items verified (in the sections)
     * @param contradicted items the chart contradicts (removed; not in the document)
     * @param unverifiable items not verifiable (in {@link Content#unverified()})
     */
    public record VerificationCounts(String status, int items, int supported, int contradicted, int unverifiable) {
    }

    /** The engine (Device) that wrote the summary. */
    public record Engine(String kind, String model) {
    }

    /** Display of one evidence resource copied into the Bundle. */
    public record Evidence(String type, String display, String date) {
    }
}
