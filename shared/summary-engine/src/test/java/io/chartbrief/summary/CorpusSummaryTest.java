package io.chartbrief.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.interop.fhir.FhirEventNormalizer;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.model.VerificationStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * The extractive engine over every Synthea bundle of the corpus, normalized as the chart service would hold it:
 * every item verifies, every evidence reference resolves, and the problem, medication and allergy sections equal
 * the chart's active entries (precision and recall 1.0), computed here independently from the raw resources.
 */
class CorpusSummaryTest {

    private final FhirEventNormalizer normalizer = new FhirEventNormalizer();
    private final Summarizer summarizer = Summarizer.extractiveOnly();

    @Test
    void everySyntheaPatientSummarizesAndVerifies() throws Exception {
        List<Path> bundles = ChartFixtures.syntheaBundles();
        assertThat(bundles).hasSizeGreaterThanOrEqualTo(20);
        SoftAssertions softly = new SoftAssertions();
        int items = 0;
        for (Path file : bundles) {
            var event = normalizer.normalize(Files.readString(file, StandardCharsets.UTF_8));
            ClinicalChart chart = ClinicalChart.of(event.bundle(), event.patientKey(), null);
            PatientSummary summary = summarizer.summarize(chart);
            String name = file.getFileName().toString();

            softly.assertThat(summary.verification().dropped()).as(name + " dropped").isEmpty();
            softly.assertThat(summary.verification().unverified()).as(name + " unverified").isEmpty();
            softly.assertThat(summary.verification().status()).as(name).isEqualTo(VerificationStatus.VERIFIED);
            for (String section : PatientSummary.SECTIONS) {
                for (SummaryItem item : summary.section(section)) {
                    softly.assertThat(item.evidence()).as(name + " " + section).isNotEmpty()
                            .allSatisfy(ref -> assertThat(chart.contains(ref)).isTrue());
                }
            }
            softly.assertThat(firstRefs(summary.problems())).as(name + " problems").isEqualTo(activeProblems(chart));
            softly.assertThat(firstRefs(summary.medications())).as(name + " medications").isEqualTo(activeMedications(chart));
            softly.assertThat(firstRefs(summary.allergies())).as(name + " allergies").isEqualTo(activeAllergies(chart));
            items += summary.verification().items();
        }
        System.out.println("[summary-engine] corpus: " + bundles.size() + " Synthea patients, " + items
                + " extractive items, all verified");
        softly.assertAll();
    }

    @Test
    void rawSyntheaBundlesWithUrnUuidReferencesWorkToo() throws Exception {
        Path file = ChartFixtures.syntheaBundles().stream()
                .filter(p -> p.getFileName().toString().startsWith("Birgit_Schmeler")).findFirst().orElseThrow();
        Bundle raw = FhirContexts.r4().newJsonParser().parseResource(Bundle.class, Files.readString(file));

        // Synthea's migraine admission, named; ids come from the resources / urn:uuid fullUrls, never "urn:uuid:" refs.
        PatientSummary summary = summarizer.summarize(raw, null, "Encounter/dd770a46-9121-47d3-9c58-783e0a1d769c");
        assertThat(summary.encounter()).isEqualTo("Encounter/dd770a46-9121-47d3-9c58-783e0a1d769c");
        assertThat(summary.narrative()).contains("Current Inpatient encounter")
                .contains("reason Chronic intractable migraine");

        // Not named: that finished stay is not "current" for a patient seen since — the latest encounter is
        String latest = raw.getEntry().stream().map(e -> e.getResource())
                .filter(org.hl7.fhir.r4.model.Encounter.class::isInstance)
                .map(org.hl7.fhir.r4.model.Encounter.class::cast)
                .max(java.util.Comparator.comparing((org.hl7.fhir.r4.model.Encounter e) -> e.getPeriod().getStart()))
                .map(e -> "Encounter/" + e.getIdElement().getIdPart().replace("urn:uuid:", "")).orElseThrow();
        assertThat(summarizer.summarize(raw, null, null).encounter()).isEqualTo(latest)
                .isNotEqualTo("Encounter/dd770a46-9121-47d3-9c58-783e0a1d769c");
        assertThat(summary.problems()).isNotEmpty()
                .allSatisfy(item -> assertThat(item.evidence()).allMatch(ref -> ref.startsWith("Condition/")));
        assertThat(summary.verification().status()).isEqualTo(VerificationStatus.VERIFIED);
    }

    private static Set<String> firstRefs(List<SummaryItem> items) {
        return items.stream().map(i -> i.evidence().get(0)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> activeProblems(ClinicalChart chart) {
        return refs(chart, chart.all(Condition.class).stream()
                .filter(c -> !c.hasAbatement() && c.getClinicalStatus().getCoding().stream()
                        .anyMatch(code -> Set.of("active", "recurrence", "relapse").contains(code.getCode())))
                .toList());
    }

    private static Set<String> activeMedications(ClinicalChart chart) {
        return refs(chart, chart.all(MedicationRequest.class).stream()
                .filter(m -> m.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE
                        || m.getStatus() == MedicationRequest.MedicationRequestStatus.ONHOLD)
                .toList());
    }

    private static Set<String> activeAllergies(ClinicalChart chart) {
        return refs(chart, chart.all(AllergyIntolerance.class).stream()
                .filter(a -> a.getClinicalStatus().getCoding().stream()
                        .noneMatch(code -> Set.of("resolved", "inactive").contains(code.getCode())))
                .toList());
    }

    private static Set<String> refs(ClinicalChart chart, List<? extends Resource> resources) {
        return resources.stream().map(chart::referenceOf).collect(Collectors.toCollection(TreeSet::new));
    }
}
