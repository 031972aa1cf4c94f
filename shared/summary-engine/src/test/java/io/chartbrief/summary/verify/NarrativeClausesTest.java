package io.chartbrief.summary.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NarrativeClausesTest {

    @Test
    void aDecimalPointEndsNoSentence() {
        assertThat(NarrativeClauses.split("Potassium 5.9 mmol/L on admission. Sodium 139."))
                .containsExactly("Potassium 5.9 mmol/L on admission.", "Sodium 139.");
    }

    @Test
    void titlesAndInitialsEndNoSentence() {
        assertThat(NarrativeClauses.split("Seen by Dr. Smith on rounds. Plan discussed with J. Doe. Stable."))
                .containsExactly("Seen by Dr. Smith on rounds.", "Plan discussed with J. Doe.", "Stable.");
        assertThat(NarrativeClauses.split("Pneumonia vs. aspiration. Improving."))
                .containsExactly("Pneumonia vs. aspiration.", "Improving.");
    }

    @Test
    void semicolonsSeparateClauses() {
        assertThat(NarrativeClauses.split("Admitted with pneumonia; also sepsis. On apixaban"))
                .containsExactly("Admitted with pneumonia;", "also sepsis.", "On apixaban");
    }

    @Test
    void aLowerCaseWordAfterAPeriodContinuesTheSentence() {
        assertThat(NarrativeClauses.split("Metformin 500 mg q.d. with meals. Stable."))
                .containsExactly("Metformin 500 mg q.d. with meals.", "Stable.");
    }

    @Test
    void exclamationAndQuestionMarksAndEmptyClauses() {
        assertThat(NarrativeClauses.split("Critical potassium! Repeat now? Yes.")).containsExactly("Critical potassium!", "Repeat now?", "Yes.");
        assertThat(NarrativeClauses.split("Stable;;")).containsExactly("Stable;");
        assertThat(NarrativeClauses.split("   ")).isEmpty();
    }

    @Test
    void joinsKeptClausesEndingWithAPeriod() {
        assertThat(NarrativeClauses.join(List.of("Admitted with pneumonia;", "On apixaban;"))).isEqualTo("Admitted with pneumonia; On apixaban.");
        assertThat(NarrativeClauses.join(List.of("Stable."))).isEqualTo("Stable.");
        assertThat(NarrativeClauses.join(List.of())).isEmpty();
    }
}
