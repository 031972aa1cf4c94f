package io.chartbrief.summary.notes;

/**
 * Bounds on note reading, so one huge note or a chart with thousands of notes cannot stall a summary.
 *
 * @param maxChars maximum decoded characters kept per note (addenda included); longer text is cut at a line boundary
 * @param maxNotes maximum notes read per chart, newest first; older ones are recorded as skipped
 */
public record NoteLimits(int maxChars, int maxNotes) {

    /** 256 Ki characters per note, 200 notes per chart. */
    public static final NoteLimits DEFAULT = new NoteLimits(256 * 1024, 200);

    public NoteLimits {
        if (maxChars < 1 || maxNotes < 1) {
            throw new IllegalArgumentException("note limits must be positive");
        }
    }

    /**
     * Most bytes worth decoding for {@code maxChars} characters of plain text (4 bytes per character at most in
     * UTF-8, 2–4 in UTF-16); markup gets more room because tags are not text.
     */
    long maxBytes(boolean markup) {
        return (long) maxChars * (markup ? 16 : 4);
    }

    /**
     * The length to keep of {@code text} so it has at most {@code max} characters: after the last line break that
     * fits, else after the last whitespace, else exactly {@code max} (never splitting a surrogate pair).
     */
    static int cut(CharSequence text, int max) {
        if (text.length() <= max) {
            return text.length();
        }
        for (int k = max; k > max / 2; k--) {
            if (text.charAt(k - 1) == '\n') {
                return k;
            }
        }
        for (int k = max; k > max / 2; k--) {
            if (Character.isWhitespace(text.charAt(k - 1))) {
                return k;
            }
        }
        return Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    }
}
