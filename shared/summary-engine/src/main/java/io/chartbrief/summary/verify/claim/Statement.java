package io.chartbrief.summary.verify.claim;

import io.chartbrief.summary.verify.evidence.CitedFact;
import io.chartbrief.summary.verify.lexicon.ClinicalLexicon;
import io.chartbrief.summary.verify.text.DoseWords;
import io.chartbrief.summary.verify.text.Token;
import io.chartbrief.summary.verify.text.Tokenizer;
import java.util.List;
import java.util.Set;

/**
 * One statement read for checking: its lexicon-normalized tokens, where frequency and route phrases sit, its
 * segments (split at , ; : ( ) and sentence ends) and the concept runs found in the cited facts. A claim binds to
 * the run nearest to it: before it in its segment, else after it in its segment, else the last run of an earlier
 * segment, else the first run of a later one.
 */
final class Statement {

    private static final Set<String> SEPARATORS = Set.of(",", ";", ":", "(", ")", ".", "[", "]", "!", "?");

    final List<Token> tokens;
    final DoseWords.Match[] dose;
    final boolean[] locked;
    final int[] segment;
    final List<Run> runs;
    final Run[] runAt;

    private Statement(List<Token> tokens, List<CitedFact> facts) {
        this.tokens = tokens;
        int n = tokens.size();
        dose = new DoseWords.Match[n];
        locked = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (!tokens.get(i).isWord()) {
                continue;
            }
            DoseWords.Match match = DoseWords.at(tokens, i);
            if (match != null) {
                dose[i] = match;
                for (int k = i; k < i + match.length() && k < n; k++) {
                    locked[k] = true;
                }
                i += match.length() - 1;
            }
        }
        segment = new int[n];
        int current = 0;
        for (int i = 0; i < n; i++) {
            Token t = tokens.get(i);
            if (t.kind() == Token.Kind.PUNCT && SEPARATORS.contains(t.text())) {
                current++;
            }
            segment[i] = current;
        }
        runs = ConceptMatcher.runs(tokens, locked, facts);
        runAt = new Run[n];
        for (Run run : runs) {
            for (int k = run.start(); k < run.end(); k++) {
                runAt[k] = run;
            }
        }
    }

    static Statement read(String text, List<CitedFact> facts, ClinicalLexicon lexicon) {
        return new Statement(lexicon.normalize(Tokenizer.tokens(text)), facts);
    }

    /** A statement over some of another statement's tokens (a recommendation's target or reason). */
    static Statement of(List<Token> tokens, List<CitedFact> facts) {
        return new Statement(tokens, facts);
    }

    int size() {
        return tokens.size();
    }

    Token token(int i) {
        return tokens.get(i);
    }

    boolean isWord(int i, String word) {
        return i >= 0 && i < tokens.size() && tokens.get(i).is(word);
    }

    boolean isPunct(int i, String punct) {
        return i >= 0 && i < tokens.size() && tokens.get(i).kind() == Token.Kind.PUNCT && tokens.get(i).text().equals(punct);
    }

    /**
     * The run a cue word ("low", "active", "stopped") is about: the concept right after it ("low magnesium"), else
     * the one {@link #bound} gives ("magnesium low").
     */
    Run cueBound(int position) {
        for (int i = position + 1; i < tokens.size(); i++) {
            if (runAt[i] != null) {
                return runAt[i];
            }
            Token t = tokens.get(i);
            if (!(t.isWord() && Cues.PROSE.contains(t.text()))) {
                break;
            }
        }
        return bound(position);
    }

    /** The run a claim at {@code position} is about, or null when the statement names no concept. */
    Run bound(int position) {
        int seg = segment[position];
        for (int i = position - 1; i >= 0 && segment[i] == seg; i--) {
            if (runAt[i] != null) {
                return runAt[i];
            }
        }
        for (int i = position + 1; i < tokens.size() && segment[i] == seg; i++) {
            if (runAt[i] != null) {
                return runAt[i];
            }
        }
        for (int i = position - 1; i >= 0; i--) {
            if (runAt[i] != null) {
                return runAt[i];
            }
        }
        for (int i = position + 1; i < tokens.size(); i++) {
            if (runAt[i] != null) {
                return runAt[i];
            }
        }
        return null;
    }

    /** The text of tokens {@code from..to} (exclusive), for messages. */
    String text(int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = Math.max(0, from); i < Math.min(to, tokens.size()); i++) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(tokens.get(i).text());
        }
        return out.toString();
    }
}
