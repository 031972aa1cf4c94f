package io.chartbrief.summary.verify;

import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.DroppedItem;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.Recommendation;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.model.Verification;
import io.chartbrief.summary.verify.claim.ChartWideFacts;
import io.chartbrief.summary.verify.claim.ItemCheck;
import io.chartbrief.summary.verify.claim.Verdict;
import io.chartbrief.summary.verify.evidence.CitedFact;
import io.chartbrief.summary.verify.evidence.CitedFactReader;
import io.chartbrief.summary.verify.lexicon.ClinicalLexicon;
import io.chartbrief.summary.verify.note.NoteItemCheck;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;

/**
 * Checks every statement of a summary against the chart resources it cites, claim by claim, deterministically and
 * without a model (docs/clinical-safety.md). Each item, narrative clause and recommendation ends in one of three
 * outcomes: supported (kept), contradicted (the chart says otherwise: removed, listed in
 * {@link Verification#dropped()}) or unverifiable (the cited resources do not establish it: removed from its
 * section, listed in {@link Verification#unverified()}). Items without evidence, or citing a resource the chart
 * does not have, are never kept. Thread-safe.
 */
public final class EvidenceVerifier {

    /** Reason of an item the verifier failed to check (a defect, never a pass): it is kept out as unverifiable. */
    public static final String INTERNAL_ERROR = "the verifier could not check this item";

    private static final System.Logger LOG = System.getLogger(EvidenceVerifier.class.getName());

    private final ClinicalLexicon lexicon;
    private final Clock clock;

    public EvidenceVerifier() {
        this(ClinicalLexicon.standard(), Clock.systemUTC());
    }

    /** A verifier with another lexicon or clock (ages are computed at the clock's date). */
    public EvidenceVerifier(ClinicalLexicon lexicon, Clock clock) {
        this.lexicon = lexicon;
        this.clock = clock;
    }

    /** Verifies a draft summary; returns it with only supported items and its {@code verification} block. */
    public PatientSummary verify(PatientSummary draft, ClinicalChart chart) {
        CitedFactReader reader = new CitedFactReader(lexicon, chart);
        Map<String, CitedFact> facts = new HashMap<>();
        ChartWideFacts chartWide = ChartWideFacts.of(chart, reader, lexicon.drugClasses(), LocalDate.now(clock));
        ItemCheck check = new ItemCheck(lexicon, chartWide);
        NoteItemCheck noteCheck = new NoteItemCheck(lexicon, chart);
        Outcomes outcomes = new Outcomes();

        PatientSummary result = draft;
        if (!draft.narrative().isBlank()) {
            List<String> kept = new ArrayList<>();
            for (String clause : NarrativeClauses.split(draft.narrative())) {
                Verdict v = safely(() -> cited(draft.narrativeEvidence(), chart).orElseGet(() -> {
                    Verdict structured = check.item("narrative", clause, null, null,
                            resolve(draft.narrativeEvidence(), chart, reader, facts));
                    // a clause in a note's words ("Chief complaint: chest pain") rests on one of its sentences
                    if (!structured.supported() && noteCheck.citesNote(draft.narrativeEvidence())) {
                        Verdict fromNotes = noteCheck.narrative(clause, draft.narrativeEvidence());
                        return fromNotes.supported() ? fromNotes : structured;
                    }
                    return structured;
                }));
                if (outcomes.record("narrative", clause, draft.narrativeEvidence(), v)) {
                    kept.add(clause);
                }
            }
            result = kept.isEmpty() ? result.withNarrative("", List.of())
                    : result.withNarrative(NarrativeClauses.join(kept), draft.narrativeEvidence());
        }
        result = result.withSections((section, items) -> {
            List<SummaryItem> kept = new ArrayList<>();
            for (SummaryItem item : items) {
                Verdict v = safely(() -> cited(item.evidence(), chart).orElseGet(() -> "notes".equals(section)
                        ? noteCheck.item(item)
                        : sectionItem(section, item, check, noteCheck, resolve(item.evidence(), chart, reader, facts))));
                if (outcomes.record(section, item.text(), item.evidence(), v)) {
                    kept.add(item);
                }
            }
            return kept;
        });
        List<Recommendation> keptRecommendations = new ArrayList<>();
        for (Recommendation r : draft.recommendations()) {
            Verdict v = safely(() -> cited(r.evidence(), chart).orElseGet(() -> check.recommendation(
                    r.text(), r.rationale(), r.claim(), resolve(r.evidence(), chart, reader, facts))));
            if (outcomes.record("recommendations", r.text(), r.evidence(), v)) {
                keptRecommendations.add(r);
            }
        }
        result = result.withRecommendations(keptRecommendations);
        return result.withVerification(Verification.of(outcomes.supported, outcomes.contradicted, outcomes.unverifiable));
    }

