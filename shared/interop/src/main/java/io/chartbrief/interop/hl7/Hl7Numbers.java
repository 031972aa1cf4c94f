package io.chartbrief.interop.hl7;

import java.math.BigDecimal;

/**
 * Reads HL7 numeric text ({@code [+-]digits[.digits]} or {@code [+-].digits}) in one pass with a length cap, so
 * a field of a million digits costs one bounded look rather than a regular-expression backtrack and a huge
 * BigDecimal.
 */
final class Hl7Numbers {

    private Hl7Numbers() {
    }

    /**
     * @param text     the value (already trimmed by the caller where HL7 allows padding)
     * @param maxChars longest text read as a number
     * @return the number, or {@code null} when the text is not a plain decimal or longer than {@code maxChars}
     */
    static BigDecimal parse(String text, int maxChars) {
        if (!isNumber(text, maxChars)) {
            return null;
        }
        return new BigDecimal(text.charAt(0) == '+' ? text.substring(1) : text);
    }

    /** @return whether {@link #parse(String, int)} would return a number */
    static boolean isNumber(String text, int maxChars) {
        int n = text.length();
        if (n == 0 || n > maxChars) {
            return false;
        }
        int i = text.charAt(0) == '+' || text.charAt(0) == '-' ? 1 : 0;
        int digits = 0;
        boolean point = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return false;
            }
        }
        return digits > 0;
    }
}
