package io.chartbrief.summary;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Assumptions;

/**
 * Small hand-made charts, and the location of the third-party corpus. Public (with {@link #admissionChart()}) for
 * the verifier conformance set in {@code io.chartbrief.summary.verify}.
 */
public final class ChartFixtures {

    static final String LOINC = "http://loinc.org";
    static final String SNOMED = "http://snomed.info/sct";

    private ChartFixtures() {
    }

    /**
     * A searchset chart: inpatient admission for pneumonia; hypertension active, sprain resolved; lisinopril
     * active, metformin on hold, amoxicillin stopped; penicillin allergy, one entered-in-error; three heart rates;
     * potassium 5.90 mmol/L flagged H, sodium normal; one note; a Claim (noise).
     */
    public static Bundle admissionChart() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        Patient patient = new Patient();
        patient.setId("p1");
        patient.setGender(AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1950-04-02"));
        add(bundle, patient);

        add(bundle, condition("c-pneu", "Pneumonia", "active", "2024-03-01T08:00:00Z", null));
        add(bundle, condition("c-htn", "Hypertension", "active", "2010-05-01", null));
        add(bundle, condition("c-sprain", "Sprain of ankle", "resolved", "2015-01-01", "2015-02-01"));

        add(bundle, encounter("e-old", "AMB", "General examination", "2023-01-10T09:00:00Z", null, null));
        add(bundle, encounter("e-adm", "IMP", "Hospital admission", "2024-03-01T10:00:00Z", "2024-03-05T10:00:00Z", "c-pneu"));

        add(bundle, medication("m-lis", "lisinopril 10 MG Oral Tablet", MedicationRequest.MedicationRequestStatus.ACTIVE, "2020-06-01"));
        add(bundle, medication("m-met", "metformin 500 MG Oral Tablet", MedicationRequest.MedicationRequestStatus.ONHOLD, "2021-06-01"));
        add(bundle, medication("m-amox", "amoxicillin 500 MG Oral Capsule", MedicationRequest.MedicationRequestStatus.STOPPED, "2019-06-01"));

        add(bundle, allergy("a-pen", "Penicillin", "active", "confirmed"));
        add(bundle, allergy("a-err", "Latex", "active", "entered-in-error"));

        add(bundle, vital("v-hr1", "8867-4", "Heart rate", "88", "/min", "2024-03-01T10:10:00Z"));
        add(bundle, vital("v-hr2", "8867-4", "Heart rate", "92", "/min", "2024-03-02T10:10:00Z"));
        add(bundle, vital("v-hr3", "8867-4", "Heart rate", "101", "/min", "2024-03-03T10:10:00Z"));
        add(bundle, vital("v-temp", "8310-5", "Body temperature", "38.4", "Cel", "2024-03-03T10:10:00Z"));

        Observation potassium = lab("l-k", "2823-3", "Potassium", "5.90", "mmol/L", "2024-03-02T06:00:00Z");
        potassium.addInterpretation().addCoding().setSystem(
                "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation").setCode("H");
        potassium.addReferenceRange().setLow(new Quantity(3.5).setUnit("mmol/L")).setHigh(new Quantity(5.1).setUnit("mmol/L"));
        add(bundle, potassium);
        add(bundle, lab("l-na", "2951-2", "Sodium", "139", "mmol/L", "2024-03-02T06:00:00Z"));

        DocumentReference note = new DocumentReference();
        note.setId("n-1");
        note.setStatus(DocumentReferenceStatus.CURRENT);
        note.setType(new CodeableConcept().addCoding(new Coding(LOINC, "11506-3", "Progress note")));
        note.setDescription("Day 2 progress");
        note.setSubject(new Reference("Patient/p1"));
        note.setDateElement(new org.hl7.fhir.r4.model.InstantType("2024-03-02T12:00:00Z"));
        add(bundle, note);

        Claim claim = new Claim();
        claim.setId("claim-1");
        add(bundle, claim);
        return bundle;
    }

    /** US Core's marker for a value that is not there; on a primitive it replaces the value. */
    static final String DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

