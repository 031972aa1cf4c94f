package io.chartbrief.summary.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import io.chartbrief.interop.event.ConversionException;
import io.chartbrief.interop.event.NormalizedEvent;
import io.chartbrief.interop.fhir.FhirEventNormalizer;
import io.chartbrief.interop.hl7.Hl7v2Converter;
import io.chartbrief.summary.ChartFixtures;
import io.chartbrief.summary.Summarizer;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.PatientSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 (conformance): the summarizer's FHIR output — the summary document Bundle that goes to {@code
 * ehr.summaries}, the inbox, write-back and IPS — validates with HAPI FHIR's validator with no error for every chart
 * of the corpus: each Synthea patient, each converted HL7 v2 message, each FHIR example the normalizer accepts.
 * Counts are printed ({@code [validation]} line); every message goes to {@code target/summary-document-validation.txt}.
 */
class CorpusDocumentValidationTest {

    @Test
    void everyCorpusChartsSummaryDocumentIsValidFhir() throws IOException {
        Path corpus = ChartFixtures.corpus();
        FhirValidator validator = SummaryDocumentValidator.create();
        Summarizer summarizer = Summarizer.extractiveOnly();
        SummaryDocumentBuilder builder = new SummaryDocumentBuilder();
        Hl7v2Converter hl7 = new Hl7v2Converter();
        FhirEventNormalizer fhir = new FhirEventNormalizer();
        Date when = new Date(1_764_000_000_000L);

        List<Path> files = new ArrayList<>(ChartFixtures.syntheaBundles());
        files.addAll(files(corpus.resolve("hl7v2"), ".hl7"));
        files.addAll(files(corpus.resolve("fhir/examples"), ".json"));
        List<String> errors = new ArrayList<>();
        StringBuilder log = new StringBuilder();
        int documents = 0;
        int warnings = 0;
        for (Path file : files) {
            ClinicalChart chart;
            try {
                String raw = Files.readString(file, file.toString().endsWith(".json")
                        ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
                NormalizedEvent event = file.toString().endsWith(".json") ? fhir.normalize(raw) : hl7.convert(raw);
                chart = ClinicalChart.of(event.bundle(), event.patientKey(), null);
            } catch (ConversionException | IllegalArgumentException e) {
                continue;   // refused at intake, or no patient in it: never summarized
            }
            PatientSummary summary = summarizer.summarize(chart);
            Bundle document = builder.build(summary, chart, when);
            documents++;
            for (SingleValidationMessage m : validator.validateWithResult(document).getMessages()) {
                String line = file.getFileName() + " " + m.getSeverity() + " " + m.getLocationString() + ": "
                        + m.getMessage();
                log.append(line).append('\n');
                if (m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()) {
                    errors.add(line);
                } else if (m.getSeverity() == ResultSeverityEnum.WARNING) {
                    warnings++;
                }
            }
        }
        Path report = Path.of("target", "summary-document-validation.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, log, StandardCharsets.UTF_8);
        System.out.printf("[validation] %d summary documents of corpus charts: %d errors, %d warnings (%s)%n",
                documents, errors.size(), warnings, report.toAbsolutePath());
        assertThat(documents).as("summary documents validated").isGreaterThanOrEqualTo(60);
        assertThat(errors).as("HAPI validator errors over the summary documents").isEmpty();
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
