package io.chartbrief.interop.event;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A service's dead-letter writer, after Kafka Connect's {@code DeadLetterQueueReporter}: one stage, the service's
 * producer, and {@link #send} that returns once the broker acknowledged the {@link DeadLetterRecord}. A write that
 * fails, or is not acknowledged within {@link DeadLetterRecord#SEND_TIMEOUT}, throws {@link NotDeadLetteredException}:
 * the service then treats it as a broker outage and does not acknowledge the consumed record.
 */
public class DeadLetterReporter {

    private final DeadLetterStage stage;
    private final Function<ProducerRecord<String, String>, ? extends CompletionStage<?>> producer;

    /**
     * @param stage    the stage this service writes
     * @param producer sends a record; its stage completes on the broker's acknowledgement (e.g. a SmallRye
     *                 emitter's {@code send(letter).subscribeAsCompletionStage()})
     */
    public DeadLetterReporter(DeadLetterStage stage,
            Function<ProducerRecord<String, String>, ? extends CompletionStage<?>> producer) {
        this.stage = stage;
        this.producer = producer;
    }

    /** Dead-letters a consumed record; {@code reason} is one line without PHI. */
    public void send(ConsumerRecord<String, String> record, String reason) {
        await(DeadLetterRecord.of(record, stage, reason));
    }

    /** The same for a record known by its parts (SmallRye's incoming record); see {@link DeadLetterRecord}. */
    public void send(Iterable<Header> headers, String topic, int partition, long offset, Object key, String value,
            String reason) {
        await(DeadLetterRecord.of(headers, topic, partition, offset, key, value, stage, reason));
    }

    private void await(ProducerRecord<String, String> letter) {
        try {
            producer.apply(letter).toCompletableFuture()
                    .get(DeadLetterRecord.SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new NotDeadLetteredException(stage + ": ehr.dlq write failed", e.getCause());
        } catch (TimeoutException e) {
            throw new NotDeadLetteredException(stage + ": ehr.dlq did not acknowledge within "
                    + DeadLetterRecord.SEND_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotDeadLetteredException(stage + ": interrupted while writing to ehr.dlq", e);
        }
    }

    /** The dead letter was not written; the consumed record must not be acknowledged. */
    public static final class NotDeadLetteredException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotDeadLetteredException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
