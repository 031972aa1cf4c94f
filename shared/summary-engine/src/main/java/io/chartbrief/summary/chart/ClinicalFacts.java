package io.chartbrief.summary.chart;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;

/**
 * The clinical selection rules shared by the prompt builder and the extractive engine: which chart resources
 * count as active problems, active medications, allergies, abnormal results and so on (docs/summary-schema.md).
 * Every list is in a deterministic order (newest first, ties by reference).
 */
public final class ClinicalFacts {

    private static final Set<String> ACTIVE_CONDITION = Set.of("active", "recurrence", "relapse");
    private static final Set<String> REFUTED = Set.of("entered-in-error", "refuted");
    private static final Set<String> ABNORMAL_FLAGS = Set.of("H", "L", "HH", "LL", "A", "AA", "HU", "LU", "<", ">");
    private static final Set<String> VOID_OBSERVATION = Set.of("entered-in-error", "cancelled");

    private final ClinicalChart chart;

    /** Facts of the given chart. */
    public ClinicalFacts(ClinicalChart chart) {
        this.chart = chart;
    }

    /** Gender and birth date of the patient (no names or identifiers: they add nothing clinical). */
    public List<ChartFact> patient() {
        Patient patient = (Patient) chart.get(chart.patientRef()).orElseThrow();
        List<String> parts = new ArrayList<>();
        String gender = ChartValues.code(patient.getGenderElement());
        if (gender != null) {
            parts.add(gender);
        }
        String born = ChartValues.text(patient.getBirthDateElement());
        if (born != null) {
            parts.add("born " + born);
        }
        String deceased = patient.hasDeceasedDateTimeType() ? ChartDates.day(patient.getDeceasedDateTimeType()) : null;
        if (deceased != null) {
            parts.add("deceased " + deceased);
        } else if (deceased(patient)) {
            parts.add("deceased");
        }
        String text = "Patient" + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
        return List.of(new ChartFact(FactCategory.PATIENT, List.of(chart.patientRef()), text, born, born));
    }

    /** Whether the chart says the patient has died (a date, or {@code deceasedBoolean} true). */
    public boolean patientDeceased() {
        return deceased((Patient) chart.get(chart.patientRef()).orElseThrow());
    }

    private static boolean deceased(Patient patient) {
        return patient.hasDeceasedDateTimeType() && patient.getDeceasedDateTimeType().hasValue()
                || patient.hasDeceasedBooleanType() && patient.getDeceasedBooleanType().booleanValue();
    }

    /** The encounter the summary is for, with its reason (cited too when it is a chart Condition). */
    public List<ChartFact> admission() {
        if (chart.encounterRef() == null) {
            return List.of();
        }
        return List.of(encounter(FactCategory.ADMISSION, (Encounter) chart.get(chart.encounterRef()).orElseThrow()));
    }

    /** Other encounters, newest first. */
    public List<ChartFact> earlierEncounters() {
        List<ChartFact> facts = new ArrayList<>();
        for (Encounter encounter : chart.all(Encounter.class)) {
            if (!chart.referenceOf(encounter).equals(chart.encounterRef())) {
                facts.add(encounter(FactCategory.ENCOUNTER, encounter));
            }
        }
        return newestFirst(facts);
    }

