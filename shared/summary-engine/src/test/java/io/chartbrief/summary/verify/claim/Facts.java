package io.chartbrief.summary.verify.claim;

import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.verify.evidence.CitedFact;
import io.chartbrief.summary.verify.evidence.CitedFactReader;
import io.chartbrief.summary.verify.lexicon.ClinicalLexicon;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.FamilyMemberHistory;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;

/**
 * Test-only builders: a small chart of HAPI R4 resources for one adult patient, the facts the verifier reads from
 * them, and the checks run over them.
 */
public final class Facts {

    public static final String LOINC = "http://loinc.org";
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static final LocalDate TODAY = LocalDate.of(2024, 3, 10);

    private final Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
    private ClinicalChart chart;

    private Facts() {
        Patient patient = new Patient();
        patient.setId("p1");
        patient.setGender(AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new DateType("1950-04-02"));
        add(patient);
    }

    /** A chart with only the patient (female, born 1950-04-02: an adult). */
    public static Facts chart() {
        return new Facts();
    }

    /** Adds resources to the chart. */
    public Facts with(Resource... resources) {
        for (Resource r : resources) {
            add(r);
        }
        chart = null;
        return this;
    }

    private void add(Resource resource) {
        bundle.addEntry().setFullUrl("https://example.org/fhir/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                .setResource(resource);
    }

    public ClinicalChart clinicalChart() {
        if (chart == null) {
            chart = ClinicalChart.of(bundle, "Patient/p1", null);
        }
        return chart;
    }

    public CitedFactReader reader() {
        return new CitedFactReader(ClinicalLexicon.standard(), clinicalChart());
    }

    /** The fact of one resource of the chart ({@code Observation/k}). */
    public CitedFact fact(String ref) {
        return reader().read(ref, clinicalChart().get(ref).orElseThrow(() -> new IllegalArgumentException(ref)));
    }

    public List<CitedFact> facts(String... refs) {
        List<CitedFact> out = new ArrayList<>();
        for (String ref : refs) {
            out.add(fact(ref));
        }
        return out;
    }

    public ChartWideFacts wide() {
        return ChartWideFacts.of(clinicalChart(), reader(), ClinicalLexicon.standard().drugClasses(), TODAY);
    }

    public ItemCheck itemCheck() {
        return new ItemCheck(ClinicalLexicon.standard(), wide());
    }

    /** A section item's verdict. */
    public Verdict item(String section, String text, String... refs) {
        return itemCheck().item(section, text, null, null, facts(refs));
    }

    /** A section item with its date field. */
    public Verdict dated(String section, String text, String date, String... refs) {
        return itemCheck().item(section, text, date, null, facts(refs));
    }

    /** A recommendation's verdict. */
    public Verdict recommendation(String text, String... refs) {
        return itemCheck().recommendation(text, null, null, facts(refs));
    }

    /** A statement read against the facts (package-private API). */
    public Statement statement(String text, String... refs) {
        return Statement.read(text, facts(refs), ClinicalLexicon.standard());
    }

    // --- resources ---

    public static Observation lab(String id, String loinc, String name, String value, String unit, String when) {
        return observation(id, "laboratory", loinc, name, value, unit, when);
    }

    public static Observation vital(String id, String loinc, String name, String value, String unit, String when) {
        return observation(id, "vital-signs", loinc, name, value, unit, when);
    }

    public static Observation observation(String id, String category, String loinc, String name, String value,
            String unit, String when) {
        Observation o = new Observation();
        o.setId(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/observation-category", category, null));
        o.setCode(new CodeableConcept().addCoding(new Coding(LOINC, loinc, name)).setText(name));
        o.setSubject(new Reference("Patient/p1"));
        if (when != null) {
            o.setEffective(new DateTimeType(when));
        }
        if (value != null) {
            o.setValue(quantity(value, unit));
        }
        return o;
    }

    public static Quantity quantity(String value, String unit) {
        return new Quantity().setValue(new BigDecimal(value)).setUnit(unit).setSystem("http://unitsofmeasure.org").setCode(unit);
    }

    /** Sets an interpretation code (H, L, N…). */
    public static Observation flagged(Observation o, String code) {
        o.addInterpretation().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation").setCode(code);
        return o;
    }

    /** Adds a reference range. */
    public static Observation range(Observation o, String low, String high, String unit) {
        Observation.ObservationReferenceRangeComponent r = o.addReferenceRange();
        if (low != null) {
            r.setLow(quantity(low, unit));
        }
        if (high != null) {
            r.setHigh(quantity(high, unit));
        }
        return o;
    }

    public static Condition condition(String id, String name, String clinical, String onset, String abatement) {
        Condition c = new Condition();
        c.setId(id);
        if (clinical != null) {
            c.setClinicalStatus(new CodeableConcept().addCoding(new Coding(
                    "http://terminology.hl7.org/CodeSystem/condition-clinical", clinical, null)));
        }
        c.setCode(new CodeableConcept().addCoding(new Coding(SNOMED, "1" + Math.abs(name.hashCode()), name)).setText(name));
        c.setSubject(new Reference("Patient/p1"));
        if (onset != null) {
            c.setOnset(new DateTimeType(onset));
        }
        if (abatement != null) {
            c.setAbatement(new DateTimeType(abatement));
        }
        return c;
    }

    public static Condition verified(Condition c, String verification) {
        c.setVerificationStatus(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-ver-status", verification, null)));
        return c;
    }

    public static MedicationRequest order(String id, String name, MedicationRequest.MedicationRequestStatus status,
            String authored) {
        MedicationRequest m = new MedicationRequest();
        m.setId(id);
        m.setStatus(status);
        m.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        m.setMedication(new CodeableConcept().addCoding(new Coding(RXNORM, String.valueOf(Math.abs(name.hashCode())), name))
                .setText(name));
        m.setSubject(new Reference("Patient/p1"));
        if (authored != null) {
            m.setAuthoredOnElement(new DateTimeType(authored));
        }
        return m;
    }

    public static MedicationRequest active(String id, String name) {
        return order(id, name, MedicationRequest.MedicationRequestStatus.ACTIVE, "2024-01-15");
    }

    /** Adds a dosage instruction: frequency per period (in days), and a route display. */
    public static MedicationRequest dosed(MedicationRequest m, int frequency, String route) {
        Dosage d = m.addDosageInstruction();
        d.setTiming(new Timing().setRepeat(new Timing.TimingRepeatComponent().setFrequency(frequency)
                .setPeriod(1).setPeriodUnit(Timing.UnitsOfTime.D)));
        if (route != null) {
            d.setRoute(new CodeableConcept().addCoding(new Coding(SNOMED, "26643006", route)).setText(route));
        }
        return m;
    }

    public static AllergyIntolerance allergy(String id, String substance, String clinical, String verification) {
        AllergyIntolerance a = new AllergyIntolerance();
        a.setId(id);
        if (clinical != null) {
            a.setClinicalStatus(new CodeableConcept().addCoding(new Coding(
                    "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", clinical, null)));
        }
        if (verification != null) {
            a.setVerificationStatus(new CodeableConcept().addCoding(new Coding(
                    "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", verification, null)));
        }
        a.setCode(new CodeableConcept().setText(substance));
        a.setPatient(new Reference("Patient/p1"));
        return a;
    }

    public static AllergyIntolerance reaction(AllergyIntolerance a, String manifestation) {
        a.addReaction().addManifestation().setText(manifestation);
        return a;
    }

    public static FamilyMemberHistory relative(String id, String roleCode, String roleDisplay, String condition) {
        FamilyMemberHistory f = new FamilyMemberHistory();
        f.setId(id);
        f.setStatus(FamilyMemberHistory.FamilyHistoryStatus.COMPLETED);
        f.setPatient(new Reference("Patient/p1"));
        f.setRelationship(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/v3-RoleCode", roleCode, roleDisplay)));
        f.addCondition().setCode(new CodeableConcept().setText(condition));
        return f;
    }
}
