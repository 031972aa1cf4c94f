package io.chartbrief.interop.hl7;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;

/**
 * One Provenance per message: which HL7 v2 message (MSH-10, sender, type) produced the bundle's resources.
 * For message types without a clinical mapping it is the record that the event happened.
 */
final class ProvenanceMapper {

    static final String CONTROL_ID_SYSTEM = "urn:chartbrief:hl7v2:control-id";

    private ProvenanceMapper() {
    }

    static void map(ConversionContext ctx) {
        if (ctx.eventTime == null) {
            // Provenance.recorded is required and must not be invented (a clock would make conversions differ)
            ctx.warn("no Provenance: the message has no readable time (EVN-2, MSH-7) for Provenance.recorded");
            return;
        }
        Provenance p = new Provenance();
        p.setId(DeterministicIds.of("Provenance", ctx.messageKey));
        for (Reference target : ctx.bundle.referencesExcept("Provenance")) {
            p.addTarget(target);
        }
        p.setRecordedElement(TransactionBundle.instant(ctx.eventTime));
        Hl7MessageHeader h = ctx.header;
        p.setActivity(Hl7DataTypes.tableConcept(Hl7DataTypes.V2_TABLE + "0003", h.triggerEvent(), null)
                .setText(h.messageType()));
        String sender = (h.sendingApplication() + " " + h.sendingFacility()).trim();
        p.addAgent().setType(Hl7DataTypes.tableConcept(
                "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author"))
                .setWho(new Reference().setDisplay(sender.isEmpty() ? "unknown sender" : sender));
        Identifier messageId = new Identifier().setSystem(CONTROL_ID_SYSTEM).setValue(h.controlId());
        p.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE)
                .setWhat(new Reference().setIdentifier(messageId).setDisplay(h.messageType()));
        ctx.bundle.add(p);
    }
}
