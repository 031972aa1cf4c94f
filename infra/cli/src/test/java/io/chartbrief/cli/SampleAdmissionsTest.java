package io.chartbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

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

    @Test
    void admissionsAreSentBeforeTheirResults() throws Exception {
        SampleAdmissions samples = SampleAdmissions.read(SAMPLES);

        assertThat(samples.hl7Files()).extracting(p -> p.getFileName().toString()).isSorted();
        int lastAdmission = -1;
        int firstResult = Integer.MAX_VALUE;
        for (int i = 0; i < samples.hl7Files().size(); i++) {
            String name = samples.hl7Files().get(i).getFileName().toString();
            if (name.startsWith("adt-")) {
                lastAdmission = i;
            } else {
                firstResult = Math.min(firstResult, i);
            }
        }
        assertThat(lastAdmission).isLessThan(firstResult);
        assertThat(samples.fhirFiles()).hasSize(1);
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
