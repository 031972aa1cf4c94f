package io.chartbrief.summary.verify.note;

import io.chartbrief.summary.verify.claim.Cues;
import io.chartbrief.summary.verify.evidence.RelativeWords;
import io.chartbrief.summary.verify.lexicon.ClinicalLexicon;
import io.chartbrief.summary.verify.text.MatchKeys;
import io.chartbrief.summary.verify.text.Token;
import io.chartbrief.summary.verify.text.Tokenizer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Free text read into what a note statement asserts, word by word: for each content word its clause, whether it
 * lies in a negation's scope ("denies chest pain", "troponin negative"), who it is about (the patient, or the
 * relatives its clause names — "mother with breast cancer"; an informant such as "daughter reports" is not the
 * subject), whether its clause is uncertain ("possible pneumonia") and which status it states ("resolved",
 * "history of"); and the numbers with the unit or word after them. Both the summary's statement and the cited
 * passage are read this way, so they compare. Lexicon-normalized, so "SOB" and "shortness of breath" are one word.
 */
final class PassageReading {

    /** Clause ends besides sentence punctuation: a new clause starts after them. */
    private static final Set<String> CLAUSE_PUNCT = Set.of(".", ";", "!", "?", ":");
    /** Words after a relative that make the relative the informant, not the subject. */
    private static final Set<String> INFORMANT = Set.of("reports", "reported", "states", "stated", "says", "said",
            "notes", "noted", "noticed", "brought", "brings", "called", "calls", "found", "accompanies",
            "accompanied", "provides", "provided", "gives", "gave", "witnessed", "observed", "describes", "described");
    /** Words before a relative that make it the informant ("per daughter", "accompanied by his wife"). */
    private static final Set<String> INFORMANT_BEFORE = Set.of("per", "by", "via");
    /** Words that start a positive finding, ending a negation's scope ("denies fever, reports cough"). */
    private static final Set<String> AFFIRMING = Set.of("reports", "reporting", "endorses", "endorsing", "complains",
            "complaining", "admits", "describes", "has", "had", "with", "developed", "presents", "experiencing");
    static final Set<String> LATERALITY = Set.of("left", "right", "bilateral", "bilaterally");
    private static final Map<String, BigDecimal> NUMBER_WORDS = Map.ofEntries(Map.entry("one", BigDecimal.ONE),
            Map.entry("two", BigDecimal.valueOf(2)), Map.entry("three", BigDecimal.valueOf(3)),
            Map.entry("four", BigDecimal.valueOf(4)), Map.entry("five", BigDecimal.valueOf(5)),
            Map.entry("six", BigDecimal.valueOf(6)), Map.entry("seven", BigDecimal.valueOf(7)),
            Map.entry("eight", BigDecimal.valueOf(8)), Map.entry("nine", BigDecimal.valueOf(9)),
            Map.entry("ten", BigDecimal.TEN), Map.entry("twice", BigDecimal.valueOf(2)),
            Map.entry("once", BigDecimal.ONE));

    /** One content word as the text asserts it. */
    record Mention(String key, int position, int clause, boolean negated, Set<String> relatives, boolean uncertain,
            Set<String> statuses) {
    }

    /** One number, with the key of the unit or word after it (null when none). */
    record Number(BigDecimal value, String unit, int clause) {
    }

    final List<Token> tokens;
    final List<Mention> mentions = new ArrayList<>();
    final List<Number> numbers = new ArrayList<>();
    final List<String> dates = new ArrayList<>();
    /** Cue words by position (direction, trend, status), canonical value. */
    final List<Cue> cues = new ArrayList<>();
    /** For each token, the words of the text it came from (the lexicon rewrites variants). */
    private final List<String> sources;
    final List<Integer> clauseOf;
    /** Every status the text states, in any clause. */
    final Set<String> allStatuses = new HashSet<>();

    /** A direction, trend or status word as a claim: its kind and the value it states. */
    record Cue(String kind, String value, String word, int position, int clause, boolean negated) {
    }

