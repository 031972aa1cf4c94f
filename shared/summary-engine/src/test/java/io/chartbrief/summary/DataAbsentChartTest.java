package io.chartbrief.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summary.chart.ChartFact;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.chart.ClinicalFacts;
import io.chartbrief.summary.chart.FactText;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.model.VerificationStatus;
import io.chartbrief.summary.prompt.ChartPrompt;
import io.chartbrief.summary.prompt.PromptBuilder;
import io.chartbrief.summary.prompt.TokenCounter;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;

/**
 * Valid FHIR whose primitives carry only a data-absent-reason (HAPI: {@code hasX()} true, {@code getX()} null):
 * such a value reads as absent, never as "null" and never as an exception.
 */
class DataAbsentChartTest {

    private final ClinicalChart chart = ClinicalChart.of(ChartFixtures.dataAbsentChart(), null, null);
    private final ClinicalFacts facts = new ClinicalFacts(chart);

    @Test
    void patientWithoutGenderValueShowsTheBirthDateOnly() {
        assertThat(facts.patient()).extracting(ChartFact::text).containsExactly("Patient: born 1950-04-02");
    }

    @Test
    void allergyWithoutCriticalityValueOmitsTheCriticality() {
        assertThat(facts.allergies()).extracting(ChartFact::text)
                .containsExactly("Penicillin; reaction Hives");
    }

    @Test
    void medicationWithoutDoNotPerformValueIsAnOrdinaryActiveOrder() {
        assertThat(facts.activeMedications()).extracting(ChartFact::ref)
                .containsExactly("MedicationRequest/m-met", "MedicationRequest/m-lis");
    }

    @Test
    void resultWithoutValueSaysSoAndIsNotAbnormal() {
        Observation creatinine = (Observation) chart.get("Observation/l-cr").orElseThrow();
        assertThat(FactText.quantity(creatinine.getValueQuantity())).isNull();
        assertThat(FactText.observation(creatinine)).isEqualTo("Creatinine value not given");
        assertThat(ClinicalFacts.abnormal(creatinine)).isFalse();
        assertThat(facts.otherResults()).extracting(ChartFact::text)
                .contains("Creatinine value not given (on 2024-03-02)");
    }

    @Test
    void rangeBoundWithoutValueGivesNoAbnormalFlagAndIsLeftOutOfTheText() {
        Observation glucose = (Observation) chart.get("Observation/l-glu").orElseThrow();
        assertThat(ClinicalFacts.abnormal(glucose)).isFalse();
        assertThat(FactText.observation(glucose)).isEqualTo("Glucose 4.0 mmol/L (ref -7.8)");
        // Below a real high bound: abnormal is decided by the bound that has a value.
        glucose.getValueQuantity().setValue(9.1);
        assertThat(ClinicalFacts.abnormal(glucose)).isTrue();
        assertThat(facts.abnormalResults()).extracting(ChartFact::ref).contains("Observation/l-glu");
    }

    @Test
    void quantityWithOnlyAnAbsentValueRendersNothing() {
        Quantity quantity = new Quantity().setUnit("mg/dL");
        quantity.setValueElement(ChartFixtures.absent(new org.hl7.fhir.r4.model.DecimalType()));
        assertThat(quantity.hasValue()).as("HAPI counts the extension as a value").isTrue();
        assertThat(FactText.quantity(quantity)).isNull();
    }

    @Test
    void conditionWithoutOnsetValueIsDatedByItsRecordedDate() {
        assertThat(facts.activeProblems()).extracting(ChartFact::text)
                .contains("Hypertension (recorded 2010-06-01)");
    }

    @Test
    void noteWithoutDescriptionValueIsTitledByItsType() {
        assertThat(facts.notes()).extracting(ChartFact::text).containsExactly("Progress note (dated 2024-03-02)");
    }

    @Test
    void promptHasEveryFactAndNoNull() {
        ChartPrompt prompt = new PromptBuilder(TokenCounter.ESTIMATE, 3).build(chart, 10_000);
        assertThat(prompt.omitted()).isEmpty();
        assertThat(prompt.userMessage()).contains("Penicillin; reaction Hives", "Creatinine value not given")
                .doesNotContainIgnoringCase("null");
    }

    @Test
    void extractiveSummaryVerifiesEveryItemAndSaysNoNull() {
        PatientSummary summary = Summarizer.extractiveOnly().summarize(chart);

        assertThat(summary.verification().unverified()).isEmpty();
        assertThat(summary.verification().dropped()).isEmpty();
        assertThat(summary.verification().status()).isEqualTo(VerificationStatus.VERIFIED);
        assertThat(summary.allergies()).extracting(SummaryItem::text)
                .containsExactly("Penicillin; reaction Hives");
        assertThat(texts(summary)).allSatisfy(text -> assertThat(text).doesNotContainIgnoringCase("null"));
        assertThat(summary.results()).extracting(SummaryItem::text).contains("Creatinine value not given (on 2024-03-02)");
    }

    static List<String> texts(PatientSummary summary) {
        return Stream.of(Stream.of(summary.narrative()), summary.problems().stream().map(SummaryItem::text),
                summary.medications().stream().map(SummaryItem::text), summary.allergies().stream().map(SummaryItem::text),
                summary.results().stream().map(SummaryItem::text), summary.vitals().stream().map(SummaryItem::text),
                summary.recommendations().stream().flatMap(r -> Stream.of(r.text(), r.rationale())))
                .flatMap(s -> s).toList();
    }
}
