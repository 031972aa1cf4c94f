package io.chartbrief.summary.ask;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summary.ChartFixtures;
import io.chartbrief.summary.chart.ClinicalChart;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** Questions a clinician asks of {@link ChartFixtures#admissionChart()}; answers judged against the chart by hand. */
class ChartRetrievalTest {

    private final ChartRetrieval retrieval = new ChartRetrieval();

    private static ClinicalChart chart() {
        Bundle bundle = ChartFixtures.admissionChart();
        DocumentReference hp = new DocumentReference();
        hp.setId("n-hp");
        hp.setStatus(DocumentReferenceStatus.CURRENT);
        hp.setType(new CodeableConcept().addCoding(new Coding("http://loinc.org", "34117-2", "History and physical note")));
        hp.setSubject(new Reference("Patient/p1"));
        hp.setDateElement(new InstantType("2024-03-01T11:00:00Z"));
        hp.addContent().setAttachment(new Attachment().setContentType("text/plain").setData((
                "CHIEF COMPLAINT:\nCough and fever for 4 days.\n\nPLAN:\nStart ceftriaxone. Hold lisinopril while"
                        + " potassium is high. Recheck potassium in the morning.\n").getBytes(StandardCharsets.UTF_8)));
        bundle.addEntry().setFullUrl("DocumentReference/n-hp").setResource(hp);
        bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r.getIdElement().getIdPart().equals("m-lis"))
                .forEach(r -> ((MedicationRequest) r).addReasonReference(new Reference("Condition/c-htn")));
        return ClinicalChart.of(bundle, "Patient/p1", "Encounter/e-adm");
    }

    @Test
    void lastPotassiumIsTheNewestReadingCitedAndTheNoteSentencesAboutIt() {
        RetrievedAnswer answer = retrieval.answer(chart(), "When was the last potassium?");
        assertThat(answer.kind()).isEqualTo("retrieved-facts");
        assertThat(answer.terms()).containsExactly("potassium");
        assertThat(answer.statements().get(0).text()).startsWith("Potassium 5.90 mmol/L (H; ref 3.5-5.1)");
        assertThat(answer.statements().get(0).evidence()).containsExactly("Observation/l-k");
        assertThat(answer.statements().get(0).date()).isEqualTo("2024-03-02");
        assertThat(answer.statements()).filteredOn(s -> s.source().equals("note")).extracting(s -> s.text())
                .containsExactlyInAnyOrder("Hold lisinopril while potassium is high.", "Recheck potassium in the morning.");
        assertThat(answer.statements()).filteredOn(s -> s.source().equals("note")).allSatisfy(s -> {
            assertThat(s.evidence()).containsExactly("DocumentReference/n-hp");
            assertThat(s.quote().section()).isEqualTo("plan");
            assertThat(s.quote().end()).isGreaterThan(s.quote().start());
        });
        assertThat(answer.statements()).noneMatch(s -> s.text().startsWith("Sodium"));
    }

    @Test
    void abbreviationsAreExpandedAndATrendListsEveryReadingInOrder() {
        RetrievedAnswer answer = retrieval.answer(chart(), "HR trend");
        assertThat(answer.terms()).containsExactly("heart", "rate");
        assertThat(answer.statements()).filteredOn(s -> s.source().equals("chart")).extracting(s -> s.evidence().get(0))
                .containsExactly("Observation/v-hr1", "Observation/v-hr2", "Observation/v-hr3");
    }

    @Test
    void aMedicationQuestionFindsTheOrderAndWhatTheNotesSayOfIt() {
        RetrievedAnswer answer = retrieval.answer(chart(), "Why is she on lisinopril?");
        assertThat(answer.statements().get(0).evidence()).containsExactly("MedicationRequest/m-lis");
        // the reason the order records, cited to the problem and the order
        assertThat(answer.statements().get(1).text()).startsWith("Reason recorded on the order: Hypertension");
        assertThat(answer.statements().get(1).evidence()).containsExactly("Condition/c-htn", "MedicationRequest/m-lis");
        assertThat(answer.statements()).anyMatch(s -> s.text().equals("Hold lisinopril while potassium is high."));
        // without "why" the reason is not added
        assertThat(retrieval.answer(chart(), "lisinopril").statements()).noneMatch(s -> s.text().startsWith("Reason"));
        // a stopped order is not on the active list
        assertThat(answer.statements()).noneMatch(s -> s.evidence().contains("MedicationRequest/m-amox"));
    }

    @Test
    void somethingTheChartDoesNotHoldIsSaidToBeAbsent() {
        RetrievedAnswer answer = retrieval.answer(chart(), "Is she on warfarin?");
        assertThat(answer.found()).isFalse();
        assertThat(answer.terms()).containsExactly("warfarin");
        assertThat(retrieval.answer(chart(), "what is the?").found()).isFalse();
    }
}
