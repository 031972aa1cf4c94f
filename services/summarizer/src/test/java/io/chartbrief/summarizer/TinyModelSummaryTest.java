package io.chartbrief.summarizer;

import static io.chartbrief.summarizer.SummarizerApi.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

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
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The llama engine in the service, on a generated tiny gemma3 model: loaded once at startup (readiness DOWN until
 * then), used for the request, and — random weights do not verify — replaced by the extractive summary with the
 * fallback reason recorded.
 */
@QuarkusTest
@TestProfile(TinyModelProfile.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "summarizer"))
@WithTestResource(value = FakeChartServiceResource.class, scope = TestResourceScope.GLOBAL)
class TinyModelSummaryTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void modelLoadsAndUnverifiableOutputFallsBackToExtractive() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Response ready;
        do {
            ready = given().get("/q/health/ready");
            if (ready.statusCode() == 200) {
                break;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        assertThat(ready.statusCode()).isEqualTo(200);
        ready.then().body("checks.find { it.name == 'summary-model' }.data.state", equalTo("loaded"))
                .body("checks.find { it.name == 'summary-model' }.data.engine", equalTo("llama"));
        given().get("/q/metrics").then().body(containsString("chartbrief_summarizer_model_loaded 1.0"));

        String patientId = "p-" + UUID.randomUUID();
        String patient = "Patient/" + patientId;
        String requestId = UUID.randomUUID().toString();
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            kafka.send(Topics.SUMMARY_REQUESTS, patient,
                    SummarizerFlowTest.request(requestId, patient, ChartFixture.encounterRef(patientId), "admission"));
            ConsumerRecord<String, String> published = kafka.awaitRecord(Topics.SUMMARIES, Duration.ofSeconds(120),
                    r -> requestId.equals(KafkaTestClient.header(r, EventHeaders.SUMMARY_REQUEST_ID)));
            assertThat(KafkaTestClient.header(published, EventHeaders.SUMMARY_ENGINE)).isEqualTo("extractive");
            assertThat(KafkaTestClient.header(published, EventHeaders.SUMMARY_STATUS)).isEqualTo("verified");
        }
        given().get("/summaries/" + requestId).then().statusCode(200)
                .body("engine", equalTo("extractive"))
                .body("summary.engine.kind", equalTo("extractive"))
                .body("summary.engine.fallbackReason", notNullValue());
        given().get("/q/metrics").then().body(containsString("chartbrief_summarizer_fallbacks_total"));
    }
}
