package io.chartbrief.interop.summary;

import static io.chartbrief.interop.event.SummaryDocumentProfile.*;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import io.chartbrief.interop.summary.SummaryDocument.Content;
import io.chartbrief.interop.summary.SummaryDocument.Engine;
import io.chartbrief.interop.summary.SummaryDocument.Evidence;
import io.chartbrief.interop.summary.SummaryDocument.Identifiers;
import io.chartbrief.interop.summary.SummaryDocument.Item;
import io.chartbrief.interop.summary.SummaryDocument.Quote;
import io.chartbrief.interop.summary.SummaryDocument.RecommendationItem;
import io.chartbrief.interop.summary.SummaryDocument.Section;
import io.chartbrief.interop.summary.SummaryDocument.UnverifiedItem;
import io.chartbrief.interop.fhir.FhirContexts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Composition.SectionComponent;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

/**
 * Reads a summary document Bundle (the {@code ehr.summaries} value, shape in docs/summary-schema.md) into a
 * {@link SummaryDocument}. The "Not verified against the chart" section goes to
 * {@link SummaryDocument.Content#unverified()}, never into the sections ({@link VerificationReader}). Thread-safe.
 */
public final class SummaryDocumentReader {


    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z0-9\\[(])");
    private static final Pattern PRIORITY_PREFIX = Pattern.compile("^\\[(high|medium|low)]\\s*(.*?)(?:\\s+—\\s+(.*))?$",
            Pattern.DOTALL);

    private final EvidenceDescriber describer = new EvidenceDescriber();

    /** Thrown for a value that is not a usable summary document; a consumer dead-letters the record. */
    public static final class InvalidSummaryException extends Exception {
        public InvalidSummaryException(String message) {
            super(message);
        }
    }

