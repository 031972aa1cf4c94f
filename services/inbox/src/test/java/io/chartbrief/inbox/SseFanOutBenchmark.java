package io.chartbrief.inbox;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * SSE fan-out latency (opt-in: {@code -Dchartbrief.benchmark=true}): time from a record written to
 * {@code ehr.summaries} to its {@code event: item} arriving on each of N open streams, all clinicians of one unit.
 * Records are sent one at a time (the next after all streams got the previous one). See docs/performance.md.
 * {@code -Dchartbrief.benchmark.streams=100}, {@code -Dchartbrief.benchmark.records=50}.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "inbox"))
class SseFanOutBenchmark {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    InboxStream stream;
    @TestHTTPResource("/api/inbox/stream")
    URI streamUri;

    @Test
    void fanOutLatency() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("chartbrief.benchmark"), "benchmark: -Dchartbrief.benchmark=true");
        int streams = Integer.getInteger("chartbrief.benchmark.streams", 100);
        int records = Integer.getInteger("chartbrief.benchmark.records", 50);
        int warmup = 5;
        String unit = "BENCH" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<SseClient> clients = new ArrayList<>();
        List<Long> perStream = new ArrayList<>();
        List<Long> lastStream = new ArrayList<>();
        int before = stream.size();
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            for (int i = 0; i < streams; i++) {
                clients.add(SseClient.open(http, streamUri, token("bench-" + i, "BENCH-" + i, unit)));
            }
            InboxTestSupport.await(streams + " streams open", Duration.ofSeconds(60), () -> stream.size() >= before + streams);
            for (int r = 0; r < warmup + records; r++) {
                SummaryBundles summary = SummaryBundles.summary().unit(unit);
                long sent = System.nanoTime();
                publish(kafka, summary);
                long last = 0;
                for (SseClient client : clients) {
                    SseClient.Event event;
                    do {
                        event = client.next(Duration.ofSeconds(60));
                        assertThat(event).as("event within 60 s").isNotNull();
                    } while (!event.data().contains(summary.requestId()));
                    long latency = event.receivedNanos() - sent;
                    last = Math.max(last, latency);
                    if (r >= warmup) {
                        perStream.add(latency);
                    }
                }
                if (r >= warmup) {
                    lastStream.add(last);
                }
            }
        } finally {
            clients.forEach(SseClient::close);
        }
        System.out.printf("[inbox-sse-benchmark] %d streams, %d records (after %d warm-up): per stream p50 %.1f ms, "
                + "p95 %.1f ms, max %.1f ms; last of %d streams p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
                streams, records, warmup, pct(perStream, 50), pct(perStream, 95), pct(perStream, 100),
                streams, pct(lastStream, 50), pct(lastStream, 95), pct(lastStream, 100));
    }

    private static double pct(List<Long> nanos, int percentile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
