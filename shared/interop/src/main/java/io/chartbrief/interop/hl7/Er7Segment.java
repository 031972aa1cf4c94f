package io.chartbrief.interop.hl7;

import java.util.ArrayList;
import java.util.List;

/**
 * One segment split into fields; index n holds field n ({@code MSH} is shifted so that MSH-1 is the field
 * separator and MSH-2 the encoding characters, as in the standard).
 */
final class Er7Segment {

    private final String name;
    private final String[] fields;
    private final Er7Delimiters d;

    private Er7Segment(String name, String[] fields, Er7Delimiters d) {
        this.name = name;
        this.fields = fields;
        this.d = d;
    }

    static Er7Segment parse(String line, Er7Delimiters d) {
        List<String> parts = new ArrayList<>(32);
        int start = 0;
        char fs = d.field();
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == fs) {
                parts.add(line.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(line.substring(start));
        String name = parts.get(0);
        if ("MSH".equals(name)) {
            parts.add(1, String.valueOf(fs));
        }
        return new Er7Segment(name, parts.toArray(new String[0]), d);
    }

    String name() {
        return name;
    }

    /** @return raw text of field n (all repetitions), empty when absent */
    String raw(int n) {
        return n < fields.length ? fields[n] : "";
    }

    /** @return non-empty repetitions of field n */
    List<Er7Value> repetitions(int n) {
        String f = raw(n);
        if (f.isEmpty()) {
            return List.of();
        }
        if ("MSH".equals(name) && n <= 2) {
            return List.of(new Er7Value(f, d));
        }
        List<Er7Value> out = new ArrayList<>(2);
        int start = 0;
        char rs = d.repetition();
        for (int i = 0; i <= f.length(); i++) {
            if (i == f.length() || f.charAt(i) == rs) {
                Er7Value v = new Er7Value(f.substring(start, i), d);
                if (!v.isEmpty()) {
                    out.add(v);
                }
                start = i + 1;
            }
        }
        return out;
    }

    /** @return the first non-empty repetition of field n, or {@link Er7Value#EMPTY} */
    Er7Value first(int n) {
        String f = raw(n);
        if (f.isEmpty()) {
            return Er7Value.EMPTY;
        }
        int rep = f.indexOf(d.repetition());
        if (rep < 0) {
            return new Er7Value(f, d);
        }
        List<Er7Value> reps = repetitions(n);
        return reps.isEmpty() ? Er7Value.EMPTY : reps.get(0);
    }

    /** @return decoded first component of the first repetition of field n */
    String text(int n) {
        return first(n).component(1);
    }

    /** @return decoded component c of the first repetition of field n */
    String text(int n, int c) {
        return first(n).component(c);
    }
}
