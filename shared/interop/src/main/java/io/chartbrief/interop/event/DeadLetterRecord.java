package io.chartbrief.interop.event;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The one shape of a dead letter (after Kafka Connect's {@code DeadLetterQueueReporter}): the consumed record's key
 * and value to {@link Topics#DLQ} with {@link DeadLetterHeaders}, and one bound on how long a service waits for the
 * broker's acknowledgement. A record value of {@code null} is written as the empty string.
 */
public final class DeadLetterRecord {

    /**
     * How long a service waits for {@code ehr.dlq} to acknowledge a dead letter. Past it the write counts as failed,
     * as a broker outage does: the consumed record is not acknowledged, so it is read again after the restart.
     */
    public static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private DeadLetterRecord() {
    }

    /** The dead letter of a consumed record. */
    public static ProducerRecord<String, String> of(ConsumerRecord<String, String> record, DeadLetterStage stage,
            String reason) {
        return of(record.headers(), record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                stage, reason);
    }

    /**
     * The same for a record known by its parts (SmallRye's incoming metadata).
     *
     * @param headers the original record's headers, or {@code null}
     * @param topic   the original topic, or {@code null} when the record did not come from Kafka
     * @param key     the original key (written as its text), or {@code null}
     */
    public static ProducerRecord<String, String> of(Iterable<Header> headers, String topic, int partition,
            long offset, Object key, String value, DeadLetterStage stage, String reason) {
        return new ProducerRecord<>(Topics.DLQ, null, key == null ? null : key.toString(), value == null ? "" : value,
                DeadLetterHeaders.of(headers, topic, partition, offset, stage, reason));
    }
}
