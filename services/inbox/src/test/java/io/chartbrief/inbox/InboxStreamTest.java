package io.chartbrief.inbox;

import static io.chartbrief.inbox.InboxTestSupport.awaitItem;
import static io.chartbrief.inbox.InboxTestSupport.publish;
import static io.chartbrief.inbox.InboxTestSupport.token;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.inbox.service.InboxStream;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** {@code GET /api/inbox/stream}: per-caller fan-out of new and superseded items, heartbeats, cleanup. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "inbox"))
class InboxStreamTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    DataSource db;
    @Inject
    InboxStream stream;
    @TestHTTPResource("/api/inbox/stream")
    URI streamUri;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void newAndSupersededItemsReachTheirCliniciansOnly() throws Exception {
        String okaforId = "4411-" + UUID.randomUUID().toString().substring(0, 8);
        String nguyenId = "2288-" + UUID.randomUUID().toString().substring(0, 8);
        String patient = "p-" + UUID.randomUUID();
        String encounter = "e-" + UUID.randomUUID();
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers);
                SseClient okafor = SseClient.open(http, streamUri, token("okafor", okaforId));
                SseClient nguyen = SseClient.open(http, streamUri, token("nguyen", nguyenId))) {
            assertThat(okafor.status()).isEqualTo(200);
            InboxTestSupport.await("both streams registered", Duration.ofSeconds(10), () -> stream.size() >= 2);

            Instant t0 = Instant.parse("2026-11-01T10:00:00Z");
            SummaryBundles first = SummaryBundles.summary().patient(patient, "Testpatient Gamma", "MRN-3")
                    .encounter(encounter).participant("ATND", okaforId).at(Date.from(t0));
            publish(kafka, first);
            String firstId = awaitItem(db, first.requestId());
            SseClient.Event event = okafor.next(Duration.ofSeconds(30));
            assertThat(event).isNotNull();
            assertThat(event.name()).isEqualTo("item");
            assertThat(event.data()).contains("\"id\":\"" + firstId + "\"").contains("\"summaryId\":\"" + first.requestId())
                    .doesNotContain("recipients");

            SummaryBundles second = SummaryBundles.summary().patient(patient, "Testpatient Gamma", "MRN-3")
                    .encounter(encounter).participant("ATND", okaforId).at(Date.from(t0.plusSeconds(60)));
            publish(kafka, second);
            String secondId = awaitItem(db, second.requestId());
            SseClient.Event added = okafor.next(Duration.ofSeconds(30));
            SseClient.Event replaced = okafor.next(Duration.ofSeconds(30));
            assertThat(added.name()).isEqualTo("item");
            assertThat(added.data()).contains(secondId);
            assertThat(replaced.name()).isEqualTo("superseded");
            assertThat(replaced.data()).contains("\"id\":\"" + firstId + "\"").contains("\"supersededBy\":\"" + secondId);

            // nothing for a clinician the items are not routed to, but heartbeats keep coming (1 s in tests)
            assertThat(nguyen.next(Duration.ofSeconds(3))).isNull();
            assertThat(nguyen.comments()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void closedStreamsAreDropped() throws Exception {
        int before = stream.size();
        SseClient client = SseClient.open(http, streamUri, token("okafor", "4411"));
        InboxTestSupport.await("stream registered", Duration.ofSeconds(10), () -> stream.size() == before + 1);
        client.close();
        InboxTestSupport.await("stream dropped after close", Duration.ofSeconds(20), () -> stream.size() == before);
    }

    @Test
    void aCallerHoldingTheMostStreamsAllowedGets429AndOthersAreNotAffected() throws Exception {
        String subject = "tabs-" + UUID.randomUUID();
        // %test: chartbrief.inbox.max-streams-per-caller=3
        SseClient first = SseClient.open(http, streamUri, token(subject, "4411"));
        SseClient second = SseClient.open(http, streamUri, token(subject, "4411"));
        SseClient third = SseClient.open(http, streamUri, token(subject, "4411"));
        try (first; second; third;
                SseClient fourth = SseClient.open(http, streamUri, token(subject, "4411"));
                SseClient colleague = SseClient.open(http, streamUri, token("colleague-" + subject, "4411"))) {
            assertThat(List.of(first.status(), second.status(), third.status())).containsOnly(200);
            assertThat(fourth.status()).isEqualTo(429);
            assertThat(colleague.status()).isEqualTo(200);
            first.close();
            InboxTestSupport.await("a closed stream frees its place", Duration.ofSeconds(20), () -> {
                try (SseClient again = SseClient.open(http, streamUri, token(subject, "4411"))) {
                    return again.status() == 200;
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }
}
