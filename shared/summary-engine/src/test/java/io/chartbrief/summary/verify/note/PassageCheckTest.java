package io.chartbrief.summary.verify.note;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summary.verify.claim.Verdict;
import io.chartbrief.summary.verify.claim.Verdict.Outcome;
import io.chartbrief.summary.verify.lexicon.ClinicalLexicon;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PassageCheckTest {

    private static final PassageCheck CHECK = new PassageCheck(ClinicalLexicon.standard());

    private static Outcome check(String statement, String passage) {
        Verdict v = CHECK.check(statement, passage, Set.of());
        return v.outcome();
    }

    @Test
    void faithfulParaphrasesAreSupported() {
        assertThat(check("Denies chest pain.", "She denies chest pain, shortness of breath or calf trauma.")).isEqualTo(Outcome.SUPPORTED);
        assertThat(check("No shortness of breath", "She denies chest pain, shortness of breath or calf trauma.")).isEqualTo(Outcome.SUPPORTED);
        assertThat(check("Fevers and chills since yesterday", "She reports fevers and chills since yesterday.")).isEqualTo(Outcome.SUPPORTED);
        assertThat(check("Start IV cefazolin 2 g every 8 hours", "Start IV cefazolin 2 g every 8 hours, adjusted to renal function.")).isEqualTo(Outcome.SUPPORTED);
        assertThat(check("Mother has type 2 diabetes", "Mother with type 2 diabetes.")).isEqualTo(Outcome.SUPPORTED);
        assertThat(check("Family history of type 2 diabetes", "Mother with type 2 diabetes.")).isEqualTo(Outcome.SUPPORTED);
        assertThat(check("59-year-old woman with CKD stage 3", "59-year-old woman with chronic kidney disease stage 3 who presents with pain.")).isEqualTo(Outcome.SUPPORTED);
        assertThat(check("Possible pneumonia", "Possible pneumonia; start ceftriaxone.")).isEqualTo(Outcome.SUPPORTED);
    }

    @Test
    void aDeniedFindingStatedAsPresentIsContradicted() {
        assertThat(check("Chest pain", "She denies chest pain, shortness of breath or calf trauma.")).isEqualTo(Outcome.CONTRADICTED);
        assertThat(check("Reports shortness of breath", "She denies chest pain, shortness of breath or calf trauma.")).isEqualTo(Outcome.CONTRADICTED);
        assertThat(check("Troponin elevated", "Troponin negative.")).isNotEqualTo(Outcome.SUPPORTED);
        assertThat(check("No fever", "She reports fevers and chills since yesterday.")).isEqualTo(Outcome.CONTRADICTED);
        // "denies X, reports Y": the negation ends where the positive finding starts
        assertThat(check("Reports cough", "Denies fever, reports cough.")).isEqualTo(Outcome.SUPPORTED);
        assertThat(check("No cough", "Denies fever, reports cough.")).isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void aRelativesHistoryIsNeverThePatients() {
        assertThat(check("Type 2 diabetes", "Mother with type 2 diabetes.")).isEqualTo(Outcome.CONTRADICTED);
        assertThat(check("Father has type 2 diabetes", "Mother with type 2 diabetes.")).isEqualTo(Outcome.CONTRADICTED);
        assertThat(check("Mother has hypertension", "Hypertension. Mother with type 2 diabetes.")).isEqualTo(Outcome.CONTRADICTED);
        // an informant is not the subject
        assertThat(check("Confused for two days", "His daughter reports he has been confused for two days.")).isEqualTo(Outcome.SUPPORTED);
        assertThat(check("Daughter has been confused", "His daughter reports he has been confused for two days.")).isNotEqualTo(Outcome.SUPPORTED);
    }

    @Test
    void certaintyAndStatusMayNotBeDroppedOrAdded() {
        assertThat(check("Pneumonia", "Possible pneumonia; start ceftriaxone.")).isEqualTo(Outcome.UNVERIFIABLE);
        assertThat(check("Possible pneumonia", "Pneumonia; start ceftriaxone.")).isEqualTo(Outcome.UNVERIFIABLE);
        assertThat(check("Pulmonary embolism", "History of pulmonary embolism in 2019.")).isEqualTo(Outcome.UNVERIFIABLE);
        assertThat(check("History of pulmonary embolism", "History of pulmonary embolism in 2019.")).isEqualTo(Outcome.SUPPORTED);
    }

    @Test
    void theSideMustBeTheNotesSide() {
        assertThat(check("Right lower leg cellulitis", "Cellulitis of the left lower leg without abscess.")).isEqualTo(Outcome.CONTRADICTED);
        assertThat(check("Left lower leg cellulitis", "Cellulitis of the left lower leg without abscess.")).isEqualTo(Outcome.SUPPORTED);
        assertThat(check("Right knee pain", "Left knee pain. Right hip fracture.")).isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void numbersMustBeTheNotes() {
        assertThat(check("72-year-old woman with CKD stage 3", "59-year-old woman with chronic kidney disease stage 3.")).isEqualTo(Outcome.CONTRADICTED);
        assertThat(check("Start IV cefazolin 1 g every 8 hours", "Start IV cefazolin 2 g every 8 hours.")).isEqualTo(Outcome.CONTRADICTED);
        assertThat(check("Pain for 5 days", "Pain for 3 days.")).isEqualTo(Outcome.CONTRADICTED);
        assertThat(check("Pain for three days", "Pain for 3 days.")).isEqualTo(Outcome.SUPPORTED);
        assertThat(check("Aspirin 81 mg", "Continue aspirin.")).isEqualTo(Outcome.UNVERIFIABLE);
    }

    @Test
    void wordsTheNoteDoesNotHaveAreUnverifiableAndSeverityCounts() {
        assertThat(check("Start IV vancomycin", "Start IV cefazolin 2 g every 8 hours.")).isEqualTo(Outcome.UNVERIFIABLE);
        assertThat(check("Severe pain", "Mild pain in the left knee.")).isEqualTo(Outcome.UNVERIFIABLE);
        assertThat(check("Consider heparin", "Start heparin.")).isEqualTo(Outcome.UNVERIFIABLE);
        assertThat(check("The patient.", "Start heparin.")).isEqualTo(Outcome.UNVERIFIABLE);
        assertThat(check("Creatinine rising", "Creatinine falling.")).isEqualTo(Outcome.CONTRADICTED);
    }
}
