package io.chartbrief.chart.messaging;

import io.chartbrief.chart.service.ApplyOutcome;
import io.chartbrief.chart.service.ChartApplier;
import io.chartbrief.chart.service.IncomingEvent;
import io.chartbrief.outage.DatabaseOutage;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code ehr.events} in poll batches: the records of a batch are applied in order in one DB transaction
 * and acknowledged only after the commit (and after the {@code ehr.dlq} writes of rejected records were
 * acknowledged), so the committed offset never passes a record whose effect is not durable. A database outage
 * never fails the channel: the same batch is applied again, in place, until the database is back
 * ({@link DatabaseOutage}: capped backoff, readiness DOWN meanwhile, this partition's later records wait behind
 * it, none is skipped); re-applying is a no-op for whatever had been committed. A record whose content the
 * database refuses is dead-lettered by the applier's outcome. Only an unexpected failure (or a DLQ write the broker
 * did not acknowledge) nacks the batch: the channel fails (liveness DOWN) and the records are re-read after
 * restart.
 */
@ApplicationScoped
public class ChartEventConsumer {

    private static final Logger LOG = Logger.getLogger(ChartEventConsumer.class);

    private final ChartApplier applier;
    private final DeadLetterPublisher deadLetters;
    private final DatabaseOutage outage;

    public ChartEventConsumer(ChartApplier applier, DeadLetterPublisher deadLetters, DatabaseOutage outage) {
        this.applier = applier;
        this.deadLetters = deadLetters;
        this.outage = outage;
    }

    @Incoming("ehr-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<IncomingKafkaRecord<String, String>> records = new ArrayList<>();
        List<IncomingEvent> events = new ArrayList<>();
        for (KafkaRecord<String, String> r : batch.getRecords()) {
            IncomingKafkaRecord<String, String> record = (IncomingKafkaRecord<String, String>) r;
            records.add(record);
            events.add(new IncomingEvent(record.getKey(), record.getPayload(), headers(record), record.getTopic(),
                    record.getPartition(), record.getOffset()));
        }
        List<ApplyOutcome> outcomes;
        try {
            outcomes = outage.run("Chart apply of " + records.size() + " record(s) from " + describe(records.get(0)),
                    () -> applier.applyAll(events));
        } catch (RuntimeException e) {
            LOG.errorf("Chart apply of %d record(s) from %s failed; stopping the consumer: %s", records.size(),
                    describe(records.get(0)), e.getMessage());
            return batch.nack(e);
        }
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) instanceof ApplyOutcome.Rejected rejected) {
                LOG.infof("Dead-lettering %s: %s", describe(records.get(i)), rejected.reason());
                try {
                    deadLetters.publish(records.get(i), rejected.reason());
                } catch (RuntimeException e) {
                    return batch.nack(e);
                }
            }
        }
        if (LOG.isDebugEnabled()) {
            LOG.debugf("Applied %d record(s) from %s", records.size(), describe(records.get(0)));
        }
        return batch.ack();
    }

    private static String describe(IncomingKafkaRecord<String, String> record) {
        return record.getTopic() + "/" + record.getPartition() + "@" + record.getOffset();
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