    private PassageReading(ClinicalLexicon.Normalized normalized) {
        this.tokens = normalized.tokens();
        this.sources = normalized.sources();
        List<Token> tokens = this.tokens;
        int n = tokens.size();
        clauseOf = new ArrayList<>(n);
        int clause = 0;
        for (int i = 0; i < n; i++) {
            Token t = tokens.get(i);
            if (t.kind() == Token.Kind.PUNCT && CLAUSE_PUNCT.contains(t.text())
                    || t.isWord() && Cues.TERMINATORS.contains(t.text())) {
                clause++;
            }
            clauseOf.add(clause);
        }
        boolean[] negated = negations(tokens);
        Map<Integer, Set<String>> relatives = new java.util.HashMap<>();
        Set<Integer> uncertainClauses = new HashSet<>();
        Map<Integer, Set<String>> statuses = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            Token t = tokens.get(i);
            if (!t.isWord()) {
                continue;
            }
            String w = t.text();
            int c = clauseOf.get(i);
            if ((RelativeWords.WORDS.contains(w) || Cues.FAMILY.contains(w)) && !informant(i)) {
                relatives.computeIfAbsent(c, k -> new HashSet<>()).add(w);
            }
            if (Cues.UNCERTAINTY.contains(w)) {
                uncertainClauses.add(c);
            }
            if (Cues.STATUS.containsKey(w) && !(i > 0 && tokens.get(i - 1).isWord()
                    && Cues.FAMILY.contains(tokens.get(i - 1).text()))) {
                statuses.computeIfAbsent(c, k -> new HashSet<>()).add(Cues.STATUS.get(w));
                allStatuses.add(Cues.STATUS.get(w));
            }
        }
        for (int i = 0; i < n; i++) {
            Token t = tokens.get(i);
            int c = clauseOf.get(i);
            if (t.kind() == Token.Kind.DATE) {
                dates.add(t.date());
            } else if (t.kind() == Token.Kind.NUMBER) {
                numbers.add(new Number(MatchKeys.normalize(t.number()), unitAfter(i), c));
            } else if (t.isWord() && NUMBER_WORDS.containsKey(t.text())) {
                numbers.add(new Number(NUMBER_WORDS.get(t.text()), unitAfter(i), c));
            } else if (t.isWord()) {
                String w = t.text();
                boolean familyHistory = "history".equals(w) && i > 0 && tokens.get(i - 1).isWord()
                        && Cues.FAMILY.contains(tokens.get(i - 1).text());
                if (familyHistory) {
                    // "family history of": who it is about, not a status
                } else if (Cues.DIRECTION.containsKey(w)) {
                    cues.add(new Cue("direction", Cues.DIRECTION.get(w), w, i, c, negated[i]));
                } else if (Cues.TREND.containsKey(w)) {
                    cues.add(new Cue("trend", Cues.TREND.get(w), w, i, c, negated[i]));
                } else if (Cues.STATUS.containsKey(w)) {
                    cues.add(new Cue("status", Cues.STATUS.get(w), w, i, c, negated[i]));
                }
                boolean unitOfNumberWord = i > 0 && tokens.get(i - 1).isWord()
                        && NUMBER_WORDS.containsKey(tokens.get(i - 1).text()) && unitKey(w).startsWith("u:");
                if (content(w) && !unitOfNumberWord) {
                    mentions.add(new Mention(MatchKeys.of(t), i, c, negated[i],
                            Set.copyOf(relatives.getOrDefault(c, Set.of())), uncertainClauses.contains(c),
                            Set.copyOf(statuses.getOrDefault(c, Set.of()))));
                }
            }
        }
    }

    static PassageReading of(String text, ClinicalLexicon lexicon) {
        return new PassageReading(lexicon.normalizeTracked(Tokenizer.tokens(text)));
    }

    /** The words of the text a mention stands for ("fever", where its key is the lexicon's canonical word). */
    String words(Mention m) {
        return sources.get(m.position());
    }

    /**
     * A word that names something: not prose, not a cue (negation, uncertainty, status, direction, trend, relative,
     * which are claims checked on their own), not a number word. Severity and frequency words are content here
     * ("mild" is not "severe"), although the structured checks treat them as prose.
     */
    static boolean content(String w) {
        if (Cues.NEGATION.contains(w) || Cues.UNCERTAINTY.contains(w) || Cues.STATUS.containsKey(w)
                || Cues.DIRECTION.containsKey(w) || Cues.TREND.containsKey(w) || RelativeWords.WORDS.contains(w)
                || Cues.FAMILY.contains(w) || NUMBER_WORDS.containsKey(w) || INFORMANT.contains(w)) {
            return false;
        }
        return NoteProse.SIGNIFICANT.contains(w) || !(Cues.PROSE.contains(w) || NoteProse.WORDS.contains(w));
    }

    /**
     * Negation scopes: from a negation cue to the clause's end (or a comma-free terminator); a cue with no content
     * word after it in its scope ("troponin negative", "PE ruled out") negates the content words before it in its
     * clause.
     */
    private boolean[] negations(List<Token> tokens) {
        int n = tokens.size();
        boolean[] negated = new boolean[n];
        for (int i = 0; i < n; i++) {
            Token t = tokens.get(i);
            if (!t.isWord() || !Cues.NEGATION.contains(t.text())) {
                continue;
            }
            int clause = clauseOf.get(i);
            boolean any = false;
            for (int k = i + 1; k < n && clauseOf.get(k) == clause; k++) {
                Token u = tokens.get(k);
                if (u.isWord() && AFFIRMING.contains(u.text())) {
                    break;
                }
                if (u.isWord() && content(u.text())) {
                    negated[k] = true;
                    any = true;
                } else if (u.isWord() && (Cues.DIRECTION.containsKey(u.text()) || Cues.STATUS.containsKey(u.text()))) {
                    negated[k] = true;
                }
            }
            if (!any) {
                for (int k = i - 1; k >= 0 && clauseOf.get(k) == clause; k--) {
                    negated[k] = true;
                }
            }
        }
        return negated;
    }

    private boolean informant(int i) {
        for (int k = i + 1; k < Math.min(tokens.size(), i + 3); k++) {
            if (tokens.get(k).isWord() && INFORMANT.contains(tokens.get(k).text())) {
                return true;
            }
        }
        for (int k = Math.max(0, i - 3); k < i; k++) {
            if (tokens.get(k).isWord() && INFORMANT_BEFORE.contains(tokens.get(k).text())) {
                return true;
            }
        }
        return false;
    }

    /** The unit after a number ({@code u:mg}), else the next word's key ("3 days", "67 year old"), else null. */
    private String unitAfter(int i) {
        int k = i + 1;
        while (k < tokens.size() && tokens.get(k).kind() == Token.Kind.PUNCT && tokens.get(k).text().equals("-")) {
            k++;
        }
        if (k >= tokens.size()) {
            return null;
        }
        Token next = tokens.get(k);
        if (next.kind() == Token.Kind.UNIT) {
            return MatchKeys.of(next);
        }
        // a time word after a number word ("three days"); other words are not units ("type 2 diabetes")
        String key = next.isWord() ? unitKey(MatchKeys.of(next)) : null;
        return key != null && key.startsWith("u:") ? key : null;
    }

    /** Time words written after a number word ("three days") as the UCUM unit the tokenizer gives after digits. */
    private static String unitKey(String key) {
        return switch (key) {
            case "yrs", "yr", "years", "year", "yo", "y" -> "u:a";
            case "days", "day", "d" -> "u:d";
            case "weeks", "week", "wks", "wk" -> "u:wk";
            case "months", "month", "mos", "mo" -> "u:mo";
            case "hours", "hour", "hrs", "hr", "h" -> "u:h";
            default -> key;
        };
    }
}
