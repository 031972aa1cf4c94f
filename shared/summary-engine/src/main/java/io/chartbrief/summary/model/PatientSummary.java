package io.chartbrief.summary.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A patient summary: what clinicians see, plus how it was made and checked. Schema: docs/summary-schema.md.
 *
 * @param schemaVersion  {@code 2} (items may carry claim fields); {@code 1} documents still read
 * @param patient        {@code Patient/id}
 * @param encounter      {@code Encounter/id} the summary is for, or null when the chart has no encounter
 * @param narrative      a few sentences; empty when the verifier dropped it
 * @param problems       active problems
 * @param medications    active medications
 * @param allergies      allergies and intolerances
 * @param results        abnormal and recent results
 * @param vitals         latest vital signs
 * @param notes          statements from clinical notes, each with its located quote ({@link SummaryItem#quote()})
 * @param recommendations suggested next steps
 * @param narrativeEvidence references supporting the narrative
 * @param engine         which engine made it (and why a preferred one was not used)
 * @param verification   the verifier's account; null before verification
 * @param timings        milliseconds per stage
 * @param tokens         token accounting
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PatientSummary(int schemaVersion, String patient, String encounter, String narrative,
        List<String> narrativeEvidence, List<SummaryItem> problems, List<SummaryItem> medications,
        List<SummaryItem> allergies, List<SummaryItem> results, List<SummaryItem> vitals, List<SummaryItem> notes,
        List<Recommendation> recommendations, EngineInfo engine, Verification verification, Timings timings,
        TokenCounts tokens) {

    /** Current schema version. */
    public static final int SCHEMA_VERSION = 2;

    /** Section names in display order (also the JSON field names). */
    public static final List<String> SECTIONS = List.of("problems", "medications", "allergies", "results", "vitals",
            "notes");

    public PatientSummary {
        narrative = narrative == null ? "" : narrative;
        narrativeEvidence = copy(narrativeEvidence);
        problems = copy(problems);
        medications = copy(medications);
        allergies = copy(allergies);
        results = copy(results);
        vitals = copy(vitals);
        notes = copy(notes);
        recommendations = copy(recommendations);
        timings = timings == null ? Timings.NONE : timings;
        tokens = tokens == null ? TokenCounts.NONE : tokens;
    }

    /** A summary without note items (the form before notes were read). */
    public PatientSummary(int schemaVersion, String patient, String encounter, String narrative,
            List<String> narrativeEvidence, List<SummaryItem> problems, List<SummaryItem> medications,
            List<SummaryItem> allergies, List<SummaryItem> results, List<SummaryItem> vitals,
            List<Recommendation> recommendations, EngineInfo engine, Verification verification, Timings timings,
            TokenCounts tokens) {
        this(schemaVersion, patient, encounter, narrative, narrativeEvidence, problems, medications, allergies,
                results, vitals, List.of(), recommendations, engine, verification, timings, tokens);
    }

    /** The items of a section named in {@link #SECTIONS}. */
    public List<SummaryItem> section(String name) {
        return switch (name) {
            case "problems" -> problems;
            case "medications" -> medications;
            case "allergies" -> allergies;
            case "results" -> results;
            case "vitals" -> vitals;
            case "notes" -> notes;
            default -> throw new IllegalArgumentException("unknown section: " + name);
        };
    }

    /** A copy with every section list transformed by {@code sections} (given the section name). */
    public PatientSummary withSections(java.util.function.BiFunction<String, List<SummaryItem>, List<SummaryItem>> sections) {
        return new PatientSummary(schemaVersion, patient, encounter, narrative, narrativeEvidence,
                sections.apply("problems", problems), sections.apply("medications", medications),
                sections.apply("allergies", allergies), sections.apply("results", results),
                sections.apply("vitals", vitals), sections.apply("notes", notes), recommendations, engine, verification,
                timings, tokens);
    }

    /** A copy with another narrative. */
    public PatientSummary withNarrative(String text, List<String> evidence) {
        return new PatientSummary(schemaVersion, patient, encounter, text, evidence, problems, medications,
                allergies, results, vitals, notes, recommendations, engine, verification, timings, tokens);
    }

    /** A copy with other recommendations. */
    public PatientSummary withRecommendations(List<Recommendation> items) {
        return new PatientSummary(schemaVersion, patient, encounter, narrative, narrativeEvidence, problems,
                medications, allergies, results, vitals, notes, items, engine, verification, timings, tokens);
    }

    /** A copy with another engine block. */
    public PatientSummary withEngine(EngineInfo info) {
        return new PatientSummary(schemaVersion, patient, encounter, narrative, narrativeEvidence, problems,
                medications, allergies, results, vitals, notes, recommendations, info, verification, timings, tokens);
    }

    /** A copy with the verifier's account. */
    public PatientSummary withVerification(Verification result) {
        return new PatientSummary(schemaVersion, patient, encounter, narrative, narrativeEvidence, problems,
                medications, allergies, results, vitals, notes, recommendations, engine, result, timings, tokens);
    }

    /** A copy with other timings. */
    public PatientSummary withTimings(Timings stageTimes) {
        return new PatientSummary(schemaVersion, patient, encounter, narrative, narrativeEvidence, problems,
                medications, allergies, results, vitals, notes, recommendations, engine, verification, stageTimes, tokens);
    }

    /** A copy with timings transformed (e.g. to add the verification time). */
    public PatientSummary mapTimings(UnaryOperator<Timings> change) {
        return withTimings(change.apply(timings));
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
