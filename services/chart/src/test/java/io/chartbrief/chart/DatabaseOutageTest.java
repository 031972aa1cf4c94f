package io.chartbrief.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.interop.event.NormalizedEvent;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.testsupport.DirectDataSource;
import io.chartbrief.testsupport.HealthWatch;
import io.chartbrief.testsupport.InjectDatabaseProxy;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.TestTokens;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresProxyResource;
import io.chartbrief.testsupport.PostgresResource;
import io.chartbrief.testsupport.TcpProxy;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL unreachable for 30 s while admissions arrive: the chart reaches its database through a
 * {@link TcpProxy} that the test cuts (new connections refused, open ones reset) and restores. Every record sent
 * during the outage is applied after it, once, in order; nothing is dead-lettered; each admission asks for exactly
 * one summary; readiness is DOWN during the outage and UP after; liveness is UP at every sample; the channel keeps
 * consuming afterwards (no restart). Real broker, real PostgreSQL.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "chart"))
@WithTestResource(value = PostgresProxyResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = "database", value = "chart_outage"))
class DatabaseOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final int ADMISSIONS = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectDatabaseProxy
    TcpProxy proxy;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/q/health")
    URI health;

    private KafkaTestClient kafka;
    private ChartTestSupport chart;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(bootstrapServers);
        // The test's own view of the database goes around the proxy.
        chart = new ChartTestSupport(kafka, DirectDataSource.of("chart_outage"));
    }

    @AfterEach
    void disconnect() {
        proxy.restore();
        kafka.close();
    }

    @Test
    void recordsSentDuringAnOutageAreAllAppliedOnceAfterIt() throws Exception {
        chart.sync();
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        List<String> patients = new ArrayList<>();
        try (HealthWatch watch = new HealthWatch(health, Duration.ofMillis(500))) {
            assertThat(watch.sample().readyUp()).as("ready before the outage").isTrue();

            proxy.cut();
            long cutAt = System.nanoTime();
            for (int i = 0; i < ADMISSIONS; i++) {
                String mrn = "OUT" + run + i;
                NormalizedEvent admission = chart.publishHl7(Hl7Fixtures.adt("A01", "A" + mrn, mrn, "V" + mrn, "I",
                        "20260301101400", "20260301100000", null));
                chart.publishHl7(Hl7Fixtures.oru("O" + mrn, mrn, "R" + mrn, "4." + i, "20260301120000"));
                patients.add(ChartTestSupport.id(admission.patientKey()));
            }
            ChartTestSupport.await("readiness DOWN during the outage", OUTAGE,
                    () -> !watch.sample().readyUp());
            HealthWatch.Sample during = watch.sample();
            assertThat(during.readyBody()).contains("database-outage");
            assertThat(chart.count("SELECT count(*) FROM chart.resource WHERE patient_id = ANY(?)",
                    (Object) patients.toArray(new String[0]))).as("nothing applied while cut").isZero();
            Thread.sleep(Math.max(0, OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - cutAt).toMillis()));

            proxy.restore();
            ChartTestSupport.await("every record applied after the outage", Duration.ofSeconds(90),
                    () -> chart.count("SELECT count(DISTINCT patient_id) FROM chart.resource WHERE patient_id = ANY(?)"
                            + " AND resource_type = 'Observation'", (Object) patients.toArray(new String[0]))
                            == ADMISSIONS);
            ChartTestSupport.await("ready again", Duration.ofSeconds(60), () -> watch.sample().readyUp());
            chart.sync(); // the channel still consumes: a record sent after the outage is applied

            assertThat(watch.readyNotUp()).as("readiness DOWN during the outage").isNotEmpty();
            assertThat(watch.liveNotUp()).as("liveness samples not UP").isEmpty();
            // a DOWN readiness probe answers in about 2.5 s (the datasource check's own attempt): >= 1 per 5 s
            assertThat(watch.samples().size()).isGreaterThanOrEqualTo((int) OUTAGE.toSeconds() / 5);
        }

        for (String patient : patients) {
            assertThat(chart.count("SELECT count(*) FROM chart.resource WHERE patient_id = ? AND resource_type "
                    + "IN ('Patient', 'Encounter', 'Observation')", patient)).as(patient).isEqualTo(3);
        }
        Map<String, String> encounterOf = new java.util.HashMap<>();
        for (List<Object> row : chart.query("SELECT patient_id, resource_id FROM chart.resource WHERE "
                + "resource_type = 'Encounter' AND patient_id = ANY(?)", (Object) patients.toArray(new String[0]))) {
            encounterOf.put("Encounter/" + row.get(1), (String) row.get(0));
        }
        assertThat(encounterOf).hasSize(ADMISSIONS);
        // each admission asks for exactly one summary (the scheduler waits out the outage too)
        kafka.awaitRecords(Topics.SUMMARY_REQUESTS, ADMISSIONS, ChartTestSupport.TIMEOUT,
                r -> encounterOf.containsKey(encounter(r)));
        Thread.sleep(4_000); // one more settle window and scheduler round: no second request appears
        Map<String, Long> requests = kafka.consumeAll(Topics.SUMMARY_REQUESTS, ChartTestSupport.TIMEOUT).stream()
                .map(DatabaseOutageTest::encounter).filter(encounterOf::containsKey)
                .collect(Collectors.groupingBy(e -> e, Collectors.counting()));
        assertThat(requests).hasSize(ADMISSIONS).allSatisfy((encounter, n) -> assertThat(n).as(encounter).isOne());
        assertThat(kafka.consumeAll(Topics.DLQ, Duration.ofSeconds(10)).stream()
                .filter(r -> r.value() != null && r.value().contains(run))).as("dead-lettered").isEmpty();
    }

    private static String encounter(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).path("encounter").asText();
        } catch (Exception e) {
            return "";
        }
    }
}
