package io.chartbrief.interop.hl7;

import java.math.BigDecimal;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.Reference;

/** RXD (+ ORC, RXR) to MedicationDispense, authorized by the order's MedicationRequest id. */
final class MedicationDispenseMapper {

    private MedicationDispenseMapper() {
    }

    /** RXD-2 code, RXD-3 dispensed at, RXD-4/5 amount, RXD-7 prescription number, RXD-10 dispensing provider. */
    static Reference map(Er7Segment orc, Er7Segment rxd, Er7Segment rxr, int position, ConversionContext ctx) {
        MedicationDispense m = new MedicationDispense();
        String rx = rxd.text(7);
        m.setId(rx.isEmpty() ? DeterministicIds.of("MedicationDispense", "message", ctx.messageKey,
                Integer.toString(position)) : DeterministicIds.of("MedicationDispense", "rx", rx,
                        ctx.header.sendingFacility(), rxd.text(3)));
        if (!rx.isEmpty()) {
            m.addIdentifier().setValue(rx);
        }
        m.setStatus(MedicationDispense.MedicationDispenseStatus.COMPLETED);
        CodeableConcept medication = Hl7DataTypes.codeableConcept(rxd.first(2));
        if (medication.isEmpty()) {
            ctx.warn("RXD-2 (dispense/give code) is empty");
            medication.setText("unknown");
        }
        m.setMedication(medication);
        m.setSubject(ctx.patient);
        if (ctx.encounter != null) {
            m.setContext(ctx.encounter);
        }
        if (orc != null) {
            m.addAuthorizingPrescription(new Reference("MedicationRequest/"
                    + MedicationRequestMapper.orderId(orc, position, ctx)));
        }
        Hl7DateTime when = ctx.dateTime(rxd, 3, "date/time dispensed");
        if (when != null) {
            m.setWhenHandedOverElement(when.toDateTime());
        }
        String amount = rxd.text(4);
        BigDecimal quantity = ctx.number(amount);
        if (quantity != null) {
            m.setQuantity(ObservationMapper.quantity(quantity, rxd.first(5)));
        }
        Reference dispenser = rxd.first(10).isEmpty() ? null : PractitionerMapper.map(rxd.first(10), ctx);
        if (dispenser != null) {
            m.addPerformer().setActor(dispenser);
        }
        if (rxr != null && !rxr.first(1).isEmpty()) {
            m.addDosageInstruction().setRoute(Hl7DataTypes.codeableConcept(rxr.first(1)));
        }
        return ctx.bundle.add(m);
    }
}
