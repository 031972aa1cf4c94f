package io.chartbrief.interop.hl7;

import static io.chartbrief.interop.hl7.Hl7RejectedException.DATA_TYPE_ERROR;
import static io.chartbrief.interop.hl7.Hl7RejectedException.REQUIRED_FIELD_MISSING;
import static io.chartbrief.interop.hl7.Hl7RejectedException.SEGMENT_SEQUENCE_ERROR;
import static io.chartbrief.interop.hl7.Hl7RejectedException.UNSUPPORTED_VERSION_ID;

/**
 * Reads and checks the MSH segment only. Cheap by design: it runs on every MLLP message before the Kafka write,
 * so it hand-parses MSH instead of running a full HL7 parse.
 */
public final class Hl7HeaderReader {

    /** The doubled backslash some tools write when they escape {@code ^~\&} once too often. */
    static final String DOUBLED_ESCAPE = "^~\\\\&";

    private Hl7HeaderReader() {
    }

    /**
     * @param raw message text as received (any line break style, BOM and junk before MSH tolerated)
     * @return the header
     * @throws Hl7RejectedException when MSH is missing or MSH-1, MSH-2, MSH-9, MSH-10 or MSH-12 are unusable
     */
    public static Hl7MessageHeader read(String raw) throws Hl7RejectedException {
        Er7Text.Cleaned cleaned = Er7Text.clean(raw);
        Hl7MessageHeader header = fromCleaned(cleaned);
        Hl7Batch.rejectIfSeveral(raw, cleaned.text());
        return header;
    }

    /** {@link #fromCleaned(String)}, telling text without any MSH from an empty message. */
    static Hl7MessageHeader fromCleaned(Er7Text.Cleaned cleaned) throws Hl7RejectedException {
        if (cleaned.text().isEmpty() && cleaned.droppedLines() > 0) {
            throw new Hl7RejectedException(SEGMENT_SEQUENCE_ERROR, "MSH", 0, true, "no MSH segment in "
                    + cleaned.droppedLines() + (cleaned.droppedLines() == 1 ? " line" : " lines")
                    + " of text: not an HL7 v2 message");
        }
        return fromCleaned(cleaned.text());
    }

    /** Same as {@link #read(String)} for text already passed through {@link Er7Text#clean(String)}. */
    static Hl7MessageHeader fromCleaned(String text) throws Hl7RejectedException {
        if (text.isEmpty()) {
            throw new Hl7RejectedException(SEGMENT_SEQUENCE_ERROR, "MSH", 0, true, "message is empty");
        }
        if (!text.startsWith("MSH")) {
            throw new Hl7RejectedException(SEGMENT_SEQUENCE_ERROR, "MSH", 0, true,
                    "first segment is not MSH");
        }
        int cr = text.indexOf('\r');
        String msh = cr < 0 ? text : text.substring(0, cr);
        if (msh.length() < 4) {
            throw new Hl7RejectedException(REQUIRED_FIELD_MISSING, "MSH", 1, true,
                    "MSH-1 (field separator) is missing");
        }
        char fs = msh.charAt(3);
        if (Character.isLetterOrDigit(fs) || Character.isWhitespace(fs)) {
            throw new Hl7RejectedException(DATA_TYPE_ERROR, "MSH", 1, true, "MSH-1 (field separator) is invalid");
        }
        int encEnd = msh.indexOf(fs, 4);
        String enc = encEnd < 0 ? msh.substring(4) : msh.substring(4, encEnd);
        if (enc.isEmpty()) {
            throw new Hl7RejectedException(REQUIRED_FIELD_MISSING, "MSH", 2, true,
                    "MSH-2 (encoding characters) is missing");
        }
        if (DOUBLED_ESCAPE.equals(enc)) {
            enc = "^~\\&"; // repaired; the converter reports it as a warning
        } else if (!validEncodingCharacters(enc, fs)) {
            throw new Hl7RejectedException(DATA_TYPE_ERROR, "MSH", 2, true,
                    "MSH-2 (encoding characters) is invalid");
        }
        String[] f = splitFields(firstRepetitions(msh, fs, enc.charAt(1)), fs);
        char cs = enc.charAt(0);
        String type = field(f, 9);
        String code = component(type, cs, 0);
        String trigger = component(type, cs, 1);
        if (code.isEmpty()) {
            throw new Hl7RejectedException(REQUIRED_FIELD_MISSING, "MSH", 9, true,
                    "MSH-9 (message type) is empty");
        }
        // ACK^<trigger> is optional on acknowledgements; every other message must name its trigger event
        if (trigger.isEmpty() && !"ACK".equals(code)) {
            throw new Hl7RejectedException(REQUIRED_FIELD_MISSING, "MSH", 9, true,
                    "MSH-9.2 (trigger event) is empty");
        }
        String controlId = field(f, 10);
        if (controlId.isEmpty()) {
            throw new Hl7RejectedException(REQUIRED_FIELD_MISSING, "MSH", 10, true,
                    "MSH-10 (message control id) is empty");
        }
        String version = component(field(f, 12), cs, 0);
        if (!version.isEmpty() && !supportedVersion(version)) {
            throw new Hl7RejectedException(UNSUPPORTED_VERSION_ID, "MSH", 12, true,
                    "MSH-12 (version id) is not a supported version (2.3 to 2.8)");
        }
        return new Hl7MessageHeader(String.valueOf(fs), enc, component(field(f, 3), cs, 0),
                component(field(f, 4), cs, 0), component(field(f, 5), cs, 0), component(field(f, 6), cs, 0),
                component(field(f, 7), cs, 0), code, trigger, component(type, cs, 2), controlId,
                component(field(f, 11), cs, 0), version);
    }

