package io.chartbrief.summary.prompt;

import io.chartbrief.summary.chart.ChartFact;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.chart.ClinicalFacts;
import io.chartbrief.summary.chart.FactCategory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a chart into compact dated facts with evidence aliases ({@code [C3]} → {@code Condition/…}) that fit a
 * token budget. Facts are taken by priority (admission encounter, active problems, medications, allergies,
 * abnormal recent results, vitals, recent notes, then other results, procedures and earlier encounters), newest
 * first within a category; vitals are limited to the latest N per type; billing/audit resources and {@code meta}
 * never appear. Whatever does not fit is counted in {@link ChartPrompt#omitted()}. Thread-safe.
 */
public final class PromptBuilder {

    /**
     * Instructions for the model; the output shape itself is enforced by a grammar. Short on purpose: every token
     * here is one fewer for chart facts. No "copy names exactly" rule: the verifier accepts abbreviations, synonyms,
     * brand names, derived terms and unit spellings, so the model may write naturally as long as it cites.
     */
    public static final String SYSTEM_TEXT = """
            You are a clinical summarization assistant. Summarize the chart facts below for the admitting clinician.
            State only what the cited fact lines say; in "evidence" cite the alias of every fact used (e.g. "C1").
            In "claim", "about" is the alias of the item's main fact; add its value, unit, status and direction \
            (recommendations: the action) where the fact states them.
            Answer with JSON only: narrative (2-4 sentences), problems, medications, allergies, results, vitals, \
            recommendations (priority high|medium|low, rationale).
            Leave out anything the facts do not support.""";

    private final TokenCounter counter;
    private final int vitalsPerCode;

    /**
     * @param counter       token counter (the model's tokenizer, or {@link TokenCounter#ESTIMATE})
     * @param vitalsPerCode how many readings of each vital sign to keep (latest first)
     */
    public PromptBuilder(TokenCounter counter, int vitalsPerCode) {
        this.counter = counter;
        this.vitalsPerCode = vitalsPerCode;
    }

    /** Builds the prompt of a chart with at most {@code budgetTokens} tokens of facts. */
    public ChartPrompt build(ClinicalChart chart, int budgetTokens) {
        ClinicalFacts facts = new ClinicalFacts(chart);
        Map<FactCategory, List<ChartFact>> candidates = new EnumMap<>(FactCategory.class);
        candidates.put(FactCategory.PATIENT, facts.patient());
        candidates.put(FactCategory.ADMISSION, facts.admission());
        candidates.put(FactCategory.PROBLEM, facts.activeProblems());
        candidates.put(FactCategory.MEDICATION, facts.activeMedications());
        candidates.put(FactCategory.ALLERGY, facts.allergies());
        candidates.put(FactCategory.ABNORMAL_RESULT, facts.abnormalResults());
        candidates.put(FactCategory.VITAL, facts.vitals(vitalsPerCode));
        candidates.put(FactCategory.NOTE, facts.notes());
        candidates.put(FactCategory.RESULT, facts.otherResults());
        candidates.put(FactCategory.PROCEDURE, facts.procedures());
        candidates.put(FactCategory.ENCOUNTER, facts.earlierEncounters());

        Map<Character, Integer> counters = new LinkedHashMap<>();
        Map<FactCategory, List<String>> lines = new EnumMap<>(FactCategory.class);
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        List<ChartFact> included = new ArrayList<>();
        Map<String, Integer> omitted = new LinkedHashMap<>();
        int used = 0;
        for (Map.Entry<FactCategory, List<ChartFact>> category : candidates.entrySet()) {
            FactCategory kind = category.getKey();
            int headingTokens = counter.count(kind.heading() + ":\n");
            boolean headingCounted = false;
            for (ChartFact fact : category.getValue()) {
                int number = counters.getOrDefault(kind.aliasLetter(), 0) + 1;
                String alias = kind.aliasLetter() + String.valueOf(number);
                String line = "[" + alias + "] " + fact.text();
                int cost = counter.count(line + "\n") + (headingCounted ? 0 : headingTokens);
                if (used + cost > budgetTokens) {
                    omitted.merge(kind.label(), 1, Integer::sum);
                    continue;
                }
                used += cost;
                headingCounted = true;
                counters.put(kind.aliasLetter(), number);
                aliases.put(alias, fact.evidence());
                lines.computeIfAbsent(kind, k -> new ArrayList<>()).add(line);
                included.add(fact);
            }
        }
        StringBuilder text = new StringBuilder();
        lines.forEach((kind, categoryLines) -> {
            text.append(kind.heading()).append(":\n");
            categoryLines.forEach(line -> text.append(line).append('\n'));
        });
        return new ChartPrompt(SYSTEM_TEXT, text.toString(), Collections.unmodifiableMap(aliases),
                List.copyOf(included), used, budgetTokens, Collections.unmodifiableMap(omitted));
    }
}
