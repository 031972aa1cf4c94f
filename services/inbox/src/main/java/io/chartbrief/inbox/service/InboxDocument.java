package io.chartbrief.inbox.service;

import io.chartbrief.interop.summary.SummaryDocument.Content;
import io.chartbrief.interop.summary.SummaryDocument.Evidence;
import io.chartbrief.interop.summary.SummaryDocument.Identifiers;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the inbox keeps of one summary document ({@code ehr.summaries} record): display fields, routing and the
 * clinician-facing content with the evidence each item cites. The content types are the shared reading of a
 * summary document ({@link io.chartbrief.interop.summary.SummaryDocument}).
 *
 * @param patient      {@code Patient/<id>}
 * @param patientName  display name from the Patient copy in the Bundle (may be null)
 * @param encounter    {@code Encounter/<id>} or null
 * @param headline     first sentence of the narrative
 * @param documentTime Bundle.timestamp (else Composition.date, else now): orders summaries of one encounter
 * @param recipients   who the summary is routed to
 * @param content      sections, recommendations, engine
 * @param evidence     each cited reference → display text and date
 * @param identifiers  the patient's and encounter's identifiers, by which EHRs find the summary (CDS Hooks)
 */
public record InboxDocument(String patient, String patientName, String encounter, String engineKind,
        boolean aiGenerated, String headline, Instant documentTime, Recipients recipients, Content content,
        Map<String, Evidence> evidence, Identifiers identifiers) {

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