    /** 2.3, 2.3.1, 2.3.z, 2.4 ... 2.8.2: the versions the positional mapping was checked against. */
    static boolean supportedVersion(String v) {
        return v.length() >= 3 && v.charAt(0) == '2' && v.charAt(1) == '.' && v.charAt(2) >= '3'
                && v.charAt(2) <= '8' && (v.length() == 3 || v.charAt(3) == '.');
    }

    private static boolean validEncodingCharacters(String enc, char fs) {
        if (enc.length() != 4 && enc.length() != 5) {
            return false;
        }
        for (int i = 0; i < enc.length(); i++) {
            char c = enc.charAt(i);
            if (c == fs || Character.isLetterOrDigit(c) || Character.isWhitespace(c) || enc.indexOf(c) != i) {
                return false;
            }
        }
        return true;
    }

    /** Splits MSH so that index n holds MSH-n (index 1 is the separator itself). */
    private static String[] splitFields(String msh, char fs) {
        String[] parts = msh.split(java.util.regex.Pattern.quote(String.valueOf(fs)), -1);
        String[] f = new String[parts.length + 1];
        f[0] = "MSH";
        f[1] = String.valueOf(fs);
        System.arraycopy(parts, 1, f, 2, parts.length - 1);
        return f;
    }

    /** Keeps only the first repetition of each field (MSH-2 is exempt: it contains the repetition mark). */
    private static String firstRepetitions(String msh, char fs, char rs) {
        int encEnd = msh.indexOf(fs, 4);
        // MSH-2 itself holds the repetition mark; nothing after it (e.g. "MSH|^~\&" alone) means nothing to drop
        if (encEnd < 0 || msh.indexOf(rs, encEnd) < 0) {
            return msh;
        }
        StringBuilder b = new StringBuilder(msh.length());
        b.append(msh, 0, encEnd);
        boolean skipping = false;
        for (int i = encEnd; i < msh.length(); i++) {
            char c = msh.charAt(i);
            if (c == fs) {
                skipping = false;
            } else if (c == rs) {
                skipping = true;
            }
            if (!skipping) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String field(String[] f, int n) {
        return n < f.length && f[n] != null ? f[n] : "";
    }

    private static String component(String field, char cs, int index) {
        int start = 0;
        for (int i = 0; i < index; i++) {
            int next = field.indexOf(cs, start);
            if (next < 0) {
                return "";
            }
            start = next + 1;
        }
        int end = field.indexOf(cs, start);
        String c = end < 0 ? field.substring(start) : field.substring(start, end);
        return c.trim();
    }
}
