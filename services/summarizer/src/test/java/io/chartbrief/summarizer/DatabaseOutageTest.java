package io.chartbrief.summarizer;

import static io.chartbrief.summarizer.SummarizerFlowTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.event.EventHeaders;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL unreachable for 30 s while summary requests arrive: the summarizer reaches its database through a
 * {@link TcpProxy} that the test cuts (new connections refused, open ones reset) and restores. Every request sent
 * during the outage is summarized after it: one stored row and one document on {@code ehr.summaries} each, one
 * recorded inference attempt each (the waits are no crash), nothing dead-lettered; readiness DOWN during the outage
 * and UP after, liveness UP at every sample, and the channel still consumes afterwards. Real broker, real
 * PostgreSQL, the fake chart service.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "summarizer"))
@WithTestResource(value = FakeChartServiceResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresProxyResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = "database", value = "summarizer_outage"))
class DatabaseOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final int REQUESTS = 6;

    @InjectDatabaseProxy
    TcpProxy proxy;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/q/health")
    URI health;

    private final DataSource db = DirectDataSource.of("summarizer_outage");
    private KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        proxy.restore();
        kafka.close();
    }

    @Test
    void requestsSentDuringAnOutageAreAllSummarizedOnceAfterIt() throws Exception {
        String before = send();
        await("a request before the outage is stored", Duration.ofSeconds(60), () -> rows(Set.of(before)) == 1);
        List<String> during = new ArrayList<>();
        try (HealthWatch watch = new HealthWatch(health, Duration.ofMillis(500))) {
            assertThat(watch.sample().readyUp()).as("ready before the outage").isTrue();

            proxy.cut();
            long cutAt = System.nanoTime();
            for (int i = 0; i < REQUESTS; i++) {
                during.add(send());
            }
            await("readiness DOWN during the outage", OUTAGE, () -> !watch.sample().readyUp());
            assertThat(watch.sample().readyBody()).contains("database-outage");
            assertThat(rows(Set.copyOf(during))).as("nothing stored while cut").isZero();
            Thread.sleep(Math.max(0, OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - cutAt).toMillis()));

            proxy.restore();
            await("every request stored after the outage", Duration.ofSeconds(120),
                    () -> rows(Set.copyOf(during)) == REQUESTS);
            await("ready again", Duration.ofSeconds(60), () -> watch.sample().readyUp());
            String after = send(); // the channel still consumes
            await("a request after the outage is stored", Duration.ofSeconds(60), () -> rows(Set.of(after)) == 1);

            assertThat(watch.readyNotUp()).as("readiness DOWN during the outage").isNotEmpty();
            assertThat(watch.liveNotUp()).as("liveness samples not UP").isEmpty();
            assertThat(watch.samples().size()).isGreaterThanOrEqualTo((int) OUTAGE.toSeconds() / 5);
        }

        Set<String> ids = Set.copyOf(during);
        kafka.awaitRecords(Topics.SUMMARIES, REQUESTS, SummarizerFlowTest.TIMEOUT,
                r -> ids.contains(KafkaTestClient.header(r, EventHeaders.SUMMARY_REQUEST_ID)));
        Map<String, Long> documents = kafka.consumeAll(Topics.SUMMARIES, Duration.ofSeconds(10)).stream()
                .map(r -> KafkaTestClient.header(r, EventHeaders.SUMMARY_REQUEST_ID)).filter(ids::contains)
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        assertThat(documents).hasSize(REQUESTS).allSatisfy((id, n) -> assertThat(n).as(id).isOne());
        for (String id : during) {
            assertThat(value("SELECT published_at IS NOT NULL FROM summarizer.summary WHERE request_id = ?::uuid", id))
                    .as("publication recorded for " + id).isEqualTo(true);
            assertThat(value("SELECT attempts FROM summarizer.attempt WHERE request_id = ?::uuid", id))
                    .as("inference attempts of " + id).isEqualTo(1);
        }
        assertThat(kafka.consumeAll(Topics.DLQ, Duration.ofSeconds(10)).stream()
                .filter(r -> ids.stream().anyMatch(id -> r.value() != null && r.value().contains(id))))
                .as("dead-lettered").isEmpty();
    }

    /** Sends an admission request for a new patient of the fake chart service; returns its request id. */
    private String send() {
        String patientId = "p-" + UUID.randomUUID();
        String requestId = UUID.randomUUID().toString();
        kafka.send(Topics.SUMMARY_REQUESTS, "Patient/" + patientId,
                request(requestId, "Patient/" + patientId, ChartFixture.encounterRef(patientId), "admission"));
        return requestId;
    }

    private long rows(Set<String> requestIds) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM summarizer.summary WHERE request_id::text = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", requestIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Object value(String sql, String requestId) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }
}
