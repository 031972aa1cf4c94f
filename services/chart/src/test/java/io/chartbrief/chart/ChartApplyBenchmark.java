package io.chartbrief.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.interop.event.NormalizedEvent;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.TestTokens;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Throughput benchmark (off by default; see docs/performance.md): ehr.events applied per second by the chart
 * service (real broker, real PostgreSQL; events pre-published with the consumer paused, then timed from resume to
 * the last event applied: fetch + parse + transactions) versus a plain batched JDBC
 * upsert of the same rows (one batch + commit per event) into a copy of the table, in the same run.
 * Run: {@code ./mvnw -B -o verify -pl services/chart -Dtest=ChartApplyBenchmark -Dchartbrief.benchmark=true}
 * ({@code -Dchartbrief.benchmark.events=N}, default 3000).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "chart"))
@EnabledIfSystemProperty(named = "chartbrief.benchmark", matches = "true")
class ChartApplyBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    DataSource dataSource;
    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;
    @Inject
    io.smallrye.reactive.messaging.ChannelRegistry channels;

    private record Row(String patientId, String type, String id, String json) {
    }

    @Test
    void eventsAppliedPerSecondVersusPlainJdbc() throws Exception {
        int events = Integer.getInteger("chartbrief.benchmark.events", 3000);
        int rounds = Integer.getInteger("chartbrief.benchmark.rounds", 3);
        for (int round = 1; round <= rounds; round++) { // round 1 warms up JIT, connections and caches
            List<NormalizedEvent> batch = workload(events, "B" + round + UUID.randomUUID().toString().substring(0, 6));
            List<String> values = new ArrayList<>(batch.size());
            List<List<Row>> rows = new ArrayList<>(batch.size());
            for (NormalizedEvent e : batch) {
                String value = ChartTestSupport.value(e);
                values.add(value);
                rows.add(rowsOf(ChartTestSupport.id(e.patientKey()), value));
            }
            io.micrometer.core.instrument.Timer before = registry.find("chartbrief.chart.apply.latency").timer();
            long count0 = before == null ? 0 : before.count();
            double total0 = before == null ? 0 : before.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS);
            double chart = chartRate(batch, values);
            io.micrometer.core.instrument.Timer timer = registry.get("chartbrief.chart.apply.latency").timer();
            System.out.printf("[chart-benchmark] apply latency (parse + transaction) mean %.2f ms over %d events%n",
                    (timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS) - total0) / (timer.count() - count0),
                    timer.count() - count0);
            double jdbc = jdbcRate(rows);
            System.out.printf("[chart-benchmark] round %d: %d events (%d resources): chart %.0f events/s, "
                    + "plain batched JDBC upsert %.0f events/s, ratio %.2f%n", round, batch.size(),
                    rows.stream().mapToInt(List::size).sum(), chart, jdbc, chart / jdbc);
        }
    }

    /** Per patient: an inpatient A01, then ORU^R01 results, then an A08 — like a ward's feed. */
    private static List<NormalizedEvent> workload(int events, String prefix) {
        List<NormalizedEvent> out = new ArrayList<>(events);
        int patient = 0;
        while (out.size() < events) {
            String mrn = prefix + "P" + patient++;
            out.add(ChartTestSupport.hl7(Hl7Fixtures.adt("A01", mrn + "A", mrn, "V" + mrn, "I", "20260301101400",
                    "20260301100000", null)));
            for (int i = 0; i < 8 && out.size() < events; i++) {
                out.add(ChartTestSupport.hl7(Hl7Fixtures.oru(mrn + "R" + i, mrn, mrn + "R" + i, "4." + i,
                        "2026030112" + (10 + i) + "00")));
            }
            if (out.size() < events) {
                out.add(ChartTestSupport.hl7(Hl7Fixtures.adt("A08", mrn + "U", mrn, "V" + mrn, "I",
                        "20260301180000", "20260301100000", null)));
            }
        }
        return out;
    }

    private double chartRate(List<NormalizedEvent> batch, List<String> values) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        NormalizedEvent last = batch.get(batch.size() - 1);
        String lastId = last.bundle().getEntry().get(last.bundle().getEntry().size() - 1).getResource()
                .getIdElement().getIdPart();
        String lastType = last.bundle().getEntry().get(last.bundle().getEntry().size() - 1).getResource().fhirType();
        // pre-publish with the consumer paused: the measurement is fetch + apply, not our producer
        io.smallrye.reactive.messaging.PausableChannel consumer = channels.getPausable("ehr-events");
        consumer.pause();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < batch.size(); i++) {
                NormalizedEvent e = batch.get(i);
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.EVENTS, e.patientKey(),
                        values.get(i));
                ChartTestSupport.headers(e).forEach((k, v) -> record.headers().add(k,
                        v.getBytes(StandardCharsets.UTF_8)));
                producer.send(record);
            }
            producer.flush();
        }
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long start = System.nanoTime();
        consumer.resume();
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            ChartTestSupport chart = new ChartTestSupport(kafka, dataSource);
            ChartTestSupport.await("benchmark events applied", Duration.ofMinutes(10),
                    () -> chart.count("SELECT count(*) FROM chart.resource WHERE patient_id = ? "
                            + "AND resource_type = ? AND resource_id = ? AND source_event_id = ?",
                            ChartTestSupport.id(last.patientKey()), lastType, lastId, last.sourceId()) == 1);
        }
        return batch.size() / ((System.nanoTime() - start) / 1e9);
    }

    private double jdbcRate(List<List<Row>> events) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS bench");
            s.execute("CREATE TABLE IF NOT EXISTS bench.resource (LIKE chart.resource INCLUDING ALL)");
            s.execute("TRUNCATE bench.resource");
        }
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO bench.resource (patient_id, resource_type, resource_id, event_time, version_id, body,
                        updated_at) VALUES (?, ?, ?, now(), 0, ?::jsonb, now())
                    ON CONFLICT (patient_id, resource_type, resource_id) DO UPDATE
                    SET body = excluded.body, event_time = excluded.event_time, updated_at = excluded.updated_at""")) {
                for (List<Row> event : events) {
                    for (Row row : event) {
                        ps.setString(1, row.patientId());
                        ps.setString(2, row.type());
                        ps.setString(3, row.id());
                        ps.setString(4, row.json());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    c.commit(); // one transaction per event, like the chart
                }
            }
            c.setAutoCommit(true);
        }
        return events.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static List<Row> rowsOf(String patientId, String bundleJson) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (JsonNode entry : JSON.readTree(bundleJson).path("entry")) {
            JsonNode r = entry.path("resource");
            rows.add(new Row(patientId, r.path("resourceType").asText(), r.path("id").asText(),
                    JSON.writeValueAsString(r)));
        }
        return rows;
    }

}
