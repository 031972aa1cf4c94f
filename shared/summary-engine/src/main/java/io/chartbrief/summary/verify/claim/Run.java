package io.chartbrief.summary.verify.claim;

import io.chartbrief.summary.verify.evidence.CitedFact;
import io.chartbrief.summary.verify.evidence.Phrase;
import java.util.List;

/**
 * A run of a statement's words that names a concept of one or more cited facts: the words are found, in order, in
 * one wording ({@link Phrase}) of each fact listed. Claims of the statement (values, directions, dates…) bind to
 * the nearest run.
 *
 * @param start   first token of the run
 * @param end     one past the last token consumed
 * @param matches the facts (with the wording matched) that name this concept, best first
 */
record Run(int start, int end, List<Match> matches) {

    Run {
        matches = List.copyOf(matches);
    }

    /**
     * One fact's wording that matched.
     *
     * @param fact     the cited fact
     * @param phrase   the wording
     * @param firstKey index of the first phrase key matched
     * @param lastKey  index of the last phrase key matched
     */
    record Match(CitedFact fact, Phrase phrase, int firstKey, int lastKey) {
    }

    List<CitedFact> facts() {
        return matches.stream().map(Match::fact).distinct().toList();
    }

    /** The component index the run names in {@code fact} (a blood pressure's systolic part), or -1. */
    int component(CitedFact fact) {
        for (Match m : matches) {
            if (m.fact() == fact && m.phrase().component() >= 0) {
                return m.phrase().component();
            }
        }
        return -1;
    }
}
