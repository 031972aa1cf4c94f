package io.chartbrief.summarizer;

import static io.chartbrief.summarizer.SummarizerApi.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

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
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A configured model that cannot be loaded: the service stays up and ready, summaries are extractive and say why. */
@QuarkusTest
@TestProfile(ModelLoadFailureTest.MissingModel.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "summarizer"))
@WithTestResource(value = FakeChartServiceResource.class, scope = TestResourceScope.GLOBAL)
class ModelLoadFailureTest {

    /** engine=llama with a model file that does not exist. */
    public static class MissingModel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chartbrief.summarizer.engine", "llama",
                    "chartbrief.summarizer.model-path", "target/models/no-such-model.gguf");
        }

        @Override
        public String getConfigProfile() {
            return "missing-model";
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void serviceStaysUpAndFallsBackWithTheReason() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (given().get("/q/health/ready").statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100); // the (failing) load runs on a background thread
        }
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'summary-model' }.data.state", equalTo("load-failed"));
        given().get("/q/metrics").then().body(containsString("chartbrief_summarizer_model_loaded 0.0"));

        String patient = "Patient/p-" + UUID.randomUUID();
        String requestId = UUID.randomUUID().toString();
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            kafka.send(Topics.SUMMARY_REQUESTS, patient, SummarizerFlowTest.request(requestId, patient, null, "admission"));
            ConsumerRecord<String, String> published = kafka.awaitRecord(Topics.SUMMARIES, Duration.ofSeconds(60),
                    r -> requestId.equals(KafkaTestClient.header(r, EventHeaders.SUMMARY_REQUEST_ID)));
            assertThat(KafkaTestClient.header(published, EventHeaders.SUMMARY_ENGINE)).isEqualTo("extractive");
        }
        given().get("/summaries/" + requestId).then().statusCode(200)
                .body("summary.engine.fallbackReason", startsWith("model-load-failed: model file no-such-model.gguf not found"));
    }
}
