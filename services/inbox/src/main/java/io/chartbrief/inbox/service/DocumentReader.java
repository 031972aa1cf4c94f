package io.chartbrief.inbox.service;

import io.chartbrief.interop.summary.SummaryDocument;
import io.chartbrief.interop.summary.SummaryDocumentReader;
import io.chartbrief.interop.summary.SummaryDocumentReader.InvalidSummaryException;

/**
 * Reads a summary document Bundle (the {@code ehr.summaries} value) into an {@link InboxDocument}: the shared
 * {@link SummaryDocumentReader} reads the content, the {@link RecipientRouter} adds who it goes to. Thread-safe.
 */
public final class DocumentReader {

    private final RecipientRouter router;
    private final SummaryDocumentReader reader = new SummaryDocumentReader();

    public DocumentReader(RecipientRouter router) {
        this.router = router;
    }

    /** Thrown for a value that is not a usable summary document; the record is dead-lettered. */
    public static final class InvalidDocumentException extends Exception {
        public InvalidDocumentException(String message) {
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
    public InboxDocument read(String json, String patientKey, String engineHint) throws InvalidDocumentException {
        SummaryDocument doc;
        try {
            doc = reader.read(json, patientKey, engineHint);
        } catch (InvalidSummaryException e) {
            throw new InvalidDocumentException(e.getMessage());
        }
        return new InboxDocument(doc.patient(), doc.patientName(), doc.encounter(), doc.engineKind(),
                doc.aiGenerated(), doc.headline(), doc.documentTime(),
                router.route(doc.encounterResource(), doc.resources()), doc.content(), doc.evidence(),
                doc.identifiers());
    }

    /** First sentence of the narrative, at most 300 characters ({@link SummaryDocumentReader#headline}). */
    static String headline(String narrative) {
        return SummaryDocumentReader.headline(narrative);
    }
}
