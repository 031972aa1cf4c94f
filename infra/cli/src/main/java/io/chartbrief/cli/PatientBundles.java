package io.chartbrief.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.interop.event.ConversionException;
import io.chartbrief.interop.event.NormalizedEvent;
import io.chartbrief.interop.fhir.FhirEventNormalizer;
import io.chartbrief.summary.chart.ClinicalChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a FHIR R4 patient Bundle (e.g. a Synthea file) the way the chart service holds it: normalized by
 * {@link FhirEventNormalizer} (urn:uuid references become {@code Type/id}), then indexed as a {@link ClinicalChart}.
 */
final class PatientBundles {

    /** A file that cannot be summarized; the message is one line. */
    static final class NotAPatientBundle extends Exception {
        NotAPatientBundle(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final FhirEventNormalizer normalizer = new FhirEventNormalizer();

    /**
     * Loads and indexes one file for the Bundle's (first) patient.
     *
     * @param encounterRef {@code Encounter/id}, or null for the newest inpatient (else newest) encounter
     */
    ClinicalChart load(Path file, String encounterRef) throws NotAPatientBundle {
        return load(file, null, encounterRef);
    }

    /**
     * Loads and indexes one file for a named patient (e.g. the one a summary is about).
     *
     * @param patientRef   {@code Patient/id} that must be in the Bundle, or null for the Bundle's (first) patient
     * @param encounterRef {@code Encounter/id} that must be in the Bundle, or null for the newest inpatient (else
     *                     newest) encounter
     */
    ClinicalChart load(Path file, String patientRef, String encounterRef) throws NotAPatientBundle {
        String text = readText(file, NotAPatientBundle::new);
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new NotAPatientBundle("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new NotAPatientBundle("not a FHIR resource");
        }
        String type = root.path("resourceType").asText("");
        if (!type.equals("Bundle")) {
            throw new NotAPatientBundle("not a patient Bundle (resourceType " + (type.isEmpty() ? "missing" : type) + ")");
        }
        NormalizedEvent event;
        try {
            event = normalizer.normalize(text);
        } catch (ConversionException e) {
            throw new NotAPatientBundle("not a patient Bundle: " + oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            throw new NotAPatientBundle("not a patient Bundle (" + e.getClass().getSimpleName() + ")");
        }
        try {
            return ClinicalChart.of(event.bundle(), patientRef == null ? event.patientKey() : patientRef, encounterRef);
        } catch (IllegalArgumentException e) {
            throw new NotAPatientBundle(oneLine(e.getMessage()));
        }
    }

    /**
     * A text file's content (UTF-8, without a leading byte order mark), or {@code failure} with a one-line reason
     * ({@code cannot read: no such file}, {@code … permission denied}, {@code … is a directory},
     * {@code … not UTF-8 text}).
     */
    static <E extends Exception> String readText(Path file, java.util.function.Function<String, E> failure) throws E {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw failure.apply("cannot read: no such file");
        } catch (AccessDeniedException e) {
            throw failure.apply("cannot read: permission denied");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw failure.apply("cannot read: not UTF-8 text");
        } catch (IOException e) {
            throw failure.apply("cannot read: " + (Files.isDirectory(file) ? "is a directory"
                    : e.getClass().getSimpleName()));
        }
        return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    }

    /** The first line of an exception message, at most 300 characters. */
    static String oneLine(String message) {
        if (message == null) {
            return "invalid";
        }
        String line = message.strip().lines().findFirst().orElse("invalid");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
