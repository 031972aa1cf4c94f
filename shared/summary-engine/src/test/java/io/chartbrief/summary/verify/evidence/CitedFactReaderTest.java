package io.chartbrief.summary.verify.evidence;

import static io.chartbrief.summary.verify.claim.Facts.active;
import static io.chartbrief.summary.verify.claim.Facts.allergy;
import static io.chartbrief.summary.verify.claim.Facts.condition;
import static io.chartbrief.summary.verify.claim.Facts.dosed;
import static io.chartbrief.summary.verify.claim.Facts.flagged;
import static io.chartbrief.summary.verify.claim.Facts.lab;
import static io.chartbrief.summary.verify.claim.Facts.order;
import static io.chartbrief.summary.verify.claim.Facts.range;
import static io.chartbrief.summary.verify.claim.Facts.relative;
import static io.chartbrief.summary.verify.claim.Facts.vital;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summary.verify.claim.Facts;
import java.util.List;
import org.hl7.fhir.r4.model.Age;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.FamilyMemberHistory;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class CitedFactReaderTest {

    private final Facts chart = Facts.chart().with(
            issued(flagged(range(lab("k", "2823-3", "Potassium", "4.2", "mmol/L", "2024-03-02T06:00:00Z"), "3.5", "5.1",
                    "mmol/L"), "N"), "2024-03-03T09:00:00Z"),
            bloodPressure(),
            negativeCovid(),
            condition("pneu", "Pneumonia", "resolved", "2024-03-01", "2024-03-05"),
            recorded(condition("abated", "Sprain of ankle", null, "2015-01-01", "2015-02-01"), "2015-01-02"),
            dosed(active("apx", "Eliquis 5 MG Oral Tablet"), 2, "Oral route"),
            stopped(),
            allergy("pen", "Penicillin V", "active", "confirmed"),
            onsetAge(relative("fmh", "MTH", "mother", "Breast cancer")));

    private static Observation issued(Observation o, String when) {
        o.setIssuedElement(new InstantType(when));
        return o;
    }

    private static Observation bloodPressure() {
        Observation bp = vital("bp", "85354-9", "Blood pressure panel", null, null, "2024-03-02T08:00:00Z");
        bp.addComponent().setCode(new CodeableConcept().addCoding(new Coding(Facts.LOINC, "8480-6", "Systolic blood pressure")))
                .setValue(Facts.quantity("142", "mm[Hg]"));
        bp.addComponent().setCode(new CodeableConcept().addCoding(new Coding(Facts.LOINC, "8462-4", "Diastolic blood pressure")))
                .setValue(Facts.quantity("88", "mm[Hg]"));
        return bp;
    }

    private static Observation negativeCovid() {
        Observation o = lab("covid", "94500-6", "SARS-CoV-2 RNA", null, null, "2024-03-01T06:00:00Z");
        o.setValue(new CodeableConcept().setText("Not detected"));
        return o;
    }

    private static Condition recorded(Condition c, String date) {
        c.setRecordedDateElement(new DateTimeType(date));
        return c;
    }

    private static MedicationRequest stopped() {
        MedicationRequest m = order("amox", "amoxicillin 500 MG Oral Capsule", MedicationRequestStatus.STOPPED, "2019-06-01");
        m.setStatusReason(new CodeableConcept().setText("Rash"));
        return m;
    }

    private static FamilyMemberHistory onsetAge(FamilyMemberHistory f) {
        f.getConditionFirstRep().setOnset((Age) new Age().setValue(50).setUnit("a").setSystem("http://unitsofmeasure.org").setCode("a"));
        return f;
    }

    private static boolean hasKey(CitedFact fact, String key) {
        return fact.phrases().stream().anyMatch(p -> p.keys().contains(key));
    }

    @Test
    void valuesComeOnlyFromValueXNeverFromTheRangeOrCodes() {
        CitedFact k = chart.fact("Observation/k");
        assertThat(k.values()).singleElement().satisfies(m -> {
            assertThat(m.value()).isEqualByComparingTo("4.2");
            assertThat(m.unit()).isEqualTo("mmol/L");
            assertThat(m.low()).isEqualByComparingTo("3.5");
            assertThat(m.high()).isEqualByComparingTo("5.1");
            assertThat(m.interpretation()).containsExactly("N");
            assertThat(m.loinc()).isEqualTo("2823-3");
            assertThat(m.component()).isNull();
        });
        assertThat(hasKey(k, "potassium")).isTrue();
        assertThat(k.phrases()).noneMatch(p -> p.keys().stream().anyMatch(key -> key.startsWith("n:")));
        assertThat(k.status()).isEqualTo("final");
        assertThat(k.codeKey()).isNotNull();
        assertThat(k.sortKey()).startsWith("2024-03-02");
    }

    @Test
    void componentsAreValuesWithTheirNames() {
        CitedFact bp = chart.fact("Observation/bp");
        assertThat(bp.values()).extracting(Measured::loinc).containsExactly("8480-6", "8462-4");
        assertThat(bp.values()).extracting(m -> m.value().intValue()).containsExactly(142, 88);
        assertThat(bp.values().get(0).component()).isEqualTo("systolic blood pressure");
        assertThat(bp.phrases()).anySatisfy(p -> {
            assertThat(p.component()).isEqualTo(1);
            assertThat(p.keys()).contains("diastolic");
        });
    }

    @Test
    void aNegativeCodedValueIsAnAbsentFinding() {
        CitedFact covid = chart.fact("Observation/covid");
        assertThat(covid.absent()).isTrue();
        assertThat(covid.values()).isEmpty();
        assertThat(chart.fact("Observation/k").absent()).isFalse();
    }

    @Test
    void readsDatesByRoleWithIssuedApartFromEffective() {
        CitedFact k = chart.fact("Observation/k");
        assertThat(k.dates().get(DateRole.EFFECTIVE)).containsExactly("2024-03-02");
        assertThat(k.dates().get(DateRole.ISSUED)).containsExactly("2024-03-03");
        CitedFact pneu = chart.fact("Condition/pneu");
        assertThat(pneu.dates().get(DateRole.ONSET)).containsExactly("2024-03-01");
        assertThat(pneu.dates().get(DateRole.ABATEMENT)).containsExactly("2024-03-05");
        assertThat(pneu.status()).isEqualTo("resolved");
        assertThat(chart.fact("MedicationRequest/amox").dates().get(DateRole.AUTHORED)).containsExactly("2019-06-01");
    }

    @Test
    void anAbatedConditionWithoutClinicalStatusIsResolved() {
        CitedFact sprain = chart.fact("Condition/abated");
        assertThat(sprain.status()).isEqualTo("resolved");
        assertThat(sprain.dates().get(DateRole.RECORDED)).containsExactly("2015-01-02");
        assertThat(chart.fact("Condition/pneu").verification()).isNull();
    }

    @Test
    void readsAMedicationsDrugBrandAndDosing() {
        CitedFact apx = chart.fact("MedicationRequest/apx");
        assertThat(apx.isMedication()).isTrue();
        assertThat(apx.drugs()).contains("apixaban");
        assertThat(apx.status()).isEqualTo("active");
        Dosing dosing = apx.dosing();
        assertThat(dosing.perDay()).isEqualByComparingTo("2");
        assertThat(dosing.routes()).containsExactly("oral");
        assertThat(dosing.amounts()).contains(new Dosing.Amount(new java.math.BigDecimal("5"), "mg"));
        assertThat(dosing.asNeeded()).isFalse();
        assertThat(dosing.scheduled()).isTrue();
    }

    @Test
    void readsAStoppedOrdersStatusReason() {
        CitedFact amox = chart.fact("MedicationRequest/amox");
        assertThat(amox.status()).isEqualTo("stopped");
        assertThat(amox.phrases()).anySatisfy(p -> assertThat(p.keys()).containsExactly("rash"));
        assertThat(amox.drugs()).contains("amoxicillin").doesNotContain("rash");
        assertThat(amox.dosing().amounts()).containsOnly(new Dosing.Amount(new java.math.BigDecimal("500"), "mg"));
    }

    @Test
    void readsAnAllergysSubstanceAndStatuses() {
        CitedFact pen = chart.fact("AllergyIntolerance/pen");
        assertThat(pen.drugs()).contains("penicillin v", "penicillin");
        assertThat(pen.status()).isEqualTo("active");
        assertThat(pen.verification()).isEqualTo("confirmed");
        assertThat(pen.dosing()).isNull();
    }

    @Test
    void readsAFamilyMembersConditionRelationshipAndOnsetAge() {
        CitedFact fmh = chart.fact("FamilyMemberHistory/fmh");
        assertThat(fmh.relationship()).contains("mother");
        assertThat(fmh.values()).singleElement().satisfies(m -> {
            assertThat(m.component()).isEqualTo("onset age");
            assertThat(m.value()).isEqualByComparingTo("50");
            assertThat(m.unit()).isEqualTo("a");
        });
        assertThat(hasKey(fmh, "breast")).isTrue();
        List<String> all = fmh.phrases().stream().flatMap(p -> p.keys().stream()).toList();
        assertThat(all).doesNotContain("n:50");
    }
}
