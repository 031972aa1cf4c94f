package io.chartbrief.cli.dlq;

import io.chartbrief.interop.event.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One {@code ehr.dlq} record as {@code chartbrief dlq} reads it: the original key, value and headers plus the DLQ
 * headers of docs/architecture.md ("ehr.dlq record"). Key and value are kept as bytes so a re-drive sends them
 * unchanged.
 */
record DeadLetter(DeadLetterId id, Instant time, String stage, String reason, String originalTopic,
        Integer originalPartition, Long originalOffset, byte[] key, byte[] value, List<Header> headers) {

    static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        List<Header> headers = new ArrayList<>();
        record.headers().forEach(headers::add);
        return new DeadLetter(new DeadLetterId(record.partition(), record.offset()),
                time(header(headers, EventHeaders.DLQ_TIME), record.timestamp()),
                header(headers, EventHeaders.DLQ_STAGE), header(headers, EventHeaders.DLQ_REASON),
                header(headers, EventHeaders.DLQ_ORIGINAL_TOPIC),
                number(header(headers, EventHeaders.DLQ_ORIGINAL_PARTITION), Integer::valueOf),
                number(header(headers, EventHeaders.DLQ_ORIGINAL_OFFSET), Long::valueOf),
                record.key(), record.value(), List.copyOf(headers));
    }

    /** The same record without key and value. */
    DeadLetter withoutContent() {
        return new DeadLetter(id, time, stage, reason, originalTopic, originalPartition, originalOffset, null, null,
                headers);
    }

    /**
     * The headers the original record had: every header but the DLQ ones, and but the marks of an earlier
     * re-drive (a record dead-lettered again after a re-drive carries exactly one, the newest, once re-driven).
     */
    List<Header> originalHeaders() {
        return headers.stream()
                .filter(h -> !h.key().startsWith(EventHeaders.DLQ_PREFIX) && !h.key().startsWith(EventHeaders.REDRIVE_PREFIX))
                .toList();
    }

    /** The original location, e.g. {@code ehr.events/2@17}; {@code ?} for what the headers do not say. */
    String originalLocation() {
        return (originalTopic == null ? "?" : originalTopic) + "/" + (originalPartition == null ? "?" : originalPartition)
                + "@" + (originalOffset == null ? "?" : originalOffset);
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String header(List<Header> headers, String name) {
        String value = null;
        for (Header h : headers) {
            if (h.key().equals(name) && h.value() != null) {
                value = text(h.value()); // the last one wins, as Headers.lastHeader
            }
        }
        return value;
    }

    private static Instant time(String header, long timestamp) {
        if (header != null) {
            try {
                return Instant.parse(header);
            } catch (DateTimeParseException e) {
                // fall back on the record's own timestamp
            }
        }
        return Instant.ofEpochMilli(timestamp);
    }

    private static <T> T number(String text, java.util.function.Function<String, T> parse) {
        try {
            return text == null ? null : parse.apply(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
