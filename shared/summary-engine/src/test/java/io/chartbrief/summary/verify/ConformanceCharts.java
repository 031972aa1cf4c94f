package io.chartbrief.summary.verify;

import ca.uhn.fhir.context.FhirContext;
import io.chartbrief.summary.ChartFixtures;
import io.chartbrief.summary.chart.ClinicalChart;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The charts the labelled set is written against, by name:
 * <ul>
 *   <li>{@code sample:FILE} — {@code infra/samples/fhir/FILE} of this repository;</li>
 *   <li>{@code fixture:admission} — {@link ChartFixtures#admissionChart()};</li>
 *   <li>{@code resource:FILE} — a small chart written for this set, {@code src/test/resources/verifier-set/charts/FILE};</li>
 *   <li>{@code corpus:PATH} — a file of the third-party corpus (never copied into the repository), PATH relative
 *       to the corpus root ({@code ../shared/corpus} next to the repository, or {@code -Dchartbrief.corpus});</li>
 *   <li>{@code corpus-note:PATH} — an ACI-BENCH reference note of the corpus wrapped as a chart: Patient, an
 *       ambulatory Encounter, the note as {@code DocumentReference/note} and, entered in error, the next note of the
 *       corpus as {@code DocumentReference/misfiled} (a note filed to the wrong patient) — see {@link NoteTemplates}.</li>
 * </ul>
 * Charts are parsed once and kept: the set cites each many times.
 */
final class ConformanceCharts {

    static final String AF_SAMPLE = "sample:patient-bundle-af-admission.json";
    static final String FIXTURE = "fixture:admission";

    /** The charts that are always present: the sample, the fixture and this set's own charts. */
    static final List<String> CORE = List.of(AF_SAMPLE, FIXTURE, "resource:diabetes-ckd-admission.json",
            "resource:hiv-epilepsy-clinic.json", "resource:notes-pe-admission.json");

    static final String CORPUS_PROPERTY = "chartbrief.corpus";
    static final String CORPUS_ENV = "CHARTBRIEF_CORPUS";

    private static final ConformanceCharts SHARED = new ConformanceCharts();

    private final Map<String, ClinicalChart> charts = new HashMap<>();
    private final Path repoRoot = repoRoot();
    private final Path corpus = corpusRoot(repoRoot);

    /** The charts of this test JVM, parsed once for both the set's checks and the conformance run. */
    static ConformanceCharts shared() {
        return SHARED;
    }

    /** The corpus root this run looks at (present or not). */
    Path corpus() {
        return corpus;
    }

    boolean corpusPresent() {
        return Files.isDirectory(corpus.resolve("fhir/synthea"));
    }

    /** Names of the corpus's Synthea charts, sorted; empty when the corpus is absent. */
    List<String> corpusCharts() {
        if (!corpusPresent()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(corpus.resolve("fhir/synthea"))) {
            walk.filter(p -> p.toString().endsWith(".json")).sorted()
                    .forEach(p -> names.add("corpus:" + corpus.relativize(p).toString().replace('\\', '/')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The ACI-BENCH notes of the corpus as {@code corpus-note:} charts, sorted; empty when absent. */
    List<String> corpusNoteCharts() {
        return aciNotes().stream().map(p -> "corpus-note:" + corpus.relativize(p).toString().replace('\\', '/')).toList();
    }

    private List<Path> aciNotes() {
        Path dir = corpus.resolve("notes/aci-bench");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the named chart can be loaded in this run (corpus charts need the corpus). */
    boolean available(String name) {
        if (name.startsWith("corpus-note:")) {
            return Files.isRegularFile(corpus.resolve(name.substring("corpus-note:".length())));
        }
        return !name.startsWith("corpus:") || corpusPresent() && Files.isRegularFile(corpus.resolve(name.substring(7)));
    }

    /** The named chart, indexed for its own patient and newest encounter. */
    synchronized ClinicalChart chart(String name) {
        return charts.computeIfAbsent(name, n -> ClinicalChart.of(bundle(n), null, null));
    }

    private Bundle bundle(String name) {
        int colon = name.indexOf(':');
        String kind = name.substring(0, colon);
        String rest = name.substring(colon + 1);
        switch (kind) {
            case "fixture":
                if (!rest.equals("admission")) {
                    throw new IllegalArgumentException("unknown fixture " + name);
                }
                return ChartFixtures.admissionChart();
            case "sample":
                return parse(read(repoRoot.resolve("infra/samples/fhir").resolve(rest)));
            case "corpus":
                return parse(read(corpus.resolve(rest)));
            case "corpus-note": {
                Path file = corpus.resolve(rest);
                List<Path> all = aciNotes();
                Path next = all.get((all.indexOf(file) + 1) % all.size());
                return NoteTemplates.wrap(read(file), read(next));
            }
            case "resource":
                try (InputStream in = ConformanceCharts.class.getResourceAsStream("/verifier-set/charts/" + rest)) {
                    if (in == null) {
                        throw new IllegalArgumentException("no chart resource " + name);
                    }
                    return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            default:
                throw new IllegalArgumentException("unknown chart " + name);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Bundle parse(String json) {
        return FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, json);
    }

    /** The repository root: the first directory upwards that holds infra/samples/fhir (tests run in the module). */
    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("infra/samples/fhir"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root (with infra/samples/fhir) not found above " + dir);
    }

    /**
     * The corpus root: {@code -Dchartbrief.corpus} (the build passes it, default {@code ../shared/corpus} next to the
     * repository), else the {@code CHARTBRIEF_CORPUS} environment variable (an IDE run), else that default.
     */
    private static Path corpusRoot(Path repoRoot) {
        String configured = System.getProperty(CORPUS_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(CORPUS_ENV);
        }
        Path path = configured != null && !configured.isBlank() ? Path.of(configured) : repoRoot.resolve("../shared/corpus");
        return path.toAbsolutePath().normalize();
    }

    /** One line saying which corpus this run uses, or that it is absent and what is skipped. */
    String corpusLine() {
        return corpusPresent() ? "corpus at " + corpus
                : "corpus ABSENT at " + corpus + " - Synthea items skipped (set -D" + CORPUS_PROPERTY + "=PATH or "
                        + CORPUS_ENV + ")";
    }
}
