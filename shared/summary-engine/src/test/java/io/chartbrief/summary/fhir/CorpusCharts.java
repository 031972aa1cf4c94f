package io.chartbrief.summary.fhir;

import io.chartbrief.interop.event.ConversionException;
import io.chartbrief.interop.event.NormalizedEvent;
import io.chartbrief.interop.fhir.FhirEventNormalizer;
import io.chartbrief.interop.hl7.Hl7v2Converter;
import io.chartbrief.summary.ChartFixtures;
import io.chartbrief.summary.chart.ClinicalChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every chart the corpus gives ChartBrief, as intake would build it: each Synthea patient, each HL7 v2 message the
 * converter accepts, each FHIR example the normalizer accepts (what intake refuses is never summarized).
 */
public final class CorpusCharts {

    /** A chart and the corpus file it came from. */
    public record Named(String file, ClinicalChart chart) {
    }

    private CorpusCharts() {
    }

    public static List<Named> all() throws IOException {
        Path corpus = ChartFixtures.corpus();
        Hl7v2Converter hl7 = new Hl7v2Converter();
        FhirEventNormalizer fhir = new FhirEventNormalizer();
        List<Path> files = new ArrayList<>(ChartFixtures.syntheaBundles());
        files.addAll(files(corpus.resolve("hl7v2"), ".hl7"));
        files.addAll(files(corpus.resolve("fhir/examples"), ".json"));
        List<Named> charts = new ArrayList<>();
        for (Path file : files) {
            try {
                boolean json = file.toString().endsWith(".json");
                String raw = Files.readString(file, json ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
                NormalizedEvent event = json ? fhir.normalize(raw) : hl7.convert(raw);
                charts.add(new Named(file.getFileName().toString(),
                        ClinicalChart.of(event.bundle(), event.patientKey(), null)));
            } catch (ConversionException | IllegalArgumentException e) {
                // refused at intake, or no patient in it: never summarized
            }
        }
        return charts;
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
