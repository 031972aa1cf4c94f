package io.chartbrief.interop.hl7;

import java.util.ArrayList;
import java.util.List;

/**
 * Files and HL7 batches that hold more than one message: an FHS/BHS batch ({@code FHS BHS MSH… BTS FTS}) or messages
 * simply written one after another. The converter takes one message at a time and refuses such input loudly
 * ({@link #rejectIfSeveral}); tools that read files ({@code chartbrief convert}, {@code replay}) split them first
 * ({@link #split}).
 */
public final class Hl7Batch {

    /**
     * The messages of a file or batch.
     *
     * @param messages each message's text, from its MSH to the segment before the next MSH or batch trailer
     * @param warnings what does not add up: a BTS-1/FTS-1 count that differs from the messages found
     */
    public record Split(List<String> messages, List<String> warnings) {
        public Split {
            messages = List.copyOf(messages);
            warnings = List.copyOf(warnings);
        }
    }

    private Hl7Batch() {
    }

    /** Splits ER7 text (any line breaks, a BOM, junk before the first MSH tolerated) into its messages. */
    public static Split split(String raw) {
        String text = Er7Text.clean(raw).text();
        List<String> messages = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        StringBuilder current = null;
        int declared = -1;
        for (String segment : text.split("\r")) {
            String name = segment.length() >= 3 ? segment.substring(0, 3) : segment;
            switch (name) {
                case "MSH" -> {
                    if (current != null) {
                        messages.add(current.toString());
                    }
                    current = new StringBuilder(segment);
                }
                case "FHS", "BHS", "BTS", "FTS" -> {
                    if (current != null) {
                        messages.add(current.toString());
                        current = null;
                    }
                    if ("BTS".equals(name)) {
                        declared = count(segment);
                    }
                }
                default -> {
                    if (current != null) {
                        current.append('\r').append(segment);
                    }
                }
            }
        }
        if (current != null) {
            messages.add(current.toString());
        }
        if (declared >= 0 && declared != messages.size()) {
            warnings.add("BTS-1 (batch message count) says " + declared + " but the batch holds " + messages.size());
        }
        return new Split(messages, warnings);
    }

    /**
     * Refuses input holding more than one message or a batch envelope: converting only the first would lose the
     * others silently.
     */
    static void rejectIfSeveral(String raw, String cleaned) throws Hl7RejectedException {
        int messages = 0;
        boolean envelope = envelopeBeforeMsh(raw);
        int start = 0;
        while (start < cleaned.length()) {
            int cr = cleaned.indexOf('\r', start);
            int end = cr < 0 ? cleaned.length() : cr;
            if (cleaned.startsWith("MSH", start)) {
                messages++;
            } else if (end - start >= 3) {
                String name = cleaned.substring(start, start + 3);
                envelope |= name.equals("FHS") || name.equals("BHS") || name.equals("BTS") || name.equals("FTS");
            }
            start = end + 1;
        }
        if (messages > 1 || envelope) {
            throw new Hl7RejectedException(Hl7RejectedException.SEGMENT_SEQUENCE_ERROR, "MSH", 0, true,
                    (envelope ? "an HL7 batch (FHS/BHS) holding " : "input holding ") + messages
                            + (messages == 1 ? " message" : " messages")
                            + ": send one message per MLLP frame or record (split the batch in the interface engine;"
                            + " chartbrief convert and replay split files)");
        }
    }

    /** FHS or BHS lines in front of the first MSH (the cleaner drops them as junk). */
    private static boolean envelopeBeforeMsh(String raw) {
        if (raw == null) {
            return false;
        }
        int msh = raw.indexOf("MSH");
        String head = msh < 0 ? raw : raw.substring(0, msh);
        for (String line : head.split("[\r\n]+")) {
            String l = line.strip();
            if (l.startsWith("\uFEFF")) {
                l = l.substring(1);
            }
            if (l.startsWith("FHS") || l.startsWith("BHS")) {
                return true;
            }
        }
        return false;
    }

    private static int count(String segment) {
        String[] fields = segment.split("\\|", -1);
        if (fields.length < 2 || fields[1].isEmpty() || fields[1].length() > 9 || !fields[1].chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(fields[1]);
    }
}
