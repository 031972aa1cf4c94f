package io.chartbrief.interop.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of an {@code ehr.dlq} record (docs/architecture.md, "ehr.dlq record"): the original record's headers
 * unchanged, then {@code chartbrief.dlq.original.topic/partition/offset}, {@code .stage}, {@code .reason} and
 * {@code .time}. One shape for every service that dead-letters a record it consumed ({@link DeadLetterRecord}).
 */
public final class DeadLetterHeaders {

    private DeadLetterHeaders() {
    }

    /**
     * @param stage  where the record was dead-lettered
     * @param reason one line, no PHI values
     */
    public static RecordHeaders of(ConsumerRecord<?, ?> record, DeadLetterStage stage, String reason) {
        return of(record.headers(), record.topic(), record.partition(), record.offset(), stage, reason);
    }

    /**
     * The same for a record known by its parts (SmallRye's incoming metadata); {@code original} may be null when
     * the record did not come from Kafka, then only stage, reason and time are added.
     *
     * @param original the original record's headers, or {@code null}
     * @param topic    the original topic, or {@code null} when unknown (partition and offset are then left out)
     */
    public static RecordHeaders of(Iterable<Header> original, String topic, int partition, long offset,
            DeadLetterStage stage, String reason) {
        RecordHeaders headers = new RecordHeaders();
        if (original != null) {
            for (Header header : original) {
                headers.add(header);
            }
        }
        if (topic != null) {
            add(headers, EventHeaders.DLQ_ORIGINAL_TOPIC, topic);
            add(headers, EventHeaders.DLQ_ORIGINAL_PARTITION, Integer.toString(partition));
            add(headers, EventHeaders.DLQ_ORIGINAL_OFFSET, Long.toString(offset));
        }
        add(headers, EventHeaders.DLQ_STAGE, stage.wireValue());
        add(headers, EventHeaders.DLQ_REASON, reason);
        add(headers, EventHeaders.DLQ_TIME, Instant.now().toString());
        return headers;
    }

    private static void add(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
