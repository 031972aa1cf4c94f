package io.chartbrief.summary.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a narrative into clauses (sentences, and parts of a sentence separated by ";") so that each is verified
 * on its own and an unverifiable clause is removed without the rest of the narrative. Decimal points, initials and
 * abbreviations with a period ("Dr.", "q.d.") do not end a sentence.
 */
final class NarrativeClauses {

    private NarrativeClauses() {
    }

    static List<String> split(String narrative) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String s = narrative.trim();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            current.append(c);
            boolean end = c == ';' || (c == '.' || c == '!' || c == '?') && sentenceEnd(s, i);
            if (end) {
                add(out, current);
            }
        }
        add(out, current);
        return out;
    }

    private static boolean sentenceEnd(String s, int i) {
        if (i + 1 >= s.length()) {
            return true;
        }
        if (!Character.isWhitespace(s.charAt(i + 1))) {
            return false;   // 5.9, q.d.
        }
        int k = i + 1;
        while (k < s.length() && Character.isWhitespace(s.charAt(k))) {
            k++;
        }
        if (k >= s.length()) {
            return true;
        }
        int w = i - 1;
        while (w >= 0 && Character.isLetter(s.charAt(w))) {
            w--;
        }
        String word = s.substring(w + 1, i);
        if (word.length() <= 2 && !word.isEmpty() && Character.isUpperCase(word.charAt(0)) && word.length() == 1
                || List.of("Dr", "Mr", "Mrs", "Ms", "St", "vs", "approx", "e.g", "i.e").contains(word)) {
            return false;
        }
        return Character.isUpperCase(s.charAt(k)) || Character.isDigit(s.charAt(k));
    }

    private static void add(List<String> out, StringBuilder current) {
        String clause = current.toString().trim();
        if (!clause.isEmpty() && clause.chars().anyMatch(Character::isLetterOrDigit)) {
            out.add(clause);
        }
        current.setLength(0);
    }

    /** The kept clauses as one narrative again. */
    static String join(List<String> clauses) {
        StringBuilder out = new StringBuilder();
        for (String clause : clauses) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(clause);
        }
        String joined = out.toString().trim();
        if (joined.endsWith(";")) {
            joined = joined.substring(0, joined.length() - 1) + ".";
        }
        return joined;
    }
}
