package io.chartbrief.cli;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;

/**
 * The sample files the demo feeds ({@code hl7v2/*.hl7} and {@code fhir/*.json}, each sorted by name) and the
 * inpatient admissions they contain, found with the same conversion ingest uses: an Encounter of class IMP/ACUTE
 * whose status is in-progress or arrived is what makes the chart request an admission summary.
 *
 * <p>{@link #feedOrder()} sends the files without an admission (notes, results) before the files with one, so
 * every sample patient's notes and results are in the chart before the admission that triggers the summary: per
 * patient, Kafka keeps the order (docs/architecture.md), and the admission replaces the Encounter a result or note
 * created (the chart's conditional create, {@code EncounterReferenceTest}). The summary then never depends on the
 * settle window outlasting the pipeline's latency between two messages.
 */
final class SampleAdmissions {

    private static final Set<String> INPATIENT_CLASSES = Set.of("IMP", "ACUTE");
    private static final Set<String> ADMITTED_STATUSES = Set.of("in-progress", "arrived");

    /** One admission: {@code Patient/<id>}, {@code Encounter/<id>}, a display name and the file it came from. */
    record Admission(String patient, String encounter, String name, Path file) {
    }

    private final List<Path> hl7Files;
    private final List<Path> fhirFiles;
    private final List<Path> feedOrder;
    private final List<Admission> admissions;

    private SampleAdmissions(List<Path> hl7Files, List<Path> fhirFiles, List<Path> feedOrder,
            List<Admission> admissions) {
        this.hl7Files = hl7Files;
        this.fhirFiles = fhirFiles;
        this.feedOrder = feedOrder;
        this.admissions = admissions;
    }

    /**
     * Reads a samples directory.
     *
     * @throws IllegalStateException when it holds no sample, a sample does not convert, or there is no admission
     */
    static SampleAdmissions read(Path dir) throws IOException {
        List<Path> hl7 = list(dir.resolve("hl7v2"), ".hl7");
        List<Path> fhir = list(dir.resolve("fhir"), ".json");
        if (hl7.isEmpty() && fhir.isEmpty()) {
            throw new IllegalStateException("no samples under " + dir + " (expected hl7v2/*.hl7 and fhir/*.json)");
        }
        Hl7v2Converter converter = new Hl7v2Converter();
        FhirEventNormalizer normalizer = new FhirEventNormalizer();
        Map<String, Admission> byEncounter = new LinkedHashMap<>();
        List<Path> withoutAdmission = new ArrayList<>();
        List<Path> withAdmission = new ArrayList<>();
        for (Path file : concat(hl7, fhir)) {
            byte[] bytes = Files.readAllBytes(file);
            NormalizedEvent event;
            try {
                event = file.toString().endsWith(".json") ? normalizer.normalize(new String(bytes, StandardCharsets.UTF_8))
                        : converter.convert(Hl7Bytes.decode(bytes));
            } catch (ConversionException e) {
                throw new IllegalStateException("sample " + file + " does not convert: " + e.getMessage(), e);
            }
            List<Admission> found = admissionsIn(event.bundle(), file);
            for (Admission a : found) {
                byEncounter.putIfAbsent(a.encounter(), a);
            }
            (found.isEmpty() ? withoutAdmission : withAdmission).add(file);
        }
        if (byEncounter.isEmpty()) {
            throw new IllegalStateException("the samples under " + dir + " contain no inpatient admission");
        }
        return new SampleAdmissions(hl7, fhir, concat(withoutAdmission, withAdmission),
                List.copyOf(byEncounter.values()));
    }

    private static List<Admission> admissionsIn(Bundle bundle, Path file) {
        Map<String, String> names = new LinkedHashMap<>();
        List<Encounter> encounters = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof Patient p) {
                names.put("Patient/" + p.getIdPart(), displayName(p));
            } else if (entry.getResource() instanceof Encounter e) {
                encounters.add(e);
            }
        }
        List<Admission> found = new ArrayList<>();
        for (Encounter e : encounters) {
            if (e.getStatus() != null && ADMITTED_STATUSES.contains(e.getStatus().toCode())
                    && INPATIENT_CLASSES.contains(e.getClass_().getCode())) {
                String patient = e.getSubject().getReference();
                found.add(new Admission(patient, "Encounter/" + e.getIdPart(), names.getOrDefault(patient, patient), file));
            }
        }
        return found;
    }

    private static String displayName(Patient p) {
        if (p.getName().isEmpty()) {
            return "Patient/" + p.getIdPart();
        }
        HumanName name = p.getNameFirstRep();
        return (name.getFamily() + ", " + name.getGivenAsSingleString()).trim();
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix) && Files.isRegularFile(f)).sorted()
                    .toList();
        }
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The HL7 v2 samples, by name. */
    List<Path> hl7Files() {
        return hl7Files;
    }

    /** The FHIR Bundle samples, by name. */
    List<Path> fhirFiles() {
        return fhirFiles;
    }

    /**
     * Every sample in the order the demo sends it: first the files holding no admission (notes, results: HL7 v2 by
     * name, then FHIR by name), then those holding one (likewise), so a summary finds its patient's notes and results
     * already in the chart.
     */
    List<Path> feedOrder() {
        return feedOrder;
    }

    /** Every admission, in file order, one per encounter. */
    List<Admission> admissions() {
        return admissions;
    }
}
