package io.chartbrief.interop.hl7;

import java.math.BigDecimal;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Reference;

/** ORC + RXE (or RXO) + RXR to MedicationRequest. */
final class MedicationRequestMapper {


    private MedicationRequestMapper() {
    }

    /** Order id: ORC-2 placer, else ORC-3 filler, else message + position of the order in the message. */
    static String orderId(Er7Segment orc, int position, ConversionContext ctx) {
        if (orc != null && !orc.text(2).isEmpty()) {
            return DeterministicIds.of("MedicationRequest", "placer", Hl7DataTypes.entityKey(orc.first(2)));
        }
        if (orc != null && !orc.text(3).isEmpty()) {
            return DeterministicIds.of("MedicationRequest", "filler", Hl7DataTypes.entityKey(orc.first(3)));
        }
        return DeterministicIds.of("MedicationRequest", "message", ctx.messageKey, Integer.toString(position));
    }

    /**
     * @param give RXE (give code in field 2, amounts 3/4, units 5, instructions 7, dispense 10/11, refills 12)
     *             or RXO (requested give code 1, amounts 2/3, units 4, instructions 7, dispense 11/12, refills 13)
     */
    static Reference map(Er7Segment orc, Er7Segment give, Er7Segment rxr, Er7Segment tq1, int position,
            ConversionContext ctx) {
        boolean rxe = "RXE".equals(give.name());
        MedicationRequest m = new MedicationRequest();
        m.setId(orderId(orc, position, ctx));
        if (orc != null) {
            if (!orc.text(2).isEmpty()) {
                m.addIdentifier(Hl7DataTypes.entityIdentifier(orc.first(2), "PLAC"));
            }
            if (!orc.text(3).isEmpty()) {
                m.addIdentifier(Hl7DataTypes.entityIdentifier(orc.first(3), "FILL"));
            }
        }
        m.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        m.setStatus(status(orc == null ? "" : orc.text(1), orc == null ? "" : orc.text(5)));
        CodeableConcept medication = Hl7DataTypes.codeableConcept(give.first(rxe ? 2 : 1));
        if (medication.isEmpty()) {
            ctx.warn(give.name() + "-" + (rxe ? 2 : 1) + " (give code) is empty");
            medication.setText("unknown");
        }
        m.setMedication(medication);
        m.setSubject(ctx.patient);
        if (ctx.encounter != null) {
            m.setEncounter(ctx.encounter);
        }
        if (orc != null) {
            Hl7DateTime authored = ctx.dateTime(orc, 9, "date/time of transaction");
            if (authored != null) {
                m.setAuthoredOnElement(authored.toDateTime());
            }
            Reference requester = orc.first(12).isEmpty() ? null : PractitionerMapper.map(orc.first(12), ctx);
            if (requester != null) {
                m.setRequester(requester);
            }
        }
        Dosage dosage = new Dosage();
        Er7Value units = give.first(rxe ? 5 : 4);
        String min = give.text(rxe ? 3 : 2);
        String max = give.text(rxe ? 4 : 3);
        BigDecimal minDose = ctx.number(min);
        BigDecimal maxDose = ctx.number(max);
        if (minDose != null) {
            Quantity low = ObservationMapper.quantity(minDose, units);
            if (maxDose != null && maxDose.compareTo(minDose) != 0) {
                dosage.addDoseAndRate().setDose(new Range().setLow(low)
                        .setHigh(ObservationMapper.quantity(maxDose, units)));
            } else {
                dosage.addDoseAndRate().setDose(low);
            }
        }
        // every RXE-7/RXO-7 repetition is a line of the sig ("1 tab", "with food"): none is dropped
        StringBuilder sig = new StringBuilder();
        for (Er7Value instruction : give.repetitions(7)) {
            String line = instruction.component(2).isEmpty() ? instruction.component(1) : instruction.component(2);
            if (!line.isBlank()) {
                sig.append(sig.length() == 0 ? "" : "; ").append(line.trim());
            }
        }
        if (sig.length() > 0) {
            dosage.setText(sig.toString());
        }
        BigDecimal rateValue = rxe ? ctx.number(give.text(23)) : null;
        if (rateValue != null) {
            // RXE-23/24 give rate (infusions: 125 mL/h)
            Quantity rate = ObservationMapper.quantity(rateValue, give.first(24));
            (dosage.hasDoseAndRate() ? dosage.getDoseAndRateFirstRep() : dosage.addDoseAndRate()).setRate(rate);
        }
        DosageTiming.apply(tq1, rxe ? firstTiming(give.first(1), orc) : orc == null ? null : orc.first(7), dosage, ctx);
        if (rxr != null && !rxr.first(1).isEmpty()) {
            dosage.setRoute(Hl7DataTypes.codeableConcept(rxr.first(1)));
            if (!rxr.first(2).isEmpty()) {
                dosage.setSite(Hl7DataTypes.codeableConcept(rxr.first(2)));
            }
        }
        if (!dosage.isEmpty()) {
            m.addDosageInstruction(dosage);
        }
        String dispense = give.text(rxe ? 10 : 11);
        BigDecimal dispenseAmount = ctx.number(dispense);
        if (dispenseAmount != null) {
            m.getDispenseRequest().setQuantity(
                    ObservationMapper.quantity(dispenseAmount, give.first(rxe ? 11 : 12)));
        }
        String refills = give.text(rxe ? 12 : 13);
        if (refills.matches("\\d{1,6}")) {
            m.getDispenseRequest().setNumberOfRepeatsAllowed(Integer.parseInt(refills));
        }
        return ctx.bundle.add(m);
    }

    /** RXE-1 (quantity/timing) when filled, else ORC-7. */
    private static Er7Value firstTiming(Er7Value rxe1, Er7Segment orc) {
        return !rxe1.isEmpty() || orc == null ? rxe1 : orc.first(7);
    }

    /** ORC-1 order control (and ORC-5 order status when present). */
    static MedicationRequest.MedicationRequestStatus status(String control, String orderStatus) {
        switch (orderStatus) {
            case "CM":
                return MedicationRequest.MedicationRequestStatus.COMPLETED;
            case "CA":
                return MedicationRequest.MedicationRequestStatus.CANCELLED;
            case "DC":
                return MedicationRequest.MedicationRequestStatus.STOPPED;
            case "HD":
                return MedicationRequest.MedicationRequestStatus.ONHOLD;
            default:
                break;
        }
        switch (control) {
            case "NW":
            case "OK":
            case "RO":
            case "XO":
            case "SC":
            case "RE":
            case "RL":
            case "RP":
            case "XX":
                return MedicationRequest.MedicationRequestStatus.ACTIVE;
            case "CA":
            case "OC":
            case "CR":
                return MedicationRequest.MedicationRequestStatus.CANCELLED;
            case "DC":
            case "OD":
            case "DR":
                return MedicationRequest.MedicationRequestStatus.STOPPED;
            case "HD":
            case "OH":
                return MedicationRequest.MedicationRequestStatus.ONHOLD;
            default:
                return MedicationRequest.MedicationRequestStatus.UNKNOWN;
        }
    }
}
