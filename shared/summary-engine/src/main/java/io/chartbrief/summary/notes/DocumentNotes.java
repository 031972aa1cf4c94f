package io.chartbrief.summary.notes;

import io.chartbrief.summary.chart.ChartDates;
import io.chartbrief.summary.chart.ChartValues;
import io.chartbrief.summary.chart.ClinicalChart;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DocumentReference.DocumentReferenceRelatesToComponent;
import org.hl7.fhir.r4.model.DocumentReference.DocumentRelationshipType;
import org.hl7.fhir.r4.model.Reference;

/**
 * The DocumentReference notes of a chart (FHIR sources, and HL7 MDM after conversion): which are current, which
 * addenda belong to which note.
 *
 * <p>Used: status {@code current} (or absent, as {@code ClinicalFacts.notes()} reads it) and docStatus not
 * {@code entered-in-error}. Never used: {@code superseded} or {@code entered-in-error} notes, and notes another
 * note {@code replaces} (relatesTo) — a replaced note may still say current when the sender never updated it.
 * An addendum (relatesTo {@code appends}) is read with its parent: after the parent's text, behind a marker line;
 * an addendum of an addendum joins the same parent, an addendum of a replaced note joins the replacement. An addendum
 * whose parent is not in the chart is read alone; one whose parent is not usable is skipped.
 */
final class DocumentNotes {

    private static final int MAX_CHAIN = 32;

    private final ClinicalChart chart;
    private final NoteLimits limits;
    private final Map<String, DocumentReference> documents = new LinkedHashMap<>();
    private final Map<String, String> replacedBy = new HashMap<>();
    private final Map<String, String> appendsTo = new HashMap<>();

    DocumentNotes(ClinicalChart chart, NoteLimits limits) {
        this.chart = chart;
        this.limits = limits;
        for (DocumentReference document : chart.all(DocumentReference.class)) {
            documents.put(chart.referenceOf(document), document);
        }
        documents.forEach((ref, document) -> {
            for (DocumentReferenceRelatesToComponent relation : document.getRelatesTo()) {
                String target = chart.resolve(relation.getTarget());
                if (target == null || target.equals(ref) || !relation.hasCode()) {
                    continue;
                }
                if (relation.getCode() == DocumentRelationshipType.REPLACES && !enteredInError(document)) {
                    replacedBy.putIfAbsent(target, ref);
                } else if (relation.getCode() == DocumentRelationshipType.APPENDS) {
                    appendsTo.putIfAbsent(ref, target);
                }
            }
        });
    }

    /** Usable notes (addenda folded in), recording the others in {@code skipped}. */
    List<NoteCandidate> candidates(List<NoteReading.Skipped> skipped) {
        Map<String, List<String>> addenda = new HashMap<>();
        List<String> roots = new ArrayList<>();
        documents.forEach((ref, document) -> {
            String excluded = exclusion(ref, document);
            if (excluded != null) {
                skipped.add(new NoteReading.Skipped(ref, excluded, true));
                return;
            }
            if (!appendsTo.containsKey(ref)) {
                roots.add(ref);
                return;
            }
            String parent = parentOf(ref);
            if (parent == null) {
                roots.add(ref); // the parent is not in this chart: the addendum is all there is
                return;
            }
            String parentExcluded = exclusion(parent, documents.get(parent));
            if (parentExcluded != null) {
                skipped.add(new NoteReading.Skipped(ref, "addendum to " + parent + ", which is " + parentExcluded, true));
            } else {
                addenda.computeIfAbsent(parent, k -> new ArrayList<>()).add(ref);
            }
        });
        List<NoteCandidate> out = new ArrayList<>();
        for (String ref : roots) {
            List<String> own = new ArrayList<>(addenda.getOrDefault(ref, List.of()));
            own.sort(Comparator.comparing((String r) -> sortKey(documents.get(r))).thenComparing(r -> r));
            out.add(new NoteCandidate(ref, sortKey(documents.get(ref)), s -> read(ref, own, s)));
        }
        return out;
    }

    /**
     * Bytes of every DocumentReference attachment, whatever its status, by content: a report's presentedForm holding
     * the same bytes is the same note (Synthea writes each note twice, and marks the DocumentReference superseded).
     */
    Map<ByteBuffer, String> contentBytes() {
        Map<ByteBuffer, String> out = new HashMap<>();
        documents.forEach((ref, document) -> {
            for (DocumentReference.DocumentReferenceContentComponent content : document.getContent()) {
                byte[] bytes = bytes(content.getAttachment());
                if (bytes != null) {
                    out.putIfAbsent(ByteBuffer.wrap(bytes), ref);
                }
            }
        });
        return out;
    }

