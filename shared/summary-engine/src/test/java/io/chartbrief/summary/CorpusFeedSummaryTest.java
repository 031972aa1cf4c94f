package io.chartbrief.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.event.ConversionException;
import io.chartbrief.interop.event.NormalizedEvent;
import io.chartbrief.interop.fhir.FhirEventNormalizer;
import io.chartbrief.interop.hl7.Hl7v2Converter;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.DroppedItem;
import io.chartbrief.summary.model.PatientSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The extractive engine's output verifies whole on every third-party chart of the corpus that is not Synthea
 * (those are {@link CorpusSummaryTest}): each HL7 v2 message converted as ingest converts it, and each FHIR example
 * the normalizer accepts. Real feeds write units in words, send codes without displays, state dates and coded
 * values as results and mark diagnoses provisional; the summary must say what the chart says, so nothing may be
 * contradicted or left unverifiable.
 */
class CorpusFeedSummaryTest {

    private final Summarizer summarizer = Summarizer.extractiveOnly();

    @Test
    void everyConvertedHl7MessageAndFhirExampleSummarizesAndVerifiesWhole() throws IOException {
        Path corpus = ChartFixtures.corpus();
        Hl7v2Converter hl7 = new Hl7v2Converter();
        FhirEventNormalizer fhir = new FhirEventNormalizer();
        SoftAssertions softly = new SoftAssertions();
        int charts = 0;
        int items = 0;
        for (Path file : files(corpus.resolve("hl7v2"), corpus.resolve("fhir/examples"))) {
            ClinicalChart chart;
            try {
                String raw = Files.readString(file, StandardCharsets.ISO_8859_1);
                NormalizedEvent event = file.toString().endsWith(".json") ? fhir.normalize(raw) : hl7.convert(raw);
                chart = ClinicalChart.of(event.bundle(), event.patientKey(), null);
            } catch (ConversionException | IllegalArgumentException e) {
                continue;   // refused at intake, or no patient in it: never summarized
            }
            PatientSummary summary = summarizer.summarize(chart);
            String name = file.getFileName().toString();
            softly.assertThat(describe(summary.verification().dropped())).as(name + " contradicted").isEmpty();
            softly.assertThat(describe(summary.verification().unverified())).as(name + " unverifiable").isEmpty();
            charts++;
            items += summary.verification().items();
        }
        System.out.println("[summary-engine] corpus feeds: " + charts + " converted charts, " + items
                + " extractive items checked");
        assertThat(charts).isGreaterThanOrEqualTo(40);
        softly.assertAll();
    }

    private static List<String> describe(List<DroppedItem> items) {
        return items.stream().map(d -> d.section() + ": " + d.text() + " -- " + d.reason()).toList();
    }

    private static List<Path> files(Path... dirs) throws IOException {
        List<Path> out = new java.util.ArrayList<>();
        for (Path dir : dirs) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md"))
                            .sorted().forEach(out::add);
                }
            }
        }
        return out;
    }
}
