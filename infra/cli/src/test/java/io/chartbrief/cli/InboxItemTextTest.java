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
}