    /**
     * An item of a section other than {@code notes}: checked against the structured facts it cites; when those do not
     * support it and it cites a note (a model item may cite a passage in any section), against the note — its quote
     * when it has one, else the best sentence; a note's contradiction outranks the structured check's "not
     * established". A quote it carries must stand at its locator either way.
     */
    private static Verdict sectionItem(String section, SummaryItem item, ItemCheck check, NoteItemCheck noteCheck,
            List<CitedFact> cited) {
        Verdict quote = noteCheck.quoteOf(item);
        if (!quote.supported()) {
            return quote;
        }
        Verdict structured = check.item(section, item.text(), item.date(), item.claim(), cited);
        if (structured.supported() || !noteCheck.citesNote(item.evidence())) {
            return structured;
        }
        Verdict fromNotes = noteCheck.item(item);
        // the note's reason is the one to give when only notes are cited, or when the note says otherwise
        boolean onlyNotes = item.evidence().stream().allMatch(ref -> noteCheck.citesNote(List.of(ref)));
        return onlyNotes || fromNotes.outcome() == Verdict.Outcome.CONTRADICTED ? fromNotes : structured;
    }

    /** One item's check; a failure of the verifier itself never passes an item, nor stops the others. */
    private static Verdict safely(java.util.function.Supplier<Verdict> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "verifier failed on one item: {0} at {1}", e.getClass().getName(),
                    e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
            return Verdict.unverifiable(INTERNAL_ERROR + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The verdict for evidence that cannot support anything: none cited, or a resource the chart lacks. */
    private static Optional<Verdict> cited(List<String> evidence, ClinicalChart chart) {
        if (evidence.isEmpty()) {
            return Optional.of(Verdict.unverifiable("no evidence cited"));
        }
        for (String ref : evidence) {
            if (!chart.contains(ref)) {
                return Optional.of(Verdict.contradicted("cites " + ref + ", which is not in the chart"));
            }
        }
        return Optional.empty();
    }

    private static List<CitedFact> resolve(List<String> evidence, ClinicalChart chart, CitedFactReader reader,
            Map<String, CitedFact> facts) {
        List<CitedFact> out = new ArrayList<>();
        for (String ref : evidence) {
            CitedFact fact = facts.computeIfAbsent(ref, r -> {
                Resource resource = chart.get(r).orElseThrow();
                return reader.read(r, resource);
            });
            if (!out.contains(fact)) {
                out.add(fact);
            }
        }
        return out;
    }

    /** Tallies outcomes into the verification block. */
    private static final class Outcomes {
        int supported;
        final List<DroppedItem> contradicted = new ArrayList<>();
        final List<DroppedItem> unverifiable = new ArrayList<>();

        /** Records one verdict; true when the statement is kept. */
        boolean record(String section, String text, List<String> evidence, Verdict v) {
            switch (v.outcome()) {
                case SUPPORTED -> {
                    supported++;
                    return true;
                }
                case CONTRADICTED -> contradicted.add(new DroppedItem(section, text, evidence, v.reason()));
                default -> unverifiable.add(new DroppedItem(section, text, evidence, v.reason()));
            }
            return false;
        }
    }
}
