package io.chartbrief.benchmarks;

import java.math.BigDecimal;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Small synthetic inpatient charts for the summary benchmark (the shape of the engine tests' admission chart). */
final class BenchmarkCharts {

    private static final String LOINC = "http://loinc.org";

    private BenchmarkCharts() {
    }

    /**
     * An inpatient admission: 4 conditions, 4 medications, 1 allergy, 3 days of 4 vital signs, 6 labs. The variant
     * shifts values so two patients' prompts differ after the shared instructions.
     */
    static Bundle admission(String patientId, int variant) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        String patientRef = "Patient/" + patientId;
        Patient patient = new Patient();
        patient.setId(patientId);
        patient.setGender(variant % 2 == 0 ? AdministrativeGender.MALE : AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new DateType((1940 + variant) + "-04-02"));
        add(bundle, patient);

        String[][] conditions = {{"Pneumonia", "active"}, {"Hypertension", "active"},
            {"Type 2 diabetes mellitus", "active"}, {"Chronic kidney disease stage 3", "active"}};
        for (int i = 0; i < conditions.length; i++) {
            Condition c = new Condition();
            c.setId("c" + i);
            c.setClinicalStatus(new CodeableConcept().addCoding(new Coding(
                    "http://terminology.hl7.org/CodeSystem/condition-clinical", conditions[i][1], null)));
            c.setCode(new CodeableConcept().setText(conditions[i][0]));
            c.setSubject(new Reference(patientRef));
            c.setOnset(new DateTimeType((2010 + i + variant) + "-05-01"));
            add(bundle, c);
        }

        Encounter encounter = new Encounter();
        encounter.setId("e1");
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", null));
        encounter.addType().setText("Hospital admission");
        encounter.setSubject(new Reference(patientRef));
        encounter.setPeriod(new Period().setStartElement(new DateTimeType("2024-03-01T10:00:00Z"))
                .setEndElement(new DateTimeType("2024-03-05T10:00:00Z")));
        encounter.addReasonReference(new Reference("Condition/c0"));
        add(bundle, encounter);

        String[] medications = {"lisinopril 10 MG Oral Tablet", "metformin 500 MG Oral Tablet",
            "ceftriaxone 1 G Injection", "atorvastatin 20 MG Oral Tablet"};
        for (int i = 0; i < medications.length; i++) {
            MedicationRequest m = new MedicationRequest();
            m.setId("m" + i);
            m.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
            m.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
            m.setMedication(new CodeableConcept().setText(medications[i]));
            m.setSubject(new Reference(patientRef));
            m.setAuthoredOnElement(new DateTimeType("2024-03-0" + (1 + i % 3)));
            add(bundle, m);
        }

        AllergyIntolerance allergy = new AllergyIntolerance();
        allergy.setId("a1");
        allergy.setClinicalStatus(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", null)));
        allergy.setCode(new CodeableConcept().setText("Penicillin"));
        allergy.setPatient(new Reference(patientRef));
        allergy.addReaction().addManifestation().setText("Hives");
        add(bundle, allergy);

        String[][] vitals = {{"8867-4", "Heart rate", "/min", "88"}, {"8310-5", "Body temperature", "Cel", "38.1"},
            {"8480-6", "Systolic blood pressure", "mm[Hg]", "134"}, {"9279-1", "Respiratory rate", "/min", "20"}};
        for (int day = 1; day <= 3; day++) {
            for (String[] v : vitals) {
                double value = Double.parseDouble(v[3]) + day + variant;
                add(bundle, observation("v" + v[0] + "-" + day, "vital-signs", v[0], v[1], value, v[2],
                        "2024-03-0" + day + "T10:10:00Z", patientRef));
            }
        }
        String[][] labs = {{"2823-3", "Potassium", "mmol/L", "5.4"}, {"2951-2", "Sodium", "mmol/L", "139"},
            {"2160-0", "Creatinine", "mg/dL", "1.6"}, {"2345-7", "Glucose", "mg/dL", "182"},
            {"6690-2", "Leukocytes", "10*3/uL", "13.2"}, {"718-7", "Hemoglobin", "g/dL", "11.9"}};
        for (String[] l : labs) {
            double value = Double.parseDouble(l[3]) + variant * 0.1;
            add(bundle, observation("l" + l[0], "laboratory", l[0], l[1], value, l[2], "2024-03-02T06:00:00Z",
                    patientRef));
        }
        return bundle;
    }

    static Observation observation(String id, String category, String loinc, String name, double value,
            String unit, String when, String patientRef) {
        Observation o = new Observation();
        o.setId(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/observation-category", category, null));
        o.setCode(new CodeableConcept().addCoding(new Coding(LOINC, loinc, name)).setText(name));
        o.setSubject(new Reference(patientRef));
        o.setEffective(new DateTimeType(when));
        o.setValue(new Quantity().setValue(BigDecimal.valueOf(value)).setUnit(unit)
                .setSystem("http://unitsofmeasure.org").setCode(unit));
        return o;
    }

    private static void add(Bundle bundle, Resource resource) {
        bundle.addEntry().setFullUrl("https://example.org/fhir/" + resource.fhirType() + "/"
                + resource.getIdElement().getIdPart()).setResource(resource);
    }
}
