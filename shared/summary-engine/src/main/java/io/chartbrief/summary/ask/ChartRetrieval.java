package io.chartbrief.summary.ask;

import io.chartbrief.summary.chart.ChartFact;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.chart.ClinicalFacts;
import io.chartbrief.summary.notes.NoteReader;
import io.chartbrief.summary.notes.NoteSection;
import io.chartbrief.summary.notes.NoteSections;
import io.chartbrief.summary.notes.NoteSentence;
import io.chartbrief.summary.notes.NoteSentences;
import io.chartbrief.summary.notes.NoteText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.MedicationRequest;

/**
 * The deterministic answer to a question about a chart ({@link RetrievedAnswer}): the question's words (stop words
 * dropped, clinical abbreviations expanded) are matched against every chart fact — the same fact lines the summary
 * prompt is built from, so each cites its resource — and every sentence of the chart's notes. "last"/"latest" keeps
 * the newest of each matching test, "trend"/"history" all of them in date order. Nothing is inferred: what does not
 * match is not shown, and a question nothing matches says so.
 */
public final class ChartRetrieval {

    /** Most statements returned. */
    static final int MAX_STATEMENTS = 12;
    /** Readings of one test considered (the trend of a long stay). */
    static final int READINGS_PER_TEST = 50;

    private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "any", "are", "as", "at", "be", "been",
            "by", "can", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "his", "how", "i",
            "in", "is", "it", "its", "me", "most", "my", "of", "on", "or", "patient", "patients", "please", "recent",
            "she", "show", "tell", "that", "the", "their", "them", "there", "they", "this", "to", "value", "values",
            "was", "we", "were", "what", "when", "where", "which", "who", "why", "with", "you", "level", "levels",
            "last", "latest", "newest", "current", "trend", "trends", "history", "over", "time", "all", "ever",
            "taking", "take", "taken", "given", "get", "got", "give");
    private static final Set<String> LATEST = Set.of("last", "latest", "newest", "recent", "current");
    private static final Set<String> TREND = Set.of("trend", "trends", "history", "over", "all");
    /** Abbreviations clinicians ask with → the words charts write. */
    private static final Map<String, List<String>> SYNONYMS = Map.ofEntries(
            Map.entry("k", List.of("potassium")), Map.entry("na", List.of("sodium")),
            Map.entry("bp", List.of("blood", "pressure")), Map.entry("hr", List.of("heart", "rate")),
            Map.entry("pulse", List.of("heart", "rate")), Map.entry("sugar", List.of("glucose")),
            Map.entry("a1c", List.of("a1c")), Map.entry("hba1c", List.of("a1c")),
            Map.entry("temp", List.of("temperature")), Map.entry("fever", List.of("temperature")),
            Map.entry("spo2", List.of("oxygen", "saturation")), Map.entry("sats", List.of("oxygen", "saturation")),
            Map.entry("hgb", List.of("hemoglobin")), Map.entry("hb", List.of("hemoglobin")),
            Map.entry("cr", List.of("creatinine")), Map.entry("creat", List.of("creatinine")),
            Map.entry("wbc", List.of("leukocytes")), Map.entry("plt", List.of("platelets")),
            Map.entry("meds", List.of("medication")), Map.entry("allergic", List.of("allergy")),
            Map.entry("weight", List.of("weight")), Map.entry("rr", List.of("respiratory", "rate")));

    private final NoteReader notes;

    public ChartRetrieval() {
        this(new NoteReader());
    }

    public ChartRetrieval(NoteReader notes) {
        this.notes = notes;
    }

    public RetrievedAnswer answer(ClinicalChart chart, String question) {
        List<String> words = words(question);
        boolean latest = words.stream().anyMatch(LATEST::contains);
        boolean trend = words.stream().anyMatch(TREND::contains);
        Set<String> terms = new LinkedHashSet<>();
        for (String word : words) {
            if (!STOP_WORDS.contains(word)) {
                terms.addAll(SYNONYMS.getOrDefault(word, List.of(word)));
            }
        }
        List<String> termList = List.copyOf(terms);
        if (terms.isEmpty()) {
            return new RetrievedAnswer(question, RetrievedAnswer.KIND, termList, List.of(), RetrievedAnswer.NOTICE);
        }
        List<Scored> matches = new ArrayList<>();
        for (ChartFact fact : facts(chart)) {
            int score = score(fact.text(), terms);
            if (score >= needed(terms.size())) {
                matches.add(new Scored(score, fact.sortKey(), new RetrievedAnswer.Statement(fact.text(),
                        fact.evidence(), fact.date(), "chart", null), name(fact.text())));
            }
        }
        matches = latest && !trend ? newestPerName(matches) : matches;
        if (words.contains("why")) {
            matches.addAll(orderReasons(chart, matches));
        }
        matches.sort(trend
                ? Comparator.comparing(Scored::name).thenComparing(Scored::sortKey)
                : Comparator.comparingInt(Scored::score).reversed().thenComparing(Scored::sortKey,
                        Comparator.reverseOrder()));
        List<Scored> fromNotes = noteSentences(chart, terms);
        List<RetrievedAnswer.Statement> statements = new ArrayList<>();
        matches.stream().limit(MAX_STATEMENTS).forEach(m -> statements.add(m.statement()));
        fromNotes.stream().limit(Math.max(0, MAX_STATEMENTS - statements.size()))
                .forEach(m -> statements.add(m.statement()));
        return new RetrievedAnswer(question, RetrievedAnswer.KIND, termList, statements, RetrievedAnswer.NOTICE);
    }

    /**
     * For a "why" question: the problems a matched order names as its reason ({@code reasonReference}), as the
     * chart states them — the reason recorded on the order, nothing inferred. Ranked just after the order.
     */
    private static List<Scored> orderReasons(ClinicalChart chart, List<Scored> matches) {
        Map<String, ChartFact> problems = new LinkedHashMap<>();
        ClinicalFacts facts = new ClinicalFacts(chart);
        for (ChartFact problem : facts.activeProblems()) {
            problems.put(problem.ref(), problem);
        }
        List<Scored> reasons = new ArrayList<>();
        Set<String> added = new LinkedHashSet<>();
        for (Scored match : matches) {
            String ref = match.statement().evidence().get(0);
            if (!ref.startsWith("MedicationRequest/")) {
                continue;
            }
            chart.get(ref).filter(MedicationRequest.class::isInstance).map(MedicationRequest.class::cast)
                    .ifPresent(order -> order.getReasonReference().forEach(reason -> {
                        ChartFact problem = problems.get(chart.resolve(reason));
                        if (problem != null && added.add(problem.ref())) {
                            reasons.add(new Scored(match.score(), match.sortKey(), new RetrievedAnswer.Statement(
                                    "Reason recorded on the order: " + problem.text(), List.of(problem.ref(), ref),
                                    problem.date(), "chart", null), match.name() + " reason"));
                        }
                    }));
        }
        return reasons;
    }

    /** Every fact of the chart the summary engines see, every reading of each test. */
    private static List<ChartFact> facts(ClinicalChart chart) {
        ClinicalFacts facts = new ClinicalFacts(chart);
        List<ChartFact> all = new ArrayList<>();
        all.addAll(facts.admission());
        all.addAll(facts.earlierEncounters());
        all.addAll(facts.activeProblems());
        all.addAll(facts.activeMedications());
        all.addAll(facts.allergies());
        all.addAll(facts.vitals(READINGS_PER_TEST));
        all.addAll(facts.results(READINGS_PER_TEST));
        all.addAll(facts.procedures());
        all.addAll(facts.notes());
        return all;
    }

    private List<Scored> noteSentences(ClinicalChart chart, Set<String> terms) {
        List<Scored> out = new ArrayList<>();
        for (NoteText note : notes.read(chart).notes()) {
            String text = note.text();
            for (NoteSection section : NoteSections.of(text)) {
                for (NoteSentence sentence : NoteSentences.of(text, section)) {
                    String said = sentence.text(text).strip();
                    int score = score(said, terms);
                    if (score >= needed(terms.size())) {
                        String day = note.date() == null ? null : note.date().substring(0, Math.min(10, note.date().length()));
                        out.add(new Scored(score, note.date() == null ? "" : note.date(), new RetrievedAnswer.Statement(
                                said, List.of(note.ref()), day, "note", new RetrievedAnswer.Quote(note.ref(),
                                        section.name(), sentence.start(), sentence.end())), note.ref()));
                    }
                }
            }
        }
        out.sort(Comparator.comparingInt(Scored::score).reversed().thenComparing(Scored::sortKey,
                Comparator.reverseOrder()));
        return out;
    }

    /** A match needs most of the question's terms: one of one or two, two of three or four, … */
    private static int needed(int terms) {
        return Math.max(1, (terms + 1) / 2);
    }

    /** How many terms the text holds as words (a term of five letters or more also as a word's start: plurals). */
    private static int score(String text, Set<String> terms) {
        List<String> words = words(text);
        int score = 0;
        for (String term : terms) {
            boolean hit = words.contains(term)
                    || term.length() >= 5 && words.stream().anyMatch(w -> w.startsWith(term) || term.startsWith(w)
                            && w.length() >= 5);
            if (hit) {
                score++;
            }
        }
        return score;
    }

    /** A fact's name: its text up to the first digit or parenthesis ("Potassium 5.9 mmol/L" → "potassium"). */
    private static String name(String text) {
        int cut = 0;
        while (cut < text.length() && !Character.isDigit(text.charAt(cut)) && text.charAt(cut) != '(') {
            cut++;
        }
        return text.substring(0, cut).strip().toLowerCase(Locale.ROOT);
    }

    private static List<Scored> newestPerName(List<Scored> matches) {
        Map<String, Scored> newest = new LinkedHashMap<>();
        for (Scored m : matches) {
            newest.merge(m.name(), m, (a, b) -> a.sortKey().compareTo(b.sortKey()) >= 0 ? a : b);
        }
        return new ArrayList<>(newest.values());
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    private record Scored(int score, String sortKey, RetrievedAnswer.Statement statement, String name) {
    }
}
