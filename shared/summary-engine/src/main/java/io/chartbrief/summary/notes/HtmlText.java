package io.chartbrief.summary.notes;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Visible text of an HTML or XHTML note, with its block structure kept as line breaks so headings stay on their own
 * lines for {@link NoteSections}.
 *
 * <p>Rules: {@code br} is a line break; {@code div}, {@code li}, {@code tr}, {@code dt}/{@code dd} start a new line;
 * {@code p}, {@code h1}–{@code h6}, lists, tables, {@code pre}, {@code blockquote}, {@code hr} are set off by a blank
 * line; a list item starts with {@code "- "} so it reads as one; table cells are separated by a tab. Whitespace
 * collapses as a browser would (kept inside {@code pre}); {@code &nbsp;} is an ordinary space. Character references
 * (numeric, and the named ones clinical text uses: Latin-1, dashes, quotes, arrows, math signs) are decoded; an
 * unknown one is kept as written. {@code script}, {@code style}, {@code head}, {@code title}, {@code template},
 * comments, doctype and processing instructions are dropped. A {@code <} that does not open a tag ("K <3.5") is text.
 *
 * <p>Hand-written rather than jsoup: only visible text with line structure is needed, no DOM, and a single linear
 * pass keeps a multi-megabyte note cheap. Malformed markup never throws.
 */
public final class HtmlText {

