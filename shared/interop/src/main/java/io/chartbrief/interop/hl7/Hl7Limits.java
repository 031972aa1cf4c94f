package io.chartbrief.interop.hl7;

/**
 * Per-message bounds on HL7 v2 input, checked by one cheap pass over the text ({@link #check(String)}) before
 * any field is parsed, so that no single message can make the converter's work or memory unbounded. A message
 * over a limit is refused with {@link Hl7RejectedException} (ACK {@code AR}; dead-lettered when it came from
 * Kafka) whose reason names the limit and its configured value, never message content.
 *
 * @param maxSegments    segments per message
 * @param maxObx         OBX segments per message
 * @param maxRepetitions repetitions of one field
 * @param maxFieldChars  characters of one field (all repetitions)
 * @param maxNoteChars   characters of note text per message: every NTE segment, plus the OBX segments of an MDM
 *                       (measured on the raw segment text, so it is an upper bound of the decoded note)
 * @param maxNumberChars characters of one numeric value (NM, SN parts, quantities); a longer value is not read as
 *                       a number (kept as text with a warning) rather than parsed
 */
public record Hl7Limits(int maxSegments, int maxObx, int maxRepetitions, int maxFieldChars, int maxNoteChars,
        int maxNumberChars) {

    /** Defaults: generous for real feeds (documented in docs/operations.md). */
    public static final Hl7Limits DEFAULTS = new Hl7Limits(20_000, 10_000, 5_000, 2_097_152, 2_097_152, 32);

    public Hl7Limits {
        if (maxSegments < 1 || maxObx < 0 || maxRepetitions < 1 || maxFieldChars < 1 || maxNoteChars < 0
                || maxNumberChars < 1) {
            throw new IllegalArgumentException("HL7 limits must be positive");
        }
    }

    /**
     * Checks a message against the limits in one pass, without splitting it.
     *
     * @param raw message text as received (any line break style)
     * @throws Hl7RejectedException ({@code AR}) naming the first limit the message exceeds, or for a NUL character
     */
    public void check(String raw) throws Hl7RejectedException {
        checkCleaned(Er7Text.clean(raw).text());
    }

    /** Same as {@link #check(String)} for text already passed through {@link Er7Text#clean(String)}. */
    void checkCleaned(String text) throws Hl7RejectedException {
        int n = text.length();
        if (n < 8 || !text.startsWith("MSH")) {
            return; // the header reader refuses it with a precise reason
        }
        char fs = text.charAt(3);
        char rs = text.charAt(5);
        boolean mdm = isMdm(text, fs);
        int segments = 0;
        int obx = 0;
        long noteChars = 0;
        int i = 0;
        while (i < n) {
            int start = i;
            segments++;
            if (segments > maxSegments) {
                throw over(Hl7RejectedException.SEGMENT_SEQUENCE_ERROR, "", 0, "max-segments", maxSegments);
            }
            String name = n - start >= 3 ? text.substring(start, start + 3) : "";
            boolean isObx = "OBX".equals(name);
            if (isObx && ++obx > maxObx) {
                throw over(Hl7RejectedException.SEGMENT_SEQUENCE_ERROR, "OBX", 0, "max-obx", maxObx);
            }
            int field = 0;
            int fieldStart = i;
            int repetitions = 1;
            boolean msh = "MSH".equals(name);
            while (i < n) {
                char c = text.charAt(i);
                if (c == '\r') {
                    break;
                }
                if (c == '\0') {
                    throw new Hl7RejectedException(Hl7RejectedException.DATA_TYPE_ERROR, name, field, true,
                            "message contains a NUL character");
                }
                if (c == fs) {
                    field++;
                    fieldStart = i + 1;
                    repetitions = 1;
                } else if (c == rs && !(msh && field == 1)) { // MSH-2 holds the repetition mark itself
                    if (++repetitions > maxRepetitions) {
                        throw over(Hl7RejectedException.DATA_TYPE_ERROR, name, field, "max-repetitions",
                                maxRepetitions);
                    }
                }
                if (i - fieldStart >= maxFieldChars) {
                    throw over(Hl7RejectedException.DATA_TYPE_ERROR, name, field, "max-field-chars", maxFieldChars);
                }
                i++;
            }
            if ("NTE".equals(name) || (mdm && isObx)) {
                noteChars += i - start;
                if (noteChars > maxNoteChars) {
                    throw over(Hl7RejectedException.DATA_TYPE_ERROR, name, 0, "max-note-chars", maxNoteChars);
                }
            }
            i++; // past the \r
        }
    }

    /** MSH-9.1 is MDM (field 9 counted the standard way, MSH-1 being the separator). */
    private static boolean isMdm(String text, char fs) {
        int cr = text.indexOf('\r');
        int end = cr < 0 ? text.length() : cr;
        int at = 3;
        for (int field = 1; field < 9; field++) {
            at = text.indexOf(fs, at + 1);
            if (at < 0 || at >= end) {
                return false;
            }
        }
        return text.startsWith("MDM", at + 1);
    }

    private static Hl7RejectedException over(String code, String segment, int field, String limit, int value) {
        return new Hl7RejectedException(code, segment, field, true,
                "message exceeds the limit " + limit + " (" + value + ")");
    }
}
