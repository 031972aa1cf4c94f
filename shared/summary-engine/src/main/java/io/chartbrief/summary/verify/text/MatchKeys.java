package io.chartbrief.summary.verify.text;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Match keys of tokens: a word is itself, a number its normalized value ({@code 5.90} → {@code 5.9}), a unit
 * {@code u:} and its UCUM code; punctuation and dates have none. Keys compare with a plural allowance
 * ({@code allergies} = {@code allergy}, {@code tablets} = {@code tablet}).
 */
public final class MatchKeys {

    private MatchKeys() {
    }

    /** The key of a token, or null when it has none. */
    public static String of(Token token) {
        return switch (token.kind()) {
            case WORD -> token.text().endsWith("+") ? token.text().substring(0, token.text().length() - 1) : token.text();
            case NUMBER -> "n:" + normalize(token.number()).toPlainString();
            case UNIT -> "u:" + token.unit();
            default -> null;
        };
    }

    /** Keys of a token list (tokens without a key are left out). */
    public static List<String> of(List<Token> tokens) {
        List<String> keys = new ArrayList<>();
        for (Token t : tokens) {
            String key = of(t);
            if (key != null) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** Whether two keys are the same word (or number, or unit), allowing a plural difference. */
    public static boolean same(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (a.startsWith("n:") || a.startsWith("u:") || b.startsWith("n:") || b.startsWith("u:")) {
            return false;
        }
        return plural(a, b) || plural(b, a);
    }

    private static boolean plural(String longer, String shorter) {
        if (longer.length() < 4 || longer.length() <= shorter.length()) {
            return false;
        }
        return longer.equals(shorter + "s") || longer.equals(shorter + "es")
                || longer.endsWith("ies") && shorter.endsWith("y")
                && longer.substring(0, longer.length() - 3).equals(shorter.substring(0, shorter.length() - 1));
    }

    /** A number without trailing zeros. */
    public static BigDecimal normalize(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
