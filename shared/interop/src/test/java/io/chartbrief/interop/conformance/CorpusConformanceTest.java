package io.chartbrief.interop.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.event.ConversionException;
import io.chartbrief.interop.event.NormalizedEvent;
import io.chartbrief.interop.fhir.FhirEventNormalizer;
import io.chartbrief.interop.hl7.Hl7Bytes;
import io.chartbrief.interop.hl7.Hl7v2Converter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conformance suite over the third-party corpus (default {@code ../shared/corpus}, system property
 * {@code chartbrief.corpus}). Every file must end in the outcome written in
 * {@code conformance/expected-outcomes.tsv} (converted with the expected resource types, converted with a
 * recorded warning, or rejected with a reason containing the expected text); no file may raise anything but a
 * {@link ConversionException}. A per-outcome report is printed to the build log.
 */
class CorpusConformanceTest {

    private static Path corpus;
    private static final Map<String, Integer> REPORT = new TreeMap<>();
    private static final List<String> REJECTIONS = new ArrayList<>();

    @BeforeAll
    static void locateCorpus() {
        String configured = System.getProperty("chartbrief.corpus", "../shared/corpus");
        corpus = Path.of(configured).toAbsolutePath().normalize();
        boolean present = Files.isDirectory(corpus.resolve("hl7v2")) && Files.isDirectory(corpus.resolve("fhir"));
        if (!present) {
            System.out.println("[conformance] corpus ABSENT at " + corpus
                    + " - conformance suite skipped (set -Dchartbrief.corpus=/path/to/corpus)");
        }
        Assumptions.assumeTrue(present, "conformance corpus absent at " + corpus);
    }

    @AfterAll
    static void printReport() {
        if (REPORT.isEmpty()) {
            return;
        }
        StringBuilder report = new StringBuilder("\n[conformance] corpus " + corpus + "\n");
        REPORT.forEach((outcome, count) -> report.append(String.format("[conformance] %-28s %4d%n", outcome, count)));
        REJECTIONS.forEach(r -> report.append("[conformance]   rejected ").append(r).append('\n'));
        System.out.println(report);
    }

    @Test
    void everyHl7v2FileEndsInItsExpectedOutcome() throws IOException {
        Map<String, ExpectedOutcome> expected = ExpectedOutcome.load("hl7v2/");
        Hl7v2Converter converter = new Hl7v2Converter();
        SoftAssertions softly = new SoftAssertions();
        List<Path> files = list(corpus.resolve("hl7v2"), ".hl7");
        assertThat(files).as("HL7 v2 files in the corpus").isNotEmpty();
        for (Path file : files) {
            String name = "hl7v2/" + file.getFileName();
            ExpectedOutcome expectation = expected.get(name);
            softly.assertThat(expectation).as("expectation for %s in expected-outcomes.tsv", name).isNotNull();
            if (expectation == null) {
                continue;
            }
            String text = Hl7Bytes.decode(Files.readAllBytes(file));
            check(softly, name, expectation, () -> converter.convert(text), "hl7v2");
        }
        softly.assertAll();
    }

    @Test
    void everyFhirFileEndsInItsExpectedOutcome() throws IOException {
        Map<String, ExpectedOutcome> expected = ExpectedOutcome.load("fhir/");
        FhirEventNormalizer normalizer = new FhirEventNormalizer();
        SoftAssertions softly = new SoftAssertions();
        List<Path> files = list(corpus.resolve("fhir"), ".json");
        assertThat(files).as("FHIR files in the corpus").isNotEmpty();
        for (Path file : files) {
            String name = corpus.relativize(file).toString().replace('\\', '/');
            ExpectedOutcome expectation = expected.get(name);
            softly.assertThat(expectation).as("expectation for %s in expected-outcomes.tsv", name).isNotNull();
            if (expectation == null) {
                continue;
            }
            String json = Files.readString(file, StandardCharsets.UTF_8);
            NormalizedEvent event = check(softly, name, expectation, () -> normalizer.normalize(json), "fhir");
            if (event != null && name.startsWith("fhir/synthea/")) {
                // Nothing of a patient history may be lost: one output entry per input entry.
                softly.assertThat(event.bundle().getEntry()).as("%s entries", name).hasSize(countEntries(json));
            }
        }
        softly.assertAll();
    }

    private interface Conversion {
        NormalizedEvent run() throws ConversionException;
    }

    private static NormalizedEvent check(SoftAssertions softly, String name, ExpectedOutcome expectation,
            Conversion conversion, String format) {
        NormalizedEvent event = null;
        String outcome;
        try {
            event = conversion.run();
            outcome = event.warnings().isEmpty() ? "converted" : "converted-with-warnings";
            Set<String> types = resourceTypes(event.bundle());
            softly.assertThat(expectation.rejected()).as("%s was expected to be rejected (%s) but converted",
                    name, expectation.reasonOrTypes()).isFalse();
            if (!expectation.rejected()) {
                softly.assertThat(types).as("%s resource types", name).containsAll(expectation.types());
                softly.assertThat(event.patientKey()).as("%s patient key", name).startsWith("Patient/");
                if (expectation.warned()) {
                    softly.assertThat(event.warnings()).as("%s warnings", name).isNotEmpty();
                }
            }
        } catch (ConversionException e) {
            outcome = "rejected";
            REJECTIONS.add(name + ": " + e.getMessage());
            softly.assertThat(expectation.rejected()).as("%s was rejected: %s", name, e.getMessage()).isTrue();
            if (expectation.rejected()) {
                softly.assertThat(e.getMessage()).as("%s rejection reason", name)
                        .containsIgnoringCase(expectation.reasonOrTypes());
            }
        } catch (RuntimeException e) {
            outcome = "CRASHED";
            softly.fail("%s crashed with %s", name, e);
        }
        REPORT.merge(format + " " + outcome, 1, Integer::sum);
        return event;
    }

    private static Set<String> resourceTypes(Bundle bundle) {
        return bundle.getEntry().stream().map(e -> e.getResource().fhirType()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Counts entries with a resource in the submitted Bundle, without our parser (independent check). */
    private static int countEntries(String json) {
        int count = 0;
        int at = 0;
        while ((at = json.indexOf("\"resource\"", at)) >= 0) {
            count++;
            at += 10;
        }
        return count;
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
