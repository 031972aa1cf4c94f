package io.chartbrief.interop.hl7;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/** MDM TXA + the note's OBX segments to DocumentReference (note text as base64 text/plain). */
final class DocumentReferenceMapper {

    private DocumentReferenceMapper() {
    }

    /**
     * @param noteLines  OBX TX/FT/ST values in message order
     * @param embedded   OBX ED values (source ^ type ^ subtype ^ encoding ^ data)
     */
    static Reference map(Er7Segment txa, List<String> noteLines, List<Er7Value> embedded, ConversionContext ctx) {
        DocumentReference d = new DocumentReference();
        Er7Value number = txa.first(12);
        d.setId(number.component(1).isEmpty() ? DeterministicIds.of("DocumentReference", "message", ctx.messageKey)
                : DeterministicIds.of("DocumentReference", Hl7DataTypes.entityKey(number)));
        if (!number.component(1).isEmpty()) {
            d.setMasterIdentifier(Hl7DataTypes.entityIdentifier(number, null));
        }
        // TXA-19 availability: OB(solete)/CA(nceled) documents are not current
        String availability = txa.text(19);
        d.setStatus("OB".equals(availability) ? DocumentReferenceStatus.SUPERSEDED
                : "CA".equals(availability) ? DocumentReferenceStatus.ENTEREDINERROR
                        : DocumentReferenceStatus.CURRENT);
        String completion = txa.text(17);
        switch (completion) {
            case "AU", "LA" -> d.setDocStatus(DocumentReference.ReferredDocumentStatus.FINAL);
            case "DI", "DO", "IN", "IP", "PA" -> d.setDocStatus(DocumentReference.ReferredDocumentStatus.PRELIMINARY);
            default -> {
            }
        }
        Er7Value type = txa.first(2);
        if (!type.isEmpty()) {
            d.setType(Hl7DataTypes.codeableConcept(type));
        }
        d.setSubject(ctx.patient);
        Hl7DateTime origination = ctx.dateTime(txa, 6, "origination date/time");
        Hl7DateTime activity = ctx.dateTime(txa, 4, "activity date/time");
        Hl7DateTime created = origination != null ? origination : activity;
        if (created != null) {
            d.setDateElement(TransactionBundle.instant(created.instant()));
        }
        for (int field : new int[] {5, 9, 22}) {
            for (Reference author : PractitionerMapper.all(txa, field, ctx)) {
                if (d.getAuthor().stream().noneMatch(a -> a.getReference().equals(author.getReference()))) {
                    d.addAuthor(author);
                }
            }
        }
        List<Reference> authenticators = PractitionerMapper.all(txa, 22, ctx);
        if (!authenticators.isEmpty()) {
            d.setAuthenticator(authenticators.get(0));
        }
        relation(txa.first(13), d, ctx);
        if (ctx.encounter != null || activity != null) {
            DocumentReference.DocumentReferenceContextComponent context = d.getContext();
            if (ctx.encounter != null) {
                context.addEncounter(ctx.encounter);
            }
            if (activity != null) {
                context.setPeriod(new Period().setStartElement(activity.toDateTime()));
            }
        }
        String text = String.join("\n", noteLines);
        DocumentReference.DocumentReferenceContentComponent content = d.addContent();
        content.getAttachment().setContentType("text/plain; charset=utf-8");
        if (type.component(2).length() > 0) {
            content.getAttachment().setTitle(type.component(2));
        }
        if (!text.isBlank()) {
            content.getAttachment().setData(text.getBytes(StandardCharsets.UTF_8));
        } else if (embedded.isEmpty()) {
            ctx.warn("MDM message carries no note text (no OBX TX/FT/ST values)");
        }
        for (Er7Value ed : embedded) {
            embedded(d, ed, ctx);
        }
        return ctx.bundle.add(d);
    }

    /** ED: source ^ type ^ subtype ^ encoding ^ data; only Base64 payloads are carried over. */
    private static void embedded(DocumentReference d, Er7Value ed, ConversionContext ctx) {
        org.hl7.fhir.r4.model.Attachment attachment = EncapsulatedData.fromEd(ed, ctx);
        if (attachment != null) {
            d.addContent().setAttachment(attachment);
        }
    }

    /**
     * TXA-13 (parent document number) by event: a replacement (T09/T10) {@code replaces} its parent, an addendum
     * (T05/T06) {@code appends} to it; on other events (an original T01/T02, an edit T07/T08) the parent names no
     * FHIR relation ChartBrief can state, so none is recorded (with a warning when TXA-13 is filled).
     */
    private static void relation(Er7Value parent, DocumentReference d, ConversionContext ctx) {
        String trigger = ctx.trigger();
        DocumentReference.DocumentRelationshipType type = switch (trigger) {
            case "T09", "T10" -> DocumentReference.DocumentRelationshipType.REPLACES;
            case "T05", "T06" -> DocumentReference.DocumentRelationshipType.APPENDS;
            default -> null;
        };
        boolean hasParent = !parent.component(1).isEmpty();
        if (type == null) {
            if (hasParent) {
                ctx.warn("TXA-13 (parent document number) on MDM^" + trigger + " names no replacement or addendum; "
                        + "relatesTo not recorded");
            }
            return;
        }
        if (!hasParent) {
            ctx.warn("TXA-13 (parent document number) is empty on " + (type == DocumentReference
                    .DocumentRelationshipType.REPLACES ? "a replacement" : "an addendum") + "; relatesTo not recorded");
            return;
        }
        d.addRelatesTo().setCode(type).setTarget(new Reference("DocumentReference/"
                + DeterministicIds.of("DocumentReference", Hl7DataTypes.entityKey(parent))));
    }
}
