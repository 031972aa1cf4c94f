package io.chartbrief.summary.verify.text;

import java.math.BigDecimal;

/**
 * One token of clinical text, lower-case.
 *
 * @param kind   what it is
 * @param text   its normalized text (a word, the number as written, the ISO date, the unit as written)
 * @param number the value of a {@link Kind#NUMBER}, else null
 * @param date   a {@link Kind#DATE} as ISO {@code yyyy}, {@code yyyy-mm} or {@code yyyy-mm-dd}, else null
 * @param unit   a {@link Kind#UNIT} as a UCUM code ({@code mmol/L}, {@code /min}), else null
 */
public record Token(Kind kind, String text, BigDecimal number, String date, String unit) {

    /** Token kinds. */
    public enum Kind { WORD, NUMBER, DATE, UNIT, PUNCT }

    public static Token word(String text) {
        return new Token(Kind.WORD, text, null, null, null);
    }

    public static Token punct(String text) {
        return new Token(Kind.PUNCT, text, null, null, null);
    }

    public boolean isWord() {
        return kind == Kind.WORD;
    }

    public boolean is(String word) {
        return kind == Kind.WORD && text.equals(word);
    }
}
