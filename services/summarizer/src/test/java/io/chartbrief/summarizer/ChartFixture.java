package io.chartbrief.summarizer;

import io.chartbrief.interop.fhir.FhirContexts;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The chart the fake chart service answers for any patient id: an inpatient admission for pneumonia, lisinopril,
 * a penicillin allergy, a high potassium and a heart rate. Resource ids are prefixed with the patient id so every
 * test's patient has its own chart.
 */
public final class ChartFixture {

    static final String DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

    private ChartFixture() {
    }

    /** The admission encounter's reference for a patient id. */
    public static String encounterRef(String patientId) {
        return "Encounter/adm-" + patientId;
    }

    /** The chart as a searchset Bundle (what the chart's {@code Patient/{id}/$everything} answers in one page), FHIR JSON. */
    public static String searchsetJson(String patientId) {
        return FhirContexts.r4().newJsonParser().encodeResourceToString(searchset(patientId));
    }

    /**
     * The same chart, where primitives carry only a {@code data-absent-reason} extension and no value (e.g.
     * {@code "_criticality": {"extension": [...]}}): valid FHIR R4, as sent by facades that mark every missing
     * Must Support element. Absent: the patient's gender, the allergy's criticality, lisinopril's doNotPerform, the
     * heart rate's value, and the potassium reference range's low bound (its high bound 5.1 is there). HAPI's
     * {@code hasX()} is true for each and {@code getX()} null.
     */
    public static String searchsetWithDataAbsentJson(String patientId) {
        Bundle bundle = searchset(patientId);
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof Patient patient) {
                patient.getGenderElement().addExtension(DATA_ABSENT_REASON, new CodeType("unknown"));
            } else if (entry.getResource() instanceof AllergyIntolerance allergy) {
                allergy.getCriticalityElement().addExtension(DATA_ABSENT_REASON, new CodeType("unknown"));
            } else if (entry.getResource() instanceof MedicationRequest request) {
                request.getDoNotPerformElement().addExtension(DATA_ABSENT_REASON, new CodeType("unknown"));
            } else if (entry.getResource() instanceof Observation observation
                    && observation.getIdPart().startsWith("hr-")) {
                observation.getValueQuantity().setValueElement(new DecimalType());
                observation.getValueQuantity().getValueElement().addExtension(DATA_ABSENT_REASON, new CodeType("unknown"));
            } else if (entry.getResource() instanceof Observation observation) {
                DecimalType low = new DecimalType();
                low.addExtension(DATA_ABSENT_REASON, new CodeType("unknown"));
                observation.addReferenceRange().setLow(new Quantity().setValueElement(low).setUnit("mmol/L"))
                        .setHigh(new Quantity().setValue(5.1).setUnit("mmol/L"));
            }
        }
        return FhirContexts.r4().newJsonParser().encodeResourceToString(bundle);
    }

    static Bundle searchset(String id) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        Reference subject = new Reference("Patient/" + id);
        Patient patient = new Patient();
        patient.setId(id);
        patient.addName().setFamily("Testperson").addGiven("Alex");
        add(bundle, patient);

        Condition pneumonia = new Condition();
        pneumonia.setId("cond-" + id);
        pneumonia.setClinicalStatus(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
        pneumonia.setCode(new CodeableConcept().addCoding(new Coding("http://snomed.info/sct", "233604007", "Pneumonia"))
                .setText("Pneumonia"));
        pneumonia.setSubject(subject);
        pneumonia.setOnset(new DateTimeType("2024-03-01"));
        add(bundle, pneumonia);

        Encounter encounter = new Encounter();
        encounter.setId("adm-" + id);
        encounter.setStatus(Encounter.EncounterStatus.INPROGRESS);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"));
        encounter.addType().setText("Hospital admission");
        encounter.setSubject(subject);
        encounter.setPeriod(new Period().setStartElement(new DateTimeType("2024-03-01T10:00:00Z")));
        encounter.addReasonReference(new Reference("Condition/cond-" + id));
        add(bundle, encounter);

        MedicationRequest lisinopril = new MedicationRequest();
        lisinopril.setId("med-" + id);
        lisinopril.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        lisinopril.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        lisinopril.setMedication(new CodeableConcept().addCoding(new Coding(
                "http://www.nlm.nih.gov/research/umls/rxnorm", "314076", "lisinopril 10 MG Oral Tablet"))
                .setText("lisinopril 10 MG Oral Tablet"));
        lisinopril.setSubject(subject);
        lisinopril.setAuthoredOnElement(new DateTimeType("2020-06-01"));
        add(bundle, lisinopril);

        AllergyIntolerance penicillin = new AllergyIntolerance();
        penicillin.setId("alg-" + id);
        penicillin.setClinicalStatus(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", null)));
        penicillin.setCode(new CodeableConcept().setText("Penicillin"));
        penicillin.setPatient(subject);
        add(bundle, penicillin);

        Observation potassium = observation("lab-" + id, "laboratory", "2823-3", "Potassium", 5.9, "mmol/L", subject);
        potassium.addInterpretation().addCoding().setSystem(
                "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation").setCode("H");
        add(bundle, potassium);
        add(bundle, observation("hr-" + id, "vital-signs", "8867-4", "Heart rate", 101, "/min", subject));
        return bundle;
    }

    private static Observation observation(String id, String category, String loinc, String name, double value,
            String unit, Reference subject) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/observation-category")
                .setCode(category);
        observation.setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", loinc, name)).setText(name));
        observation.setSubject(subject);
        observation.setEffective(new DateTimeType("2024-03-02T06:00:00Z"));
        observation.setValue(new Quantity().setValue(value).setUnit(unit).setSystem("http://unitsofmeasure.org").setCode(unit));
        return observation;
    }

    private static void add(Bundle bundle, Resource resource) {
        bundle.addEntry().setFullUrl("http://chart.test/fhir/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                .setResource(resource).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
    }
}
