package io.chartbrief.summarizer;

import static io.chartbrief.summarizer.SummarizerFlowTest.TIMEOUT;
import static io.chartbrief.summarizer.SummarizerFlowTest.request;
import static io.chartbrief.summarizer.SummarizerApi.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.summarizer.config.SummarizerConfig;
import io.chartbrief.summarizer.service.EngineService;
import io.chartbrief.summary.Summarizer;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.TestTokens;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Vetoed;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The "summary could not be built" path: an engine that throws on a chart is bad input, not an outage. The seam is
 * the {@link EngineService} bean, replaced for each test by {@link UnsummarizableEngineService}, which throws for
 * patients whose id starts {@code unsummarizable-} and delegates everything else to the real bean; the rest of the
 * service (chart fetch, store, publisher, real broker and PostgreSQL) is the real one.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "summarizer"))
@WithTestResource(value = FakeChartServiceResource.class, scope = TestResourceScope.GLOBAL)
class SummaryFailureTest {

    private static final String REASON = "summary could not be built (IllegalStateException)";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    DataSource dataSource;

    @Inject
    EngineService engines;

    @Inject
    SummarizerConfig config;

    @Inject
    MeterRegistry registry;

    private KafkaTestClient kafka;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient(bootstrapServers);
        // Installed for this test only (QuarkusMock resets after each test).
        QuarkusMock.installMockForType(
                new UnsummarizableEngineService(ClientProxy.unwrap(engines), config, registry), EngineService.class);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    /**
     * The request goes to {@code ehr.dlq} with the failure's type, no summary is stored or published, the partition
     * moves on, and nothing of the request stays stored: the caught failure is no crash, so no attempt is left.
     */
    /** A summary of content PostgreSQL cannot store (a NUL in a problem's name) is dead-lettered, not an outage. */
    @Test
    void summaryTheDatabaseRefusesIsDeadLetteredAndThePartitionMovesOn() throws Exception {
        String patientId = "nul-" + UUID.randomUUID();
        String patient = "Patient/" + patientId;
        String failing = UUID.randomUUID().toString();
        String value = request(failing, patient, ChartFixture.encounterRef(patientId), "admission");
        kafka.send(Topics.SUMMARY_REQUESTS, patient, value);
        String next = UUID.randomUUID().toString();
        kafka.send(Topics.SUMMARY_REQUESTS, patient, request(next, "Patient/p-" + UUID.randomUUID(), null, "on-demand"));

        ConsumerRecord<String, String> dead = awaitDeadLetters(value, 1).get(0);
        assertThat(KafkaTestClient.header(dead, EventHeaders.DLQ_STAGE)).isEqualTo("summarize");
        assertThat(KafkaTestClient.header(dead, EventHeaders.DLQ_REASON))
                .isEqualTo("the database refused the summary (SQLState 22P05)");
        kafka.awaitRecord(Topics.SUMMARIES, TIMEOUT,
                r -> next.equals(KafkaTestClient.header(r, EventHeaders.SUMMARY_REQUEST_ID)));
        given().when().get("/summaries/" + failing).then().statusCode(404);
    }

    @Test
    void chartTheEngineCannotSummarizeIsDeadLetteredAndThePartitionMovesOn() throws Exception {
        String patientId = "unsummarizable-" + UUID.randomUUID();
        String patient = "Patient/" + patientId;
        String failing = UUID.randomUUID().toString();
        String value = request(failing, patient, ChartFixture.encounterRef(patientId), "admission");
        RecordMetadata sent = kafka.send(Topics.SUMMARY_REQUESTS, patient, value);
        String next = UUID.randomUUID().toString();
        // Same key, so the same partition: it must not stay behind the failed record.
        kafka.send(Topics.SUMMARY_REQUESTS, patient, request(next, "Patient/p-" + UUID.randomUUID(), null, "on-demand"));

        ConsumerRecord<String, String> dead = awaitDeadLetters(value, 1).get(0);
        assertThat(dead.key()).isEqualTo(patient);
        assertThat(KafkaTestClient.header(dead, EventHeaders.DLQ_STAGE)).isEqualTo("summarize");
        assertThat(KafkaTestClient.header(dead, EventHeaders.DLQ_REASON)).isEqualTo(REASON);
        assertThat(KafkaTestClient.header(dead, EventHeaders.DLQ_ORIGINAL_TOPIC)).isEqualTo(Topics.SUMMARY_REQUESTS);
        assertThat(KafkaTestClient.header(dead, EventHeaders.DLQ_ORIGINAL_PARTITION))
                .isEqualTo(Integer.toString(sent.partition()));
        assertThat(KafkaTestClient.header(dead, EventHeaders.DLQ_ORIGINAL_OFFSET)).isEqualTo(Long.toString(sent.offset()));
        assertThat(KafkaTestClient.header(dead, EventHeaders.DLQ_TIME)).isNotBlank();

        kafka.awaitRecord(Topics.SUMMARIES, TIMEOUT,
                r -> next.equals(KafkaTestClient.header(r, EventHeaders.SUMMARY_REQUEST_ID)));
        assertThat(committedOffset(new TopicPartition(Topics.SUMMARY_REQUESTS, sent.partition()), sent.offset()))
                .as("offset committed past the dead-lettered record").isGreaterThan(sent.offset());
        assertThat(kafka.consumeAll(Topics.SUMMARIES, TIMEOUT).stream()
                .filter(r -> failing.equals(KafkaTestClient.header(r, EventHeaders.SUMMARY_REQUEST_ID)))).isEmpty();
        assertThat(count("SELECT count(*) FROM summarizer.summary WHERE request_id = ?::uuid", failing)).isZero();
        assertThat(count("SELECT count(*) FROM summarizer.attempt WHERE request_id = ?::uuid", failing)).isZero();
        given().get("/summaries/" + failing).then().statusCode(404);
    }