    /**
     * Active problems: clinicalStatus active/recurrence/relapse (or absent), no abatement, verificationStatus not
     * entered-in-error/refuted.
     */
    public List<ChartFact> activeProblems() {
        List<ChartFact> facts = new ArrayList<>();
        // a problem recorded twice (re-entered, or once per encounter) is listed once, from its earliest entry
        Map<String, Integer> byName = new HashMap<>();
        for (Condition condition : chart.all(Condition.class)) {
            String status = code(condition.getClinicalStatus());
            boolean active = status == null ? !condition.hasAbatement() : ACTIVE_CONDITION.contains(status);
            if (active && !condition.hasAbatement() && !refuted(condition.getVerificationStatus())) {
                String name = FactText.concept(condition.getCode());
                // A working diagnosis is stated as one: "Pneumonia (provisional)" is not "Pneumonia".
                String certainty = code(condition.getVerificationStatus());
                if (certainty != null && UNCERTAIN.contains(certainty)) {
                    name = (name == null ? "Condition" : name) + " (" + certainty + ")";
                }
                // An onset without a value (data-absent-reason) falls back to the recorded date, like no onset, and
                // says so: a recorded date is not an onset.
                String onset = condition.hasOnsetDateTimeType() ? ChartDates.day(condition.getOnset()) : null;
                String role = "onset";
                if (onset == null) {
                    onset = ChartDates.day(condition.getRecordedDateElement());
                    role = "recorded";
                }
                String sortKey = condition.hasOnset() ? ChartDates.sortKey(condition.getOnset()) : ChartDates.UNKNOWN;
                ChartFact fact = fact(FactCategory.PROBLEM, chart.referenceOf(condition),
                        FactText.dated(name == null ? "Condition" : name, role, onset), onset,
                        sortKey.isEmpty() ? ChartDates.sortKey(condition.getRecordedDateElement()) : sortKey);
                String key = (name == null ? "Condition" : name).toLowerCase(java.util.Locale.ROOT);
                Integer seen = byName.get(key);
                if (seen == null) {
                    byName.put(key, facts.size());
                    facts.add(fact);
                } else if (earlier(fact, facts.get(seen))) {
                    facts.set(seen, fact);
                }
            }
        }
        return newestFirst(facts);
    }

    /**
     * Active medications: MedicationRequest with status active or on-hold (on-hold is said in the text; it is still
     * on the patient's list) and not doNotPerform; MedicationStatement with status active.
     */
    public List<ChartFact> activeMedications() {
        List<ChartFact> facts = new ArrayList<>();
        for (MedicationRequest request : chart.all(MedicationRequest.class)) {
            String status = Objects.toString(ChartValues.code(request.getStatusElement()), "");
            // doNotPerform without a value (data-absent-reason) is an ordinary order, as when it is missing.
            if ((status.equals("active") || status.equals("on-hold"))
                    && !ChartValues.bool(request.getDoNotPerformElement(), false)) {
                List<String> evidence = new ArrayList<>(List.of(chart.referenceOf(request)));
                String name = medicationName(request.getMedication(), evidence);
                String text = status.equals("on-hold") ? name + " (on hold)" : name;
                // Not getDosageInstructionFirstRep(): reading must never modify the chart (it is shared).
                String dosage = request.hasDosageInstruction()
                        ? ChartValues.text(request.getDosageInstruction().get(0).getTextElement()) : null;
                if (dosage != null) {
                    text = text + "; " + dosage;
                }
                String day = ChartDates.day(request.getAuthoredOnElement());
                facts.add(new ChartFact(FactCategory.MEDICATION, evidence, FactText.dated(text, "ordered", day), day,
                        ChartDates.sortKey(request.getAuthoredOnElement())));
            }
        }
        for (MedicationStatement statement : chart.all(MedicationStatement.class)) {
            if ("active".equals(ChartValues.code(statement.getStatusElement()))) {
                List<String> evidence = new ArrayList<>(List.of(chart.referenceOf(statement)));
                String name = medicationName(statement.getMedication(), evidence);
                String day = ChartDates.day(statement.getEffective());
                facts.add(new ChartFact(FactCategory.MEDICATION, evidence, FactText.dated(name, "taking since", day),
                        day, ChartDates.sortKey(statement.getEffective())));
            }
        }
        return newestFirst(facts);
    }