    /**
     * {@link #admissionChart()} where primitives carry only a data-absent-reason extension, as US Core allows:
     * patient gender, the allergy's criticality, lisinopril's doNotPerform, a creatinine value (unit kept), a
     * glucose reference range low bound, the hypertension onset and the note's description; valid FHIR R4.
     */
    static Bundle dataAbsentChart() {
        Bundle bundle = admissionChart();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource instanceof Patient patient) {
                patient.setGenderElement(absent(new org.hl7.fhir.r4.model.Enumeration<>(
                        new org.hl7.fhir.r4.model.Enumerations.AdministrativeGenderEnumFactory())));
            } else if (resource instanceof AllergyIntolerance allergy) {
                allergy.setCriticalityElement(absent(new org.hl7.fhir.r4.model.Enumeration<>(
                        new AllergyIntolerance.AllergyIntoleranceCriticalityEnumFactory())));
            } else if (resource instanceof MedicationRequest request && request.getIdPart().equals("m-lis")) {
                request.setDoNotPerformElement(absent(new org.hl7.fhir.r4.model.BooleanType()));
            } else if (resource instanceof Condition condition && condition.getIdPart().equals("c-htn")) {
                condition.setOnset(absent(new DateTimeType()));
                condition.setRecordedDateElement(new DateTimeType("2010-06-01"));
            } else if (resource instanceof DocumentReference note) {
                note.setDescriptionElement(absent(new org.hl7.fhir.r4.model.StringType()));
            }
        }
        Observation creatinine = lab("l-cr", "2160-0", "Creatinine", "1", "mg/dL", "2024-03-02T06:00:00Z");
        creatinine.getValueQuantity().setValueElement(absent(new org.hl7.fhir.r4.model.DecimalType()));
        add(bundle, creatinine);
        Observation glucose = lab("l-glu", "2345-7", "Glucose", "4.0", "mmol/L", "2024-03-02T06:00:00Z");
        glucose.addReferenceRange().setLow(new Quantity().setValueElement(absent(new org.hl7.fhir.r4.model.DecimalType()))
                .setUnit("mmol/L")).setHigh(new Quantity(7.8).setUnit("mmol/L"));
        add(bundle, glucose);
        return bundle;
    }

    /** The primitive with only a data-absent-reason {@code unknown}, no value. */
    static <T extends org.hl7.fhir.r4.model.PrimitiveType<?>> T absent(T primitive) {
        primitive.addExtension(DATA_ABSENT_REASON, new org.hl7.fhir.r4.model.CodeType("unknown"));
        return primitive;
    }

    static Condition condition(String id, String name, String status, String onset, String abatement) {
        Condition condition = new Condition();
        condition.setId(id);
        condition.setClinicalStatus(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-clinical", status, null)));
        condition.setCode(new CodeableConcept().addCoding(new Coding(SNOMED, "1" + Math.abs(name.hashCode()), name)).setText(name));
        condition.setSubject(new Reference("Patient/p1"));
        condition.setOnset(new DateTimeType(onset));
        if (abatement != null) {
            condition.setAbatement(new DateTimeType(abatement));
        }
        return condition;
    }

    static Encounter encounter(String id, String classCode, String type, String start, String end, String reasonCondition) {
        Encounter encounter = new Encounter();
        encounter.setId(id);
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", classCode, null));
        encounter.addType().setText(type);
        encounter.setSubject(new Reference("Patient/p1"));
        Period period = new Period().setStartElement(new DateTimeType(start));
        if (end != null) {
            period.setEndElement(new DateTimeType(end));
        }
        encounter.setPeriod(period);
        if (reasonCondition != null) {
            encounter.addReasonReference(new Reference("Condition/" + reasonCondition));
        }
        return encounter;
    }

    static MedicationRequest medication(String id, String name, MedicationRequest.MedicationRequestStatus status, String authored) {
        MedicationRequest request = new MedicationRequest();
        request.setId(id);
        request.setStatus(status);
        request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        request.setMedication(new CodeableConcept().addCoding(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm",
                String.valueOf(Math.abs(name.hashCode())), name)).setText(name));
        request.setSubject(new Reference("Patient/p1"));
        request.setAuthoredOnElement(new DateTimeType(authored));
        return request;
    }

    static AllergyIntolerance allergy(String id, String name, String clinical, String verification) {
        AllergyIntolerance allergy = new AllergyIntolerance();
        allergy.setId(id);
        allergy.setClinicalStatus(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", clinical, null)));
        allergy.setVerificationStatus(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", verification, null)));
        allergy.setCriticality(AllergyIntolerance.AllergyIntoleranceCriticality.HIGH);
        allergy.setCode(new CodeableConcept().setText(name));
        allergy.setPatient(new Reference("Patient/p1"));
        allergy.addReaction().addManifestation().setText("Hives");
        return allergy;
    }

    static Observation vital(String id, String loinc, String name, String value, String unit, String when) {
        return observation(id, "vital-signs", loinc, name, value, unit, when);
    }

    static Observation lab(String id, String loinc, String name, String value, String unit, String when) {
        return observation(id, "laboratory", loinc, name, value, unit, when);
    }

    private static Observation observation(String id, String category, String loinc, String name, String value,
            String unit, String when) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", category, null));
        observation.setCode(new CodeableConcept().addCoding(new Coding(LOINC, loinc, name)).setText(name));
        observation.setSubject(new Reference("Patient/p1"));
        observation.setEffective(new DateTimeType(when));
        observation.setValue(new Quantity().setValue(new BigDecimal(value)).setUnit(unit)
                .setSystem("http://unitsofmeasure.org").setCode(unit));
        return observation;
    }

    static void add(Bundle bundle, Resource resource) {
        bundle.addEntry().setFullUrl("https://example.org/fhir/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                .setResource(resource);
    }

    /** The corpus root, or an aborted test (with a printed line) when it is absent. */
    public static Path corpus() {
        Path corpus = Path.of(System.getProperty("chartbrief.corpus", "../../../shared/corpus")).toAbsolutePath().normalize();
        boolean present = Files.isDirectory(corpus.resolve("fhir/synthea"));
        if (!present) {
            System.out.println("[summary-engine] corpus ABSENT at " + corpus
                    + " - corpus tests skipped (set -Dchartbrief.corpus=/path/to/corpus)");
        }
        Assumptions.assumeTrue(present, "corpus absent at " + corpus);
        return corpus;
    }

    /** Every Synthea bundle of the corpus. */
    public static List<Path> syntheaBundles() throws java.io.IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(corpus().resolve("fhir/synthea"))) {
            walk.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        }
        return files;
    }
}
