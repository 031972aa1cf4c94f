package io.chartbrief.summary.notes;

import java.util.Locale;
import java.util.Map;

/**
 * What kind of clinical note a note is, in the order a summary reads them: the admission History &amp; Physical says
 * most about why the patient is here, then the ED note, a consult, a progress note, a discharge summary; anything
 * else (a report, an unnamed note) last. Read from the LOINC document type, else from words of the type or title.
 */
public enum NoteKind {
    HISTORY_AND_PHYSICAL, EMERGENCY, CONSULT, PROGRESS, DISCHARGE_SUMMARY, OTHER;

    /** LOINC document type codes (LOINC Document Ontology) to kinds. */
    private static final Map<String, NoteKind> LOINC = Map.ofEntries(
            Map.entry("34117-2", HISTORY_AND_PHYSICAL), Map.entry("11492-6", HISTORY_AND_PHYSICAL),
            Map.entry("28626-0", HISTORY_AND_PHYSICAL), Map.entry("47039-3", HISTORY_AND_PHYSICAL),
            Map.entry("34111-5", EMERGENCY), Map.entry("34878-9", EMERGENCY), Map.entry("51846-4", EMERGENCY),
            Map.entry("11488-4", CONSULT), Map.entry("34101-6", CONSULT), Map.entry("51845-6", CONSULT),
            Map.entry("11506-3", PROGRESS), Map.entry("18733-6", PROGRESS), Map.entry("28569-2", PROGRESS),
            Map.entry("18842-5", DISCHARGE_SUMMARY), Map.entry("34105-7", DISCHARGE_SUMMARY),
            Map.entry("28655-9", DISCHARGE_SUMMARY));

    /** The kind of a note. */
    public static NoteKind of(NoteText note) {
        NoteKind coded = note.typeCode() == null ? null : LOINC.get(note.typeCode());
        if (coded != null) {
            return coded;
        }
        NoteKind named = fromWords(note.typeDisplay());
        return named != OTHER ? named : fromWords(note.title());
    }

    private static NoteKind fromWords(String words) {
        if (words == null) {
            return OTHER;
        }
        String w = " " + words.toLowerCase(Locale.ROOT).replaceAll("[^a-z&]+", " ") + " ";
        if (w.contains("history and physical") || w.contains(" h&p ") || w.contains(" h p ") || w.contains(" hp ")
                || w.contains("admission note") || w.contains("admission history")) {
            return HISTORY_AND_PHYSICAL;
        }
        if (w.contains("emergency") || w.contains(" ed note") || w.contains(" er note") || w.contains(" ed provider")) {
            return EMERGENCY;
        }
        if (w.contains("consult")) {
            return CONSULT;
        }
        if (w.contains("progress")) {
            return PROGRESS;
        }
        if (w.contains("discharge summary")) {
            return DISCHARGE_SUMMARY;
        }
        return OTHER;
    }
}