    /** Allergies and intolerances not entered-in-error/refuted and not resolved/inactive. */
    public List<ChartFact> allergies() {
        List<ChartFact> facts = new ArrayList<>();
        for (AllergyIntolerance allergy : chart.all(AllergyIntolerance.class)) {
            String clinical = code(allergy.getClinicalStatus());
            if (refuted(allergy.getVerificationStatus())
                    || "resolved".equals(clinical) || "inactive".equals(clinical)) {
                continue;
            }
            String name = FactText.concept(allergy.getCode());
            StringBuilder text = new StringBuilder(name == null ? "Allergy" : name);
            String criticality = ChartValues.code(allergy.getCriticalityElement());
            if (criticality != null) {
                text.append("; criticality ").append(criticality);
            }
            List<String> reactions = new ArrayList<>();
            allergy.getReaction().forEach(r -> r.getManifestation().forEach(m -> {
                String manifestation = FactText.concept(m);
                if (manifestation != null && !reactions.contains(manifestation)) {
                    reactions.add(manifestation); // every reaction: "hives, wheezing", never only the first
                }
            }));
            if (!reactions.isEmpty()) {
                text.append("; reaction ").append(String.join(", ", reactions));
            }
            // Dated by onset when the chart has one, else by the recorded date, each under its own word.
            String day = allergy.hasOnsetDateTimeType() ? ChartDates.day(allergy.getOnset()) : null;
            String role = "onset";
            if (day == null) {
                day = ChartDates.day(allergy.getRecordedDateElement());
                role = "recorded";
            }
            facts.add(fact(FactCategory.ALLERGY, chart.referenceOf(allergy), FactText.dated(text.toString(), role, day),
                    day, day));
        }
        return newestFirst(facts);
    }

    /** Latest {@code perCode} vital-sign observations of each type, newest first. */
    public List<ChartFact> vitals(int perCode) {
        return latestPerCode(observations(true), perCode, FactCategory.VITAL);
    }

    /** Results (laboratory or uncategorized observations): up to {@code perCode} of each test, newest first. */
    public List<ChartFact> results(int perCode) {
        return latestPerCode(observations(false), perCode, FactCategory.RESULT);
    }

    /** Results (laboratory or uncategorized observations): the latest of each test, abnormal ones only. */
    public List<ChartFact> abnormalResults() {
        List<ChartFact> facts = new ArrayList<>();
        for (Observation latest : latestOnly(observations(false))) {
            if (abnormal(latest)) {
                facts.add(observationFact(FactCategory.ABNORMAL_RESULT, latest));
            }
        }
        return newestFirst(facts);
    }

    /** Results: the latest of each test that is not abnormal, newest first. */
    public List<ChartFact> otherResults() {
        List<ChartFact> facts = new ArrayList<>();
        for (Observation latest : latestOnly(observations(false))) {
            if (!abnormal(latest)) {
                facts.add(observationFact(FactCategory.RESULT, latest));
            }
        }
        return newestFirst(facts);
    }

    /** Notes (DocumentReference, current and not entered-in-error): type and description, newest first. */
    public List<ChartFact> notes() {
        List<ChartFact> facts = new ArrayList<>();
        for (DocumentReference note : chart.all(DocumentReference.class)) {
            String status = Objects.toString(ChartValues.code(note.getStatusElement()), "current");
            String docStatus = Objects.toString(ChartValues.code(note.getDocStatusElement()), "");
            if (!status.equals("current") || docStatus.equals("entered-in-error")) {
                continue;
            }
            String type = FactText.concept(note.getType());
            String title = type == null ? "Note" : type;
            String description = ChartValues.text(note.getDescriptionElement());
            if (description != null) {
                title = title + ": " + description;
            }
            String day = ChartDates.day(note.getDateElement());
            if (day == null && note.hasContext() && note.getContext().hasPeriod()) {
                day = ChartDates.day(note.getContext().getPeriod());
            }
            facts.add(fact(FactCategory.NOTE, chart.referenceOf(note), FactText.dated(title, "dated", day), day,
                    ChartValues.present(note.getDateElement()) ? note.getDateElement().getValueAsString()
                            : Objects.toString(day, ChartDates.UNKNOWN)));
        }
        return newestFirst(facts);
    }

