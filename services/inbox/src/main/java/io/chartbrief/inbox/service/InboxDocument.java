package io.chartbrief.inbox.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the inbox keeps of one summary document ({@code ehr.summaries} record): display fields, routing and the
 * clinician-facing content with the evidence each item cites.
 *
 * @param patient      {@code Patient/<id>}
 * @param patientName  display name from the Patient copy in the Bundle (may be null)
 * @param encounter    {@code Encounter/<id>} or null
 * @param headline     first sentence of the narrative
 * @param documentTime Bundle.timestamp (else Composition.date, else now): orders summaries of one encounter
 * @param recipients   who the summary is routed to
 * @param content      sections, recommendations, engine
 * @param evidence     each cited reference → display text and date
 */
public record InboxDocument(String patient, String patientName, String encounter, String engineKind,
        boolean aiGenerated, String headline, Instant documentTime, Recipients recipients, Content content,
        Map<String, Evidence> evidence) {

    /** Clinician-facing content of the document (the detail API's {@code document}). */
    public record Content(String title, String narrative, List<Section> sections, List<RecommendationItem> recommendations,
            Engine engine) {
    }

    /** A Composition section other than Recommendations. */
    public record Section(String code, String title, List<Item> items) {
    }

    /** One summary item and the evidence it cites. */
    public record Item(String text, List<String> evidence) {
    }

    /** One recommendation (LOINC 18776-5 sub-section). */
    public record RecommendationItem(String text, String priority, String rationale, List<String> evidence) {
    }

    /** The engine (Device) that wrote the summary. */
    public record Engine(String kind, String model) {
    }

    /** Display of one evidence resource copied into the Bundle. */
    public record Evidence(String type, String display, String date) {
    }

    /**
     * Routing keys of a summary.
     *
     * @param practitioners practitioner identifiers, each as {@code value} and as {@code system|value}
     * @param units         current location units (e.g. {@code 5EAST})
     */
    public record Recipients(List<String> practitioners, List<String> units) {

        /** Whether the summary reaches nobody. */
        public boolean isEmpty() {
            return practitioners.isEmpty() && units.isEmpty();
        }
    }
}
