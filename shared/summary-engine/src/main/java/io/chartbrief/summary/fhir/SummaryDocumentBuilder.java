package io.chartbrief.summary.fhir;

import static io.chartbrief.interop.event.SummaryDocumentProfile.*;

import io.chartbrief.summary.chart.ChartValues;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.model.DroppedItem;
import io.chartbrief.summary.model.EngineInfo;
import io.chartbrief.summary.model.NoteQuote;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.Recommendation;
import io.chartbrief.summary.model.SummaryItem;
import io.chartbrief.summary.model.Verification;
import io.chartbrief.summary.notes.NoteReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Composition.SectionComponent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * Builds the FHIR R4 document Bundle published for a summary: a {@code Composition} (LOINC 60591-5 Patient summary
 * Document, International Patient Summary section codes, XHTML section text, entries referencing the evidence),
 * a {@code Device} for the engine, a {@code Provenance} with the Device as agent, and — for model output — the
 * HL7 {@code AIAST} security label on the Composition and Bundle.
 *
 * <p>Note items ({@link PatientSummary#notes()}) form the section "From the clinical notes" (LOINC
 * {@value #NOTES_SECTION}, "Note"): entries reference the quoted DocumentReferences, the text shows each quote with
 * the note's title, date and section, and each item's sub-section carries its locator, and the passage in context, in
 * the {@value #NOTE_QUOTE_EXTENSION} extension.
 *
 * <p>Only supported items appear in the regular sections. Items the verifier could not verify
 * ({@link Verification#unverified()}) follow in a last section of their own, "Not verified against the chart" (code
 * {@value #UNVERIFIED_SECTION} in {@value #SECTION_SYSTEM}), labelled as not verified in its text and by the
 * {@value #OUTCOME_EXTENSION} extension; contradicted items ({@link Verification#dropped()}) are never published.
 * The Composition carries the verifier's counts in the {@value #VERIFICATION_EXTENSION} extension.
 *
 * <p>The document is self-contained: it carries copies of the patient, the encounter and every cited evidence
 * resource (without {@code meta}), so every reference in it resolves inside the Bundle and a reader needs no
 * access to the chart. The encounter's participating practitioners and its locations (where the chart has them)
 * are copied too: readers such as the inbox route the document by them. Other references of the copies
 * (organizations, performers) are left as the chart wrote them. Deterministic for the same summary and time. Thread-safe.
 */
public final class SummaryDocumentBuilder {

    /** The paragraph that opens the unverified section's text. */
    public static final String UNVERIFIED_NOTICE = "NOT VERIFIED against the chart: read the record. The chart entries "
            + "these statements cite do not establish them, so they were taken out of the sections above.";

    private record SectionSpec(String name, String code, String display, String title) {
    }

    private static final List<SectionSpec> SECTIONS = List.of(
            new SectionSpec("problems", PROBLEMS_SECTION, "Problem list - Reported", "Active problems"),
            new SectionSpec("medications", MEDICATIONS_SECTION, "History of Medication use Narrative", "Medications"),
            new SectionSpec("allergies", ALLERGIES_SECTION, "Allergies and adverse reactions Document", "Allergies and intolerances"),
            new SectionSpec("results", RESULTS_SECTION, "Relevant diagnostic tests/laboratory data Narrative", "Results"),
            new SectionSpec("vitals", VITALS_SECTION, "Vital signs", "Vital signs"));

    private final NoteReader notes;

    /** Note passages located with the engines' default {@link NoteReader}. */
    public SummaryDocumentBuilder() {
        this(new NoteReader());
    }

    /** Note passages located with {@code notes} (use the reader the engine quoted from). */
    public SummaryDocumentBuilder(NoteReader notes) {
        this.notes = notes;
    }

    /**
     * The document for a verified summary.
     *
     * @param summary the summary (its supported items in the sections, its unverified items apart and labelled;
     *                contradicted items are not published)
     * @param chart   the chart it was made from (source of the copied evidence resources)
     * @param when    document time (Bundle.timestamp, Composition.date, Provenance.recorded)
     */
    public Bundle build(PatientSummary summary, ClinicalChart chart, Date when) {
        boolean aiGenerated = EngineInfo.LLAMA.equals(summary.engine().kind());
        String documentId = UUID.nameUUIDFromBytes((summary.patient() + "|" + summary.encounter() + "|"
                + when.getTime() + "|" + summary.engine().kind()).getBytes(StandardCharsets.UTF_8)).toString();

        Device device = EngineDevice.of(summary.engine());
        Composition composition = new Composition();
        composition.setId("summary-" + documentId);
        composition.setStatus(Composition.CompositionStatus.FINAL);
        composition.setType(new CodeableConcept().addCoding(new Coding(LOINC, "60591-5", "Patient summary Document")));
        composition.setSubject(new Reference(summary.patient()));
        if (summary.encounter() != null) {
            composition.setEncounter(new Reference(summary.encounter()));
        }
        composition.setDate(when);
        composition.addAuthor(new Reference("Device/" + device.getIdElement().getIdPart()));
        composition.setTitle(aiGenerated ? "Patient summary (AI-generated, evidence-checked)" : "Patient summary (extracted from the chart)");
        composition.setText(Xhtml.narrative(List.of(summary.narrative().isBlank()
                ? composition.getTitle() : summary.narrative())));

        Set<String> included = new LinkedHashSet<>();
        included.add(summary.patient());
        if (summary.encounter() != null) {
            included.add(summary.encounter());
            chart.get(summary.encounter()).ifPresent(resource -> included.addAll(careTeam(resource)));
        }
        for (SectionSpec spec : SECTIONS) {
            List<SummaryItem> items = summary.section(spec.name());
            if (items.isEmpty()) {
                continue;
            }
            SectionComponent section = section(composition, spec.title(), spec.code(), spec.display());
            List<String> lines = new ArrayList<>();
            for (SummaryItem item : items) {
                lines.add(item.text());
                addEntries(section, item.evidence(), included);
                itemSection(section, item.text(), item.text(), item.evidence());
            }
            section.setText(Xhtml.narrative(lines));
        }
        if (!summary.notes().isEmpty()) {
            notesSection(composition, summary.notes(), new NotePassages(chart, notes), included);
        }
        if (!summary.recommendations().isEmpty()) {
            SectionComponent plan = section(composition, "Recommendations", RECOMMENDATIONS_SECTION, "Plan of care note");
            List<String> lines = new ArrayList<>();
            for (Recommendation recommendation : summary.recommendations()) {
                String line = "[" + recommendation.priority().code() + "] " + recommendation.text()
                        + (recommendation.rationale().isBlank() ? "" : " — " + recommendation.rationale());
                lines.add(line);
                addEntries(plan, recommendation.evidence(), included);
                SectionComponent sub = itemSection(plan, recommendation.text(), line, recommendation.evidence());
                sub.addExtension(PRIORITY_EXTENSION, new CodeType(recommendation.priority().code()));
                if (!recommendation.rationale().isBlank()) {
                    sub.addExtension(RATIONALE_EXTENSION, new StringType(recommendation.rationale()));
                }
            }
            plan.setText(Xhtml.narrative(lines));
        }
        Verification verification = summary.verification();
        if (verification != null) {
            composition.addExtension(counts(verification));
            if (!verification.unverified().isEmpty()) {
                unverifiedSection(composition, verification.unverified(), chart, included);
            }
        }

        Provenance provenance = new Provenance();
        provenance.setId("provenance-" + documentId);
        provenance.addTarget(new Reference("Composition/" + composition.getIdElement().getIdPart()));
        provenance.setRecorded(when);
        provenance.addAgent()
                .setType(new CodeableConcept().addCoding(new Coding(
                        "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author")))
                .setWho(new Reference("Device/" + device.getIdElement().getIdPart()));

        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.DOCUMENT);
        bundle.setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + documentId));
        bundle.setTimestamp(when);
        if (aiGenerated) {
            Coding label = new Coding(OBSERVATION_VALUE, AI_ASSERTED, "Artificial Intelligence asserted");
            composition.getMeta().addSecurity(label.copy());
            bundle.getMeta().addSecurity(label.copy());
        }
        entry(bundle, composition);
        entry(bundle, device);
        entry(bundle, provenance);
        for (String ref : included) {
            chart.get(ref).ifPresent(resource -> entry(bundle, EvidenceCopy.of(resource, ref.substring(ref.indexOf('/') + 1))));
        }
        return bundle;
    }

    /**
     * The note items: one sub-section per item (title its text, entries its evidence, text the quote with the note's
     * title, date and section), with its locator and context in {@link #NOTE_QUOTE_EXTENSION}.
     */
    private static void notesSection(Composition composition, List<SummaryItem> items, NotePassages passages,
            Set<String> included) {
        SectionComponent section = section(composition, NOTES_TITLE, NOTES_SECTION, "Note");
        List<String> lines = new ArrayList<>();
        for (SummaryItem item : items) {
            NoteQuote quote = item.quote();
            if (quote == null) {
                lines.add(item.text());
                addEntries(section, item.evidence(), included);
                itemSection(section, item.text(), item.text(), item.evidence());
                continue;
            }
            NotePassages.Passage passage = passages.locate(quote);
            String date = noteDay(passage, item);
            String line = noteLine(item, quote, passage, date);
            lines.add(line);
            List<String> evidence = new ArrayList<>(item.evidence());
            if (quote.note() != null && !evidence.contains(quote.note())) {
                evidence.add(quote.note());
            }
            addEntries(section, evidence, included);
            SectionComponent sub = itemSection(section, item.text(), line, evidence);
            sub.addExtension(quoteExtension(quote, passage));
        }
        section.setText(Xhtml.narrative(lines));
    }

    /**
     * One line: the quote (and the item's own words when they differ, as a model's may), then where it comes from:
     * {@code “Chest pain for two days.” — History and physical, 2024-03-01, CHIEF COMPLAINT}.
     */
    private static String noteLine(SummaryItem item, NoteQuote quote, NotePassages.Passage passage, String date) {
        String quoted = quote.text() == null || quote.text().isBlank() ? "" : "“" + quote.text().strip() + "”";
        StringBuilder line = new StringBuilder();
        if (item.text() != null && !item.text().isBlank() && !item.text().strip().equals(
                quote.text() == null ? null : quote.text().strip())) {
            line.append(item.text().strip()).append(quoted.isEmpty() ? "" : " — ");
        }
        line.append(quoted);
        List<String> source = new ArrayList<>();
        String title = present(quote.title()) != null ? quote.title().strip()
                : passage.note() != null ? passage.note().title() : null;
        if (present(title) != null) {
            source.add(title);
        }
        if (date != null) {
            source.add(date);
        }
        String where = present(passage.heading()) != null ? passage.heading().strip() : present(quote.section());
        if (where != null) {
            source.add(where);
        }
        if (!source.isEmpty()) {
            line.append(line.length() == 0 ? "" : " — ").append(String.join(", ", source));
        }
        return line.length() == 0 ? "(no text)" : line.toString();
    }

    /** The note's day (yyyy-mm-dd as written), else the item's date, else null. */
    private static String noteDay(NotePassages.Passage passage, SummaryItem item) {
        String date = passage.note() == null ? null : present(passage.note().date());
        if (date != null) {
            return date.length() > 10 ? date.substring(0, 10) : date;
        }
        return present(item.date());
    }

    private static Extension quoteExtension(NoteQuote quote, NotePassages.Passage passage) {
        Extension extension = new Extension(NOTE_QUOTE_EXTENSION);
        if (present(quote.note()) != null) {
            extension.addExtension("note", new Reference(quote.note()));
        }
        if (present(quote.section()) != null) {
            extension.addExtension("section", new CodeType(quote.section().strip()));
        }
        extension.addExtension("start", new IntegerType(quote.start()));
        extension.addExtension("end", new IntegerType(quote.end()));
        if (present(quote.text()) != null) {
            extension.addExtension("text", new StringType(quote.text()));
        }
        String title = present(quote.title()) != null ? quote.title()
                : passage.note() != null ? present(passage.note().title()) : null;
        if (title != null) {
            extension.addExtension("title", new StringType(title));
        }
        if (passage.note() != null && present(passage.note().date()) != null) {
            try {
                extension.addExtension("date", new DateTimeType(passage.note().date().strip()));
            } catch (RuntimeException e) {
                // a date the chart wrote in no FHIR form: the note copy in the Bundle still has it as written
            }
        }
        if (present(passage.heading()) != null) {
            extension.addExtension("heading", new StringType(passage.heading()));
        }
        if (present(passage.context()) != null) {
            extension.addExtension("context", new StringType(passage.context()));
            extension.addExtension("contextStart", new IntegerType(passage.contextStart()));
        }
        return extension;
    }

    private static String present(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * The last section: one sub-section per unverified item (title its text, text its line and the reason, entries
     * its evidence that is in the chart), labelled as not verified in the text and by {@link #OUTCOME_EXTENSION}.
     */
    private static void unverifiedSection(Composition composition, List<DroppedItem> items, ClinicalChart chart,
            Set<String> included) {
        SectionComponent section = composition.addSection().setTitle(UNVERIFIED_TITLE)
                .setCode(new CodeableConcept().addCoding(
                        new Coding(SECTION_SYSTEM, UNVERIFIED_SECTION, UNVERIFIED_TITLE)));
        section.addExtension(OUTCOME_EXTENSION, new CodeType("unverifiable"));
        List<String> lines = new ArrayList<>();
        for (DroppedItem item : items) {
            // Model output may be empty where a FHIR string must not be: say so rather than leave the value out.
            String text = item.text() == null || item.text().isBlank() ? "(no text)" : item.text();
            String reason = item.reason() == null || item.reason().isBlank() ? "no reason given" : item.reason();
            lines.add(text + " (" + item.section() + ") — Not verified: " + reason);
            List<String> inChart = item.evidence().stream().filter(chart::contains).toList();
            addEntries(section, inChart, included);
            SectionComponent sub = section.addSection().setTitle(text);
            sub.setText(Xhtml.narrative(List.of(text, UNVERIFIED_REASON_PREFIX + reason), List.of()));
            inChart.forEach(ref -> sub.addEntry(new Reference(ref)));
            sub.addExtension(OUTCOME_EXTENSION, new CodeType("unverifiable"));
            if (item.section() != null && !item.section().isBlank()) {
                sub.addExtension(ITEM_SECTION_EXTENSION, new CodeType(item.section()));
            }
            sub.addExtension(ITEM_REASON_EXTENSION, new StringType(reason));
        }
        section.setText(Xhtml.narrative(List.of(UNVERIFIED_NOTICE), lines));
    }

    private static Extension counts(Verification verification) {
        Extension counts = new Extension(VERIFICATION_EXTENSION);
        counts.addExtension("status", new CodeType(verification.status().code()));
        counts.addExtension("items", new IntegerType(verification.items()));
        counts.addExtension("supported", new IntegerType(verification.supported()));
        counts.addExtension("contradicted", new IntegerType(verification.contradicted()));
        counts.addExtension("unverifiable", new IntegerType(verification.unverifiable()));
        return counts;
    }

    private static SectionComponent section(Composition composition, String title, String code, String display) {
        return composition.addSection().setTitle(title)
                .setCode(new CodeableConcept().addCoding(new Coding(LOINC, code, display)));
    }

    /** Practitioners and Locations the encounter references (participants, locations), as {@code Type/id}. */
    private static List<String> careTeam(Resource resource) {
        List<String> refs = new ArrayList<>();
        if (resource instanceof Encounter encounter) {
            for (Encounter.EncounterParticipantComponent participant : encounter.getParticipant()) {
                String ref = participant.hasIndividual()
                        ? ChartValues.text(participant.getIndividual().getReferenceElement_()) : null;
                if (ref != null) {
                    refs.add(ref);
                }
            }
            for (Encounter.EncounterLocationComponent location : encounter.getLocation()) {
                String ref = location.hasLocation()
                        ? ChartValues.text(location.getLocation().getReferenceElement_()) : null;
                if (ref != null) {
                    refs.add(ref);
                }
            }
        }
        return refs;
    }

    /**
     * One sub-section per item: its plain text as title and its own evidence as entries, so a reader can show
     * which facts back which statement (the parent section's entries are the union).
     */
    private static SectionComponent itemSection(SectionComponent parent, String text, String line, List<String> evidence) {
        SectionComponent sub = parent.addSection().setTitle(text);
        sub.setText(Xhtml.narrative(List.of(line)));
        evidence.forEach(ref -> sub.addEntry(new Reference(ref)));
        return sub;
    }

    private static void addEntries(SectionComponent section, List<String> evidence, Set<String> included) {
        for (String ref : evidence) {
            if (section.getEntry().stream().noneMatch(r -> ref.equals(r.getReference()))) {
                section.addEntry(new Reference(ref));
            }
            included.add(ref);
        }
    }

    private static void entry(Bundle bundle, Resource resource) {
        bundle.addEntry().setFullUrl(BASE + resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                .setResource(resource);
    }
}
