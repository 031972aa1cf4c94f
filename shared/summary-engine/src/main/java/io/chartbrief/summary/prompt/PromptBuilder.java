package io.chartbrief.summary.prompt;

import io.chartbrief.summary.chart.ChartFact;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.chart.ClinicalFacts;
import io.chartbrief.summary.chart.FactCategory;
import io.chartbrief.summary.chart.FactText;
import io.chartbrief.summary.model.NoteQuote;
import io.chartbrief.summary.notes.NoteReader;
import io.chartbrief.summary.notes.NoteText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns a chart into compact dated facts with evidence aliases ({@code [C3]} → {@code Condition/…}) and note passages
 * ({@code [N2.3]} → a located passage of {@code DocumentReference/…}) that fit a token budget.
 *
 * <p>Budget order: patient, admission encounter, active problems, medications, allergies, abnormal recent results,
 * vitals (latest N per type), the key passages of the five most relevant notes (chief complaint, first HPI
 * passages, assessment and plan, impression, hospital course, addendum: {@link NotePassages}), then other results,
 * procedures, earlier encounters, then the same passages of the other notes, the rest of the notes' key sections
 * and last their other sections; newest first within a fact category. The prompt shows the categories in that order with all passages in one notes block (after the vitals),
 * grouped per note under a header line, in text order. Notes come from {@link NoteReader} (current ones only: never
 * superseded or entered-in-error). Billing/audit resources and {@code meta} never appear. Whatever does not fit is
 * counted in {@link ChartPrompt#omitted()} (note passages under {@value ChartPrompt#OMITTED_NOTE_PASSAGES}).
 * Thread-safe.
 */
public final class PromptBuilder {

    /**
     * Instructions for the model; the output shape itself is enforced by a grammar. Short on purpose: every token
     * here is one fewer for chart facts. No "copy names exactly" rule: the verifier accepts abbreviations, synonyms,
     * brand names, derived terms and unit spellings, so the model may write naturally as long as it cites. Note
     * items may paraphrase, but the verifier holds them to the cited passage's negation, laterality, numbers and
     * experiencer, so the instructions name exactly those.
     */
    public static final String SYSTEM_TEXT = """
            You are a clinical summarization assistant. Summarize the chart facts below for the admitting clinician.
            State only what the cited fact lines say; in "evidence" cite the alias of every fact used (e.g. "C1").
            In "claim", "about" is the alias of the item's main fact; add its value, unit, status and direction \
            (recommendations: the action) where the fact states them.
            "notes" items restate the note passages they cite (e.g. "N1.2"): never change negation, laterality, \
            numbers or who a statement is about.
            Answer with JSON only: narrative (2-4 sentences), problems, medications, allergies, results, vitals, \
            notes, recommendations (priority high|medium|low, rationale).
            Leave out anything the facts do not support.""";

    /** Heading of the notes block. */
    static final String NOTES_HEADING = "Note passages";

    /** Below this many tokens left, passages are counted as cut without tokenizing them. */
    private static final int MIN_PASSAGE_TOKENS = 4;
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*");

    private final TokenCounter counter;
    private final int vitalsPerCode;
    private final NoteReader notes;

    /**
     * @param counter       token counter (the model's tokenizer, or {@link TokenCounter#ESTIMATE})
     * @param vitalsPerCode how many readings of each vital sign to keep (latest first)
     */
    public PromptBuilder(TokenCounter counter, int vitalsPerCode) {
        this(counter, vitalsPerCode, new NoteReader());
    }

    /** As above, reading notes with {@code notes} (its limits). */
    public PromptBuilder(TokenCounter counter, int vitalsPerCode, NoteReader notes) {
        this.counter = counter;
        this.vitalsPerCode = vitalsPerCode;
        this.notes = notes;
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
        candidates.put(FactCategory.RESULT, facts.otherResults());
        candidates.put(FactCategory.PROCEDURE, facts.procedures());
        candidates.put(FactCategory.ENCOUNTER, RepeatedEncounters.compact(facts.earlierEncounters()));
        List<NotePassages.Passage> passages = NotePassages.of(notes.read(chart).notes());

        Fitting fit = new Fitting(budgetTokens);
        for (FactCategory kind : candidates.keySet()) {
            if (kind == FactCategory.RESULT) {
                fitPassages(fit, passages, NotePassages.Tier.KEY);
            }
            fitFacts(fit, kind, candidates.get(kind));
        }
        fitPassages(fit, passages, NotePassages.Tier.LATER);
        fitPassages(fit, passages, NotePassages.Tier.MORE);
        fitPassages(fit, passages, NotePassages.Tier.OTHER);
        return render(fit, budgetTokens);
    }

    /** What fits so far. */
    private static final class Fitting {
        final int budget;
        int used;
        final Map<FactCategory, List<ChartFact>> facts = new EnumMap<>(FactCategory.class);
        final Map<Character, Integer> counters = new LinkedHashMap<>();
        final Map<String, Integer> omitted = new LinkedHashMap<>();
        /** Passages that fit, per note rank. */
        final Map<Integer, List<NotePassages.Passage>> passages = new TreeMap<>();

        Fitting(int budget) {
            this.budget = budget;
        }
    }

    private void fitFacts(Fitting fit, FactCategory kind, List<ChartFact> categoryFacts) {
        int headingTokens = counter.count(kind.heading() + ":\n");
        for (ChartFact fact : categoryFacts) {
            int number = fit.counters.getOrDefault(kind.aliasLetter(), 0) + 1;
            boolean headingCounted = fit.facts.containsKey(kind);
            int cost = counter.count(factLine(kind.aliasLetter() + String.valueOf(number), fact) + "\n")
                    + (headingCounted ? 0 : headingTokens);
            if (fit.used + cost > fit.budget) {
                fit.omitted.merge(kind.label(), kind == FactCategory.ENCOUNTER ? RepeatedEncounters.encounters(fact)
                        : 1, Integer::sum);
                continue;
            }
            fit.used += cost;
            fit.counters.put(kind.aliasLetter(), number);
            fit.facts.computeIfAbsent(kind, k -> new ArrayList<>()).add(fact);
        }
    }

    /**
     * Fits the passages of one tier. The alias a passage will get is not known until all are chosen (numbers follow
     * the notes and passages that fit), so the cost is counted with the largest it can be — the note's rank and
     * the passage's index among the note's candidates — and the notes block is counted again when rendered.
     */
    private void fitPassages(Fitting fit, List<NotePassages.Passage> passages, NotePassages.Tier tier) {
        for (NotePassages.Passage passage : passages) {
            if (passage.tier() != tier) {
                continue;
            }
            if (fit.budget - fit.used < MIN_PASSAGE_TOKENS) {
                fit.omitted.merge(ChartPrompt.OMITTED_NOTE_PASSAGES, 1, Integer::sum);
                continue;
            }
            int noteNumber = passage.noteRank() + 1;
            boolean noteCounted = fit.passages.containsKey(passage.noteRank());
            int cost = counter.count(passageLine(noteNumber, passage.index() + 1, passage) + "\n")
                    + (noteCounted ? 0 : counter.count(noteHeader(noteNumber, passage.note()) + "\n"))
                    + (fit.passages.isEmpty() ? counter.count(NOTES_HEADING + ":\n") : 0);
            if (fit.used + cost > fit.budget) {
                fit.omitted.merge(ChartPrompt.OMITTED_NOTE_PASSAGES, 1, Integer::sum);
                continue;
            }
            fit.used += cost;
            fit.passages.computeIfAbsent(passage.noteRank(), k -> new ArrayList<>()).add(passage);
        }
    }

    private ChartPrompt render(Fitting fit, int budgetTokens) {
        StringBuilder text = new StringBuilder();
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        Map<String, ChartPrompt.NotePassage> quotes = new LinkedHashMap<>();
        List<ChartFact> included = new ArrayList<>();
        Map<Character, Integer> counters = new LinkedHashMap<>();
        int[] tokens = {0};
        java.util.function.Consumer<String> line = s -> {
            text.append(s).append('\n');
            tokens[0] += counter.count(s + "\n");
        };
        for (FactCategory kind : FactCategory.values()) {
            if (kind == FactCategory.NOTE) {
                renderNotes(fit, line, aliases, quotes, included);
                continue;
            }
            List<ChartFact> categoryFacts = fit.facts.get(kind);
            if (categoryFacts == null) {
                continue;
            }
            line.accept(kind.heading() + ":");
            for (ChartFact fact : categoryFacts) {
                int number = counters.getOrDefault(kind.aliasLetter(), 0) + 1;
                counters.put(kind.aliasLetter(), number);
                String alias = kind.aliasLetter() + String.valueOf(number);
                line.accept(factLine(alias, fact));
                aliases.put(alias, fact.evidence());
                included.add(fact);
            }
        }
        return new ChartPrompt(SYSTEM_TEXT, text.toString(), Collections.unmodifiableMap(aliases),
                List.copyOf(included), tokens[0], budgetTokens, Collections.unmodifiableMap(fit.omitted),
                Collections.unmodifiableMap(quotes));
    }

    private void renderNotes(Fitting fit, java.util.function.Consumer<String> line, Map<String, List<String>> aliases,
            Map<String, ChartPrompt.NotePassage> quotes, List<ChartFact> included) {
        if (fit.passages.isEmpty()) {
            return;
        }
        line.accept(NOTES_HEADING + ":");
        int noteNumber = 0;
        for (List<NotePassages.Passage> notePassages : fit.passages.values()) {
            noteNumber++;
            notePassages.sort(Comparator.comparingInt(NotePassages.Passage::index));
            NoteText note = notePassages.get(0).note();
            line.accept(noteHeader(noteNumber, note));
            int passageNumber = 0;
            for (NotePassages.Passage passage : notePassages) {
                passageNumber++;
                String alias = alias(noteNumber, passageNumber);
                line.accept(passageLine(noteNumber, passageNumber, passage));
                aliases.put(alias, List.of(note.ref()));
                NoteQuote quote = new NoteQuote(note.ref(), passage.section().name(), passage.start(), passage.end(),
                        passage.text(), note.title());
                quotes.put(alias, new ChartPrompt.NotePassage(quote, passage.index(), passage.section().bodyStart(),
                        note.text()));
                included.add(new ChartFact(FactCategory.NOTE, List.of(note.ref()),
                        passage.label() + ": " + passage.line(), day(note.date()), note.date()));
            }
        }
    }

    private static String factLine(String alias, ChartFact fact) {
        return "[" + alias + "] " + fact.text();
    }

    private static String alias(int note, int passage) {
        return "N" + note + "." + passage;
    }

    private static String passageLine(int note, int passage, NotePassages.Passage p) {
        return "[" + alias(note, passage) + "] " + p.label() + ": " + p.line();
    }

    /** {@code Note N2: Progress note: Day 2 progress (dated 2024-03-02)}; not an alias, nothing cites it. */
    static String noteHeader(int note, NoteText text) {
        String title = text.title();
        String type = text.typeDisplay();
        if (type != null && !title.toLowerCase(Locale.ROOT).contains(type.toLowerCase(Locale.ROOT))) {
            title = type + ": " + title;
        }
        return "Note N" + note + ": " + FactText.dated(title.strip(), "dated", day(text.date()));
    }

    private static String day(String date) {
        if (date == null) {
            return null;
        }
        return DAY.matcher(date).matches() ? date.substring(0, 10) : date;
    }
}
