package io.chartbrief.summary.verify;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import io.chartbrief.summary.chart.ClinicalChart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The labelled set itself is sound, whatever the verifier does (always enforced): its charts are valid FHIR, every
 * citation resolves in its chart (bar the deliberate unknown ones of fabricated items), every category is there in
 * number, no item appears twice or with both labels, and the issue's own examples are in it with their labels.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifierSetChartsTest {

    /** Per category when the corpus is present (issue 11: "a reasonable count"). */
    private static final int MIN_PER_CATEGORY = 20;
    private static final int MIN_ITEMS = 600;

    private final ConformanceCharts charts = ConformanceCharts.shared();
    private LabelledSet.Built set;

    @BeforeAll
    void build() {
        set = LabelledSet.build(charts);
        System.out.println("verifier set: " + charts.corpusLine() + "; " + set.items().size() + " items");
    }

    /** A label is only as good as the chart it is judged against; an invalid chart would test nothing real. */
    @Test
    void theSetsOwnChartsAreValidFhirR4() throws IOException {
        FhirContext context = FhirContext.forR4Cached();
        FhirValidator validator = context.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(new ValidationSupportChain(
                new DefaultProfileValidationSupport(context), new InMemoryTerminologyServerValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context))));
        for (String name : ConformanceCharts.CORE) {
            if (!name.startsWith("resource:")) {
                continue;
            }
            String json;
            try (InputStream in = getClass().getResourceAsStream("/verifier-set/charts/" + name.substring("resource:".length()))) {
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            List<SingleValidationMessage> errors = validator.validateWithResult(json).getMessages().stream()
                    .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()).toList();
            assertThat(errors).as(name).extracting(m -> m.getLocationString() + ": " + m.getMessage()).isEmpty();
        }
    }

    @Test
    void everyCitedResourceExistsExceptDeliberateUnknownReferences() {
        for (LabelledItem item : set.items()) {
            ClinicalChart chart = charts.chart(item.chart());
            assertThat(item.evidence()).as("evidence of " + item.key()).isNotEmpty();
            for (String ref : item.evidence()) {
                if (ref.endsWith("/" + LabelledSet.NOT_IN_CHART)) {
                    assertThat(item.category()).as("unknown reference outside 'fabricated': " + item.key())
                            .isEqualTo(Category.FABRICATED);
                } else {
                    assertThat(chart.contains(ref)).as(ref + " in " + item.chart() + " for: " + item.text()).isTrue();
                }
            }
            if (item.date() != null) {
                assertThat(item.date()).as(item.text()).matches("\\d{4}-\\d{2}-\\d{2}");
            }
            assertThat(item.rationale()).as("label reason of " + item.key()).isNotBlank();
        }
    }

    @Test
    void everyCategoryIsPresent() {
        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        set.items().forEach(i -> counts.merge(i.category(), 1, Integer::sum));
        // Without the corpus the core charts still cover every category, only not in number.
        int minimum = charts.corpusPresent() ? MIN_PER_CATEGORY : 10;
        for (Category category : Category.values()) {
            assertThat(counts.getOrDefault(category, 0)).as(category.code()).isGreaterThanOrEqualTo(minimum);
        }
    }

    @Test
    void atLeastSixHundredItemsOverTheCorpus() {
        Assumptions.assumeTrue(charts.corpusPresent(), charts.corpusLine());
        assertThat(set.items()).hasSizeGreaterThanOrEqualTo(MIN_ITEMS);
        assertThat(set.charts()).as("charts").hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void noItemTwiceAndNoItemWithBothLabels() {
        assertThat(set.conflicts()).isEmpty();
        Set<String> keys = new HashSet<>();
        for (LabelledItem item : set.items()) {
            assertThat(keys.add(item.key())).as("duplicate item " + item.key()).isTrue();
        }
        Set<String> hand = new HashSet<>();
        for (LabelledItem item : LabelledSet.handWritten()) {
            assertThat(hand.add(item.key())).as("duplicate hand-written item " + item.key()).isTrue();
            assertThat(item.chart()).as(item.text()).matches("(sample|fixture|resource|corpus):.+");
        }
        assertThat(hand).as("hand-written cases").hasSizeGreaterThanOrEqualTo(150);
    }

    @Test
    void generationIsDeterministic() {
        for (String name : ConformanceCharts.CORE) {
            assertThat(GeneratedItems.generate(name, charts.chart(name)))
                    .as(name).isEqualTo(GeneratedItems.generate(name, charts.chart(name)));
        }
    }

    /** The cases the issue names, on infra/samples/fhir/patient-bundle-af-admission.json, with their labels. */
    @Test
    void theIssuesExamplesAreInTheSet() {
        Map<String, Category> expected = Map.ofEntries(
                Map.entry("Magnesium normal at 1.4 mg/dL", Category.DIRECTION),
                Map.entry("Heart rate normal", Category.DIRECTION),
                Map.entry("Potassium 5.1 mmol/L", Category.VALUE),
                Map.entry("Lisinopril allergy not active", Category.STATUS),
                Map.entry("Continue lisinopril for blood pressure", Category.UNSAFE_RECOMMENDATION),
                Map.entry("Stop apixaban", Category.UNSAFE_RECOMMENDATION),
                Map.entry("AFib with RVR", Category.ABBREVIATION),
                Map.entry("On apixaban 5 mg BID", Category.ABBREVIATION),
                Map.entry("Tachycardic at 138 beats per minute", Category.DERIVED),
                Map.entry("Hypomagnesemia, Mg 1.4", Category.DERIVED),
                Map.entry("HTN", Category.ABBREVIATION),
                Map.entry("Eliquis 5 mg twice daily", Category.BRAND),
                Map.entry("Potassium 4.2 mEq/L", Category.ROUNDING_FORMAT_UNIT),
                Map.entry("Avoid ACE inhibitors given lisinopril angioedema", Category.GROUNDED_RECOMMENDATION));
        expected.forEach((text, category) -> assertThat(LabelledSet.handWritten())
                .as(text).anyMatch(i -> i.chart().equals(ConformanceCharts.AF_SAMPLE) && i.text().equals(text)
                        && i.category() == category));
    }
}
