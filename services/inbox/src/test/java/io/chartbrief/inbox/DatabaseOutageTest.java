package io.chartbrief.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.event.Topics;
import io.chartbrief.testsupport.DirectDataSource;
import io.chartbrief.testsupport.HealthWatch;
import io.chartbrief.testsupport.InjectDatabaseProxy;
import io.chartbrief.testsupport.KafkaBrokerResource;
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
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL unreachable for 30 s while summaries arrive: the inbox reaches its database through a {@link TcpProxy}
 * that the test cuts (new connections refused, open ones reset) and restores. Every summary sent during the outage
 * becomes exactly one inbox item after it, nothing is dead-lettered; readiness is DOWN during the outage and UP
 * after; liveness is UP at every sample; the channel still consumes afterwards. Real broker, real PostgreSQL.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "inbox"))
@WithTestResource(value = PostgresProxyResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = "database", value = "inbox_outage"))
class DatabaseOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final int SUMMARIES = 10;

    @InjectDatabaseProxy
    TcpProxy proxy;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/q/health")
    URI health;

    private final DataSource db = DirectDataSource.of("inbox_outage");
    private final String unit = "U" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
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
    void summariesSentDuringAnOutageBecomeOneItemEachAfterIt() throws Exception {
        InboxTestSupport.awaitItem(db, send());
        List<String> during = new ArrayList<>();
        try (HealthWatch watch = new HealthWatch(health, Duration.ofMillis(500))) {
            InboxTestSupport.await("ready before the outage", Duration.ofSeconds(30), () -> watch.sample().readyUp());

            proxy.cut();
            long cutAt = System.nanoTime();
            for (int i = 0; i < SUMMARIES; i++) {
                during.add(send());
            }
            InboxTestSupport.await("readiness DOWN during the outage", OUTAGE, () -> !watch.sample().readyUp());
            InboxTestSupport.await("a summary waits for the database", OUTAGE,
                    () -> watch.sample().readyBody().contains("Inbox intake of " + Topics.SUMMARIES));
            assertThat(items(during)).as("nothing stored while cut").isZero();
            Thread.sleep(Math.max(0, OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - cutAt).toMillis()));

            proxy.restore();
            InboxTestSupport.await("every summary stored after the outage", Duration.ofSeconds(90),
                    () -> items(during) == SUMMARIES);
            InboxTestSupport.await("ready again", Duration.ofSeconds(60), () -> watch.sample().readyUp());
            InboxTestSupport.awaitItem(db, send()); // the channel still consumes

            assertThat(watch.readyNotUp()).as("readiness DOWN during the outage").isNotEmpty();
            assertThat(watch.liveNotUp()).as("liveness samples not UP").isEmpty();
            assertThat(watch.samples().size()).isGreaterThanOrEqualTo((int) OUTAGE.toSeconds() / 5);
        }
        for (String summaryId : during) {
            assertThat(InboxTestSupport.count(db, "SELECT count(*) FROM inbox.item WHERE summary_id = ?", summaryId))
                    .as("items of " + summaryId).isOne();
        }
        assertThat(kafka.consumeAll(Topics.DLQ, Duration.ofSeconds(10)).stream()
                .filter(r -> during.stream().anyMatch(id -> r.value() != null && r.value().contains(id))))
                .as("dead-lettered").isEmpty();
    }

    /** Publishes a summary routed to this test's unit; returns its summary id. */
    private String send() {
        SummaryBundles summary = SummaryBundles.summary().participant("ATND", "4411-" + unit).unit(unit);
        InboxTestSupport.publish(kafka, summary);
        return summary.requestId();
    }

    private long items(List<String> summaryIds) {
        return InboxTestSupport.count(db, "SELECT count(*) FROM inbox.item WHERE summary_id = ANY(?)",
                (Object) summaryIds.toArray(new String[0]));
    }
}