    private byte[] bytes(Attachment attachment) {
        if (attachment.getData() != null) {
            return attachment.getData();
        }
        if (!attachment.hasUrlElement()) {
            return null;
        }
        String ref = chart.resolve(new Reference(attachment.getUrl()));
        return ref != null && chart.get(ref).orElse(null) instanceof Binary binary ? binary.getData() : null;
    }

    /** Why a note is not used, or null when it is current. */
    private String exclusion(String ref, DocumentReference document) {
        if (enteredInError(document)) {
            return "entered in error";
        }
        String status = Objects.toString(ChartValues.code(document.getStatusElement()), "current");
        if (!status.equals("current")) {
            return status.equals("superseded") ? "superseded" : "status " + status;
        }
        String by = replacedBy.get(ref);
        return by == null ? null : "superseded by " + by;
    }

    private static boolean enteredInError(DocumentReference document) {
        return "entered-in-error".equals(ChartValues.code(document.getStatusElement()))
                || "entered-in-error".equals(ChartValues.code(document.getDocStatusElement()));
    }

    /** The note an addendum belongs to (through addenda of addenda and replacements); null when not in the chart. */
    private String parentOf(String addendum) {
        String target = appendsTo.get(addendum);
        for (int k = 0; k < MAX_CHAIN && appendsTo.containsKey(target); k++) {
            target = appendsTo.get(target);
        }
        for (int k = 0; k < MAX_CHAIN && replacedBy.containsKey(target); k++) {
            target = replacedBy.get(target);
        }
        return documents.containsKey(target) ? target : null;
    }

    private NoteText read(String ref, List<String> addenda, List<NoteReading.Skipped> skipped) {
        DocumentReference document = documents.get(ref);
        List<Attachment> attachments = document.getContent().stream()
                .map(DocumentReference.DocumentReferenceContentComponent::getAttachment).toList();
        AttachmentText.Read main = AttachmentText.best(attachments, ref, "content", chart, limits, skipped);
        if (main == null) {
            skipped.add(new NoteReading.Skipped(ref, attachments.isEmpty() ? "no content"
                    : "no readable content"));
            return null;
        }
        StringBuilder text = new StringBuilder(main.text());
        List<NotePart> parts = new ArrayList<>();
        parts.add(new NotePart(ref, main.contentType(), main.charset(), 0, text.length()));
        boolean truncated = main.truncated();
        for (String addendumRef : addenda) {
            DocumentReference addendum = documents.get(addendumRef);
            List<Attachment> own = addendum.getContent().stream()
                    .map(DocumentReference.DocumentReferenceContentComponent::getAttachment).toList();
            AttachmentText.Read read = AttachmentText.best(own, addendumRef, "content", chart, limits, skipped);
            if (read == null) {
                skipped.add(new NoteReading.Skipped(addendumRef, "addendum has no readable content"));
                continue;
            }
            String day = ChartDates.day(dateOf(addendum));
            String marker = (text.length() > 0 && text.charAt(text.length() - 1) == '\n' ? "\n" : "\n\n")
                    + "ADDENDUM (" + (day == null ? "undated" : day) + "):\n";
            int room = limits.maxChars() - text.length() - marker.length();
            int keep = room <= 0 ? 0 : NoteLimits.cut(read.text(), room);
            if (keep == 0) {
                truncated = true;
                skipped.add(new NoteReading.Skipped(addendumRef, "addendum left out: note at the size limit"));
                continue;
            }
            truncated |= read.truncated() || keep < read.text().length();
            text.append(marker);
            int start = text.length();
            text.append(read.text(), 0, keep);
            parts.add(new NotePart(addendumRef, read.contentType(), read.charset(), start, text.length()));
        }
        String date = sortKey(document);
        return new NoteText(ref, title(document, attachments), date.isEmpty() ? null : date,
                NoteTypes.code(document.getType()), NoteTypes.display(document.getType()), text.toString(),
                truncated, parts);
    }

    private static String title(DocumentReference document, List<Attachment> attachments) {
        String description = ChartValues.text(document.getDescriptionElement());
        if (description != null) {
            return description;
        }
        for (Attachment attachment : attachments) {
            String title = ChartValues.text(attachment.getTitleElement());
            if (title != null) {
                return title;
            }
        }
        String type = NoteTypes.display(document.getType());
        return type != null ? type : "Note";
    }

    private static org.hl7.fhir.r4.model.Type dateOf(DocumentReference document) {
        if (ChartValues.present(document.getDateElement())) {
            return document.getDateElement();
        }
        return document.hasContext() && document.getContext().hasPeriod() ? document.getContext().getPeriod() : null;
    }

    private static String sortKey(DocumentReference document) {
        org.hl7.fhir.r4.model.Type date = dateOf(document);
        return date == null ? ChartDates.UNKNOWN : ChartDates.sortKey(date);
    }
}
