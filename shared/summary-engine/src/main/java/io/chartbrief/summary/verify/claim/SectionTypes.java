package io.chartbrief.summary.verify.claim;

import io.chartbrief.summary.verify.evidence.CitedFact;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed binding: the resource types an item of each section must cite (a problem a Condition, a medication a
 * MedicationRequest/Statement/Administration/Dispense, an allergy an AllergyIntolerance, a result or vital sign an
 * Observation or DiagnosticReport, a note statement a DocumentReference). The narrative and recommendations may
 * cite any type.
 */
public final class SectionTypes {

    private static final Map<String, Set<String>> TYPES = Map.of(
            "problems", Set.of("Condition"),
            "medications", Set.of("MedicationRequest", "MedicationStatement", "MedicationAdministration", "MedicationDispense"),
            "allergies", Set.of("AllergyIntolerance"),
            "results", Set.of("Observation", "DiagnosticReport"),
            "vitals", Set.of("Observation"),
            "notes", Set.of("DocumentReference"));

    private SectionTypes() {
    }

    /** The types a section's items must cite, or empty when any type will do. */
    public static Set<String> of(String section) {
        return TYPES.getOrDefault(section, Set.of());
    }

    /** The cited facts of the section's types (every cited fact when the section has none). */
    static List<CitedFact> typed(String section, List<CitedFact> cited) {
        Set<String> types = of(section);
        return types.isEmpty() ? List.of() : cited.stream().filter(f -> types.contains(f.type())).toList();
    }
}