    /**
     * Reads one document.
     *
     * @param json       the record value
     * @param patientKey the record key / {@code patient.key} header ({@code Patient/<id>}), used when the
     *                   Composition has no subject; may be null
     * @param engineHint the {@code summary.engine} header, may be null
     */
    public SummaryDocument read(String json, String patientKey, String engineHint) throws InvalidSummaryException {
        if (json == null || json.isBlank()) {
            throw new InvalidSummaryException("empty record value");
        }
        Bundle bundle;
        try {
            IParser parser = FhirContexts.r4().newJsonParser();
            bundle = parser.parseResource(Bundle.class, json);
        } catch (DataFormatException | ClassCastException e) {
            throw new InvalidSummaryException("not a FHIR R4 Bundle");
        }
        Map<String, Resource> resources = new LinkedHashMap<>();
        Composition composition = null;
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource == null) {
                continue;
            }
            if (resource.getIdElement().hasIdPart()) {
                resources.putIfAbsent(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), resource);
            }
            if (composition == null && resource instanceof Composition c) {
                composition = c;
            }
        }
        if (composition == null) {
            throw new InvalidSummaryException("the Bundle has no Composition");
        }
        String patient = composition.hasSubject() && composition.getSubject().hasReference()
                ? relative(composition.getSubject().getReference()) : patientKey;
        if (patient == null || !patient.startsWith("Patient/")) {
            throw new InvalidSummaryException("the Composition has no Patient subject");
        }
        Encounter encounter = null;
        String encounterRef = null;
        if (composition.hasEncounter() && composition.getEncounter().hasReference()) {
            encounterRef = relative(composition.getEncounter().getReference());
            encounter = resources.get(encounterRef) instanceof Encounter e ? e : null;
        }
        Engine engine = engine(composition, resources, engineHint);
        boolean ai = aiLabelled(bundle) || aiLabelled(composition) || "llama".equals(engine.kind());
        String narrative = text(composition.getText());
        List<Section> sections = new ArrayList<>();
        List<RecommendationItem> recommendations = new ArrayList<>();
        List<UnverifiedItem> unverified = new ArrayList<>();
        for (SectionComponent section : composition.getSection()) {
            String code = code(section);
            if (VerificationReader.isUnverified(section)) {
                unverified.addAll(VerificationReader.items(section));
            } else if (RECOMMENDATIONS_SECTION.equals(code)) {
                recommendations.addAll(recommendations(section));
            } else {
                sections.add(new Section(code, section.getTitle(), items(section)));
            }
        }
        Map<String, Evidence> evidence = new LinkedHashMap<>();
        sections.forEach(s -> s.items().forEach(i -> describe(i.evidence(), resources, evidence)));
        sections.forEach(s -> s.items().forEach(i -> {
            if (i.quote() != null && i.quote().note() != null) {
                describe(List.of(i.quote().note()), resources, evidence);
            }
        }));
        sections = withNoteDetails(sections, evidence);
        recommendations.forEach(r -> describe(r.evidence(), resources, evidence));
        unverified.forEach(u -> describe(u.evidence(), resources, evidence));
        Instant time = bundle.hasTimestamp() ? bundle.getTimestamp().toInstant()
                : composition.hasDate() ? composition.getDate().toInstant() : Instant.now();
        return new SummaryDocument(bundle.getIdElement().hasIdPart() ? bundle.getIdElement().getIdPart() : null,
                patient, patientName(resources.get(patient)), encounterRef, engine.kind(), ai, headline(narrative), time,
                new Content(composition.getTitle(), narrative, sections, recommendations, unverified,
                        VerificationReader.counts(composition), engine), evidence,
                new Identifiers(identifiers(resources.get(patient)), identifiers(encounter)), bundle, resources);
    }

    /** {@code Type/id} of a reference written relative, absolute ({@code .../Type/id}) or versioned. */
    public static String relative(String reference) {
        if (reference == null) {
            return "";
        }
        String ref = reference;
        int history = ref.indexOf("/_history/");
        if (history >= 0) {
            ref = ref.substring(0, history);
        }
        int last = ref.lastIndexOf('/');
        if (last <= 0) {
            return ref;
        }
        int previous = ref.lastIndexOf('/', last - 1);
        return previous < 0 ? ref : ref.substring(previous + 1);
    }

    /** {@code system|value} of each identifier that names its system (a bare value is ambiguous across issuers). */
    private static List<String> identifiers(Resource resource) {
        List<Identifier> identifiers = resource instanceof Patient p ? p.getIdentifier()
                : resource instanceof Encounter e ? e.getIdentifier() : List.of();
        return identifiers.stream().filter(i -> i.hasSystem() && i.hasValue())
                .map(i -> i.getSystem() + "|" + i.getValue()).distinct().toList();
    }

    private void describe(List<String> refs, Map<String, Resource> resources, Map<String, Evidence> out) {
        for (String ref : refs) {
            Resource resource = resources.get(ref);
            if (resource != null && !out.containsKey(ref)) {
                out.put(ref, describer.describe(resource));
            }
        }
    }

    private static List<Item> items(SectionComponent section) {
        List<Item> items = new ArrayList<>();
        if (section.hasSection()) {
            for (SectionComponent sub : section.getSection()) {
                items.add(new Item(itemText(sub), refs(sub.getEntry()), quote(sub)));
            }
            return items;
        }
        // Older documents without per-item sub-sections: one item per list line; evidence only when unambiguous.
        List<String> lines = lines(section.getText());
        for (String line : lines) {
            items.add(new Item(line, lines.size() == 1 ? refs(section.getEntry()) : List.of()));
        }
        return items;
    }

    /**
     * The quote of a note item's sub-section ({@link #NOTE_QUOTE_EXTENSION}), or null when it has none or the
     * extension lacks the passage or its offsets. A context that does not hold the passage at its offset is dropped
     * (the quote is still shown), so a highlight can never mark other words than the quote's.
     */
    static Quote quote(SectionComponent sub) {
        Extension extension = sub.getExtensionByUrl(NOTE_QUOTE_EXTENSION);
        if (extension == null) {
            return null;
        }
        String text = part(extension, "text");
        Integer start = integer(extension, "start");
        Integer end = integer(extension, "end");
        if (text == null || start == null || end == null || start < 0 || end < start) {
            return null;
        }
        String context = part(extension, "context");
        Integer contextStart = integer(extension, "contextStart");
        if (context == null || contextStart == null || start < contextStart || end - contextStart > context.length()
                || !context.substring(start - contextStart, end - contextStart).equals(text)) {
            context = null;
            contextStart = null;
        }
        Extension note = extension.getExtensionByUrl("note");
        String noteRef = note != null && note.getValue() instanceof Reference r && r.hasReference()
                ? relative(r.getReference()) : null;
        Extension date = extension.getExtensionByUrl("date");
        String day = date != null && date.hasValue() ? EvidenceDescriber.day(date.getValue()) : null;
        return new Quote(noteRef, part(extension, "section"), part(extension, "heading"), start, end, text,
                part(extension, "title"), day, context, contextStart);
    }

    /** Each quote's missing note title and date from the note's evidence display, when the document has the note. */
    private static List<Section> withNoteDetails(List<Section> sections, Map<String, Evidence> evidence) {
        List<Section> out = new ArrayList<>();
        for (Section section : sections) {
            List<Item> items = new ArrayList<>();
            for (Item item : section.items()) {
                Quote q = item.quote();
                Evidence note = q == null || q.note() == null ? null : evidence.get(q.note());
                if (note != null && (q.title() == null || q.date() == null)) {
                    q = new Quote(q.note(), q.section(), q.heading(), q.start(), q.end(), q.text(),
                            q.title() != null ? q.title() : note.display(), q.date() != null ? q.date() : note.date(),
                            q.context(), q.contextStart());
                    item = new Item(item.text(), item.evidence(), q);
                }
                items.add(item);
            }
            out.add(new Section(section.code(), section.title(), items));
        }
        return out;
    }

    private static String part(Extension extension, String url) {
        Extension part = extension.getExtensionByUrl(url);
        if (part == null || !part.hasValue()) {
            return null;
        }
        String value = part.getValue().primitiveValue();
        return value == null || value.isBlank() ? null : value;
    }

    private static Integer integer(Extension extension, String url) {
        String value = part(extension, url);
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<RecommendationItem> recommendations(SectionComponent section) {
        List<RecommendationItem> out = new ArrayList<>();
        if (section.hasSection()) {
            for (SectionComponent sub : section.getSection()) {
                out.add(new RecommendationItem(itemText(sub), extension(sub, PRIORITY_EXTENSION),
                        extension(sub, RATIONALE_EXTENSION), refs(sub.getEntry())));
            }
            return out;
        }
        List<String> lines = lines(section.getText());
        for (String line : lines) {
            Matcher m = PRIORITY_PREFIX.matcher(line);
            List<String> evidence = lines.size() == 1 ? refs(section.getEntry()) : List.of();
            out.add(m.matches() ? new RecommendationItem(m.group(2), m.group(1), m.group(3), evidence)
                    : new RecommendationItem(line, null, null, evidence));
        }
        return out;
    }

    private static String itemText(SectionComponent sub) {
        return sub.hasTitle() ? sub.getTitle() : text(sub.getText());
    }

    static String extension(SectionComponent sub, String url) {
        Extension extension = sub.getExtensionByUrl(url);
        return extension == null || !extension.hasValue() ? null : extension.getValue().primitiveValue();
    }

    static List<String> refs(List<Reference> entries) {
        List<String> out = new ArrayList<>();
        for (Reference reference : entries) {
            if (reference.hasReference()) {
                String ref = relative(reference.getReference());
                if (!out.contains(ref)) {
                    out.add(ref);
                }
            }
        }
        return out;
    }

    private static String code(SectionComponent section) {
        for (Coding coding : section.getCode().getCoding()) {
            if (coding.hasCode()) {
                return coding.getCode();
            }
        }
        return null;
    }

    private static Engine engine(Composition composition, Map<String, Resource> resources, String hint) {
        Device device = null;
        for (Reference author : composition.getAuthor()) {
            if (resources.get(relative(author.getReference())) instanceof Device d) {
                device = d;
                break;
            }
        }
        if (device == null) {
            device = resources.values().stream().filter(Device.class::isInstance).map(Device.class::cast)
                    .findFirst().orElse(null);
        }
        String kind = hint;
        String model = null;
        if (device != null) {
            for (Device.DeviceDeviceNameComponent name : device.getDeviceName()) {
                if (name.getType() == Device.DeviceNameType.MODELNAME) {
                    model = name.getName();
                } else if (kind == null && name.getType() == Device.DeviceNameType.MANUFACTURERNAME
                        && name.hasName() && name.getName().startsWith("chartbrief-")) {
                    kind = name.getName().substring("chartbrief-".length()).replace("-summary-engine", "");
                }
            }
        }
        return new Engine(kind == null ? "unknown" : kind, model);
    }

    private static boolean aiLabelled(Resource resource) {
        return resource.getMeta().getSecurity().stream().anyMatch(c -> AI_ASSERTED.equals(c.getCode()));
    }

    private static String patientName(Resource resource) {
        if (!(resource instanceof Patient patient) || !patient.hasName()) {
            return null;
        }
        HumanName name = patient.getName().stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL)
                .findFirst().orElse(patient.getNameFirstRep());
        if (name.hasText()) {
            return name.getText();
        }
        String given = name.getGivenAsSingleString();
        String joined = ((given == null ? "" : given) + " " + (name.hasFamily() ? name.getFamily() : "")).trim();
        return joined.isEmpty() ? null : joined;
    }

    /** Plain text of a narrative's XHTML. */
    static String text(Narrative narrative) {
        if (narrative == null || !narrative.hasDiv()) {
            return "";
        }
        String text = narrative.getDiv().allText();
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }

    /** The paragraphs and list lines of a narrative (the whole text as one line when it has neither). */
    static List<String> lines(Narrative narrative) {
        List<String> out = new ArrayList<>();
        if (narrative != null && narrative.hasDiv()) {
            collect(narrative.getDiv(), out, true);
        }
        if (out.isEmpty()) {
            String all = text(narrative);
            if (!all.isEmpty()) {
                out.add(all);
            }
        }
        return out;
    }

    /** The list lines ({@code li}) of a narrative only. */
    static List<String> listLines(Narrative narrative) {
        List<String> out = new ArrayList<>();
        if (narrative != null && narrative.hasDiv()) {
            collect(narrative.getDiv(), out, false);
        }
        return out;
    }

    private static void collect(XhtmlNode node, List<String> out, boolean paragraphs) {
        for (XhtmlNode child : node.getChildNodes()) {
            if ("li".equals(child.getName()) || "p".equals(child.getName())) {
                String text = child.allText();
                if (text != null && !text.isBlank() && (paragraphs || "li".equals(child.getName()))) {
                    out.add(text.replaceAll("\\s+", " ").trim());
                }
            } else {
                collect(child, out, paragraphs);
            }
        }
    }

    /** First sentence of the narrative (whole narrative when it has one sentence), at most 300 characters. */
    public static String headline(String narrative) {
        if (narrative == null || narrative.isBlank()) {
            return "";
        }
        String first = SENTENCE_END.split(narrative.trim(), 2)[0];
        return first.length() > 300 ? first.substring(0, 299) + "…" : first;
    }
}
