package io.chartbrief.ingest.messaging;

import io.chartbrief.ingest.config.IngestConfig;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Liveness and readiness check {@value #NAME}: DOWN when a producer of ingest can no longer write, which the
 * messaging health alone does not notice. Causes: the producer's network thread died (e.g. an OutOfMemoryError in
 * it: from then on no write completes and every MLLP message would get AE while health said UP), the producer was
 * closed or failed fatally, or an inbound write stayed uncompleted past {@code chartbrief.ingest.health
 * .producer-stall-timeout}. A restart is the only cure for each, so liveness says DOWN too. A broker outage is
 * none of these (writes fail within the delivery timeout; senders get AE/503 and retry).
 *
 * <p>Data: one entry per channel, {@code ok} or the reason.
 */
@Liveness
@Readiness
@ApplicationScoped
public class ProducerHealth implements HealthCheck {

    public static final String NAME = "chartbrief-ingest-producers";
    /** Kafka names each producer's I/O thread {@code kafka-producer-network-thread | <client.id>}. */
    static final String NETWORK_THREAD_PREFIX = "kafka-producer-network-thread | ";
    static final List<String> CHANNELS = List.of(InboundRecordPublisher.HL7V2_CHANNEL,
            InboundRecordPublisher.FHIR_CHANNEL, "events");

    private final KafkaClientService clients;
    private final InboundRecordPublisher publisher;
    private final Duration stallTimeout;
    /** Network threads seen alive once: only a thread known to have run can be reported dead. */
    private final Map<String, Thread> networkThreads = new ConcurrentHashMap<>();

    public ProducerHealth(KafkaClientService clients, InboundRecordPublisher publisher, IngestConfig config) {
        this.clients = clients;
        this.publisher = publisher;
        this.stallTimeout = config.health().producerStallTimeout();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        for (String channel : CHANNELS) {
            String problem = problem(channel);
            response.withData(channel, problem == null ? "ok" : problem);
            if (problem != null) {
                response.down();
            }
        }
        return response.build();
    }

    private String problem(String channel) {
        KafkaProducer<?, ?> producer = clients.getProducer(channel);
        if (producer != null) {
            Thread thread = networkThread(producer);
            if (thread != null && !thread.isAlive()) {
                return "network thread dead";
            }
        }
        ProducerWrites writes = publisher.writes(channel);
        if (writes == null) {
            return null;
        }
        if (writes.fatalFailure() != null) {
            return "failed fatally (" + writes.fatalFailure() + ")";
        }
        long waited = writes.oldestWaitNanos();
        if (waited > stallTimeout.toNanos()) {
            return "stalled: a write uncompleted for " + Duration.ofNanos(waited).toSeconds() + " s";
        }
        return null;
    }

    /**
     * The producer's own I/O thread: Kafka's {@code KafkaProducer.ioThread} (read reflectively; stable for years),
     * else the live thread named after its client id, remembered once seen. The field is exact even when an
     * earlier producer with the same client id left a thread behind in this JVM.
     */
    private Thread networkThread(KafkaProducer<?, ?> producer) {
        Object kafkaProducer = producer.unwrap();
        if (kafkaProducer != null) {
            try {
                Field field = kafkaProducer.getClass().getDeclaredField("ioThread");
                field.setAccessible(true);
                if (field.get(kafkaProducer) instanceof Thread thread) {
                    return thread;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // another producer implementation or Kafka version: fall back to the thread's name
            }
        }
        Object clientId = producer.configuration().get("client.id");
        if (clientId == null) {
            return null;
        }
        Thread known = networkThreads.get(clientId.toString());
        if (known != null) {
            return known;
        }
        String name = NETWORK_THREAD_PREFIX + clientId;
        for (Thread t : allThreads()) {
            if (t != null && name.equals(t.getName()) && t.isAlive()) {
                networkThreads.put(clientId.toString(), t);
                return t;
            }
        }
        return null;
    }

    private static Thread[] allThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() * 2 + 16];
        root.enumerate(threads, true);
        return threads;
    }
}
