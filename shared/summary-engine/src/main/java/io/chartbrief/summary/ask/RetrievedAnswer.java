package io.chartbrief.summary.ask;

import java.util.List;

/**
 * What the chart holds on a question, without a model: the matching chart facts and note sentences, ranked, each
 * cited. It is labelled as retrieved facts, never as an answer — a clinician reads them, nothing is inferred.
 *
 * @param question   the question as asked
 * @param kind       {@code retrieved-facts}
 * @param terms      the question's words that were looked for (after stop words, with synonyms)
 * @param statements what matched, best first; empty when nothing in the chart matches
 * @param notice     how to read it
 */
public record RetrievedAnswer(String question, String kind, List<String> terms, List<Statement> statements,
        String notice) {

    public static final String KIND = "retrieved-facts";
    public static final String NOTICE = "Retrieved chart facts and note sentences that match the question, not an"
            + " answer: read them, and the record, yourself.";

    public RetrievedAnswer {
        terms = List.copyOf(terms);
        statements = List.copyOf(statements);
    }

    /** Whether anything in the chart matched. */
    public boolean found() {
        return !statements.isEmpty();
    }

    /**
     * One retrieved statement.
     *
     * @param text     the chart fact's text, or the note sentence verbatim
     * @param evidence {@code Type/id} of the resource it comes from (then supporting ones)
     * @param date     {@code yyyy-mm-dd} as the chart dates it, or null
     * @param source   {@code chart} (a structured resource) or {@code note} (a sentence of a note)
     * @param quote    for a note sentence: where it lies in the note's decoded text; else null
     */
    public record Statement(String text, List<String> evidence, String date, String source, Quote quote) {

        public Statement {
            evidence = List.copyOf(evidence);
        }
    }

    /** A note sentence's place: characters {@code [start, end)} of the note's decoded text, in its section. */
    public record Quote(String note, String section, int start, int end) {
    }
}
