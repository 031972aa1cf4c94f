package io.chartbrief.cli.dlq;

import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka access of {@code chartbrief dlq}: reads {@code ehr.dlq} and the re-drive ledger {@code ehr.dlq.redrives}
 * from the beginning with assigned partitions and no consumer group (nothing is committed, no service's offsets
 * move), and re-drives a record to its original topic.
 */
final class DeadLetterQueue implements AutoCloseable {

    /** 16 MiB, as the services: large FHIR Bundles are one record. */
    private static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    private final String bootstrapServers;
    private final Properties client;
    private final Duration timeout;
    private final Admin admin;
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaProducer<String, String> ledgerProducer;
    private boolean ledgerReady;

    /** @param client extra client properties (security), applied to every client; ours win where they overlap */
    DeadLetterQueue(String bootstrapServers, Properties client, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.client = client;
        this.timeout = timeout;
        Properties props = common();
        try {
            this.admin = Admin.create(props);
        } catch (KafkaException e) {
            throw new IllegalArgumentException("cannot use Kafka at '" + bootstrapServers + "': "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    /** Fails fast, with the documented exit status 3, when no broker answers. */
    void checkReachable() throws BrokerUnreachableException {
        try {
            admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw unreachable("did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnreachableException("interrupted", e);
        }
    }

    /**
     * Every {@code ehr.dlq} record the filter takes, in partition then offset order; none when there is no DLQ.
     *
     * @param withContent keep keys and values (a re-drive needs them; a listing does not, and a DLQ of large
     *                    Bundles would not fit in memory)
     */
    List<DeadLetter> read(Predicate<DeadLetter> filter, boolean withContent) throws BrokerUnreachableException {
        List<DeadLetter> out = new ArrayList<>();
        scan(Topics.DLQ, ByteArrayDeserializer.class, (ConsumerRecord<byte[], byte[]> r) -> {
            DeadLetter letter = DeadLetter.of(r);
            if (filter.test(letter)) {
                out.add(withContent ? letter : letter.withoutContent());
            }
        });
        return out;
    }

    /** The record with that id, if the DLQ has it (not when retention or a wrong id leaves nothing there). */
    Optional<DeadLetter> read(DeadLetterId id) throws BrokerUnreachableException {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(ByteArrayDeserializer.class)) {
            List<TopicPartition> partitions = partitionsOf(consumer, Topics.DLQ);
            TopicPartition partition = new TopicPartition(Topics.DLQ, id.partition());
            if (!partitions.contains(partition)) {
                return Optional.empty();
            }
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
            if (id.offset() >= end) {
                return Optional.empty();
            }
            consumer.seek(partition, id.offset());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    return r.offset() == id.offset() ? Optional.of(DeadLetter.of(r)) : Optional.empty();
                }
                if (consumer.position(partition, timeout) >= end) {
                    return Optional.empty(); // the offset held a transaction marker or was compacted away
                }
            }
            throw new BrokerUnreachableException("Kafka did not return " + Topics.DLQ + " record " + id + " within "
                    + timeout.toSeconds() + " s; is the broker up?", null);
        } catch (KafkaException e) {
            throw unreachable("failed reading " + Topics.DLQ, e);
        }
    }

    /**
     * The re-drive ledger: DLQ id → its latest re-drive (a tombstone forgets one). Check an entry with
     * {@link Redrive#isOf} before taking it for a record's.
     */
    Map<String, Redrive> redrives() throws BrokerUnreachableException {
        Map<String, Redrive> out = new HashMap<>();
        scan(Topics.DLQ_REDRIVES, StringDeserializer.class, (ConsumerRecord<String, String> r) -> {
            if (r.key() == null) {
                return;
            }
            if (r.value() == null) {
                out.remove(r.key());
            } else {
                out.put(r.key(), Redrive.fromJson(r.key(), r.value()));
            }
        });
        return out;
    }

    /**
     * Sends the record's original key, value and headers (DLQ headers removed) to its original topic with
     * {@code chartbrief.redrive.of/at}, then records the re-drive in the ledger. The key picks the partition, as
     * for any new record of that topic, so a patient's records stay on the partition its consumers expect.
     *
     * @throws LedgerWriteException when the record was sent but the ledger write failed
     */
    Redrive redrive(DeadLetter letter, Instant at) throws BrokerUnreachableException, LedgerWriteException {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(letter.originalTopic(), null, letter.key(),
                letter.value());
        for (Header header : letter.originalHeaders()) {
            record.headers().add(header);
        }
        record.headers().add(EventHeaders.REDRIVE_OF, letter.id().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.REDRIVE_AT, at.toString().getBytes(StandardCharsets.UTF_8));
        // Before the send: a ledger that cannot be made (no rights) must stop the re-drive, not leave it unrecorded.
        ensureLedger();
        RecordMetadata sent = await(producer().send(record), "the re-drive of " + letter.id());
        Redrive redrive = new Redrive(letter.id().toString(), letter.originalLocation(), sent.topic(),
                sent.partition(), sent.offset(), at);
        try {
            await(ledgerProducer().send(new ProducerRecord<>(Topics.DLQ_REDRIVES, redrive.dlqId(), redrive.toJson())),
                    "the ledger entry of " + letter.id());
        } catch (BrokerUnreachableException | RuntimeException e) {
            throw new LedgerWriteException(redrive, e);
        }
        return redrive;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (ledgerProducer != null) {
            ledgerProducer.close(Duration.ofSeconds(5));
        }
        admin.close(Duration.ofSeconds(5));
    }

    /** The re-drive of a record was sent; writing its ledger entry was not acknowledged. */
    static final class LedgerWriteException extends Exception {
        final Redrive redrive;

        LedgerWriteException(Redrive redrive, Exception cause) {
            super(cause.getMessage(), cause);
            this.redrive = redrive;
        }
    }

    /**
     * Creates the ledger topic when it is missing, compacted (one entry per DLQ id is all it needs), with the
     * broker's default partitions and replication. An existing one is only looked up: no create rights needed.
     */
    private void ensureLedger() throws BrokerUnreachableException {
        if (ledgerReady) {
            return;
        }
        try {
            var names = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (names.contains(Topics.DLQ_REDRIVES)) {
                ledgerReady = true;
                return;
            }
        } catch (ExecutionException | TimeoutException e) {
            throw unreachable("could not list topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnreachableException("interrupted", e);
        }
        NewTopic topic = new NewTopic(Topics.DLQ_REDRIVES, Optional.empty(), Optional.empty())
                .configs(Map.of("cleanup.policy", "compact"));
        try {
            admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                // Reachable, but refused (e.g. no create rights): a failure, not an outage.
                throw new IllegalStateException("could not create " + Topics.DLQ_REDRIVES + " ("
                        + e.getCause().getMessage() + "); create it (cleanup.policy=compact) and replay again;"
                        + " nothing was sent", e);
            }
        } catch (TimeoutException e) {
            throw unreachable("could not create " + Topics.DLQ_REDRIVES, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnreachableException("interrupted", e);
        }
        ledgerReady = true;
    }

    /** Reads a topic's partitions from the beginning to their end now; a missing topic has nothing. */
    private <V> void scan(String topic, Class<?> deserializer, Consumer<ConsumerRecord<V, V>> sink)
            throws BrokerUnreachableException {
        try (KafkaConsumer<V, V> consumer = consumer(deserializer)) {
            List<TopicPartition> partitions = partitionsOf(consumer, topic);
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new BrokerUnreachableException("Kafka returned nothing more of " + topic + " for "
                            + timeout.toSeconds() + " s before its end; is the broker up?", null);
                }
                var records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    deadline = System.nanoTime() + timeout.toNanos(); // a stall limit, not one for a long DLQ
                }
                records.forEach(r -> {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        sink.accept(r);
                    }
                });
            }
        } catch (KafkaException e) {
            throw unreachable("failed reading " + topic, e);
        }
    }

    private List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        return infos == null ? List.of() : infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    private RecordMetadata await(java.util.concurrent.Future<RecordMetadata> send, String what)
            throws BrokerUnreachableException {
        try {
            return send.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw unreachable("did not acknowledge " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnreachableException("interrupted", e);
        }
    }

    private <V> KafkaConsumer<V, V> consumer(Class<?> deserializer) {
        Properties props = common();
        // No group.id: partitions are assigned, nothing is committed, no group is joined.
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "chartbrief-dlq-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_RECORD_BYTES);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, MAX_RECORD_BYTES);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, deserializer.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, deserializer.getName());
        return new KafkaConsumer<>(props);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerProps(ByteArraySerializer.class));
        }
        return producer;
    }

    private KafkaProducer<String, String> ledgerProducer() {
        if (ledgerProducer == null) {
            ledgerProducer = new KafkaProducer<>(producerProps(StringSerializer.class));
        }
        return ledgerProducer;
    }

    private Properties producerProps(Class<?> serializer) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
        // Kafka requires delivery.timeout >= linger + request.timeout.
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, millis / 2));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, serializer.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, serializer.getName());
        return props;
    }

    private Properties common() {
        Properties props = new Properties();
        props.putAll(client);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, millis / 2));
        return props;
    }

    private BrokerUnreachableException unreachable(String what, Exception e) {
        Throwable reason = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new BrokerUnreachableException("Kafka at " + bootstrapServers + " " + what + " ("
                + (reason.getMessage() != null ? reason.getMessage() : reason.getClass().getSimpleName())
                + "); is the broker up?", e);
    }
}
