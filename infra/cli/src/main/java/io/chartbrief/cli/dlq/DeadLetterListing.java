package io.chartbrief.cli.dlq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;

/** What {@code dlq list} and {@code dlq show} print. */
final class DeadLetterListing {

    enum Format { text, json }

    /** Reasons are written without PHI values, but may quote a receiver or a database at length. */
    static final int REASON_CHARS = 100;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW = "%-10s %-20s %-16s %-30s %-8s %s";

    private final Format format;
    private final int limit;

    DeadLetterListing(Format format, int limit) {
        this.format = format;
        this.limit = limit;
    }

    /** The newest {@code limit} records, oldest first; keys and values are never printed. */
    void print(PrintWriter out, List<DeadLetter> letters, Map<String, Redrive> redrives) {
        List<DeadLetter> sorted = letters.stream()
                .sorted(Comparator.comparing(DeadLetter::time).thenComparingInt(l -> l.id().partition())
                        .thenComparingLong(l -> l.id().offset()))
                .toList();
        List<DeadLetter> shown = sorted.subList(Math.max(0, sorted.size() - limit), sorted.size());
        if (format == Format.json) {
            shown.forEach(l -> out.println(json(l, redriveOf(l, redrives))));
        } else {
            out.println(String.format(ROW, "ID", "TIME", "STAGE", "ORIGINAL", "REDRIVEN", "REASON").stripTrailing());
            for (DeadLetter l : shown) {
                out.println(String.format(ROW, l.id(), l.time().truncatedTo(ChronoUnit.SECONDS), orDash(l.stage()), l.originalLocation(),
                        redriveOf(l, redrives) != null ? "yes" : "no", shorten(l.reason())).stripTrailing());
            }
            out.println(shown.size() + " of " + letters.size() + " matching record(s) shown"
                    + (shown.size() < letters.size() ? " (the newest; --limit for more)" : ""));
        }
        out.flush();
    }

    /** Every header and the value, as stored (the value may hold PHI: the caller asked for it). */
    static void show(PrintWriter out, DeadLetter letter, Redrive redrive) {
        out.println("ehr.dlq record " + letter.id() + " (the value below may contain PHI)");
        out.println("key: " + (letter.key() == null ? "(none)" : DeadLetter.text(letter.key())));
        out.println("headers:");
        for (Header h : letter.headers()) {
            out.println("  " + h.key() + ": " + (h.value() == null ? "" : oneLine(DeadLetter.text(h.value()))));
        }
        out.println("re-driven: " + (redrive == null ? "no" : redrive.describe()));
        byte[] value = letter.value();
        out.println("value (" + (value == null ? 0 : value.length) + " bytes):");
        if (value != null) {
            // HL7 v2 separates segments with CR: on a terminal each would overwrite the one before.
            out.println(DeadLetter.text(value).replace("\r\n", "\n").replace('\r', '\n'));
        }
        out.flush();
    }

    /** The ledger's entry for the record, if it is about this record. */
    static Redrive redriveOf(DeadLetter letter, Map<String, Redrive> redrives) {
        Redrive redrive = redrives.get(letter.id().toString());
        return redrive != null && redrive.isOf(letter) ? redrive : null;
    }

    private static String json(DeadLetter l, Redrive redrive) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", l.id().toString()).put("time", l.time().toString()).put("stage", l.stage())
                .put("originalTopic", l.originalTopic()).put("originalPartition", l.originalPartition())
                .put("originalOffset", l.originalOffset()).put("reason", shorten(l.reason()))
                .put("redriven", redrive != null);
        if (redrive != null) {
            node.putObject("redrive").put("topic", redrive.topic()).put("partition", redrive.partition())
                    .put("offset", redrive.offset()).put("at", redrive.at() == null ? null : redrive.at().toString());
        }
        return node.toString();
    }

    static String shorten(String reason) {
        if (reason == null) {
            return "-";
        }
        String line = oneLine(reason);
        return line.length() <= REASON_CHARS ? line : line.substring(0, REASON_CHARS - 1) + "…";
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\p{Cntrl}+", " ").strip();
    }

    private static String orDash(String text) {
        return text == null ? "-" : text;
    }
}
