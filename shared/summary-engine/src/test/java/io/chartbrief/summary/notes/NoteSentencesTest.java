package io.chartbrief.summary.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NoteSentencesTest {

    private static List<String> sentences(String text) {
        return NoteSentences.split(text, 0, text.length()).stream().map(s -> s.text(text)).toList();
    }

    @Test
    void abbreviationsAndDecimalsDoNotEndSentences() {
        assertThat(sentences("Seen by Dr. Patel and Mr. J. Smith today. K 5.9, e.g. high. Take 1 tab p.o. b.i.d. "
                + "with food. She improved vs. last week! Any questions? None."))
                .containsExactly("Seen by Dr. Patel and Mr. J. Smith today.", "K 5.9, e.g. high.",
                        "Take 1 tab p.o. b.i.d. with food.", "She improved vs. last week!", "Any questions?", "None.");
    }

    @Test
    void listItemsAreSentencesWithoutTheirMarkers() {
        assertThat(sentences("Plan:\n1. Metformin 500 mg b.i.d.\n2) Lisinopril 10 mg\n- Diet\n* Exercise\n"
                + "• Follow up in 2 weeks\n(3) Labs\na) Repeat BMP"))
                .containsExactly("Plan:", "Metformin 500 mg b.i.d.", "Lisinopril 10 mg", "Diet", "Exercise",
                        "Follow up in 2 weeks", "Labs", "Repeat BMP");
        assertThat(sentences("1.  Bipolar disorder. 2.  Iron deficiency anemia. 3.  Anxiety disorder."))
                .containsExactly("Bipolar disorder.", "Iron deficiency anemia.", "Anxiety disorder.");
    }

    @Test
    void lineBreaks() {
        // label lines without periods are separate; wrapped prose continues; blank lines separate paragraphs
        assertThat(sentences("Temperature: 98.2 degrees F\nHeart rate: 72 bpm\nThe patient reports pain in\n"
                + "the left knee, worse with\nstairs and kneeling.\n\nNo fever"))
                .containsExactly("Temperature: 98.2 degrees F", "Heart rate: 72 bpm",
                        "The patient reports pain in\nthe left knee, worse with\nstairs and kneeling.", "No fever");
        assertThat(sentences("Jerry654\n is a newborn.\r\nNext line.\r\n")).containsExactly(
                "Jerry654\n is a newborn.", "Next line.");
    }

    @Test
    void offsetsSliceAndLongRunsAreCut() {
        String text = "x".repeat(10) + " " + "word ".repeat(600);
        List<NoteSentence> split = NoteSentences.split(text, 0, text.length());
        assertThat(split).hasSizeGreaterThan(2);
        for (NoteSentence s : split) {
            assertThat(s.end() - s.start()).isLessThanOrEqualTo(NoteSentences.MAX_SENTENCE);
            assertThat(s.text(text)).isEqualTo(s.text(text).strip());
        }
        assertThat(sentences("- \n  \n.")).isEmpty();
    }
}
