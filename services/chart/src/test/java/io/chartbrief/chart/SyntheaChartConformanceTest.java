package io.chartbrief.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.event.NormalizedEvent;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.TestTokens;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every Synthea bundle of the corpus loads into the chart and the chart holds exactly the bundle's resources,
 * per type (all types are kept, Claim and ExplanationOfBenefit included). Expected counts come from a HAPI parse
 * of the ORIGINAL file, not from the normalized event.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "chart"))
class SyntheaChartConformanceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    DataSource dataSource;

    private record Expected(Path file, String patientId, Map<String, Long> counts) {
    }

    @Test
    void everySyntheaBundleLoadsCompletely() throws IOException {
        Path corpus = Paths.get(System.getProperty("chartbrief.corpus", "../../../shared/corpus"));
        Path synthea = corpus.resolve("fhir").resolve("synthea");
        if (!Files.isDirectory(synthea)) {
            System.out.println("[chart-conformance] SKIPPED: no Synthea corpus at " + synthea.toAbsolutePath()
                    + " (set -Dchartbrief.corpus=<path to shared/corpus>)");
            Assumptions.abort("no corpus at " + synthea.toAbsolutePath());
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(synthea)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        List<Expected> expected = new ArrayList<>();
        long start = System.nanoTime();
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            ChartTestSupport chart = new ChartTestSupport(kafka, dataSource);
            for (Path file : files) {
                String json = Files.readString(file, StandardCharsets.UTF_8);
                Bundle original = FhirContexts.r4().newJsonParser().parseResource(Bundle.class, json);
                Map<String, Long> counts = new TreeMap<>();
                original.getEntry().forEach(e -> counts.merge(e.getResource().fhirType(), 1L, Long::sum));
                NormalizedEvent event = chart.publish(ChartTestSupport.fhir(json));
                expected.add(new Expected(file, ChartTestSupport.id(event.patientKey()), counts));
            }
            long total = expected.stream().mapToLong(e -> e.counts().values().stream().mapToLong(l -> l).sum()).sum();
            for (Expected e : expected) {
                long want = e.counts().values().stream().mapToLong(l -> l).sum();
                ChartTestSupport.await(e.file().getFileName() + " applied", Duration.ofSeconds(120),
                        () -> chart.count("SELECT count(*) FROM chart.resource WHERE patient_id = ?",
                                e.patientId()) >= want);
                Map<String, Long> actual = new TreeMap<>();
                for (List<Object> row : chart.query("SELECT resource_type, count(*) FROM chart.resource "
                        + "WHERE patient_id = ? GROUP BY resource_type", e.patientId())) {
                    actual.put((String) row.get(0), ((Number) row.get(1)).longValue());
                }
                System.out.println("[chart-conformance] " + e.file().getFileName() + " " + actual);
                assertThat(actual).as(e.file().getFileName().toString()).isEqualTo(e.counts());
                // references inside the chart point at stored ids, never at urn:uuid fullUrls
                assertThat(chart.count("SELECT count(*) FROM chart.resource WHERE patient_id = ? "
                        + "AND jsonb_path_exists(body, '$.**.reference ? (@ starts with \"urn:uuid:\")')", e.patientId())).as(e.file().toString()).isZero();
            }
            Map<String, Long> byType = new TreeMap<>();
            expected.forEach(e -> e.counts().forEach((t, n) -> byType.merge(t, n, Long::sum)));
            System.out.printf("[chart-conformance] %d Synthea bundles, %d resources loaded and matched in %.1f s; "
                    + "per type: %s%n", files.size(), total, (System.nanoTime() - start) / 1e9, byType);
        }
    }
}
