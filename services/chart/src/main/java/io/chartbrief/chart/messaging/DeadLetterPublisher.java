package io.chartbrief.chart.messaging;

import io.chartbrief.interop.event.DeadLetterRecord;
import io.chartbrief.interop.event.DeadLetterReporter;
import io.chartbrief.interop.event.DeadLetterStage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * The chart's {@code ehr.dlq} writer (stage {@link DeadLetterStage#CHART_APPLY}) for records of a poll batch, and
 * their {@code chartbrief.chart.dlq} count.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    private final DeadLetterReporter reporter;
    private final Counter dlq;

    public DeadLetterPublisher(@Channel("chart-dlq") MutinyEmitter<ProducerRecord<String, String>> emitter,
            MeterRegistry registry) {
        this.reporter = new DeadLetterReporter(DeadLetterStage.CHART_APPLY,
                letter -> emitter.send(letter).subscribeAsCompletionStage());
        this.dlq = Counter.builder("chartbrief.chart.dlq").description("ehr.events records sent to ehr.dlq")
                .register(registry);
    }

    /**
     * Publishes and waits for the broker's acknowledgement; throws when the write failed or was not acknowledged
     * within {@link DeadLetterRecord#SEND_TIMEOUT} (the batch is then nacked).
     */
    public void publish(IncomingKafkaRecord<String, String> record, String reason) {
        reporter.send(record.getHeaders(), record.getTopic(), record.getPartition(), record.getOffset(),
                record.getKey(), record.getPayload(), reason);
        dlq.increment();
    }
}
