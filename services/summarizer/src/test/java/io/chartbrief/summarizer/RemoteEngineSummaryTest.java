package io.chartbrief.summarizer;

import static io.chartbrief.summarizer.SummarizerApi.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

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
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The remote engine in the service, end to end: a request summarized by a chat-completions server (the test
 * server of the summary-engine test-jar), verified, stored and published as {@code remote}; then the server fails,
 * the summary falls back to extractive with the reason, the breaker opens and readiness stays UP.
 */
@QuarkusTest
@TestProfile(RemoteEngineSummaryTest.RemoteProfile.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "summarizer"))
@WithTestResource(value = FakeChartServiceResource.class, scope = TestResourceScope.GLOBAL)
class RemoteEngineSummaryTest {

    /** engine=remote against {@link ChatServerResource}; one failure opens the breaker (for an hour). */
    public static class RemoteProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chartbrief.summarizer.engine", "remote",
                    "chartbrief.summarizer.remote.model", "medgemma-27b-it",
                    "chartbrief.summarizer.remote.api-key", "sk-service-test",
                    "chartbrief.summarizer.remote.max-retries", "0",
                    "chartbrief.summarizer.remote.breaker-threshold", "1",
                    "chartbrief.summarizer.remote.breaker-cool-down", "1h",
                    "chartbrief.summarizer.max-output-tokens", "512");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ChatServerResource.class));
        }

        @Override
        public String getConfigProfile() {
            return "remote-engine";
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "chartbrief.summarizer.remote.base-url")
    String baseUrl;

    @Test
    void summarizesThroughTheServerThenFallsBackAndOpensTheBreakerWithoutGoingDown() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'summary-model' }.data.state", equalTo("remote"))
                .body("checks.find { it.name == 'summary-model' }.data.breaker", equalTo("closed"));

        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            String first = summarize(kafka, "remote");
            given().get("/summaries/" + first).then().statusCode(200)
                    .body("engine", equalTo("remote"))
                    .body("status", equalTo("verified"))
                    .body("summary.engine.model", equalTo("medgemma-27b-it"))
                    .body("summary.tokens.prompt", equalTo(1234))
                    .body("summary.problems[0].evidence[0]", org.hamcrest.Matchers.startsWith("Condition/cond-"));
            JsonPath sent = given().get(root() + "/control/requests").jsonPath();
            assertThat(sent.getString("[0].path")).isEqualTo("/v1/chat/completions");
            assertThat(sent.getString("[0].authorization")).isEqualTo("Bearer sk-service-test");
            assertThat(sent.getString("[0].body.model")).isEqualTo("medgemma-27b-it");
            assertThat(sent.getInt("[0].body.max_tokens")).isEqualTo(512);
            assertThat(sent.getString("[0].body.response_format.type")).isEqualTo("json_schema");

            given().post(root() + "/control/fail/503").then().statusCode(200);
            String second = summarize(kafka, "extractive");
            given().get("/summaries/" + second).then().statusCode(200)
                    .body("summary.engine.fallbackReason", equalTo("engine-unavailable: HTTP 503 after 1 attempt"));

            // The breaker is open: the next summary does not reach the server, and the service stays ready.
            String third = summarize(kafka, "extractive");
            given().get("/summaries/" + third).then().statusCode(200).body("summary.engine.fallbackReason",
                    org.hamcrest.Matchers.startsWith("engine-unavailable: circuit breaker open after 1 failed"));
            assertThat(given().get(root() + "/control/requests").jsonPath().getList("$")).hasSize(2);
        }
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'summary-model' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'summary-model' }.data.breaker", equalTo("open"))
                .body("checks.find { it.name == 'summary-model' }.data.model", equalTo("medgemma-27b-it"));
        given().get("/q/metrics").then()
                .body(containsString("chartbrief_summarizer_remote_requests_total{outcome=\"ok\"} 1.0"))
                .body(containsString("chartbrief_summarizer_remote_requests_total{outcome=\"unavailable\"} 1.0"))
                .body(containsString("chartbrief_summarizer_remote_requests_total{outcome=\"breaker-open\"} 1.0"))
                .body(containsString("chartbrief_summarizer_remote_breaker{state=\"open\"} 1.0"))
                .body(containsString("chartbrief_summarizer_summaries_total{engine=\"remote\",status=\"verified\"}"));
    }

    private String root() {
        return baseUrl.replaceAll("/v1$", "");
    }

    /** Sends a request and waits for its published summary, by the engine expected; returns the request id. */
    private String summarize(KafkaTestClient kafka, String engine) {
        String patientId = "p-" + UUID.randomUUID();
        String patient = "Patient/" + patientId;
        String requestId = UUID.randomUUID().toString();
        kafka.send(Topics.SUMMARY_REQUESTS, patient,
                SummarizerFlowTest.request(requestId, patient, ChartFixture.encounterRef(patientId), "admission"));
        ConsumerRecord<String, String> published = kafka.awaitRecord(Topics.SUMMARIES, Duration.ofSeconds(60),
                r -> requestId.equals(KafkaTestClient.header(r, EventHeaders.SUMMARY_REQUEST_ID)));
        assertThat(KafkaTestClient.header(published, EventHeaders.SUMMARY_ENGINE)).isEqualTo(engine);
        assertThat(KafkaTestClient.header(published, EventHeaders.SUMMARY_STATUS)).isEqualTo("verified");
        return requestId;
    }
}
