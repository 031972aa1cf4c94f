package io.chartbrief.summary.verify.note;

import java.util.Set;

/** Word lists of note statements beyond the verifier's {@code Cues}. */
final class NoteProse {

    private NoteProse() {
    }

    /** Words of how notes narrate that carry no fact of their own ("complains of", "states that"). */
    static final Set<String> WORDS = Set.of("reports", "reporting", "states", "stating", "complains", "complaining",
            "endorses", "endorsing", "admits", "describes", "describing", "says", "feels", "feeling", "experiencing",
            "experiences", "experienced", "developed", "develops", "began", "begun", "since", "ago", "that", "it",
            "she", "he", "we", "i", "our", "my", "us", "you", "your", "x", "times", "mr", "mrs", "ms", "dr", "does",
            "did", "do", "am", "being", "when", "while", "about", "some", "so", "very", "quite", "not", "also",
            "further", "additionally", "overall", "currently", "presently", "initially", "subsequently",
            "prior", "went", "came", "come", "comes", "seen", "evaluated", "evaluation", "here", "ed", "er",
            "emergency", "department", "room", "hospital", "clinic", "office");

    /**
     * Words the structured checks treat as prose but a note statement cannot drop or change: severity, frequency,
     * acuity ("mild" is not "severe", "acute" not "chronic").
     */
    static final Set<String> SIGNIFICANT = Set.of("mild", "mildly", "moderate", "moderately", "severe", "severely",
            "markedly", "marked", "slightly", "slight", "significant", "daily", "acute", "chronic", "started",
            "continue", "continued", "will", "plan", "planned", "consider", "recommend", "recommended");
}
