package io.chartbrief.summary.verify.claim;

import static io.chartbrief.summary.verify.claim.Facts.active;
import static io.chartbrief.summary.verify.claim.Facts.allergy;
import static io.chartbrief.summary.verify.claim.Facts.condition;
import static io.chartbrief.summary.verify.claim.Facts.order;
import static io.chartbrief.summary.verify.claim.Facts.relative;
import static io.chartbrief.summary.verify.claim.Facts.verified;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summary.verify.claim.Verdict.Outcome;
import java.util.Set;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.junit.jupiter.api.Test;

class ContextCheckTest {

    private final Facts chart = Facts.chart().with(
            allergy("lis", "Lisinopril", "active", "confirmed"),
            allergy("old", "Codeine", "inactive", "confirmed"),
            allergy("err", "Latex", "active", "entered-in-error"),
            condition("htn", "Hypertension", "active", "2010-05-01", null),
            condition("sprain", "Sprain of ankle", "resolved", "2015-01-01", "2015-02-01"),
            verified(condition("pneu", "Pneumonia", "active", "2024-03-01", null), "confirmed"),
            verified(condition("pneu-p", "Pneumonia", "active", "2024-03-01", null), "provisional"),
            verified(condition("af", "Atrial fibrillation", "active", "2020-01-01", null), "refuted"),
            relative("fmh", "MTH", "mother", "Breast cancer"),
            active("met", "metoprolol 25 MG Oral Tablet"),
            order("amox", "amoxicillin 500 MG Oral Capsule", MedicationRequestStatus.STOPPED, "2019-06-01"),
            order("metf", "metformin 500 MG Oral Tablet", MedicationRequestStatus.ONHOLD, "2021-06-01"));

    @Test
    void anActiveAllergyIsNotInactive() {
        Verdict v = chart.item("allergies", "Lisinopril allergy not active", "AllergyIntolerance/lis");
        assertThat(v.outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(v.reason()).contains("active");
        assertThat(chart.item("allergies", "Lisinopril allergy, active", "AllergyIntolerance/lis")).isEqualTo(Verdict.SUPPORTED);
    }

    @Test
    void noKnownDrugAllergiesDeniesACitedActiveAllergy() {
        Verdict v = chart.item("allergies", "No known drug allergies", "AllergyIntolerance/lis");
        assertThat(v.outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(chart.item("allergies", "NKDA", "AllergyIntolerance/lis").outcome()).isNotEqualTo(Outcome.SUPPORTED);
    }

    @Test
    void anInactiveAllergyListedAsCurrentIsContradicted() {
        assertThat(chart.item("allergies", "Codeine", "AllergyIntolerance/old").outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(chart.item("allergies", "Codeine allergy, inactive", "AllergyIntolerance/old")).isEqualTo(Verdict.SUPPORTED);
    }

    @Test
    void aResourceEnteredInErrorSupportsNothing() {
        Verdict v = chart.item("allergies", "Latex", "AllergyIntolerance/err");
        assertThat(v.outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(v.reason()).contains("entered in error");
    }

    @Test
    void aStoppedOrderIsNoCurrentMedicationUnlessTheItemSaysSo() {
        Verdict listed = chart.item("medications", "Amoxicillin 500 mg", "MedicationRequest/amox");
        assertThat(listed.outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(listed.reason()).contains("stopped");
        assertThat(chart.item("medications", "Amoxicillin 500 mg (stopped)", "MedicationRequest/amox")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("medications", "Metoprolol 25 mg (stopped)", "MedicationRequest/met").outcome())
                .isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void anOrderOnHoldMustSaySo() {
        assertThat(chart.item("medications", "Metformin 500 mg", "MedicationRequest/metf").outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(chart.item("medications", "Metformin 500 mg (on hold)", "MedicationRequest/metf")).isEqualTo(Verdict.SUPPORTED);
    }

    @Test
    void aProblemsStatusIsChecked() {
        assertThat(chart.item("problems", "Hypertension", "Condition/htn")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("problems", "Hypertension, resolved", "Condition/htn").outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(chart.item("problems", "Sprain of ankle", "Condition/sprain").outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(chart.item("problems", "Sprain of ankle, resolved", "Condition/sprain")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("problems", "History of ankle sprain", "Condition/sprain")).isEqualTo(Verdict.SUPPORTED);
    }

    @Test
    void aRefutedConditionSupportsOnlyItsAbsence() {
        assertThat(chart.item("problems", "No atrial fibrillation", "Condition/af")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("problems", "Atrial fibrillation", "Condition/af").outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(chart.item("problems", "No hypertension", "Condition/htn").outcome()).isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void aRelativesConditionIsNotThePatients() {
        Verdict v = chart.item("narrative", "Breast cancer", "FamilyMemberHistory/fmh");
        assertThat(v.outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(v.reason()).contains("family");
        assertThat(chart.item("narrative", "Mother with breast cancer", "FamilyMemberHistory/fmh")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("narrative", "Family history of breast cancer", "FamilyMemberHistory/fmh")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("narrative", "Father with breast cancer", "FamilyMemberHistory/fmh").outcome())
                .isEqualTo(Outcome.CONTRADICTED);
        assertThat(chart.item("narrative", "Mother with hypertension", "Condition/htn").outcome()).isEqualTo(Outcome.CONTRADICTED);
    }

    @Test
    void certaintyFollowsTheVerificationStatus() {
        assertThat(chart.item("problems", "Possible pneumonia", "Condition/pneu-p")).isEqualTo(Verdict.SUPPORTED);
        assertThat(chart.item("problems", "Possible pneumonia", "Condition/pneu").outcome()).isEqualTo(Outcome.UNVERIFIABLE);
        assertThat(chart.item("problems", "Pneumonia", "Condition/pneu")).isEqualTo(Verdict.SUPPORTED);
        Verdict unqualified = chart.item("problems", "Pneumonia", "Condition/pneu-p");
        assertThat(unqualified.outcome()).isEqualTo(Outcome.UNVERIFIABLE);
        assertThat(unqualified.reason()).contains("provisional");
    }

    @Test
    void statusOfEachResourceKind() {
        assertThat(ContextCheck.status("active", false, chart.fact("MedicationRequest/met"))).isEqualTo(Verdict.SUPPORTED);
        assertThat(ContextCheck.status("stopped", false, chart.fact("MedicationRequest/amox"))).isEqualTo(Verdict.SUPPORTED);
        assertThat(ContextCheck.status("active", true, chart.fact("MedicationRequest/amox"))).isEqualTo(Verdict.SUPPORTED);
        assertThat(ContextCheck.status("resolved", false, chart.fact("Condition/sprain"))).isEqualTo(Verdict.SUPPORTED);
        assertThat(ContextCheck.status("active", false, chart.fact("Condition/sprain")).outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(ContextCheck.status("stopped", false, chart.fact("Condition/htn")).outcome()).isEqualTo(Outcome.UNVERIFIABLE);
        assertThat(ContextCheck.negatedFinding(chart.fact("MedicationRequest/amox"))).isEqualTo(Verdict.SUPPORTED);
        assertThat(ContextCheck.experiencer(Set.of("mother"), chart.fact("FamilyMemberHistory/fmh"))).isEqualTo(Verdict.SUPPORTED);
    }
}