    private static final Set<String> LINE_TAGS = Set.of("div", "li", "tr", "dt", "dd", "caption", "header", "footer",
            "nav", "address", "figcaption", "legend", "fieldset", "form", "option");
    private static final Set<String> PARAGRAPH_TAGS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
            "dl", "table", "thead", "tbody", "tfoot", "pre", "blockquote", "hr", "section", "article", "aside", "main",
            "body", "html", "figure");
    private static final Set<String> DROPPED_WITH_CONTENT = Set.of("script", "style", "head", "title", "template",
            "noscript", "object", "svg", "math");
    private static final Map<String, Integer> ENTITIES = entities();

    private HtmlText() {
    }

    /** The visible text of {@code html}; leading and trailing whitespace removed. */
    public static String strip(String html) {
        Builder out = new Builder(html.length());
        int n = html.length();
        int i = 0;
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                int next = markup(html, i, out);
                if (next > i) {
                    i = next;
                    continue;
                }
                out.text('<');
                i++;
            } else if (c == '&') {
                i = entity(html, i, out);
            } else {
                out.text(c);
                i++;
            }
        }
        return out.finish();
    }

    /** Handles markup at {@code at} (a '<'); returns the index after it, or {@code at} when it is plain text. */
    private static int markup(String s, int at, Builder out) {
        if (s.startsWith("<!--", at)) {
            int end = s.indexOf("-->", at + 4);
            return end < 0 ? s.length() : end + 3;
        }
        if (s.startsWith("<![CDATA[", at)) {
            int end = s.indexOf("]]>", at + 9);
            int stop = end < 0 ? s.length() : end;
            for (int k = at + 9; k < stop; k++) {
                out.text(s.charAt(k));
            }
            return end < 0 ? s.length() : end + 3;
        }
        if (at + 1 >= s.length()) {
            return at;
        }
        char first = s.charAt(at + 1);
        if (first == '!' || first == '?') {
            int end = s.indexOf('>', at);
            return end < 0 ? at : end + 1;
        }
        boolean closing = first == '/';
        int nameStart = closing ? at + 2 : at + 1;
        if (nameStart >= s.length() || !isAsciiLetter(s.charAt(nameStart))) {
            return at;
        }
        int nameEnd = nameStart;
        while (nameEnd < s.length() && isNameChar(s.charAt(nameEnd))) {
            nameEnd++;
        }
        int end = tagEnd(s, nameEnd);
        if (end < 0) {
            return at; // no '>' anywhere after: not a tag, keep the '<' as text
        }
        String name = s.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
        int colon = name.indexOf(':');
        if (colon >= 0) {
            name = name.substring(colon + 1); // xhtml:p, o:p
        }
        boolean selfClosing = s.charAt(end - 1) == '/';
        if (!closing && !selfClosing && DROPPED_WITH_CONTENT.contains(name)) {
            return skipElement(s, end + 1, name);
        }
        if (name.equals("br")) {
            out.hardBreak();
        } else if (name.equals("li") && !closing) {
            out.lineBreak();
            out.marker("- ");
        } else if ((name.equals("td") || name.equals("th")) && closing) {
            out.cell();
        } else if (name.equals("pre")) {
            out.paragraphBreak();
            out.pre += closing ? (out.pre > 0 ? -1 : 0) : (selfClosing ? 0 : 1);
        } else if (PARAGRAPH_TAGS.contains(name)) {
            out.paragraphBreak();
        } else if (LINE_TAGS.contains(name)) {
            out.lineBreak();
        }
        return end + 1;
    }

    /** Index of the '>' closing a tag whose name ends at {@code from}; quoted attribute values may hold '>'. */
    private static int tagEnd(String s, int from) {
        int n = s.length();
        for (int k = from; k < n; k++) {
            char c = s.charAt(k);
            if (c == '>') {
                return k;
            }
            if ((c == '"' || c == '\'') && previousNonSpace(s, k, from) == '=') {
                int close = s.indexOf(c, k + 1);
                if (close < 0) {
                    return s.indexOf('>', k); // unbalanced quote: the first '>' ends the tag
                }
                k = close;
            }
        }
        return -1;
    }

    private static char previousNonSpace(String s, int k, int floor) {
        for (int j = k - 1; j >= floor; j--) {
            if (!Character.isWhitespace(s.charAt(j))) {
                return s.charAt(j);
            }
        }
        return 0;
    }

    /** Skips to after {@code </name ...>}; an unclosed script/style runs to the end, as in a browser. */
    private static int skipElement(String s, int from, String name) {
        int k = from;
        while (true) {
            int lt = s.indexOf("</", k);
            if (lt < 0) {
                return s.length();
            }
            int nameStart = lt + 2;
            if (s.regionMatches(true, nameStart, name, 0, name.length())
                    && (nameStart + name.length() >= s.length() || !isNameChar(s.charAt(nameStart + name.length())))) {
                int gt = s.indexOf('>', nameStart);
                return gt < 0 ? s.length() : gt + 1;
            }
            k = lt + 2;
        }
    }

    /** Decodes a character reference at {@code at} (an '&'); returns the index after what was consumed. */
    private static int entity(String s, int at, Builder out) {
        int n = s.length();
        int k = at + 1;
        if (k < n && s.charAt(k) == '#') {
            boolean hex = k + 1 < n && (s.charAt(k + 1) == 'x' || s.charAt(k + 1) == 'X');
            int digitsStart = hex ? k + 2 : k + 1;
            int j = digitsStart;
            while (j < n && j - digitsStart < 8 && (hex ? Character.digit(s.charAt(j), 16) >= 0
                    : s.charAt(j) >= '0' && s.charAt(j) <= '9')) {
                j++;
            }
            if (j == digitsStart) {
                out.text('&');
                return at + 1;
            }
            int code;
            try {
                code = Integer.parseInt(s.substring(digitsStart, j), hex ? 16 : 10);
            } catch (NumberFormatException e) {
                code = 0xFFFD;
            }
            out.codePoint(code);
            return j < n && s.charAt(j) == ';' ? j + 1 : j;
        }
        int j = k;
        while (j < n && j - k < 32 && Character.isLetterOrDigit(s.charAt(j))) {
            j++;
        }
        if (j < n && s.charAt(j) == ';' && j > k) {
            String name = s.substring(k, j);
            Integer code = ENTITIES.get(name);
            if (code == null) {
                code = ENTITIES.get(name.toLowerCase(Locale.ROOT)); // &AMP; &NBSP;
            }
            if (code != null) {
                out.codePoint(code);
                return j + 1;
            }
        }
        out.text('&'); // not a reference we know: keep it as written
        return at + 1;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isNameChar(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == ':' || c == '-' || c == '_';
    }

    /** Output with browser-like whitespace collapsing and block breaks. */
    private static final class Builder {
        private final StringBuilder sb;
        private boolean pendingSpace;
        /** After a break, marker or cell separator a collapsed space is not written. */
        private boolean noSpace = true;
        int pre;

        Builder(int capacity) {
            sb = new StringBuilder(Math.min(capacity, 1 << 20));
        }

        void text(char c) {
            if (pre > 0) {
                sb.append(c == '\u00A0' ? ' ' : c);
                return;
            }
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u00A0') {
                pendingSpace = true;
                return;
            }
            if (pendingSpace && !noSpace) {
                sb.append(' ');
            }
            pendingSpace = false;
            noSpace = false;
            sb.append(c);
        }

        void codePoint(int code) {
            if (code == 0xAD) {
                return; // soft hyphen: invisible
            }
            if (code <= 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
                code = 0xFFFD;
            }
            if (Character.isBmpCodePoint(code)) {
                text((char) code);
            } else {
                text(Character.highSurrogate(code));
                sb.append(Character.lowSurrogate(code));
            }
        }

        void marker(String marker) {
            sb.append(marker);
            pendingSpace = false;
            noSpace = true;
        }

        void cell() {
            trimSpaces();
            if (!noSpace) {
                sb.append('\t');
            }
            pendingSpace = false;
            noSpace = true;
        }

        void hardBreak() {
            trimSpaces();
            sb.append('\n');
            pendingSpace = false;
            noSpace = true;
        }

        void lineBreak() {
            trimSpaces();
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
                sb.append('\n');
            }
            pendingSpace = false;
            noSpace = true;
        }

        void paragraphBreak() {
            lineBreak();
            int len = sb.length();
            if (len > 0 && !(len >= 2 && sb.charAt(len - 2) == '\n')) {
                sb.append('\n');
            }
        }

        private void trimSpaces() {
            int len = sb.length();
            while (len > 0 && (sb.charAt(len - 1) == ' ' || sb.charAt(len - 1) == '\t') && pre == 0) {
                len--;
            }
            sb.setLength(len);
        }

        String finish() {
            int start = 0;
            int end = sb.length();
            while (start < end && Character.isWhitespace(sb.charAt(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(sb.charAt(end - 1))) {
                end--;
            }
            return sb.substring(start, end);
        }
    }

    private static Map<String, Integer> entities() {
        Map<String, Integer> m = new HashMap<>();
        // U+00A0..U+00FF in code point order: the HTML 4 Latin-1 entity set
        String[] latin1 = ("nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg "
                + "plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave "
                + "Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH "
                + "Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig "
                + "agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc "
                + "iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute "
                + "thorn yuml").split(" ");
        for (int k = 0; k < latin1.length; k++) {
            m.put(latin1[k], 0xA0 + k);
        }
        Object[] more = {"amp", '&', "lt", '<', "gt", '>', "quot", '"', "apos", '\'', "ensp", 0x2002, "emsp", 0x2003,
            "thinsp", 0x2009, "ndash", 0x2013, "mdash", 0x2014, "lsquo", 0x2018, "rsquo", 0x2019, "sbquo", 0x201A,
            "ldquo", 0x201C, "rdquo", 0x201D, "bdquo", 0x201E, "bull", 0x2022, "hellip", 0x2026, "prime", 0x2032,
            "Prime", 0x2033, "permil", 0x2030, "euro", 0x20AC, "trade", 0x2122, "larr", 0x2190, "uarr", 0x2191,
            "rarr", 0x2192, "darr", 0x2193, "harr", 0x2194, "le", 0x2264, "ge", 0x2265, "ne", 0x2260, "asymp", 0x2248,
            "minus", 0x2212, "infin", 0x221E, "sim", 0x223C, "alpha", 0x3B1, "beta", 0x3B2, "gamma", 0x3B3,
            "delta", 0x3B4, "Delta", 0x394, "mu", 0x3BC, "kappa", 0x3BA, "lambda", 0x3BB, "pi", 0x3C0,
            "sigma", 0x3C3, "omega", 0x3C9, "dagger", 0x2020, "Dagger", 0x2021, "zwsp", 0x200B, "OElig", 0x152,
            "oelig", 0x153, "Scaron", 0x160, "scaron", 0x161, "circ", 0x2C6, "tilde", 0x2DC, "check", 0x2713};
        for (int k = 0; k < more.length; k += 2) {
            Object v = more[k + 1];
            m.put((String) more[k], v instanceof Character ch ? (int) ch : (Integer) v);
        }
        return Map.copyOf(m);
    }
}
