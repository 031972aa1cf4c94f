package io.chartbrief.interop.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.summary.SummaryDocument.Content;
import io.chartbrief.interop.summary.SummaryDocument.Engine;
import io.chartbrief.interop.summary.SummaryDocument.Evidence;
import io.chartbrief.interop.summary.SummaryDocument.Item;
import io.chartbrief.interop.summary.SummaryDocument.Quote;
import io.chartbrief.interop.summary.SummaryDocument.RecommendationItem;
import io.chartbrief.interop.summary.SummaryDocument.Section;
import io.chartbrief.interop.summary.SummaryDocument.UnverifiedItem;
import io.chartbrief.interop.summary.SummaryDocument.VerificationCounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one text rendering of a summary's content (CLI terminal, MDM OBX lines). */
class SummaryTextRendererTest {

    @Test
    void rendersNoticeSectionsRecommendationsUnverifiedAndVerificationInOrder() {
        Quote quote = new Quote("DocumentReference/hp", "assessment-and-plan", null, 410, 443,
                "Cellulitis of the left lower leg.", "History and physical", "2026-11-30T09:15:00Z", null, null);
        Content content = new Content("Admission summary", "Admitted with cellulitis.",
                List.of(new Section("34109-9", "From the clinical notes",
                                List.of(new Item("Left leg cellulitis", List.of("DocumentReference/hp"), quote))),
                        new Section("10160-0", "Medications", List.of())),
                List.of(new RecommendationItem("Mark the erythema", "high", null, List.of())),
                List.of(new UnverifiedItem("medications", "Warfarin 5 mg", null, List.of("MedicationRequest/m1"))),
                new VerificationCounts("partially-verified", 3, 2, 0, 1), new Engine("llama", "m.gguf"));

        String text = SummaryTextRenderer.render(content, true, "partially-verified", null);

        assertThat(text).startsWith(SummaryTextRenderer.AI_NOTICE + "\n\nAdmission summary\nAdmitted with cellulitis.\n\n")
                .contains("From the clinical notes\n  - Left leg cellulitis  [DocumentReference/hp]\n"
                        + "    from History and physical, 2026-11-30, assessment-and-plan, characters 410-443: "
                        + "\"Cellulitis of the left lower leg.\"\n\n")
                .contains("Medications\n  - none recorded\n")
                .contains("Recommendations\n  - [high] Mark the erythema\n")
                .contains(SummaryTextRenderer.UNVERIFIED_HEADING + "\n  - (Medications) Warfarin 5 mg  [MedicationRequest/m1]\n"
                        + "    not verified: the chart entries it cites do not establish it\n")
                .endsWith("Verification: partially-verified — 2 of 3 items supported, 1 not verifiable   Engine: llama (m.gguf)\n");
    }

    @Test
    void contentReadFromJsonMayLeaveListsOut() {
        String text = SummaryTextRenderer.render(new Content(null, null, null, null, null, null, null), false, null,
                "extractive");
        assertThat(text).isEqualTo(SummaryTextRenderer.EXTRACTIVE_NOTICE + "\n\nRecommendations\n  - none\n\n"
                + "Verification: unknown   Engine: extractive\n");
    }

    @Test
    void theEvidenceListNamesEachReferenceWithItsDisplayAndDate() {
        Map<String, Evidence> evidence = new LinkedHashMap<>();
        evidence.put("Observation/k", new Evidence("Observation", "Potassium 3.1 mmol/L (L)", "2026-11-01"));
        evidence.put("Condition/c", new Evidence("Condition", "Pneumonia", null));
        assertThat(SummaryTextRenderer.evidence(evidence)).isEqualTo("Evidence cited\n"
                + "  Observation/k: Potassium 3.1 mmol/L (L), 2026-11-01\n  Condition/c: Pneumonia\n");
        assertThat(SummaryTextRenderer.evidence(Map.of())).isEmpty();
    }
}
