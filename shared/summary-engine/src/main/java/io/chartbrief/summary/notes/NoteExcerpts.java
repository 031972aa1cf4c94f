package io.chartbrief.summary.notes;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses the note passages a summary quotes: from the most relevant recent notes ({@link NoteKind} order, newest
 * first within a kind; only notes within {@value #RECENT_DAYS} days of the newest), the chief complaint, the first
 * sentences of the history of present illness, and each statement of the assessment/plan (or impression) of the
 * first notes that have one. A note without recognised headings contributes its opening sentences. Every passage is
 * whole sentences of one section ({@link NoteSentences}), so a quote is never cut inside a sentence (where "denies
 * chest pain" could become "chest pain"). Deterministic; thread-safe.
 */
public final class NoteExcerpts {

    /** Notes older than this before the newest note are not "recent". */
    static final int RECENT_DAYS = 30;

    private static final List<String> ASSESSMENT_SECTIONS = List.of("assessment-and-plan", "assessment", "impression",
            "plan");

    private final int maxItems;
    private final int historySentences;
    private final int assessmentNotes;
    private final int assessmentSentences;

    /** Defaults: 12 passages in all, 2 HPI sentences, assessment/plan of up to 2 notes, 8 statements each. */
    public NoteExcerpts() {
        this(12, 2, 2, 8);
    }

    public NoteExcerpts(int maxItems, int historySentences, int assessmentNotes, int assessmentSentences) {
        this.maxItems = maxItems;
        this.historySentences = historySentences;
        this.assessmentNotes = assessmentNotes;
        this.assessmentSentences = assessmentSentences;
    }

    /** The passages to quote, in reading order: chief complaint, history, assessment/plan. */
    public List<NoteExcerpt> select(List<NoteText> notes) {
        List<NoteText> ranked = ranked(notes);
        List<Sectioned> sectioned = ranked.stream().map(n -> new Sectioned(n, NoteSections.of(n.text()))).toList();
        List<NoteExcerpt> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Sectioned s : sectioned) {
            if (addSection(out, seen, s, "chief-complaint", 1, NoteExcerpt.Role.CHIEF_COMPLAINT)) {
                break;
            }
        }
        for (Sectioned s : sectioned) {
            if (addSection(out, seen, s, "hpi", historySentences, NoteExcerpt.Role.HISTORY)) {
                break;
            }
        }
        int notesWithAssessment = 0;
        for (Sectioned s : sectioned) {
            if (notesWithAssessment >= assessmentNotes) {
                break;
            }
            int before = out.size();
            int budget = assessmentSentences;
            for (NoteSection section : s.sections) {
                if (ASSESSMENT_SECTIONS.contains(section.name()) && budget > 0) {
                    budget -= add(out, seen, s.note, section, budget, NoteExcerpt.Role.ASSESSMENT_PLAN);
                }
            }
            notesWithAssessment += out.size() > before ? 1 : 0;
        }
        if (out.isEmpty() && !sectioned.isEmpty()) {
            Sectioned first = sectioned.get(0);
            for (NoteSection section : first.sections) {
                if ("preamble".equals(section.name()) || "other".equals(section.name())) {
                    add(out, seen, first.note, section, historySentences, NoteExcerpt.Role.OPENING);
                    break;
                }
            }
        }
        return out.size() > maxItems ? List.copyOf(out.subList(0, maxItems)) : List.copyOf(out);
    }

    /** The recent notes, most relevant first. */
    static List<NoteText> ranked(List<NoteText> notes) {
        LocalDate newest = null;
        for (NoteText n : notes) {
            LocalDate d = day(n.date());
            newest = d != null && (newest == null || d.isAfter(newest)) ? d : newest;
        }
        List<NoteText> recent = new ArrayList<>();
        for (NoteText n : notes) {
            LocalDate d = day(n.date());
            if (newest == null || d != null && !d.isBefore(newest.minusDays(RECENT_DAYS))) {
                recent.add(n);
            }
        }
        // the reader gives newest first; a stable sort by kind keeps that order within a kind
        recent.sort(Comparator.comparing(NoteKind::of));
        return recent;
    }

    private boolean addSection(List<NoteExcerpt> out, Set<String> seen, Sectioned s, String name, int sentences,
            NoteExcerpt.Role role) {
        NoteSection section = NoteSections.first(s.sections, name);
        return section != null && !section.isEmpty() && add(out, seen, s.note, section, sentences, role) > 0;
    }

    /** Adds up to {@code max} sentences of a section; returns how many. */
    private static int add(List<NoteExcerpt> out, Set<String> seen, NoteText note, NoteSection section, int max,
            NoteExcerpt.Role role) {
        int added = 0;
        for (NoteSentence sentence : NoteSentences.of(note.text(), section)) {
            if (added >= max) {
                break;
            }
            String text = sentence.text(note.text());
            if (seen.add(text)) {
                out.add(new NoteExcerpt(note, section, sentence.start(), sentence.end(), role));
                added++;
            }
        }
        return added;
    }

    private static LocalDate day(String date) {
        if (date == null || date.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(date.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private record Sectioned(NoteText note, List<NoteSection> sections) {
    }
}
