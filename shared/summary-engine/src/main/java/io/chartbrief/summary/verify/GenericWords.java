package io.chartbrief.summary.verify;

import java.util.Set;

/**
 * Words that carry no checkable clinical fact: English function words, the labels the fact renderer adds
 * ({@code onset}, {@code ordered}, {@code ref}…), and connecting words of clinical prose ({@code patient},
 * {@code history}, {@code elevated}). Every other word of a summary item must be found in its evidence, so this
 * list is deliberately short: a drug, problem, body site or unit name is never generic.
 */
public final class GenericWords {

    private static final Set<String> WORDS = Set.of(
            // function words
            "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "without", "by", "as",
            "is", "are", "was", "were", "be", "been", "has", "have", "had", "this", "that", "these", "those",
            "from", "since", "until", "after", "before", "during", "per", "his", "her", "their", "its", "he",
            "she", "they", "who", "which", "also", "not", "but", "than", "then", "there", "any", "all", "each",
            "currently", "current", "recent", "recently", "latest", "last", "most", "new", "known", "other",
            // renderer labels
            "onset", "ordered", "taking", "recorded", "dated", "performed", "criticality", "reaction", "ref",
            "reason", "encounter", "note", "notes", "hold", "born", "deceased", "patient", "observation",
            "condition", "medication", "allergy", "procedure",
            // clinical prose connectors
            "history", "presents", "presented", "presenting", "admitted", "admission", "diagnosed", "diagnosis",
            "active", "ongoing", "chronic", "status", "level", "levels", "value", "values", "result", "results",
            "review", "abnormal", "flagged", "chart", "elevated", "high", "low", "normal", "increased",
            "decreased", "above", "below", "range", "reference", "within", "outside", "noted", "shows", "showed",
            "year", "years", "old", "male", "female", "man", "woman", "summary", "problem", "problems",
            "medications", "allergies", "vitals", "vital", "signs", "sign", "lab", "labs", "test", "tests",
            "consider", "monitor", "continue", "check", "recheck", "reassess", "evaluate", "assess", "follow",
            "up", "repeat", "confirm", "avoid", "ensure", "prescribing", "manage", "management", "treatment",
            "therapy", "plan", "due", "given", "risk", "include", "includes", "including");

    private GenericWords() {
    }

    /** Whether a lower-case word is generic. */
    public static boolean contains(String word) {
        return word.length() < 2 || WORDS.contains(word);
    }
}
