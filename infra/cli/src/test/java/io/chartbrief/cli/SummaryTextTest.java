package io.chartbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summary.model.DroppedItem;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.model.Verification;
import io.chartbrief.summary.model.VerificationStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The terminal rendering of a verified summary: unverifiable items apart and labelled, contradicted ones counted. */
class SummaryTextTest {

    static final DroppedItem WARFARIN = new DroppedItem("medications", "Warfarin 5 mg",
            List.of("MedicationRequest/m-lis"), "term \"warfarin\" not in cited resources");
    static final DroppedItem CLAUSE = new DroppedItem("narrative", "Admitted after a fall.", List.of("Encounter/e1"),
            "term \"fall\" not in cited resources");
    static final DroppedItem POTASSIUM = new DroppedItem("results", "Potassium 9.9 mmol/L", List.of("Observation/k"),
            "value 9.9 is not the result (4.2 mmol/L)");

    @Test
    void unverifiableItemsAreListedApartAfterTheRecommendationsNeverInTheirSections() {
        PatientSummary summary = summary().withVerification(Verification.of(2, List.of(POTASSIUM), List.of(WARFARIN, CLAUSE)));

        String text = SummaryText.render(summary);

        String block = SummaryText.UNVERIFIED_HEADING + "\n"
                + "  - (Medications) Warfarin 5 mg  [MedicationRequest/m-lis]\n"
                + "    not verified: term \"warfarin\" not in cited resources\n"
                + "  - (Narrative) Admitted after a fall.  [Encounter/e1]\n"
                + "    not verified: term \"fall\" not in cited resources\n";
        assertThat(text).contains(block);
        assertThat(text.indexOf(block)).isGreaterThan(text.indexOf("Recommendations\n"));
        assertThat(text.substring(0, text.indexOf(block))).doesNotContain("Warfarin", "fall");
        assertThat(text).contains("Medications\n  - lisinopril 10 MG Oral Tablet  [MedicationRequest/m-lis]\n\n");
        // Contradicted items are only counted.
        assertThat(text).doesNotContain("9.9")
                .contains("Verification: partially-verified — 2 of 5 items supported, 2 not verifiable (listed above), "
                        + "1 removed as contradicted\n");
    }

    @Test
    void aVerifiedSummaryHasNoBlock() {
        String text = SummaryText.render(summary().withVerification(Verification.of(2, List.of(), List.of())));

        assertThat(text).doesNotContain(SummaryText.UNVERIFIED_HEADING)
                .contains("Verification: verified — 2 of 2 items supported\n");
    }

    @Test
    void aSchemaOneAccountKeepsItsDroppedCount() {
        // Schema 1 knew only "unsupported"; its items were not split into contradicted and unverifiable.
        Verification schema1 = new Verification(5, 3, 2, 0, 0, VerificationStatus.PARTIALLY_VERIFIED,
                List.of(POTASSIUM, WARFARIN), List.of());

        assertThat(SummaryText.verificationLine(schema1))
                .isEqualTo("Verification: partially-verified — 3 of 5 items supported, 2 dropped");
        assertThat(SummaryText.verificationLine(null)).isEqualTo("Verification: not run");
    }

    @Test
    void aSummaryOfUnknownOriginGetsTheAiNotice() {
        PatientSummary noEngine = new PatientSummary(2, "Patient/p1", null, "", null, null, null, null, null, null, null,
                null, null, null, null);

        String text = SummaryText.render(noEngine);

        assertThat(text).contains(SummaryText.AI_NOTICE).contains("Engine: not recorded");
    }

    private static PatientSummary summary() {
        return new PatientSummary(2, "Patient/p1", "Encounter/e1", "", List.of(),
                List.of(new SummaryItem("Pneumonia", List.of("Condition/c1"), null)),
                List.of(new SummaryItem("lisinopril 10 MG Oral Tablet", List.of("MedicationRequest/m-lis"), null)),
                List.of(), List.of(), List.of(), List.of(),
                new io.chartbrief.summary.model.EngineInfo("extractive", null, null, null), null, null, null);
    }
}
