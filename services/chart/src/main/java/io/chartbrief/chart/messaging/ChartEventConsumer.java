package io.chartbrief.chart.messaging;

import io.chartbrief.chart.service.ApplyOutcome;
import io.chartbrief.chart.service.ChartApplier;
import io.chartbrief.chart.service.IncomingEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code ehr.events}: each record is applied in one DB transaction and acknowledged only after the
 * commit (or after its {@code ehr.dlq} write was acknowledged), so the committed offset never passes a record
 * whose effect is not durable. Records of a partition are applied strictly in order.
 */
@ApplicationScoped
public class ChartEventConsumer {

    private static final Logger LOG = Logger.getLogger(ChartEventConsumer.class);

    private final ChartApplier applier;
    private final DeadLetterPublisher deadLetters;

    public ChartEventConsumer(ChartApplier applier, DeadLetterPublisher deadLetters) {
        this.applier = applier;
        this.deadLetters = deadLetters;
    }

    @Incoming("ehr-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(IncomingKafkaRecord<String, String> record) {
        IncomingEvent event = new IncomingEvent(record.getKey(), record.getPayload(), headers(record),
                record.getTopic(), record.getPartition(), record.getOffset());
        ApplyOutcome outcome;
        try {
            outcome = applier.apply(event);
        } catch (RuntimeException e) {
            LOG.errorf("Chart apply of %s/%d@%d failed; stopping the consumer: %s", record.getTopic(),
                    record.getPartition(), record.getOffset(), e.getMessage());
            return record.nack(e);
        }
        if (outcome instanceof ApplyOutcome.Rejected rejected) {
            LOG.infof("Dead-lettering %s/%d@%d: %s", record.getTopic(), record.getPartition(), record.getOffset(),
                    rejected.reason());
            try {
                deadLetters.publish(record, rejected.reason());
            } catch (RuntimeException e) {
                return record.nack(e);
            }
        } else if (LOG.isDebugEnabled()) {
            LOG.debugf("Applied %s/%d@%d: %s", record.getTopic(), record.getPartition(), record.getOffset(), outcome);
        }
        return record.ack();
    }

    private static Map<String, String> headers(IncomingKafkaRecord<String, String> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.getHeaders()) {
            if (header.value() != null) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }
}
