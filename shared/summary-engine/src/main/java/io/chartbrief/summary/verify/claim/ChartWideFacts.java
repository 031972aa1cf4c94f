package io.chartbrief.summary.verify.claim;

import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.verify.evidence.CitedFact;
import io.chartbrief.summary.verify.evidence.CitedFactReader;
import io.chartbrief.summary.verify.lexicon.DrugClasses;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * What the verifier needs from the whole chart, not only from the cited resources: the patient's birth date and
 * sex (ages, adult thresholds), what the active allergies cover (a recommendation to start a drug an allergy
 * covers is contradicted even when the allergy is not cited), and, read only when a recommendation needs them,
 * the active conditions and measured results that make a drug unsafe ({@link DrugCautions}). One per verification.
 */
public final class ChartWideFacts {

    private static final Set<String> NOT_ACTIVE = Set.of("inactive", "resolved");
    private static final Set<String> NOT_TRUE = Set.of("refuted", "entered-in-error");

    private final LocalDate birthDate;
    private final String gender;
    private final LocalDate today;
    private final Map<String, String> covered;
    private final ClinicalChart chart;
    private final CitedFactReader reader;
    private List<CitedFact> activeConditions;
    private List<CitedFact> observations;

    private ChartWideFacts(LocalDate birthDate, String gender, LocalDate today, Map<String, String> covered,
            ClinicalChart chart, CitedFactReader reader) {
        this.birthDate = birthDate;
        this.gender = gender;
        this.today = today;
        this.covered = Map.copyOf(covered);
        this.chart = chart;
        this.reader = reader;
    }

    /** Reads the chart's patient and active allergies. */
    public static ChartWideFacts of(ClinicalChart chart, CitedFactReader reader, DrugClasses classes, LocalDate today) {
        LocalDate birth = null;
        String gender = null;
        if (chart.patientRef() != null && chart.get(chart.patientRef()).orElse(null) instanceof Patient p) {
            if (p.hasBirthDate() && p.getBirthDateElement().getValueAsString().length() >= 10) {
                birth = LocalDate.parse(p.getBirthDateElement().getValueAsString().substring(0, 10));
            }
            gender = p.getGender() == null ? null : p.getGender().toCode();
        }
        Map<String, String> covered = new LinkedHashMap<>();
        for (Map.Entry<String, Resource> e : chart.resources().entrySet()) {
            if (!(e.getValue() instanceof AllergyIntolerance)) {
                continue;
            }
            CitedFact allergy = reader.read(e.getKey(), e.getValue());
            if (ContextCheck.in(NOT_ACTIVE, allergy.status()) || ContextCheck.in(NOT_TRUE, allergy.verification())) {
                continue;
            }
            for (String allergen : allergy.drugs()) {
                if (DrugVocabulary.isDrug(allergen, classes)) {
                    for (String name : classes.coveredByAllergy(allergen)) {
                        covered.putIfAbsent(name, allergen);
                    }
                }
            }
        }
        return new ChartWideFacts(birth, gender, today, covered, chart, reader);
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    /** Patient.gender, or null. */
    public String gender() {
        return gender;
    }

    public LocalDate today() {
        return today;
    }

    /** Whether the patient is an adult (18 or over) by the birth date; false when unknown. */
    public boolean adult() {
        return birthDate != null && Period.between(birthDate, today).getYears() >= 18;
    }

    /** The allergen that covers a drug or class (or any member of a class), or null. */
    public String allergenCovering(String drug, DrugClasses classes) {
        String name = DrugClasses.norm(drug);
        if (covered.containsKey(name)) {
            return covered.get(name);
        }
        for (String member : classes.expand(name)) {
            if (covered.containsKey(member)) {
                return covered.get(member);
            }
        }
        return null;
    }

    /** The chart's active, not refuted conditions. */
    synchronized List<CitedFact> activeConditions() {
        if (activeConditions == null) {
            activeConditions = new ArrayList<>();
            for (Map.Entry<String, Resource> e : chart.resources().entrySet()) {
                if (e.getValue() instanceof Condition) {
                    CitedFact c = reader.read(e.getKey(), e.getValue());
                    if ("active".equals(c.status()) && !ContextCheck.in(NOT_TRUE, c.verification())) {
                        activeConditions.add(c);
                    }
                }
            }
        }
        return activeConditions;
    }

    /** The chart's observations with a measured value. */
    synchronized List<CitedFact> observations() {
        if (observations == null) {
            observations = new ArrayList<>();
            for (Map.Entry<String, Resource> e : chart.resources().entrySet()) {
                if (e.getValue() instanceof Observation) {
                    CitedFact o = reader.read(e.getKey(), e.getValue());
                    if (!o.values().isEmpty()) {
                        observations.add(o);
                    }
                }
            }
        }
        return observations;
    }
}
