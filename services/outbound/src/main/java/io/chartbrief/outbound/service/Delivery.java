package io.chartbrief.outbound.service;

import io.chartbrief.interop.summary.SummaryDocument;

/**
 * One summary document on its way to one connector.
 *
 * @param summaryId          the summary (request) id: the document's unique number at the receiver
 * @param document           the summary document as read
 * @param verificationStatus {@code verified}, {@code partially-verified} or {@code unverified} (or null)
 * @param parentSummaryId    the summary this one replaces at the receiver, or null for a new document
 * @param transmissionId     the id of this transmission (MSH-10), the same on every resend of the document
 * @param attempt            1 for the first send, 2 for the first resend, ...
 */
public record Delivery(String summaryId, SummaryDocument document, String verificationStatus, String parentSummaryId,
        String transmissionId, int attempt) {

    /** Whether this document replaces one the receiver already has. */
    public boolean replaces() {
        return parentSummaryId != null;
    }
}
