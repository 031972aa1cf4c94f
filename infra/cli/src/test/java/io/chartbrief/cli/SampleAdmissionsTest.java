package io.chartbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project's samples: what {@code chartbrief demo} feeds and waits for. */
class SampleAdmissionsTest {

    private static final Path SAMPLES = Path.of("../samples");

    @Test
    void everySamplePatientHasOneInpatientAdmission() throws Exception {
        SampleAdmissions samples = SampleAdmissions.read(SAMPLES);

        assertThat(samples.admissions()).extracting(SampleAdmissions.Admission::name)
                .containsExactlyInAnyOrder("DEMOPATIENT, MARGARET E", "DEMOPATIENT, ROSA M", "DEMOPATIENT, WALTER J",
                        "DEMOPATIENT, JAMES T");
        assertThat(samples.admissions()).extracting(SampleAdmissions.Admission::encounter)
                .contains("Encounter/demo-james-adm").doesNotHaveDuplicates();
        assertThat(samples.admissions()).extracting(SampleAdmissions.Admission::patient)
                .contains("Patient/demo-james").doesNotHaveDuplicates();
    }

    /**
     * Notes and results go first, the admissions that trigger the summaries last: a summary never depends on the
     * chart applying the rest of its patient's messages within the settle window.
     */
    @Test
    void notesAndResultsAreSentBeforeTheAdmissionsThatTriggerTheSummaries() throws Exception {
        SampleAdmissions samples = SampleAdmissions.read(SAMPLES);

        assertThat(samples.feedOrder()).extracting(p -> SAMPLES.relativize(p).toString()).containsExactly(
                "hl7v2/mdm-t02-cellulitis-history-physical.hl7", "hl7v2/oru-r01-cellulitis-labs.hl7",
                "hl7v2/oru-r01-chemistry.hl7", "hl7v2/oru-r01-copd-labs.hl7",
                "hl7v2/adt-a01-admission.hl7", "hl7v2/adt-a01-cellulitis-admission.hl7",
                "hl7v2/adt-a01-copd-admission.hl7", "fhir/patient-bundle-af-admission.json");
        assertThat(samples.feedOrder()).containsExactlyInAnyOrderElementsOf(concat(samples.hl7Files(), samples.fhirFiles()));
        List<Path> admissionFiles = samples.admissions().stream().map(SampleAdmissions.Admission::file).toList();
        int firstAdmission = samples.feedOrder().indexOf(admissionFiles.get(0));
        assertThat(samples.feedOrder().subList(firstAdmission, samples.feedOrder().size()))
                .containsExactlyInAnyOrderElementsOf(admissionFiles);
        assertThat(samples.hl7Files()).extracting(p -> p.getFileName().toString()).isSorted();
        assertThat(samples.fhirFiles()).hasSize(1);
    }

    /** The order comes from what a file holds (an admission or not), not from its name. */
    @Test
    void aFileIsSentLastBecauseItHoldsAnAdmission(@TempDir Path dir) throws Exception {
        Path hl7 = Files.createDirectories(dir.resolve("hl7v2"));
        Files.copy(SAMPLES.resolve("hl7v2/adt-a01-admission.hl7"), hl7.resolve("a-first-by-name.hl7"));
        Files.copy(SAMPLES.resolve("hl7v2/oru-r01-chemistry.hl7"), hl7.resolve("z-last-by-name.hl7"));

        SampleAdmissions samples = SampleAdmissions.read(dir);

        assertThat(samples.feedOrder()).extracting(p -> p.getFileName().toString())
                .containsExactly("z-last-by-name.hl7", "a-first-by-name.hl7");
        assertThat(samples.admissions()).singleElement().satisfies(a ->
                assertThat(a.file().getFileName().toString()).isEqualTo("a-first-by-name.hl7"));
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void aDirectoryWithoutSamplesIsAnError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SampleAdmissions.read(Path.of("target")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no samples");
    }

    @Test
    void durationsAreReadAsPeopleWriteThem() {
        DurationConverter c = new DurationConverter();
        assertThat(c.convert("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.convert("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(c.convert("PT2M")).isEqualTo(Duration.ofMinutes(2));
    }
}
