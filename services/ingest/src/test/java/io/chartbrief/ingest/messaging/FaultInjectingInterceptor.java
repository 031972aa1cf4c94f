package io.chartbrief.ingest.messaging;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Test-only Kafka producer interceptor that reproduces the two producer deaths health must see: a record holding
 * {@link #KILL_NETWORK_THREAD} makes the next acknowledgement throw an OutOfMemoryError on the producer's network
 * thread (as a huge allocation elsewhere in the JVM did), which kills that thread; a record holding
 * {@link #STALL} blocks the sending thread until {@link #releaseStall()}.
 */
public class FaultInjectingInterceptor implements ProducerInterceptor<Object, Object> {

    public static final String KILL_NETWORK_THREAD = "FAULTKILLNETWORKTHREAD";
    public static final String STALL = "FAULTSTALL";

    private static final AtomicBoolean KILL_ARMED = new AtomicBoolean();
    private static volatile CountDownLatch stall = new CountDownLatch(1);

    public static void releaseStall() {
        stall.countDown();
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        String value = String.valueOf(record.value());
        if (value.contains(KILL_NETWORK_THREAD)) {
            KILL_ARMED.set(true);
        }
        if (value.contains(STALL)) {
            try {
                stall.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        if (KILL_ARMED.compareAndSet(true, false)) {
            throw new OutOfMemoryError("simulated by FaultInjectingInterceptor");
        }
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
