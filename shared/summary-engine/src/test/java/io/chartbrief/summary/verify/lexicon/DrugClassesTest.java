package io.chartbrief.summary.verify.lexicon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DrugClassesTest {

    private static final DrugClasses CLASSES = ClinicalLexicon.standard().drugClasses();

    @Test
    void namesAClassByItsVariants() {
        assertThat(CLASSES.classNamed("ACE inhibitors")).isEqualTo("ace inhibitor");
        assertThat(CLASSES.classNamed("ACEi")).isEqualTo("ace inhibitor");
        assertThat(CLASSES.classNamed("beta-lactams")).isEqualTo("beta lactam");
        assertThat(CLASSES.classNamed("lisinopril")).isNull();
    }

    @Test
    void expandsNestedClasses() {
        assertThat(CLASSES.expand("anticoagulant")).contains("direct oral anticoagulant", "apixaban");
        assertThat(CLASSES.classesOf("apixaban")).contains("direct oral anticoagulant", "anticoagulant");
    }

    @Test
    void aLisinoprilAllergyCoversAceInhibitors() {
        assertThat(CLASSES.coveredByAllergy("lisinopril")).contains("lisinopril", "ace inhibitor", "enalapril", "ramipril")
                .doesNotContain("losartan", "metoprolol");
    }

    @Test
    void anAmoxicillinAllergyCoversPenicillinsAndBetaLactamsButNotAztreonam() {
        assertThat(CLASSES.coveredByAllergy("amoxicillin")).contains("penicillin", "ampicillin", "piperacillin tazobactam",
                "beta lactam", "cephalosporin", "cefazolin", "ceftriaxone", "carbapenem", "meropenem")
                .doesNotContain("aztreonam", "monobactam", "azithromycin", "antibiotic", "vancomycin");
    }

    @Test
    void aPenicillinClassAllergyCoversTheBetaLactamFamily() {
        assertThat(CLASSES.coveredByAllergy("Penicillins")).contains("amoxicillin", "cephalexin", "ertapenem")
                .doesNotContain("aztreonam");
    }

    @Test
    void aCephalosporinAllergyDoesNotCoverPenicillins() {
        assertThat(CLASSES.coveredByAllergy("cephalosporin")).contains("cefazolin", "ceftriaxone")
                .doesNotContain("penicillin", "amoxicillin", "beta lactam", "meropenem");
        assertThat(CLASSES.coveredByAllergy("cephalexin")).contains("cephalosporin", "cefazolin")
                .doesNotContain("penicillin", "amoxicillin");
    }

    @Test
    void aSulfaAllergyDoesNotCoverEveryAntibiotic() {
        assertThat(CLASSES.coveredByAllergy("sulfamethoxazole trimethoprim")).contains("sulfonamide antibiotic")
                .doesNotContain("amoxicillin", "ciprofloxacin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"apixaban", "clopidogrel", "insulin glargine", "levetiracetam", "albuterol", "warfarin",
            "anticoagulant"})
    void stoppingNeedsAReason(String drug) {
        assertThat(CLASSES.stopNeedsReason(drug)).isTrue();
        assertThat(CLASSES.stopReasonClass(drug)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"metoprolol", "lisinopril", "amoxicillin", "omeprazole"})
    void stoppingNeedsNoReason(String drug) {
        assertThat(CLASSES.stopNeedsReason(drug)).isFalse();
        assertThat(CLASSES.stopReasonClass(drug)).isNull();
    }

    @Test
    void normalizesNames() {
        assertThat(DrugClasses.norm("  Beta-Lactam   Antibiotics ")).isEqualTo("beta lactam antibiotics");
    }
}
