package io.chartbrief.summary.notes;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a note's decoded text into sections at its headings. Offsets index the text given, {@code [start, end)}.
 *
 * <p>A heading starts a line (after spaces) and is one of:
 * <ul>
 *   <li>a markdown heading, {@code # ...} to {@code ###### ...}: a known name, else {@code other};</li>
 *   <li>a known heading ({@link SectionHeadings}: any case, {@code **bold**} allowed) followed by {@code :} — with
 *       the body inline after it ("CHIEF COMPLAINT: chest pain", "A/P: ...") or on the next lines — or alone on its
 *       line ("ASSESSMENT AND PLAN", "Assessment & Plan");</li>
 *   <li>an unknown ALL-CAPS label alone on its line and ending with {@code :} ("HEENT:"): an {@code other} section.</li>
 * </ul>
 * A known word followed by text without a colon ("Plan to follow up"), or alone but ending in a period ("Follow
 * up."), is prose, not a heading, and so is an unknown
 * label with inline text ("HEAD: Normocephalic"), an ROS/exam item. Text before the first heading is the
 * {@code preamble} section (when not blank). Line breaks may be {@code \n}, {@code \r\n} or {@code \r}.
 */
public final class NoteSections {

    /** Longest label read as a heading; longer lines are prose. */
    private static final int MAX_HEADING = 64;

    private NoteSections() {
    }

    /** The sections of a whole note. */
    public static List<NoteSection> of(String text) {
        List<NoteSection> sections = new ArrayList<>();
        int lineStart = 0;
        int n = text.length();
        Heading open = null;
        int openBody = 0;
        int preambleEnd = -1;
        while (lineStart < n) {
            int lineEnd = lineStart;
            while (lineEnd < n && text.charAt(lineEnd) != '\n' && text.charAt(lineEnd) != '\r') {
                lineEnd++;
            }
            Heading heading = heading(text, lineStart, lineEnd);
            if (heading != null) {
                if (open == null) {
                    preambleEnd = lineStart;
                } else {
                    sections.add(section(text, open, openBody, lineStart));
                }
                open = heading;
                openBody = heading.bodyFrom;
            }
            if (lineEnd >= n) {
                lineStart = n;
            } else if (text.charAt(lineEnd) == '\r' && lineEnd + 1 < n && text.charAt(lineEnd + 1) == '\n') {
                lineStart = lineEnd + 2;
            } else {
                lineStart = lineEnd + 1;
            }
        }
        if (open != null) {
            sections.add(section(text, open, openBody, n));
        }
        int end = preambleEnd < 0 ? n : preambleEnd;
        int[] body = trim(text, 0, end);
        if (body[0] < body[1]) {
            sections.add(0, new NoteSection("preamble", null, body[0], body[0], body[0], body[1]));
        }
        return sections;
    }

    /** The first section with that canonical name, or null. */
    public static NoteSection first(List<NoteSection> sections, String name) {
        for (NoteSection section : sections) {
            if (section.name().equals(name)) {
                return section;
            }
        }
        return null;
    }

    private record Heading(String name, int start, int end, int bodyFrom) {
    }

    private static NoteSection section(String text, Heading h, int bodyFrom, int bodyTo) {
        int[] body = trim(text, bodyFrom, bodyTo);
        return new NoteSection(h.name, text.substring(h.start, h.end), h.start, h.end, body[0], body[1]);
    }

    private static int[] trim(String text, int from, int to) {
        int a = from;
        int b = to;
        while (a < b && Character.isWhitespace(text.charAt(a))) {
            a++;
        }
        while (b > a && Character.isWhitespace(text.charAt(b - 1))) {
            b--;
        }
        return new int[] {a, b};
    }

    /** The heading a line [from, to) starts with, or null. */
    private static Heading heading(String text, int from, int to) {
        int i = from;
        while (i < to && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        if (i >= to) {
            return null;
        }
        int end = to;
        while (end > i && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (text.charAt(i) == '#') {
            return markdown(text, i, end, to);
        }
        int colon = -1;
        for (int k = i; k < end && k - i <= MAX_HEADING + 4; k++) {
            if (text.charAt(k) == ':') {
                colon = k;
                break;
            }
        }
        if (colon > i) {
            int[] label = label(text, i, colon);
            int after = colon + 1;
            while (after < end && (text.charAt(after) == '*' || text.charAt(after) == '_')) {
                after++; // "**Plan:**"
            }
            String name = SectionHeadings.canonical(text.subSequence(label[0], label[1]));
            boolean inlineText = trim(text, after, end)[0] < end;
            if (name == null && !inlineText && allCaps(text, label[0], label[1])) {
                name = "other";
            }
            if (name != null && label[0] < label[1]) {
                return new Heading(name, label[0], label[1], after);
            }
            return null;
        }
        if (end - i > MAX_HEADING + 4 || text.charAt(end - 1) == '.') {
            return null; // without a colon, a line ending in a period is a sentence ("Follow up.")
        }
        int[] label = label(text, i, end);
        String name = SectionHeadings.canonical(text.subSequence(label[0], label[1]));
        return name == null || label[0] >= label[1] ? null : new Heading(name, label[0], label[1], to);
    }

    private static Heading markdown(String text, int i, int end, int lineEnd) {
        int hashes = 0;
        while (i + hashes < end && text.charAt(i + hashes) == '#') {
            hashes++;
        }
        int start = i + hashes;
        if (hashes > 6 || (start < end && text.charAt(start) != ' ' && text.charAt(start) != '\t')) {
            return null; // "#5 French catheter", "#hashtag": not a heading
        }
        int stop = end;
        while (stop > start && (text.charAt(stop - 1) == '#' || Character.isWhitespace(text.charAt(stop - 1)))) {
            stop--; // closing "##"
        }
        int colon = -1;
        for (int k = start; k < stop; k++) {
            if (text.charAt(k) == ':') {
                colon = k;
                break;
            }
        }
        int labelEnd = colon < 0 ? stop : colon;
        int[] label = label(text, start, labelEnd);
        if (label[0] >= label[1]) {
            return null;
        }
        String name = SectionHeadings.canonical(text.subSequence(label[0], label[1]));
        return new Heading(name == null ? "other" : name, label[0], label[1], colon < 0 ? lineEnd : colon + 1);
    }

    /** [start, end) of a label without surrounding spaces, {@code **}/{@code __} and a trailing period. */
    private static int[] label(String text, int from, int to) {
        int a = from;
        int b = to;
        while (a < b && (Character.isWhitespace(text.charAt(a)) || text.charAt(a) == '*' || text.charAt(a) == '_')) {
            a++;
        }
        while (b > a && (Character.isWhitespace(text.charAt(b - 1)) || text.charAt(b - 1) == '*'
                || text.charAt(b - 1) == '_' || text.charAt(b - 1) == '.')) {
            b--;
        }
        return new int[] {a, b};
    }

    /** An ALL-CAPS label: two or more letters, none lower case, starting with a letter. */
    private static boolean allCaps(String text, int from, int to) {
        if (to - from > MAX_HEADING || from >= to || !Character.isLetter(text.charAt(from))) {
            return false;
        }
        int letters = 0;
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (Character.isLowerCase(c)) {
                return false;
            }
            if (Character.isLetter(c)) {
                letters++;
            }
        }
        return letters >= 2;
    }
}
