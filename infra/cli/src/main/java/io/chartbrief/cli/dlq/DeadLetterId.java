package io.chartbrief.cli.dlq;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An {@code ehr.dlq} record's identity, written {@code partition:offset} (e.g. {@code 0:42}). */
record DeadLetterId(int partition, long offset) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,9}):(\\d{1,18})");

    /** @throws IllegalArgumentException when the text is not {@code PARTITION:OFFSET} */
    static DeadLetterId parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a DLQ record id (PARTITION:OFFSET, e.g. 0:42): '" + text + "'");
        }
        return new DeadLetterId(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
    }

    @Override
    public String toString() {
        return partition + ":" + offset;
    }
}
