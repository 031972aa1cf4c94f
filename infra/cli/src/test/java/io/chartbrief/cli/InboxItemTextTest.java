package io.chartbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The demo's terminal rendering of an inbox item (shape of GET /api/inbox/{id} per the inbox contract). */
class InboxItemTextTest {

    @Test
    void rendersSectionsRecommendationsEvidenceAndVerification() throws Exception {
        String detail = """
                {"id":"i-1","patient":"Patient/p1","encounter":"Encounter/e1","unit":"5EAST","engine":"extractive",
                 "aiGenerated":false,"verification":"verified",
                 "document":{"title":"Admission summary","narrative":"Admitted with pneumonia.",
                   "sections":[{"code":"11450-4","title":"Active problems",
                                "items":[{"text":"Pneumonia","evidence":["Condition/c1"]}]},
                               {"code":"10160-0","title":"Medications","items":[]}],
                   "recommendations":[{"text":"Replace potassium","priority":"high","rationale":"K 3.1 (L)",
                                       "evidence":["Observation/k"]}],
                   "engine":{"kind":"extractive","model":null}},
                 "evidence":{"Condition/c1":{"type":"Condition","display":"Pneumonia"}}}""";

        String text = InboxItemText.render(new ObjectMapper().readTree(detail), "DEMOPATIENT, MARGARET");

        assertThat(text).contains("INBOX ITEM i-1  DEMOPATIENT, MARGARET  Patient/p1  Encounter/e1  unit 5EAST")
                .contains(SummaryText.EXTRACTIVE_NOTICE)
                .contains("Admitted with pneumonia.")
                .contains("Active problems\n  - Pneumonia  [Condition/c1]")
                .contains("Medications\n  - none recorded")
                .contains("  - [high] Replace potassium — K 3.1 (L)  [Observation/k]")
                .contains("Verification: verified   Engine: extractive\n");
    }

    @Test
    void itemsNotVerifiedAreListedApartWithTheCounts() throws Exception {
        String detail = """
                {"id":"i-3","patient":"Patient/p1","encounter":"Encounter/e1","engine":"llama","aiGenerated":true,
                 "verification":"partially-verified",
                 "document":{"narrative":"x",
                   "sections":[{"code":"10160-0","title":"Medications",
                                "items":[{"text":"Lisinopril 10 mg","evidence":["MedicationRequest/m1"]}]}],
                   "recommendations":[],
                   "unverified":[{"section":"medications","text":"Warfarin 5 mg","reason":"term \\"warfarin\\" absent",
                                  "evidence":["MedicationRequest/m1"]}],
                   "verification":{"status":"partially-verified","items":4,"supported":2,"contradicted":1,
                                   "unverifiable":1},
                   "engine":{"kind":"llama","model":"m.gguf"}}}""";

        String text = InboxItemText.render(new ObjectMapper().readTree(detail), "P");

        assertThat(text).contains("Medications\n  - Lisinopril 10 mg  [MedicationRequest/m1]\n\n")
                .contains(SummaryText.UNVERIFIED_HEADING + "\n  - (Medications) Warfarin 5 mg  [MedicationRequest/m1]\n"
                        + "    not verified: term \"warfarin\" absent\n")
                .contains("Verification: partially-verified — 2 of 4 items supported, 1 not verifiable, "
                        + "1 removed as contradicted   Engine: llama (m.gguf)");
        assertThat(text.indexOf("Warfarin")).isGreaterThan(text.indexOf("Recommendations"));
    }

    @Test
    void aLanguageModelSummaryCarriesTheAiNotice() throws Exception {
        String detail = """
                {"id":"i-2","patient":"Patient/p1","encounter":"Encounter/e1","engine":"llama","aiGenerated":true,
                 "verification":"partially-verified",
                 "document":{"narrative":"x","sections":[],"recommendations":[],
                             "engine":{"kind":"llama","model":"medgemma-4b-it-Q4_K_M.gguf"}}}""";

        String text = InboxItemText.render(new ObjectMapper().readTree(detail), "P");

        assertThat(text).contains(SummaryText.AI_NOTICE)
                .contains("Verification: partially-verified   Engine: llama (medgemma-4b-it-Q4_K_M.gguf)");
    }

    @Test
    void aNoteItemShowsWhereItsQuoteLiesInTheNote() throws Exception {
        String detail = """
                {"id":"i-3","patient":"Patient/p1","encounter":"Encounter/e1","engine":"extractive",
                 "aiGenerated":false,"verification":"verified",
                 "document":{"title":"Admission summary","narrative":"",
                   "sections":[{"code":"34109-9","title":"From the clinical notes",
                                "items":[{"text":"Cellulitis of the left lower leg.","evidence":["DocumentReference/hp"],
                                          "quote":{"note":"DocumentReference/hp","section":"assessment-and-plan",
                                                   "start":410,"end":443,"text":"Cellulitis of the left lower leg.",
                                                   "title":"History and physical","date":"2026-11-30T09:15:00Z"}},
                                         {"text":"Left leg cellulitis","evidence":["DocumentReference/hp"],
                                          "quote":{"note":"DocumentReference/hp","section":"assessment-and-plan",
                                                   "start":410,"end":443,"text":"Cellulitis of the left lower leg.",
                                                   "title":"History and physical"}}]}],
                   "recommendations":[],"engine":{"kind":"extractive"}},
                 "evidence":{}}""";

        String text = InboxItemText.render(new ObjectMapper().readTree(detail), "P");

        assertThat(text).contains("From the clinical notes\n  - Cellulitis of the left lower leg.  [DocumentReference/hp]\n"
                + "    from History and physical, 2026-11-30, assessment-and-plan, characters 410-443\n")
                // a paraphrase shows the note's own words beside it
                .contains("  - Left leg cellulitis  [DocumentReference/hp]\n"
                        + "    from History and physical, assessment-and-plan, characters 410-443: \"Cellulitis of the left lower leg.\"\n");
    }
}
