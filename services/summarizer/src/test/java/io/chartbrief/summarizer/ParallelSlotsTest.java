package io.chartbrief.summarizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.TestTokens;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * {@code parallel-slots=2}: two requests are worked on at the same time (the fake chart service holds each
 * {@code pair-} fetch until both are in flight, and reports the overlap), and each is stored and published once.
 */
@QuarkusTest
@TestProfile(ParallelSlotsTest.TwoSlots.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "summarizer"))
@WithTestResource(value = FakeChartServiceResource.class, scope = TestResourceScope.GLOBAL)
class ParallelSlotsTest {

    /** Two slots (= two request workers), extractive engine. */
    public static class TwoSlots implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chartbrief.summarizer.parallel-slots", "2");
        }

        @Override
        public String getConfigProfile() {
            return "two-slots";
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "chartbrief.summarizer.chart-url")
    String chartUrl;

    @Inject
    DataSource dataSource;

    @Test
    void twoRequestsAreProcessedConcurrentlyAndEachIsStoredAndPublishedOnce() throws Exception {
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            String first = UUID.randomUUID().toString();
            String second = UUID.randomUUID().toString();
            String patientA = "Patient/pair-" + UUID.randomUUID();
            String patientB = "Patient/pair-" + UUID.randomUUID();
            kafka.send(Topics.SUMMARY_REQUESTS, patientA, SummarizerFlowTest.request(first, patientA, null, "admission"));
            kafka.send(Topics.SUMMARY_REQUESTS, patientB, SummarizerFlowTest.request(second, patientB, null, "admission"));

            Set<String> ids = Set.of(first, second);
            List<ConsumerRecord<String, String>> published = kafka.awaitRecords(Topics.SUMMARIES, 2,
                    SummarizerFlowTest.TIMEOUT, r -> ids.contains(KafkaTestClient.header(r, EventHeaders.SUMMARY_REQUEST_ID)));

            // Both chart fetches were in flight together: the second request did not wait for the first.
            assertThat(maxPairsInFlight()).isEqualTo(2);
            assertThat(published).extracting(r -> KafkaTestClient.header(r, EventHeaders.SUMMARY_REQUEST_ID))
                    .containsExactlyInAnyOrder(first, second);

            // Once each: no duplicate document on the topic, one row each, published.
            Map<String, Long> onTopic = kafka.consumeAll(Topics.SUMMARIES, SummarizerFlowTest.TIMEOUT).stream()
                    .map(r -> KafkaTestClient.header(r, EventHeaders.SUMMARY_REQUEST_ID)).filter(ids::contains)
                    .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
            assertThat(onTopic).containsExactlyInAnyOrderEntriesOf(Map.of(first, 1L, second, 1L));
            for (String id : ids) {
                assertThat(count("SELECT count(*) FROM summarizer.summary WHERE request_id = ?::uuid", id)).isEqualTo(1);
                assertThat(count("SELECT count(*) FROM summarizer.summary WHERE request_id = ?::uuid"
                        + " AND published_at IS NOT NULL", id)).isEqualTo(1);
            }
        }
    }

    private int maxPairsInFlight() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(chartUrl + "/stats/pair-max-in-flight")).build(),
                HttpResponse.BodyHandlers.ofString());
        return Integer.parseInt(response.body().trim());
    }

    private long count(String sql, String requestId) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, requestId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
