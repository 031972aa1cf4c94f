package io.chartbrief.summary.verify.claim;

import static io.chartbrief.summary.verify.claim.Facts.active;
import static io.chartbrief.summary.verify.claim.Facts.allergy;
import static io.chartbrief.summary.verify.claim.Facts.condition;
import static io.chartbrief.summary.verify.claim.Facts.lab;
import static io.chartbrief.summary.verify.claim.Facts.order;
import static io.chartbrief.summary.verify.claim.Facts.range;
import static io.chartbrief.summary.verify.claim.Facts.reaction;
import static io.chartbrief.summary.verify.claim.Facts.vital;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summary.verify.claim.Verdict.Outcome;
import io.chartbrief.summary.verify.text.Tokenizer;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.junit.jupiter.api.Test;

class RecommendationCheckTest {

    private static Facts base() {
        return Facts.chart().with(
                active("lis", "lisinopril 10 MG Oral Tablet"),
                active("apx", "apixaban 5 MG Oral Tablet"),
                active("met", "metoprolol tartrate 25 MG Oral Tablet"),
                order("amox", "amoxicillin 500 MG Oral Capsule", MedicationRequestStatus.STOPPED, "2019-06-01"),
                vital("bp", "8480-6", "Systolic blood pressure", "152", "mm[Hg]", "2024-03-02T08:00:00Z"),
                condition("gib", "Gastrointestinal hemorrhage", "active", "2024-03-01", null),
                condition("af", "Atrial fibrillation", "active", "2020-01-01", null),
                range(lab("mg-low", "19123-9", "Magnesium", "1.2", "mg/dL", "2024-03-02T06:00:00Z"), "1.7", "2.2", "mg/dL"),
                range(lab("mg-high", "19123-9", "Magnesium", "3.1", "mg/dL", "2024-03-03T06:00:00Z"), "1.7", "2.2", "mg/dL"));
    }

    private final Facts chart = base();

    @Test
    void continuingADrugAnActiveAllergyCoversIsContradictedEvenWhenTheAllergyIsNotCited() {
        Facts allergic = base().with(allergy("a-lis", "Lisinopril", "active", "confirmed"));
        Verdict v = allergic.recommendation("Continue lisinopril for blood pressure", "MedicationRequest/lis", "Observation/bp");
        assertThat(v.outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(v.reason()).contains("allergy").contains("lisinopril");
        assertThat(chart.recommendation("Continue lisinopril for blood pressure", "MedicationRequest/lis", "Observation/bp"))
                .isEqualTo(Verdict.SUPPORTED);
    }

    @Test
    void startingACoveredClassMemberIsContradicted() {
        Facts allergic = base().with(allergy("a-pen", "Penicillin", "active", "confirmed"),
                active("cef", "cefazolin 1000 MG Injection"));
        assertThat(allergic.recommendation("Start cefazolin", "MedicationRequest/cef").outcome()).isEqualTo(Outcome.CONTRADICTED);
        Facts resolved = base().with(allergy("a-pen", "Penicillin", "resolved", "confirmed"),
                active("cef", "cefazolin 1000 MG Injection"));
        assertThat(resolved.recommendation("Start cefazolin", "MedicationRequest/cef")).isEqualTo(Verdict.SUPPORTED);
    }

    @Test
    void anAllergyToAnAceInhibitorCoversTheWholeClass() {
        Facts allergic = base().with(allergy("a-lis", "Lisinopril", "active", "confirmed"), active("ena", "enalapril 5 MG Oral Tablet"));
        assertThat(allergic.recommendation("Start enalapril", "MedicationRequest/ena").outcome()).isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void anAllergyRecordedAsADrugClassCoversItsMembers() {
        // "Penicillins" is how many charts (and the RxNorm/SNOMED class display) name a penicillin allergy
        Facts allergic = base().with(allergy("a-pens", "Penicillins", "active", "confirmed"),
                active("amox2", "amoxicillin 500 MG Oral Capsule"));
        Verdict v = allergic.recommendation("Start amoxicillin", "MedicationRequest/amox2");
        assertThat(v.outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(v.reason()).contains("allergy");
    }

    @Test
    void aPenicillinAllergyDoesNotCoverAztreonam() {
        Facts allergic = base().with(allergy("a-pen", "Penicillin", "active", "confirmed"),
                active("azt", "aztreonam 1000 MG Injection"));
        assertThat(allergic.recommendation("Start aztreonam", "MedicationRequest/azt")).isEqualTo(Verdict.SUPPORTED);
    }

    @Test
    void continuingAStoppedOrderIsContradicted() {
        Verdict v = chart.recommendation("Continue amoxicillin", "MedicationRequest/amox");
        assertThat(v.outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(v.reason()).contains("stopped");
    }

    @Test
    void stoppingAnAnticoagulantNeedsACitedReason() {
        Verdict v = chart.recommendation("Stop apixaban", "MedicationRequest/apx");
        assertThat(v.outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(v.reason()).contains("needs a cited reason");
        assertThat(chart.recommendation("Hold apixaban for GI bleed", "MedicationRequest/apx", "Condition/gib"))
                .isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.recommendation("Hold apixaban for GI bleed", "MedicationRequest/apx").outcome())
                .isNotEqualTo(Outcome.SUPPORTED);
    }

    @Test
    void stoppingAnUnflaggedDrugWithoutAReasonIsOnlyUnverifiable() {
        assertThat(chart.recommendation("Stop metoprolol", "MedicationRequest/met").outcome()).isEqualTo(Outcome.UNVERIFIABLE);
    }

    @Test
    void avoidingAClassNeedsACitedAllergyThatCoversIt() {
        Facts allergic = base().with(reaction(allergy("a-lis", "Lisinopril", "active", "confirmed"), "Angioedema"));
        assertThat(allergic.recommendation("Avoid ACE inhibitors given lisinopril angioedema", "AllergyIntolerance/a-lis"))
                .isEqualTo(Verdict.SUPPORTED);
        assertThat(allergic.recommendation("Avoid beta blockers given lisinopril angioedema", "AllergyIntolerance/a-lis")
                .outcome()).isEqualTo(Outcome.UNVERIFIABLE);
    }

    @Test
    void repletingNeedsACitedLowValue() {
        assertThat(chart.recommendation("Replete magnesium", "Observation/mg-low")).isEqualTo(Verdict.SUPPORTED);
        Verdict high = chart.recommendation("Replete magnesium", "Observation/mg-high");
        assertThat(high.outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(high.reason()).contains("low");
    }

    @Test
    void startingANsaidInHeartFailureIsContradicted() {
        Facts failing = base().with(condition("hf", "Heart failure", "active", "2022-01-01", null),
                active("ibu", "ibuprofen 400 MG Oral Tablet"));
        Verdict v = failing.recommendation("Start ibuprofen", "MedicationRequest/ibu");
        assertThat(v.outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(v.reason()).contains("heart failure");
    }

    @Test
    void readsTheLeadingAction() {
        assertThat(RecommendationCheck.action(Tokenizer.tokens("Please hold apixaban"))).isEqualTo("hold");
        assertThat(RecommendationCheck.action(Tokenizer.tokens("Do not start NSAIDs"))).isEqualTo("avoid");
        assertThat(RecommendationCheck.action(Tokenizer.tokens("Recheck potassium"))).isEqualTo("repeat");
        assertThat(RecommendationCheck.action(Tokenizer.tokens("Potassium is high"))).isNull();
    }
}
