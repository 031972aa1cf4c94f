package io.chartbrief.interop.hl7;

import java.util.ArrayList;
import java.util.List;

/**
 * Normalizes ER7 (pipe-delimited) HL7 v2 text as real feeds deliver it: files saved with {@code \n} or
 * {@code \r\n}, a UTF-8 byte order mark, blank lines between segments, or junk before the MSH segment.
 */
public final class Er7Text {

    /**
     * Result of {@link #clean(String)}.
     *
     * @param text     segments separated by {@code \r} (no trailing separator)
     * @param warnings what was dropped, e.g. {@code dropped 3 lines before MSH}
     */
    public record Cleaned(String text, List<String> warnings, int droppedLines) {
        public Cleaned {
            warnings = List.copyOf(warnings);
        }
    }

    private Er7Text() {
    }

    /**
     * Strips a BOM, drops lines before the first {@code MSH}, normalizes every line break style to {@code \r},
     * drops blank lines and trailing whitespace of each segment.
     *
     * @param raw message text as received; {@code null} is treated as empty
     * @return the cleaned text and warnings (never {@code null})
     */
    public static Cleaned clean(String raw) {
        if (raw == null || raw.isEmpty()) {
            return new Cleaned("", List.of(), 0);
        }
        String s = raw.charAt(0) == '\uFEFF' ? raw.substring(1) : raw;
        List<String> warnings = new ArrayList<>(1);
        StringBuilder out = new StringBuilder(s.length());
        boolean seenMsh = s.startsWith("MSH") || s.indexOf("MSH") < 0; // without any MSH keep everything
        int dropped = 0;
        int i = 0;
        int n = s.length();
        while (i < n) {
            int end = i;
            while (end < n && s.charAt(end) != '\r' && s.charAt(end) != '\n') {
                end++;
            }
            int stop = end;
            while (stop > i && Character.isWhitespace(s.charAt(stop - 1))) {
                stop--;
            }
            if (!seenMsh && stop > i) {
                int at = s.indexOf("MSH", i);
                if (at > i && at < stop) {
                    // "[SOM]MSH|…", a vertical tab or other framing left in front of MSH on its own line
                    warnings.add("dropped " + (at - i) + " characters before MSH on its line");
                    i = at;
                }
            }
            if (stop > i) {
                if (!seenMsh && s.startsWith("MSH", i)) {
                    seenMsh = true;
                }
                if (seenMsh) {
                    if (out.length() > 0) {
                        out.append('\r');
                    }
                    out.append(s, i, stop);
                } else {
                    dropped++;
                }
            }
            // swallow exactly one line break of any style (\r\n counts as one)
            if (end < n && s.charAt(end) == '\r' && end + 1 < n && s.charAt(end + 1) == '\n') {
                end++;
            }
            i = end + 1;
        }
        if (dropped > 0) {
            warnings.add("dropped " + dropped + (dropped == 1 ? " line" : " lines") + " before MSH");
        }
        return new Cleaned(out.toString(), warnings, dropped);
    }
}
