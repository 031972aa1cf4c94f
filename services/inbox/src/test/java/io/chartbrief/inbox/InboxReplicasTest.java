package io.chartbrief.inbox;

import static io.chartbrief.inbox.InboxTestSupport.await;
import static io.chartbrief.inbox.InboxTestSupport.awaitItem;
import static io.chartbrief.inbox.InboxTestSupport.publish;
import static io.chartbrief.inbox.InboxTestSupport.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.inbox.config.InboxConfig;
import io.chartbrief.inbox.security.Caller;
import io.chartbrief.inbox.service.InboxNotifications;
import io.chartbrief.inbox.service.InboxStream;
import io.chartbrief.inbox.service.ItemNotificationListener;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.resteasy.reactive.server.jaxrs.SseImpl;
import org.junit.jupiter.api.Test;

/**
 * Two inbox replicas on one PostgreSQL: replica A is this {@code @QuarkusTest} application (its Kafka consumer
 * stores every item); replica B is a second stream registry and LISTEN/NOTIFY listener on their own connections to
 * the same database, as another pod runs them. Items stored by A reach B's streams exactly once, also across a
 * terminated listener connection (caught up after the reconnect).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "inbox"))
class InboxReplicasTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String username;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;
    @Inject
    DataSource db;
    @Inject
    ObjectMapper json;
    @Inject
    InboxConfig config;
    @Inject
    InboxStream stream;
    @Inject
    @Readiness
    InboxNotifications notifications;
    @TestHTTPResource("/api/inbox/stream")
    URI streamUri;
    @TestHTTPResource("/q/health/ready")
    URI readyUri;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void itemsStoredByReplicaAReachStreamsOnReplicaBOnce() throws Exception {
        String practitioner = "4411-" + UUID.randomUUID().toString().substring(0, 8);
        String patient = "p-" + UUID.randomUUID();
        String encounter = "e-" + UUID.randomUUID();
        try (ReplicaB b = new ReplicaB(); KafkaTestClient kafka = new KafkaTestClient(bootstrapServers);
                SseClient onA = SseClient.open(http, streamUri, token("okafor", practitioner))) {
            RecordingSink onB = b.open(new Caller("okafor", practitioner, List.of()));
            RecordingSink otherOnB = b.open(new Caller("nguyen", "2288-" + UUID.randomUUID(), List.of()));
            await("replica B listening", Duration.ofSeconds(20), b.listener::connected);

            Instant t0 = Instant.parse("2026-11-01T10:00:00Z");
            SummaryBundles first = SummaryBundles.summary().patient(patient, "Testpatient Delta", "MRN-4")
                    .encounter(encounter).participant("ATND", practitioner).at(Date.from(t0));
            publish(kafka, first);
            String firstId = awaitItem(db, first.requestId());
            assertEvent(onB.next(Duration.ofSeconds(30)), "item", firstId);
            assertThat(onA.next(Duration.ofSeconds(30)).data()).contains(firstId);

            SummaryBundles second = SummaryBundles.summary().patient(patient, "Testpatient Delta", "MRN-4")
                    .encounter(encounter).participant("ATND", practitioner).at(Date.from(t0.plusSeconds(60)));
            publish(kafka, second);
            String secondId = awaitItem(db, second.requestId());
            assertEvent(onB.next(Duration.ofSeconds(30)), "item", secondId);
            OutboundSseEvent replaced = onB.next(Duration.ofSeconds(30));
            assertEvent(replaced, "superseded", firstId);
            assertThat((String) replaced.getData()).contains("\"supersededBy\":\"" + secondId);
            // A's own stream gets the same events the same way (no direct push besides NOTIFY)
            assertThat(onA.next(Duration.ofSeconds(30)).data()).contains("\"id\":\"" + secondId);
            assertThat(onA.next(Duration.ofSeconds(30)).name()).isEqualTo("superseded");

            // exactly once: nothing more for the clinician, nothing at all for a clinician the items are not routed to
            assertThat(onB.next(Duration.ofSeconds(3))).isNull();
            assertThat(onA.next(Duration.ofMillis(500))).isNull();
            assertThat(otherOnB.next(Duration.ofMillis(100))).isNull();
        }
    }

    @Test
    void replicaBCatchesUpItemsStoredWhileItsListenerWasDisconnected() throws Exception {
        String practitioner = "4411-" + UUID.randomUUID().toString().substring(0, 8);
        try (ReplicaB b = new ReplicaB(); KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            RecordingSink onB = b.open(new Caller("okafor", practitioner, List.of()));
            await("replica B listening", Duration.ofSeconds(20), b.listener::connected);
            int firstPid = b.listener.backendPid();

            // The database ends B's listening session; B cannot reconnect until the gate opens.
            b.reachable.set(false);
            terminate(firstPid);
            await("replica B disconnected", Duration.ofSeconds(20), () -> !b.listener.connected());

            SummaryBundles duringGap = SummaryBundles.summary().participant("ATND", practitioner);
            publish(kafka, duringGap);
            String gapId = awaitItem(db, duringGap.requestId());
            assertThat(onB.next(Duration.ofSeconds(2))).as("nothing while disconnected").isNull();

            b.reachable.set(true);
            await("replica B listening again", Duration.ofSeconds(30),
                    () -> b.listener.connected() && b.listener.backendPid() != firstPid);
            assertEvent(onB.next(Duration.ofSeconds(30)), "item", gapId);

            SummaryBundles later = SummaryBundles.summary().participant("ATND", practitioner);
            publish(kafka, later);
            String laterId = awaitItem(db, later.requestId());
            assertEvent(onB.next(Duration.ofSeconds(30)), "item", laterId);
            assertThat(onB.next(Duration.ofSeconds(3))).as("each item once").isNull();
        }
    }

    @Test
    void replicaAReconnectsAfterItsListenerSessionIsTerminatedAndReportsDownMeanwhile() throws Exception {
        String practitioner = "4411-" + UUID.randomUUID().toString().substring(0, 8);
        ItemNotificationListener listener = notifications.listener();
        await("replica A listening", Duration.ofSeconds(20), listener::connected);
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers);
                SseClient onA = SseClient.open(http, streamUri, token("okafor", practitioner))) {
            // Refuse new sessions to the database (open pooled ones stay), then end the listener's session.
            int firstPid = listener.backendPid();
            try {
                execute("ALTER DATABASE inbox ALLOW_CONNECTIONS false");
                terminate(firstPid);
                await("replica A disconnected", Duration.ofSeconds(20), () -> !listener.connected());
                // readiness DOWN once disconnected longer than down-after (2 s in tests)
                await("readiness DOWN", Duration.ofSeconds(20), () -> readiness().contains("\"inbox-notifications\"")
                        && readiness().matches("(?s).*\"name\"\\s*:\\s*\"inbox-notifications\"\\s*,\\s*\"status\"\\s*:\\s*\"DOWN\".*"));
            } finally {
                execute("ALTER DATABASE inbox ALLOW_CONNECTIONS true");
            }
            await("replica A listening again", Duration.ofSeconds(30),
                    () -> listener.connected() && listener.backendPid() != firstPid);
            await("readiness UP", Duration.ofSeconds(10), () -> readiness()
                    .matches("(?s).*\"name\"\\s*:\\s*\"inbox-notifications\"\\s*,\\s*\"status\"\\s*:\\s*\"UP\".*"));

            SummaryBundles later = SummaryBundles.summary().participant("ATND", practitioner);
            publish(kafka, later);
            String laterId = awaitItem(db, later.requestId());
            SseClient.Event event = onA.next(Duration.ofSeconds(30));
            assertThat(event).isNotNull();
            assertThat(event.name()).isEqualTo("item");
            assertThat(event.data()).contains("\"id\":\"" + laterId);
        }
    }

    private void terminate(int pid) {
        assertThat(pid).isPositive();
        List<List<Object>> rows = InboxTestSupport.query(db, "SELECT pg_terminate_backend(?)", pid);
        assertThat(rows.get(0).get(0)).isEqualTo(true);
    }

    /** Runs a statement from the maintenance database (a database cannot refuse connections to itself). */
    private static void execute(String sql) throws SQLException {
        try (java.sql.Connection c = DriverManager.getConnection(PostgresResource.jdbcUrl("postgres"),
                PostgresResource.username(), PostgresResource.password()); java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private String readiness() {
        try {
            return http.send(java.net.http.HttpRequest.newBuilder(readyUri).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static void assertEvent(OutboundSseEvent event, String name, String itemId) {
        assertThat(event).as(name + " event for " + itemId).isNotNull();
        assertThat(event.getName()).isEqualTo(name);
        assertThat((String) event.getData()).contains("\"id\":\"" + itemId + "\"").doesNotContain("recipients");
    }

    /** A second replica: its own stream registry and listener (own connections, same database). */
    private final class ReplicaB implements AutoCloseable {

        final AtomicBoolean reachable = new AtomicBoolean(true);
        final InboxStream streams = new InboxStream(json, config, new SimpleMeterRegistry());
        final ItemNotificationListener listener;
        final List<RecordingSink> sinks = new ArrayList<>();

        ReplicaB() {
            listener = new ItemNotificationListener("replica-b-listener", () -> {
                if (!reachable.get()) {
                    throw new SQLException("replica B cannot reach the database (test)", "08001");
                }
                return DriverManager.getConnection(jdbcUrl, username, password);
            }, InboxNotifications.settings(config), streams, new SimpleMeterRegistry());
            listener.start();
        }

        RecordingSink open(Caller caller) {
            RecordingSink sink = new RecordingSink();
            sinks.add(sink);
            streams.open(caller, sink, new SseImpl());
            return sink;
        }

        @Override
        public void close() {
            listener.close();
            sinks.forEach(RecordingSink::close);
        }
    }

    /** An SSE sink that keeps the named events sent to it (comments are dropped). */
    static final class RecordingSink implements SseEventSink {

        private final BlockingQueue<OutboundSseEvent> events = new LinkedBlockingQueue<>();
        private volatile boolean closed;

        OutboundSseEvent next(Duration timeout) throws InterruptedException {
            return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public CompletionStage<?> send(OutboundSseEvent event) {
            if (event.getName() != null) {
                events.add(event);
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
