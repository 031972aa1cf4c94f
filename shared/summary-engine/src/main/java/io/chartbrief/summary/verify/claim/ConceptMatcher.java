package io.chartbrief.summary.verify.claim;

import io.chartbrief.summary.verify.evidence.CitedFact;
import io.chartbrief.summary.verify.evidence.Phrase;
import io.chartbrief.summary.verify.text.MatchKeys;
import io.chartbrief.summary.verify.text.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the concepts a statement names in its cited facts: greedy longest runs of its words that appear, in order,
 * in one wording of a fact (words may be left out: "kidney disease" names "Chronic kidney disease stage 3"; prose
 * words inside a run are skipped). Cue words (no, low, history…) belong to a run only inside a concept name that
 * has them ("low back pain"), never alone; a number followed by a unit is a measurement, not part of a name —
 * unless the fact's own wording has that number and unit at that place ("SARS coronavirus 2 S gene").
 * Words no run covers are left for the claim checks, and content words among them make a statement unverifiable.
 */
final class ConceptMatcher {

    private ConceptMatcher() {
    }

    /**
     * The runs of a statement.
     *
     * @param tokens lexicon-normalized tokens
     * @param locked positions that may not be part of a run (frequency and route words)
     * @param facts  the cited facts
     */
    static List<Run> runs(List<Token> tokens, boolean[] locked, List<CitedFact> facts) {
        List<Run> runs = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Run best = startable(tokens, locked, i) ? longest(tokens, locked, i, facts) : null;
            if (best == null) {
                i++;
            } else {
                runs.add(best);
                i = best.end();
            }
        }
        return runs;
    }

    private static boolean startable(List<Token> tokens, boolean[] locked, int i) {
        Token t = tokens.get(i);
        if (locked[i] || !(t.isWord() || t.kind() == Token.Kind.NUMBER) || t.isWord() && Cues.PROSE.contains(t.text())) {
            return false;
        }
        return !measurement(tokens, i);
    }

    private static boolean measurement(List<Token> tokens, int i) {
        return tokens.get(i).kind() == Token.Kind.NUMBER && i + 1 < tokens.size()
                && tokens.get(i + 1).kind() == Token.Kind.UNIT;
    }

    private static Run longest(List<Token> tokens, boolean[] locked, int start, List<CitedFact> facts) {
        int bestCount = 0;
        int bestEnd = start;
        boolean bestName = false;
        List<Run.Match> matches = new ArrayList<>();
        for (CitedFact fact : facts) {
            Attempt factBest = null;
            for (Phrase phrase : fact.phrases()) {
                Attempt a = attempt(tokens, locked, start, phrase);
                if (a == null) {
                    continue;
                }
                if (factBest == null || a.count > factBest.count || a.count == factBest.count && phrase.name() && !factBest.phrase.name()) {
                    factBest = a;
                }
            }
            if (factBest == null) {
                continue;
            }
            boolean better = factBest.count > bestCount || factBest.count == bestCount && factBest.phrase.name() && !bestName;
            if (better) {
                matches.clear();
                bestCount = factBest.count;
                bestEnd = factBest.end;
                bestName = factBest.phrase.name();
            }
            if (better || factBest.count == bestCount && factBest.phrase.name() == bestName && factBest.end == bestEnd) {
                matches.add(new Run.Match(fact, factBest.phrase, factBest.firstKey, factBest.lastKey));
            }
        }
        return bestCount == 0 ? null : new Run(start, bestEnd, matches);
    }

    private static boolean insideName(List<Token> tokens, boolean[] locked, int j) {
        return measurement(tokens, j) && j + 2 < tokens.size() && !locked[j] && !locked[j + 1] && !locked[j + 2]
                && tokens.get(j + 2).isWord();
    }

    private static int nextKey(List<String> keys, int from, String key) {
        for (int q = from; q < keys.size(); q++) {
            if (keys.get(q).equals(key)) {
                return q;
            }
        }
        return -1;
    }

    /** One phrase tried from one start: how many words matched, up to where. */
    private record Attempt(Phrase phrase, int count, int end, int firstKey, int lastKey) {
    }

    /**
     * Direction and status words may belong to a detail wording too ("reaction: low blood pressure"); negation,
     * uncertainty and family words only to a concept's own name.
     */
    private static boolean soft(String word) {
        return (Cues.DIRECTION.containsKey(word) || Cues.STATUS.containsKey(word) || Cues.TREND.containsKey(word))
                && !Cues.NEGATION.contains(word) && !Cues.UNCERTAINTY.contains(word);
    }

    private static Attempt attempt(List<Token> tokens, boolean[] locked, int start, Phrase phrase) {
        List<String> keys = phrase.keys();
        int position = -1;
        int first = -1;
        int count = 0;
        int cues = 0;
        int end = start;
        for (int j = start; j < tokens.size(); j++) {
            Token t = tokens.get(j);
            if (insideName(tokens, locked, j) && position >= 0) {
                // "SARS coronavirus 2 S gene": a number and unit inside the chart's own wording, a name word on
                // either side, are name words ("apixaban 5 mg" stays a dose: nothing of the name follows it)
                int q = nextKey(keys, position + 1, MatchKeys.of(t));
                if (q >= 0 && q + 2 < keys.size() && keys.get(q + 1).equals(MatchKeys.of(tokens.get(j + 1)))
                        && MatchKeys.same(keys.get(q + 2), MatchKeys.of(tokens.get(j + 2)))) {
                    position = q + 1;
                    first = first < 0 ? q : first;
                    count += 2;
                    end = j + 2;
                    j++;
                    continue;
                }
            }
            if (locked[j] || t.kind() == Token.Kind.PUNCT || t.kind() == Token.Kind.DATE || t.kind() == Token.Kind.UNIT
                    || measurement(tokens, j)) {
                break;
            }
            String key = MatchKeys.of(t);
            int found = -1;
            for (int q = position + 1; q < keys.size(); q++) {
                if (MatchKeys.same(keys.get(q), key)) {
                    found = q;
                    break;
                }
            }
            boolean cue = t.isWord() && Cues.isCue(t.text());
            if (found >= 0 && (!cue || phrase.name() || soft(t.text()))) {
                position = found;
                first = first < 0 ? found : first;
                count++;
                cues += cue ? 1 : 0;
                end = j + 1;
            } else if (t.isWord() && Cues.PROSE.contains(t.text()) && !cue) {
                continue;   // "atrial fibrillation with rapid ventricular response": prose may sit inside a name
            } else {
                break;
            }
        }
        if (count == 0 || count == cues && !(phrase.name() && keys.size() == count)) {
            return null;   // a cue word alone never names a concept, unless it is the chart's whole wording ("No")
        }
        return new Attempt(phrase, count, end, first, position);
    }
}
