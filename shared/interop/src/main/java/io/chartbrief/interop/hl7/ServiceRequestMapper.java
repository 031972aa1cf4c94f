package io.chartbrief.interop.hl7;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * OBR (with the ORC before it) to the ServiceRequest it fulfils: in result messages the order a DiagnosticReport is
 * {@code basedOn}, in order messages (ORM, OML, OMG) the order itself.
 */
final class ServiceRequestMapper {

    private ServiceRequestMapper() {
    }

    /**
     * Id: the placer order number (ORC-2/OBR-2: what the ordering system assigned, present in the order and in its
     * results) + OBR-4, else the filler number + OBR-4, so an ORM and the ORU answering it name the same order; the
     * report key when neither is there or the same order and service come twice in one message.
     */
    static String id(Er7Segment obr, Er7Segment orc, String reportKey, ConversionContext ctx) {
        Er7Value placer = placer(obr, orc);
        Er7Value filler = filler(obr, orc);
        String service = "^service^" + Hl7DataTypes.entityKey(obr.first(4));
        String id = null;
        if (!placer.isEmpty()) {
            id = DeterministicIds.of("ServiceRequest", "placer^" + Hl7DataTypes.entityKey(placer) + service);
        } else if (!filler.isEmpty()) {
            id = DeterministicIds.of("ServiceRequest", "filler^" + Hl7DataTypes.entityKey(filler) + service);
        }
        if (id == null || ctx.bundle.contains("ServiceRequest", id)) {
            id = DeterministicIds.of("ServiceRequest", reportKey);
        }
        return id;
    }

    static Er7Value placer(Er7Segment obr, Er7Segment orc) {
        return !obr.first(2).isEmpty() || orc == null ? obr.first(2) : orc.first(2);
    }

    static Er7Value filler(Er7Segment obr, Er7Segment orc) {
        return !obr.first(3).isEmpty() || orc == null ? obr.first(3) : orc.first(3);
    }

    /**
     * @param orc     the ORC of this OBR's order group, or {@code null}
     * @param tq1     the order's TQ1 (v2.5+) when it came before the OBR, or {@code null}
     * @param results whether the message is a result message (status then follows the report status)
     */
    static ServiceRequest map(Er7Segment obr, Er7Segment orc, Er7Segment tq1, String reportKey, boolean results,
            ConversionContext ctx) {
        ServiceRequest sr = new ServiceRequest();
        sr.setId(id(obr, orc, reportKey, ctx));
        Er7Value placer = placer(obr, orc);
        Er7Value filler = filler(obr, orc);
        if (!placer.isEmpty()) {
            sr.addIdentifier(Hl7DataTypes.entityIdentifier(placer, "PLAC"));
        }
        if (!filler.isEmpty()) {
            sr.addIdentifier(Hl7DataTypes.entityIdentifier(filler, "FILL"));
        }
        sr.setStatus(status(orc == null ? "" : orc.text(1), orc == null ? "" : orc.text(5),
                results ? obr.text(25) : null));
        sr.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        CodeableConcept code = Hl7DataTypes.codeableConcept(obr.first(4));
        if (code.isEmpty()) {
            code.setText("unknown"); // the report mapper already warns about an empty OBR-4
        }
        sr.setCode(code);
        sr.setSubject(ctx.patient);
        if (ctx.encounter != null) {
            sr.setEncounter(ctx.encounter);
        }
        if (orc != null) {
            Hl7DateTime authored = ctx.dateTime(orc, 9, "date/time of transaction");
            if (authored != null) {
                sr.setAuthoredOnElement(authored.toDateTime());
            }
        }
        Reference requester = orc == null || orc.first(12).isEmpty() ? null : PractitionerMapper.map(orc.first(12), ctx);
        if (requester == null && !obr.first(16).isEmpty()) {
            requester = PractitionerMapper.map(obr.first(16), ctx);
        }
        if (requester != null) {
            sr.setRequester(requester);
        }
        // OBR-27 quantity/timing (before v2.5): its 6th component is the priority; a TQ1-9 overrides it
        priority(sr, obr.text(27, 6));
        if (tq1 != null) {
            priority(sr, tq1.text(9));
        }
        for (Er7Value reason : obr.repetitions(31)) {
            CodeableConcept cc = Hl7DataTypes.codeableConcept(reason);
            if (!cc.isEmpty()) {
                sr.addReasonCode(cc);
            }
        }
        return sr;
    }

    /** TQ1-9 / TQ-6 priority (table 0485): S stat, A ASAP, R routine; others (P, C, T, PRN) are not set. */
    static void priority(ServiceRequest sr, String code) {
        switch (code.toUpperCase()) {
            case "S" -> sr.setPriority(ServiceRequest.ServiceRequestPriority.STAT);
            case "A" -> sr.setPriority(ServiceRequest.ServiceRequestPriority.ASAP);
            case "R" -> sr.setPriority(ServiceRequest.ServiceRequestPriority.ROUTINE);
            default -> {
            }
        }
    }

    /**
     * ORC-5 order status first; in result messages then the report status OBR-25 (final/corrected results complete
     * the order); then ORC-1 order control; else {@code active} in a result message, {@code unknown} otherwise.
     *
     * @param reportStatus OBR-25 in a result message, {@code null} in an order message
     */
    static ServiceRequest.ServiceRequestStatus status(String control, String orderStatus, String reportStatus) {
        switch (orderStatus) {
            case "CM":
                return ServiceRequest.ServiceRequestStatus.COMPLETED;
            case "CA":
            case "DC":
                return ServiceRequest.ServiceRequestStatus.REVOKED;
            case "HD":
                return ServiceRequest.ServiceRequestStatus.ONHOLD;
            case "A":
            case "IP":
            case "SC":
                return ServiceRequest.ServiceRequestStatus.ACTIVE;
            default:
                break;
        }
        if (reportStatus != null) {
            switch (reportStatus) {
                case "F":
                case "C":
                case "M":
                    return ServiceRequest.ServiceRequestStatus.COMPLETED;
                case "X":
                    return ServiceRequest.ServiceRequestStatus.REVOKED;
                case "D":
                case "W":
                    return ServiceRequest.ServiceRequestStatus.ENTEREDINERROR;
                case "":
                    break;
                default:
                    return ServiceRequest.ServiceRequestStatus.ACTIVE; // results still coming (P, R, A, I, S, O)
            }
        }
        switch (control) {
            case "NW":
            case "OK":
            case "SC":
            case "RO":
            case "XO":
            case "XX":
            case "RP":
            case "RL":
            case "SN":
                return ServiceRequest.ServiceRequestStatus.ACTIVE;
            case "CA":
            case "OC":
            case "CR":
            case "DC":
            case "OD":
            case "DR":
                return ServiceRequest.ServiceRequestStatus.REVOKED;
            case "HD":
            case "OH":
                return ServiceRequest.ServiceRequestStatus.ONHOLD;
            default:
                return reportStatus != null ? ServiceRequest.ServiceRequestStatus.ACTIVE
                        : ServiceRequest.ServiceRequestStatus.UNKNOWN;
        }
    }
}
