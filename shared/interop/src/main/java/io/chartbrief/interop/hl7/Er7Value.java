package io.chartbrief.interop.hl7;

/**
 * One repetition of a field: components ({@code ^}) and subcomponents ({@code &}), decoded on access.
 * Positions are 1-based like HL7 notation (CX-4 is {@code component(4)}). The HL7 null {@code ""} reads as empty.
 */
final class Er7Value {

    static final Er7Value EMPTY = new Er7Value("", new Er7Delimiters('|', '^', '~', '\\', '&'));

    private final String raw;
    private final Er7Delimiters d;

    Er7Value(String raw, Er7Delimiters d) {
        this.raw = "\"\"".equals(raw) ? "" : raw;
        this.d = d;
    }

    boolean isEmpty() {
        return raw.isEmpty();
    }

    /** @return the whole repetition as decoded text (component marks kept literally) */
    String text() {
        return d.decode(raw);
    }

    /** @return raw text of component {@code c}, subcomponents included, not decoded */
    String rawComponent(int c) {
        return slice(raw, d.component(), c);
    }

    /** @return decoded first subcomponent of component {@code c}; empty when absent */
    String component(int c) {
        String comp = rawComponent(c);
        if (comp.indexOf(d.subcomponent()) >= 0) {
            comp = slice(comp, d.subcomponent(), 1);
        }
        return "\"\"".equals(comp) ? "" : d.decode(comp).trim();
    }

    /** @return decoded subcomponent {@code s} of component {@code c} */
    String sub(int c, int s) {
        String v = slice(rawComponent(c), d.subcomponent(), s);
        return "\"\"".equals(v) ? "" : d.decode(v).trim();
    }

    /** @return component {@code c} as a value of its own (its subcomponents become components) */
    Er7Value asValue(int c) {
        String comp = rawComponent(c);
        return new Er7Value(comp.replace(d.subcomponent(), d.component()), d);
    }

    private static String slice(String s, char sep, int position) {
        int start = 0;
        for (int i = 1; i < position; i++) {
            int next = s.indexOf(sep, start);
            if (next < 0) {
                return "";
            }
            start = next + 1;
        }
        int end = s.indexOf(sep, start);
        return end < 0 ? s.substring(start) : s.substring(start, end);
    }
}