    /** Completed or in-progress procedures, newest first. */
    public List<ChartFact> procedures() {
        List<ChartFact> facts = new ArrayList<>();
        for (Procedure procedure : chart.all(Procedure.class)) {
            String status = Objects.toString(ChartValues.code(procedure.getStatusElement()), "");
            if (status.equals("completed") || status.equals("in-progress")) {
                String name = FactText.concept(procedure.getCode());
                String day = ChartDates.day(procedure.getPerformed());
                facts.add(fact(FactCategory.PROCEDURE, chart.referenceOf(procedure),
                        FactText.dated(name == null ? "Procedure" : name, "performed", day), day,
                        ChartDates.sortKey(procedure.getPerformed())));
            }
        }
        return newestFirst(facts);
    }

    /**
     * Abnormal: an H/L/HH/LL/A/AA-style interpretation, or a quantity outside its reference range. A value or range
     * bound without a value (data-absent-reason) decides nothing.
     */
    public static boolean abnormal(Observation observation) {
        boolean normal = false;
        for (CodeableConcept interpretation : observation.getInterpretation()) {
            for (Coding coding : interpretation.getCoding()) {
                String code = ChartValues.text(coding.getCodeElement());
                if (code != null && ABNORMAL_FLAGS.contains(code)) {
                    return true;
                }
                normal |= "N".equals(code);
            }
        }
        if (normal) {
            return false; // the laboratory's own "normal" wins over a range the value seems to fall outside
        }
        BigDecimal value = observation.hasValueQuantity()
                ? ChartValues.decimal(observation.getValueQuantity().getValueElement()) : null;
        if (value != null) {
            for (var range : observation.getReferenceRange()) {
                BigDecimal low = range.hasLow() ? ChartValues.decimal(range.getLow().getValueElement()) : null;
                BigDecimal high = range.hasHigh() ? ChartValues.decimal(range.getHigh().getValueElement()) : null;
                if (low != null && value.compareTo(low) < 0 || high != null && value.compareTo(high) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private ChartFact encounter(FactCategory category, Encounter encounter) {
        List<String> evidence = new ArrayList<>(List.of(chart.referenceOf(encounter)));
        String encounterClass = ChartValues.text(encounter.getClass_().getCodeElement());
        String classWords = FactText.encounterClass(encounterClass);
        StringBuilder text = new StringBuilder(classWords != null ? classWords + " encounter"
                : encounterClass != null ? "Encounter " + encounterClass : "Encounter");
        String type = FactText.firstConcept(encounter.getType());
        if (type != null) {
            text.append(": ").append(type);
        }
        String reason = FactText.firstConcept(encounter.getReasonCode());
        for (Reference reasonRef : encounter.getReasonReference()) {
            String resolved = chart.resolve(reasonRef);
            if (resolved != null && chart.get(resolved).orElse(null) instanceof Condition condition) {
                evidence.add(resolved);
                reason = reason == null ? FactText.concept(condition.getCode()) : reason;
            }
        }
        if (reason != null) {
            text.append("; reason ").append(reason);
        }
        String start = encounter.hasPeriod() ? ChartDates.day(encounter.getPeriod().getStartElement()) : null;
        String end = encounter.hasPeriod() ? ChartDates.day(encounter.getPeriod().getEndElement()) : null;
        if (start != null) {
            text.append("; ").append(start).append(end == null || end.equals(start) ? "" : " to " + end);
        }
        return new ChartFact(category, evidence, text.toString(), start, ChartDates.start(encounter));
    }

    private ChartFact observationFact(FactCategory category, Observation observation) {
        String day = ChartDates.day(observation.getEffective());
        if (day == null) {
            day = ChartDates.day(observation.getIssuedElement());
        }
        return fact(category, chart.referenceOf(observation),
                FactText.dated(FactText.observation(observation), "on", day), day, observationTime(observation));
    }

    private List<Observation> observations(boolean vitalSigns) {
        List<Observation> out = new ArrayList<>();
        for (Observation observation : chart.all(Observation.class)) {
            String status = ChartValues.code(observation.getStatusElement());
            if (status != null && VOID_OBSERVATION.contains(status)) {
                continue;
            }
            Set<String> categories = new java.util.HashSet<>();
            observation.getCategory().forEach(c -> c.getCoding().forEach(coding -> {
                String code = ChartValues.text(coding.getCodeElement());
                if (code != null) {
                    categories.add(code);
                }
            }));
            boolean vital = categories.contains("vital-signs");
            boolean result = categories.isEmpty() || categories.contains("laboratory");
            if (vitalSigns ? vital : result && !vital) {
                out.add(observation);
            }
        }
        return out;
    }

    private List<Observation> latestOnly(List<Observation> observations) {
        Map<String, Observation> latest = new LinkedHashMap<>();
        for (Observation observation : sortedNewest(observations)) {
            latest.putIfAbsent(FactText.codeKey(observation.getCode()), observation);
        }
        return new ArrayList<>(latest.values());
    }

    private List<ChartFact> latestPerCode(List<Observation> observations, int perCode, FactCategory category) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<ChartFact> facts = new ArrayList<>();
        for (Observation observation : sortedNewest(observations)) {
            int count = seen.merge(FactText.codeKey(observation.getCode()), 1, Integer::sum);
            if (count <= perCode) {
                facts.add(observationFact(category, observation));
            }
        }
        return facts;
    }

    private List<Observation> sortedNewest(List<Observation> observations) {
        List<Observation> sorted = new ArrayList<>(observations);
        sorted.sort(Comparator.comparing(ClinicalFacts::observationTime).reversed()
                .thenComparing(o -> chart.referenceOf(o)));
        return sorted;
    }

    private static String observationTime(Observation observation) {
        String key = ChartDates.sortKey(observation.getEffective());
        return key.isEmpty() ? ChartDates.sortKey(observation.getIssuedElement()) : key;
    }

    private String medicationName(Type medication, List<String> evidence) {
        if (medication instanceof CodeableConcept concept) {
            String name = FactText.concept(concept);
            return name == null ? "Medication" : name;
        }
        if (medication instanceof Reference reference) {
            String resolved = chart.resolve(reference);
            if (resolved != null && chart.get(resolved).orElse(null) instanceof Medication med) {
                evidence.add(resolved);
                String name = FactText.concept(med.getCode());
                if (name != null) {
                    return name;
                }
            }
            String display = ChartValues.text(reference.getDisplayElement());
            if (display != null) {
                return display;
            }
        }
        return "Medication";
    }

    private static ChartFact fact(FactCategory category, String ref, String text, String date, String sortKey) {
        return new ChartFact(category, List.of(ref), text, date, sortKey);
    }

    /** Verification statuses of a diagnosis not (yet) confirmed. */
    private static final java.util.Set<String> UNCERTAIN = java.util.Set.of("provisional", "differential", "unconfirmed");

    private static boolean refuted(CodeableConcept verificationStatus) {
        String status = code(verificationStatus);
        return status != null && REFUTED.contains(status);
    }

    private static String code(CodeableConcept concept) {
        for (Coding coding : concept.getCoding()) {
            String code = ChartValues.text(coding.getCodeElement());
            if (code != null) {
                return code;
            }
        }
        return null;
    }

    /** Whether {@code a} is dated before {@code b} (an undated entry is never earlier; ties by reference). */
    private static boolean earlier(ChartFact a, ChartFact b) {
        if (a.sortKey().isEmpty() || b.sortKey().isEmpty()) {
            return !a.sortKey().isEmpty();
        }
        int c = a.sortKey().compareTo(b.sortKey());
        return c < 0 || c == 0 && a.ref().compareTo(b.ref()) < 0;
    }

    private static List<ChartFact> newestFirst(List<ChartFact> facts) {
        List<ChartFact> sorted = new ArrayList<>(facts);
        sorted.sort(Comparator.comparing(ChartFact::sortKey).reversed().thenComparing(ChartFact::ref));
        return sorted;
    }
}
