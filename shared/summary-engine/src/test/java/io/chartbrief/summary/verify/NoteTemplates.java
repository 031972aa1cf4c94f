package io.chartbrief.summary.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * Note items generated from a note's own sentences. Sentences are found here independently of production code
 * (lines, split after {@code . ! ?} before a capital; list markers dropped; no colons, no abbreviations with
 * periods), and each template's label is decided by what it does to the sentence, never by the verifier:
 * <ul>
 *   <li>faithful — the sentence quoted verbatim at its place ({@code verbatim}); the subject dropped ("He denies
 *       fevers." → "Denies fevers.", {@code reordered-condensed}); standard abbreviations and clinical synonyms for
 *       lay or long words ({@code abbreviation}, {@code synonym-lay});</li>
 *   <li>unsafe — a denial turned into a report, or a verbatim quote of only the words after "denies"
 *       ({@code negation}); left and right swapped ({@code laterality}); a number doubled ({@code value}); a
 *       relative's history given to the patient ({@code attribution}); a finding the note does not have appended
 *       ({@code fabricated}); the right words at the wrong place, or quoted from a note entered in error
 *       ({@code wrong-evidence}).</li>
 * </ul>
 */
final class NoteTemplates {

    static final String NOTE = "DocumentReference/note";
    static final String MISFILED = "DocumentReference/misfiled";
    private static final String DATE = "2026-11-20";
    private static final int PER_TEMPLATE = 4;

    private static final Pattern SPLIT = Pattern.compile("(?<!\\b(?:Dr|Mr|Mrs|Ms|St)\\.)(?<=[.!?])\\s+(?=[A-Z])");
    private static final Pattern MARKER = Pattern.compile("^\\s*(?:[•*-]|\\d+[.)])\\s+");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\d/.:,-])(\\d+(?:\\.\\d+)?)(?![\\d/:]|\\.\\d|,\\d)");
    private static final Pattern SUBJECT = Pattern.compile("^(?:He|She|The patient|Patient) (denies|reports|endorses|notes|has|states) ");
    private static final Pattern DENIES = Pattern.compile("\\b(denies|denied)\\b");
    private static final Pattern RELATIVE = Pattern.compile(
            "^(?:His|Her|The patient's) (mother|father|sister|brother|grandmother|grandfather|aunt|uncle) (has|had|was|is) ");
    private static final Pattern SIDE = Pattern.compile("\\b(left|right|Left|Right)\\b");

    /** Full clinical wordings and the abbreviation a physician writes for them. */
    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("shortness of breath", "SOB"), Map.entry("hypertension", "HTN"),
            Map.entry("blood pressure", "BP"), Map.entry("congestive heart failure", "CHF"),
            Map.entry("diabetes mellitus", "DM"), Map.entry("chronic obstructive pulmonary disease", "COPD"),
            Map.entry("myocardial infarction", "MI"), Map.entry("atrial fibrillation", "AFib"),
            Map.entry("emergency department", "ED"), Map.entry("magnetic resonance imaging", "MRI"),
            Map.entry("computed tomography", "CT"), Map.entry("range of motion", "ROM"),
            Map.entry("twice a day", "BID"), Map.entry("by mouth", "PO"), Map.entry("urinary tract infection", "UTI"),
            Map.entry("physical therapy", "PT"), Map.entry("non-steroidal anti-inflammatory", "NSAID"));
    /** Lay or long wordings and the clinical synonym. */
    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("shortness of breath", "dyspnea"), Map.entry("heart attack", "myocardial infarction"),
            Map.entry("high blood pressure", "hypertension"), Map.entry("throwing up", "vomiting"),
            Map.entry("stomach pain", "abdominal pain"), Map.entry("belly pain", "abdominal pain"),
            Map.entry("swelling in the lower extremities", "lower extremity edema"), Map.entry("fevers", "fever"));

    private NoteTemplates() {
    }

    /** An ACI-BENCH case as a chart; {@code misfiledJson} is another case, its note entered in error here. */
    static Bundle wrap(String caseJson, String misfiledJson) {
        JsonNode c = json(caseJson);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        Patient patient = new Patient();
        patient.setId("p1");
        String gender = c.path("metadata").path("patient_gender").asText("");
        if (gender.equals("male") || gender.equals("female")) {
            patient.setGender(Enumerations.AdministrativeGender.fromCode(gender));
        }
        bundle.addEntry().setFullUrl("Patient/p1").setResource(patient);
        Encounter encounter = new Encounter();
        encounter.setId("e1");
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.getClass_().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode("AMB");
        encounter.setSubject(new Reference("Patient/p1"));
        encounter.setPeriod(new Period().setStartElement(new DateTimeType(DATE + "T09:00:00Z")));
        bundle.addEntry().setFullUrl("Encounter/e1").setResource(encounter);
        bundle.addEntry().setFullUrl(NOTE).setResource(note("note", c.path("reference_note").asText(),
                Enumerations.DocumentReferenceStatus.CURRENT));
        bundle.addEntry().setFullUrl(MISFILED).setResource(note("misfiled",
                json(misfiledJson).path("reference_note").asText(), Enumerations.DocumentReferenceStatus.ENTEREDINERROR));
        return bundle;
    }

    private static DocumentReference note(String id, String text, Enumerations.DocumentReferenceStatus status) {
        DocumentReference d = new DocumentReference();
        d.setId(id);
        d.setStatus(status);
        d.setDateElement(new InstantType(DATE + "T10:00:00Z"));
        d.getType().addCoding().setSystem("http://loinc.org").setCode("34108-1").setDisplay("Outpatient Note");
        d.setSubject(new Reference("Patient/p1"));
        d.addContent().setAttachment(new Attachment().setContentType("text/plain; charset=utf-8")
                .setData(text.getBytes(StandardCharsets.UTF_8)));
        return d;
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One sentence of a note and where it starts. */
    record Sentence(String text, int start) {
    }

    /** The quotable sentences of a text (see the class comment). */
    static List<Sentence> sentences(String text) {
        List<Sentence> out = new ArrayList<>();
        int lineStart = 0;
        for (String line : text.split("\n", -1)) {
            Matcher marker = MARKER.matcher(line);
            int offset = marker.find() ? marker.end() : 0;
            String body = line.substring(offset);
            int at = 0;
            for (String part : SPLIT.split(body)) {
                int local = body.indexOf(part, at);
                at = local + part.length();
                String s = part.strip();
                boolean quotable = s.length() >= 15 && s.length() <= 250 && s.matches(".*[a-z].*[.!?]$")
                        && !s.contains(":") && !s.matches(".*\\b(?:Dr|Mr|Mrs|Ms|e\\.g|i\\.e|vs|St)\\..*")
                        && !s.equals(s.toUpperCase(Locale.ROOT));
                if (quotable) {
                    out.add(new Sentence(s, lineStart + offset + local + part.indexOf(s)));
                }
            }
            lineStart += line.length() + 1;
        }
        return out;
    }

    static void generate(ItemSink sink) {
        DocumentReference note = (DocumentReference) sink.chart.get(NOTE).orElse(null);
        if (note == null) {
            return;
        }
        String text = new String(note.getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8);
        String noteDate = note.getDateElement().getValueAsString().substring(0, 10);
        List<Sentence> sentences = sentences(text);
        int[] counts = new int[16];
        for (Sentence s : sentences) {
            LabelledItem.QuoteSpec at = new LabelledItem.QuoteSpec(NOTE, null, s.text, s.start, 1, 0);
            if (counts[0]++ < PER_TEMPLATE * 2) {
                sink.note("note-verbatim", Category.VERBATIM, s.text, NOTE, noteDate, at,
                        "the note's own sentence, quoted where it stands");
            }
            Matcher subject = SUBJECT.matcher(s.text);
            if (subject.find() && counts[1]++ < PER_TEMPLATE) {
                String verb = subject.group(1);
                sink.note("note-subject-dropped", Category.REORDERED_CONDENSED,
                        Character.toUpperCase(verb.charAt(0)) + verb.substring(1) + " " + s.text.substring(subject.end()),
                        NOTE, noteDate, at, "the same statement without its subject, as notes are written");
            }
            String abbreviated = replaceFirst(s.text, ABBREVIATIONS);
            if (abbreviated != null && counts[2]++ < PER_TEMPLATE) {
                sink.note("note-abbreviation", Category.ABBREVIATION, abbreviated, NOTE, noteDate, at,
                        "a standard abbreviation for the note's words");
            }
            String synonym = replaceFirst(s.text, SYNONYMS);
            if (synonym != null && counts[3]++ < PER_TEMPLATE) {
                sink.note("note-synonym", Category.SYNONYM_LAY, synonym, NOTE, noteDate, at,
                        "the clinical term for the note's words");
            }
            Matcher denies = DENIES.matcher(s.text);
            if (denies.find()) {
                if (counts[4]++ < PER_TEMPLATE) {
                    sink.note("note-denial-reported", Category.NEGATION, denies.replaceFirst("reports"), NOTE, noteDate, at,
                            "what the patient denies stated as reported");
                }
                String rest = s.text.substring(denies.end()).strip();
                if (rest.length() > 3 && counts[5]++ < PER_TEMPLATE) {
                    int start = s.start + s.text.indexOf(rest, denies.end());
                    sink.note("note-denial-cut", Category.NEGATION, rest, NOTE, noteDate,
                            new LabelledItem.QuoteSpec(NOTE, null, rest, start, 1, 0),
                            "a verbatim quote that cuts off 'denies': the findings read as present");
                }
            }
            Matcher side = SIDE.matcher(s.text);
            if (side.find() && counts[6]++ < PER_TEMPLATE) {
                sink.note("note-side-swapped", Category.LATERALITY, swapSides(s.text), NOTE, noteDate, at,
                        "left and right swapped");
            }
            Matcher number = NUMBER.matcher(s.text);
            if (number.find() && counts[7]++ < PER_TEMPLATE) {
                java.math.BigDecimal value = new java.math.BigDecimal(number.group(1));
                java.math.BigDecimal changed = value.signum() == 0 ? java.math.BigDecimal.valueOf(5) : value.multiply(java.math.BigDecimal.valueOf(2));
                sink.note("note-number-doubled", Category.VALUE, s.text.substring(0, number.start(1))
                        + changed.stripTrailingZeros().toPlainString() + s.text.substring(number.end(1)), NOTE, noteDate, at,
                        "a number of the note changed");
            }
            Matcher relative = RELATIVE.matcher(s.text);
            if (relative.find() && counts[8]++ < PER_TEMPLATE) {
                sink.note("note-relative-as-patient", Category.ATTRIBUTION, "The patient " + relative.group(2) + " "
                        + s.text.substring(relative.end()), NOTE, noteDate, at, "a relative's history given to the patient");
            }
            if (s.text.endsWith(".") && counts[9]++ < PER_TEMPLATE) {
                sink.note("note-finding-appended", Category.FABRICATED, s.text.substring(0, s.text.length() - 1)
                        + ", with new left-sided facial droop.", NOTE, noteDate, at, "a finding the note does not have");
            }
            if (counts[10]++ < PER_TEMPLATE) {
                sink.note("note-wrong-place", Category.WRONG_EVIDENCE, s.text, NOTE, noteDate,
                        new LabelledItem.QuoteSpec(NOTE, null, s.text, s.start, 1, 1),
                        "the locator points one character off: the passage shown is not the quote");
            }
        }
        DocumentReference misfiled = (DocumentReference) sink.chart.get(MISFILED).orElse(null);
        if (misfiled != null) {
            String other = new String(misfiled.getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8);
            int n = 0;
            for (Sentence s : sentences(other)) {
                if (text.contains(s.text)) {
                    continue; // the same words are in this patient's note too
                }
                if (n++ >= PER_TEMPLATE) {
                    break;
                }
                sink.note("note-entered-in-error", Category.WRONG_EVIDENCE, s.text, MISFILED, noteDate,
                        new LabelledItem.QuoteSpec(MISFILED, null, s.text, s.start, 1, 0),
                        "quoted from a note entered in error (another patient's)");
            }
        }
    }

    private static String replaceFirst(String text, Map<String, String> table) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : table.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            Matcher m = Pattern.compile("\\b" + Pattern.quote(e.getKey()) + "\\b").matcher(lower);
            if (m.find()) {
                return text.substring(0, m.start()) + e.getValue() + text.substring(m.end());
            }
        }
        return null;
    }

    private static String swapSides(String text) {
        Matcher m = SIDE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String w = m.group(1);
            String swapped = switch (w) {
                case "left" -> "right";
                case "right" -> "left";
                case "Left" -> "Right";
                default -> "Left";
            };
            m.appendReplacement(out, swapped);
        }
        m.appendTail(out);
        return out.toString();
    }
}
