package io.chartbrief.interop.hl7;

import java.math.BigDecimal;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Reference;

/** RXA (+ ORC, RXR) to Immunization. */
final class ImmunizationMapper {

    private ImmunizationMapper() {
    }

    /**
     * Id: ORC-3 filler order number (the immunization record id) when present, else patient + vaccine + date.
     * RXA-3 occurrence, RXA-5 vaccine, RXA-6/7 dose (999 = unknown), RXA-9 information source, RXA-10
     * administering provider, RXA-15 lot, RXA-16 expiry, RXA-17 manufacturer, RXA-18 refusal reason,
     * RXA-20 completion status, RXA-21 action code.
     */
    static Reference map(Er7Segment orc, Er7Segment rxa, Er7Segment rxr, ConversionContext ctx) {
        Immunization im = new Immunization();
        boolean filler = orc != null && !orc.text(3).isEmpty();
        im.setId(filler ? DeterministicIds.of("Immunization", "filler", Hl7DataTypes.entityKey(orc.first(3)))
                : DeterministicIds.of("Immunization", ctx.patientId, Hl7DataTypes.entityKey(rxa.first(5)),
                        rxa.text(3)));
        if (filler) {
            im.addIdentifier(Hl7DataTypes.entityIdentifier(orc.first(3), "FILL"));
        }
        CodeableConcept vaccine = Hl7DataTypes.codeableConcept(rxa.first(5));
        if (vaccine.isEmpty()) {
            ctx.warn("RXA-5 (administered code) is empty");
            vaccine.setText("unknown");
        }
        im.setVaccineCode(vaccine);
        im.setPatient(ctx.patient);
        if (ctx.encounter != null) {
            im.setEncounter(ctx.encounter);
        }
        String completion = rxa.text(20);
        if ("D".equals(rxa.text(21))) {
            im.setStatus(Immunization.ImmunizationStatus.ENTEREDINERROR);
        } else if ("RE".equals(completion) || "NA".equals(completion)) {
            im.setStatus(Immunization.ImmunizationStatus.NOTDONE);
            if (!rxa.first(18).isEmpty()) {
                im.setStatusReason(Hl7DataTypes.codeableConcept(rxa.first(18)));
            }
        } else {
            im.setStatus(Immunization.ImmunizationStatus.COMPLETED);
            if ("PA".equals(completion)) {
                im.setIsSubpotent(true);
            }
        }
        Hl7DateTime occurrence = ctx.dateTime(rxa, 3, "date/time start of administration");
        if (occurrence != null) {
            im.setOccurrence(occurrence.toDateTime());
        } else {
            ctx.warn("RXA-3 (administration date/time) is missing; occurrence unknown");
        }
        String amount = rxa.text(6);
        BigDecimal dose = ctx.number(amount);
        if (dose != null && !"999".equals(amount)) {
            im.setDoseQuantity(ObservationMapper.quantity(dose, rxa.first(7)));
        }
        String source = rxa.text(9);
        if ("00".equals(source)) {
            im.setPrimarySource(true);
        } else if (!source.isEmpty()) {
            im.setPrimarySource(false);
        }
        for (Reference who : PractitionerMapper.all(rxa, 10, ctx)) {
            im.addPerformer().setActor(who).setFunction(Hl7DataTypes.tableConcept(
                    "http://terminology.hl7.org/CodeSystem/v2-0443", "AP", "Administering Provider"));
        }
        if (!rxa.text(15).isEmpty()) {
            im.setLotNumber(rxa.text(15));
        }
        Hl7DateTime expiry = ctx.dateTime(rxa, 16, "substance expiration date");
        if (expiry != null) {
            im.setExpirationDateElement(expiry.toDate());
        }
        String manufacturer = rxa.text(17, 2).isEmpty() ? rxa.text(17) : rxa.text(17, 2);
        if (!manufacturer.isEmpty()) {
            im.setManufacturer(new Reference().setDisplay(manufacturer));
        }
        if (rxr != null) {
            if (!rxr.first(1).isEmpty()) {
                im.setRoute(Hl7DataTypes.codeableConcept(rxr.first(1)));
            }
            if (!rxr.first(2).isEmpty()) {
                im.setSite(Hl7DataTypes.codeableConcept(rxr.first(2)));
            }
        }
        return ctx.bundle.add(im);
    }
}