    /**
     * Re-sending a dead-lettered request (more often than the crash limit) tries it again each time and dead-letters
     * it with the same reason: handled failures never add up to "crashed the summarizer N times".
     */
    @Test
    void resentRequestAfterAHandledFailureIsTriedAgainNotRefusedAsACrash() throws Exception {
        String patient = "Patient/unsummarizable-" + UUID.randomUUID();
        String requestId = UUID.randomUUID().toString();
        String value = request(requestId, patient, null, "admission");
        int sends = config.crashLimit() + 1;
        for (int i = 1; i <= sends; i++) {
            // One at a time: each send's outcome is seen before the next, so the attempts cannot overlap.
            kafka.send(Topics.SUMMARY_REQUESTS, patient, value);
            List<ConsumerRecord<String, String>> dead = awaitDeadLetters(value, i);
            assertThat(dead).extracting(r -> KafkaTestClient.header(r, EventHeaders.DLQ_REASON)).containsOnly(REASON);
        }
        assertThat(count("SELECT count(*) FROM summarizer.attempt WHERE request_id = ?::uuid", requestId)).isZero();
    }

    /** An earlier (crash) attempt still counts after a handled failure: only the handled one is taken back. */
    @Test
    void handledFailureTakesBackOnlyItsOwnAttempt() throws Exception {
        String patient = "Patient/unsummarizable-" + UUID.randomUUID();
        String requestId = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO summarizer.attempt (request_id, attempts, last_started_at) VALUES (?::uuid, 1, now())")) {
            ps.setString(1, requestId);
            ps.executeUpdate();
        }
        String value = request(requestId, patient, null, "admission");
        kafka.send(Topics.SUMMARY_REQUESTS, patient, value);

        assertThat(KafkaTestClient.header(awaitDeadLetters(value, 1).get(0), EventHeaders.DLQ_REASON)).isEqualTo(REASON);
        assertThat(count("SELECT attempts FROM summarizer.attempt WHERE request_id = ?::uuid", requestId)).isEqualTo(1);
    }

    private List<ConsumerRecord<String, String>> awaitDeadLetters(String value, int count) {
        return kafka.awaitRecords(Topics.DLQ, count, TIMEOUT, r -> value.equals(r.value()));
    }

    /** The summarizer group's committed offset of a partition, awaited past {@code offset} (commits are throttled). */
    private long committedOffset(TopicPartition partition, long offset) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            long committed = -1;
            while (System.nanoTime() < deadline) {
                OffsetAndMetadata current = admin.listConsumerGroupOffsets("chartbrief-summarizer")
                        .partitionsToOffsetAndMetadata().get().get(partition);
                committed = current == null ? -1 : current.offset();
                if (committed > offset) {
                    return committed;
                }
                Thread.sleep(200);
            }
            return committed;
        }
    }

    private long count(String sql, String requestId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /**
     * The real engine service, except that it cannot summarize the charts of {@code unsummarizable-} patients.
     * Vetoed: it would inherit {@code @ApplicationScoped} and become a second EngineService bean.
     */
    @Vetoed
    static final class UnsummarizableEngineService extends EngineService {

        private final EngineService real;

        UnsummarizableEngineService(EngineService real, SummarizerConfig config, MeterRegistry registry) {
            super(config, registry);
            this.real = real;
        }

        @Override
        public PatientSummary summarize(ClinicalChart chart) {
            if (chart.patientRef().startsWith("Patient/unsummarizable-")) {
                throw new IllegalStateException("this test's engine cannot summarize the chart");
            }
            return real.summarize(chart);
        }

        @Override
        public Summarizer summarizer() {
            return real.summarizer();
        }

        @Override
        public State state() {
            return real.state();
        }

        @Override
        public String engineKind() {
            return real.engineKind();
        }
    }
}
