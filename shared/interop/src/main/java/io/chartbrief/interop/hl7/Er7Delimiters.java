package io.chartbrief.interop.hl7;

/**
 * The delimiters a message declares in MSH-1/MSH-2, and decoding of HL7 escape sequences in text.
 */
record Er7Delimiters(char field, char component, char repetition, char escape, char subcomponent) {

    static Er7Delimiters of(Hl7MessageHeader h) {
        String enc = h.encodingCharacters();
        return new Er7Delimiters(h.fieldSeparator().charAt(0), enc.charAt(0), enc.charAt(1), enc.charAt(2),
                enc.charAt(3));
    }

    /**
     * Decodes {@code \F\ \S\ \T\ \R\ \E\ \.br\ \Xhh\} and drops highlighting/format commands ({@code \H\ \N\
     * \.sp\ ...}); an escape that is not closed or not known stays literal (feeds do send stray backslashes).
     */
    String decode(String s) {
        int first = s.indexOf(escape);
        if (first < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        b.append(s, 0, first);
        int i = first;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != escape) {
                b.append(c);
                i++;
                continue;
            }
            int close = s.indexOf(escape, i + 1);
            if (close < 0 || close == i + 1) {
                b.append(c);
                i++;
                continue;
            }
            String seq = s.substring(i + 1, close);
            String decoded = decodeSequence(seq);
            if (decoded == null) {
                b.append(c); // unknown sequence: keep the backslash literally and go on after it
                i++;
                continue;
            }
            b.append(decoded);
            i = close + 1;
        }
        return b.toString();
    }

    private String decodeSequence(String seq) {
        switch (seq) {
            case "F":
                return String.valueOf(field);
            case "S":
                return String.valueOf(component);
            case "T":
                return String.valueOf(subcomponent);
            case "R":
                return String.valueOf(repetition);
            case "E":
                return String.valueOf(escape);
            case "P":
                return "#";
            case ".br":
                return "\n";
            case "H":
            case "N":
                return "";
            default:
                break;
        }
        if (seq.startsWith(".sp") || seq.startsWith(".in") || seq.startsWith(".ti") || seq.equals(".fi")
                || seq.equals(".nf") || seq.startsWith(".sk") || seq.equals(".ce")) {
            return seq.startsWith(".sp") ? "\n" : "";
        }
        if (seq.length() > 1 && seq.length() % 2 == 1 && seq.charAt(0) == 'X') {
            StringBuilder b = new StringBuilder();
            for (int k = 1; k < seq.length(); k += 2) {
                int v = Character.digit(seq.charAt(k), 16) * 16 + Character.digit(seq.charAt(k + 1), 16);
                if (v < 0) {
                    return null;
                }
                b.append((char) v);
            }
            return b.toString();
        }
        return null;
    }
}
