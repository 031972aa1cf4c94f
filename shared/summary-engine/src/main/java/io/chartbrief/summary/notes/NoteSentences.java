package io.chartbrief.summary.notes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits note text into sentences with offsets, for quoting sentences verbatim.
 *
 * <p>A sentence ends at {@code . ! ?} (with closing quotes/brackets) followed by a line break, or by whitespace and
 * an upper-case letter, digit, bracket, quote or bullet — not after a title or Latin abbreviation ("Dr.", "e.g.",
 * "vs.") or a single initial, and never inside a number ("5.9") or a dotted abbreviation ("b.i.d. x" stays one).
 * It also ends at a blank line, before a line that starts a list item ({@code -}, {@code *}, {@code •},
 * {@code 1.}, {@code 1)}, {@code a)}, {@code (1)}), and at a line break unless the next line starts in lower case or
 * the line ends with {@code , ; - ( & /} (wrapped prose). Each list item is a sentence of its own; its marker is not
 * part of it. A sentence longer than {@value #MAX_SENTENCE} characters is cut at a space. Sentences without a letter
 * or digit are dropped.
 */
public final class NoteSentences {

    /** Longest sentence: a megabyte line without punctuation must not become one quotable sentence. */
    static final int MAX_SENTENCE = 1000;

    private static final Set<String> NO_BREAK_AFTER = Set.of("dr", "mr", "mrs", "ms", "prof", "sr", "jr", "st", "vs",
            "e.g", "i.e", "eg", "ie", "cf", "al", "approx", "fig", "ref", "dept", "inc", "mt", "viz", "resp");

    private NoteSentences() {
    }

    /** The sentences of a section's body. */
    public static List<NoteSentence> of(String text, NoteSection section) {
        return split(text, section.bodyStart(), section.bodyEnd());
    }

    /** The sentences of {@code text[from, to)}. */
    public static List<NoteSentence> split(String text, int from, int to) {
        List<NoteSentence> out = new ArrayList<>();
        int pos = from;
        while (pos < to) {
            while (pos < to && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= to) {
                break;
            }
            pos = afterMarker(text, pos, to);
            int end = end(text, pos, to);
            int stop = end;
            while (stop > pos && Character.isWhitespace(text.charAt(stop - 1))) {
                stop--;
            }
            if (hasLetterOrDigit(text, pos, stop)) {
                out.add(new NoteSentence(pos, stop));
            }
            pos = Math.max(end, pos + 1);
        }
        return out;
    }

    /** Where the sentence starting at {@code start} ends (exclusive, may include trailing whitespace). */
    private static int end(String text, int start, int to) {
        int limit = Math.min(to, start + MAX_SENTENCE);
        for (int j = start; j < limit; j++) {
            char c = text.charAt(j);
            if (c == '\n' || c == '\r') {
                if (lineBreakEnds(text, start, j, to)) {
                    return j;
                }
            } else if (c == '.' || c == '!' || c == '?') {
                int after = j + 1;
                while (after < to && isCloser(text.charAt(after))) {
                    after++;
                }
                if (after >= to) {
                    return to;
                }
                if (Character.isWhitespace(text.charAt(after)) && terminates(text, start, j, after, to)) {
                    return after;
                }
                j = after - 1;
            }
        }
        if (limit == to) {
            return to;
        }
        for (int k = limit; k > start + MAX_SENTENCE / 2; k--) {
            if (Character.isWhitespace(text.charAt(k - 1))) {
                return k;
            }
        }
        return limit;
    }

    /** Whether the punctuation at {@code at}, followed by whitespace from {@code after}, ends a sentence. */
    private static boolean terminates(String text, int start, int at, int after, int to) {
        int next = after;
        boolean newline = false;
        while (next < to && Character.isWhitespace(text.charAt(next))) {
            newline |= text.charAt(next) == '\n' || text.charAt(next) == '\r';
            next++;
        }
        if (text.charAt(at) == '.' && noBreakAfter(text, start, at)) {
            return false;
        }
        if (newline || next >= to) {
            return true;
        }
        char c = text.charAt(next);
        return Character.isUpperCase(c) || Character.isDigit(c) || "\"'“‘([•-*·–".indexOf(c) >= 0;
    }

    /** A title/Latin abbreviation or single initial before a period. */
    private static boolean noBreakAfter(String text, int start, int period) {
        int k = period;
        while (k > start && !Character.isWhitespace(text.charAt(k - 1)) && text.charAt(k - 1) != '(') {
            k--;
        }
        String token = text.substring(k, period).toLowerCase(Locale.ROOT);
        if (token.length() == 1 && Character.isLetter(token.charAt(0))) {
            return true;
        }
        return NO_BREAK_AFTER.contains(token);
    }

    /** Whether the line break at {@code at} ends the sentence begun at {@code start}. */
    private static boolean lineBreakEnds(String text, int start, int at, int to) {
        int next = at;
        if (text.charAt(next) == '\r' && next + 1 < to && text.charAt(next + 1) == '\n') {
            next++;
        }
        next++;
        int k = next;
        while (k < to && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
            k++;
        }
        if (k >= to || text.charAt(k) == '\n' || text.charAt(k) == '\r') {
            return true; // blank line or end
        }
        if (afterMarker(text, k, to) != k) {
            return true; // a list item starts
        }
        int last = at;
        while (last > start && Character.isWhitespace(text.charAt(last - 1))) {
            last--;
        }
        if (last > start && ",;-(&/".indexOf(text.charAt(last - 1)) >= 0) {
            return false;
        }
        return !Character.isLowerCase(text.charAt(k));
    }

    /** Index after a list marker and its spaces at {@code at}, or {@code at} when there is none. */
    private static int afterMarker(String text, int at, int to) {
        int k = at;
        char c = text.charAt(k);
        if ("-*•·–+▪◦‣".indexOf(c) >= 0) {
            k++;
        } else if (c == '(') {
            int d = k + 1;
            while (d < to && d - k <= 3 && Character.isDigit(text.charAt(d))) {
                d++;
            }
            if (d == k + 1 || d >= to || text.charAt(d) != ')') {
                return at;
            }
            k = d + 1;
        } else if (Character.isDigit(c)) {
            int d = k;
            while (d < to && d - k < 3 && Character.isDigit(text.charAt(d))) {
                d++;
            }
            if (d >= to || (text.charAt(d) != '.' && text.charAt(d) != ')')) {
                return at;
            }
            k = d + 1;
        } else if (c >= 'a' && c <= 'z' && k + 1 < to && text.charAt(k + 1) == ')') {
            k += 2;
        } else {
            return at;
        }
        if (k >= to || (text.charAt(k) != ' ' && text.charAt(k) != '\t')) {
            return at; // "-5 degrees", "5.9", "1.2.3": no marker
        }
        while (k < to && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
            k++;
        }
        return k;
    }

    private static boolean isCloser(char c) {
        return c == ')' || c == ']' || c == '"' || c == '\'' || c == '”' || c == '’' || c == '.' || c == '!'
                || c == '?';
    }

    private static boolean hasLetterOrDigit(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            if (Character.isLetterOrDigit(text.charAt(k))) {
                return true;
            }
        }
        return false;
    }
}
