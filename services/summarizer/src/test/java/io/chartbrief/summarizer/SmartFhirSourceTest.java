package io.chartbrief.summarizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.summarizer.service.ChartClient;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.chartbrief.testsupport.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/**
 * The {@code fhir-base-url} chart source behind SMART Backend Services ({@link SmartFhirSourceResource}: a verifying
 * token endpoint found through {@code .well-known/smart-configuration}, 401 without its token): a summary request is
 * answered from that server; one token serves many fetches and both pages of each; a revoked token (401) is replaced.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "summarizer"))
@WithTestResource(value = SmartFhirSourceResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class SmartFhirSourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    // Optional: every test class's injection points are validated in every test application of the module
    @ConfigProperty(name = "chartbrief.summarizer.fhir-base-url")
    java.util.Optional<String> fhirBaseUrl;
    @Inject
    ChartClient charts;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSummaryRequestIsAnsweredFromTheSmartProtectedFhirServer() {
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            String patientId = "smart-" + UUID.randomUUID();
            String requestId = UUID.randomUUID().toString();
            String patient = "Patient/" + patientId;
            kafka.send(Topics.SUMMARY_REQUESTS, patient, SummarizerFlowTest.request(requestId, patient,
                    ChartFixture.encounterRef(patientId), "on-demand"));
            ConsumerRecord<String, String> summary = kafka.awaitRecord(Topics.SUMMARIES, SummarizerFlowTest.TIMEOUT,
                    r -> requestId.equals(KafkaTestClient.header(r, EventHeaders.SUMMARY_REQUEST_ID)));
            assertThat(summary.key()).isEqualTo(patient);
        }
        assertThat(stats()[2]).as("refused assertions").isZero();
    }

    @Test
    void oneTokenServesManyFetchesAndARevokedOneIsReplaced() throws Exception {
        charts.fetch("warm-up");
        int[] before = stats();

        for (int i = 0; i < 3; i++) {
            Bundle chart = charts.fetch("smart-" + i);
            // both pages arrived: the Patient of page one and the last entries of page two
            assertThat(chart.getEntry()).anyMatch(e -> e.getResource() instanceof Patient);
            assertThat(chart.getEntry()).hasSize(ChartFixtureSize.of("smart-" + i));
        }
        assertThat(stats()[0]).isEqualTo(before[0]);
        assertThat(stats()[1]).isEqualTo(before[1]);

        http.send(HttpRequest.newBuilder(URI.create(origin() + "/revoke")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(charts.fetch("smart-after").getEntry()).isNotEmpty();
        int[] after = stats();
        assertThat(after[0]).isEqualTo(before[0] + 1);
        assertThat(after[1]).isEqualTo(before[1] + 1);
        assertThat(after[2]).isZero();
    }

    private String origin() {
        String base = fhirBaseUrl.orElseThrow();
        return base.substring(0, base.length() - "/fhir".length());
    }

    /** tokens issued, 401s answered, assertions refused. */
    private int[] stats() {
        try {
            String[] parts = http.send(HttpRequest.newBuilder(URI.create(origin() + "/stats")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().split(" ");
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The entry count of the fixture chart (what the two pages together must hold). */
    private static final class ChartFixtureSize {
        static int of(String patientId) {
            return ChartFixture.searchset(patientId).getEntry().size();
        }
    }
}
