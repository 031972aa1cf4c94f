package io.chartbrief.interop.hl7;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/** PV1 (+ PV2) to Encounter with attending/referring/consulting/admitting Practitioners. */
final class EncounterMapper {

    private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    /** Identifier system of the unit/ward (PL-1 point of care) on Encounter.location references. */
    static final String POINT_OF_CARE_SYSTEM = io.chartbrief.interop.event.SummaryDocumentProfile.POINT_OF_CARE;
    private static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

    private EncounterMapper() {
    }

    /**
     * Encounter id: PV1-19 visit number (+ authority), else patient + PV1-44 admit time, else patient + MSH-10
     * (a visit we cannot recognise again gets one id per message).
     */
    static Reference map(Er7Segment pv1, Er7Segment pv2, ConversionContext ctx) {
        Er7Value visit = pv1.first(19);
        String admit = pv1.text(44);
        String id;
        if (!visit.component(1).isEmpty()) {
            id = DeterministicIds.of("Encounter", "visit", Hl7DataTypes.authorityKey(visit, 4), visit.component(1));
        } else if (!admit.isEmpty()) {
            id = DeterministicIds.of("Encounter", "admit", ctx.patientId, admit);
        } else {
            id = DeterministicIds.of("Encounter", "message", ctx.patientId, ctx.messageKey);
        }
        Encounter e = new Encounter();
        e.setId(id);
        if (!visit.component(1).isEmpty()) {
            e.addIdentifier(Hl7DataTypes.identifier(visit)).getIdentifierFirstRep()
                    .setType(Hl7DataTypes.tableConcept(Hl7DataTypes.V2_TABLE + "0203", "VN", "Visit number"));
        }
        e.setClass_(encounterClass(pv1.text(2), ctx));
        Period period = new Period();
        Hl7DateTime start = ctx.dateTime(pv1, 44, "admit date/time");
        if (start != null) {
            period.setStartElement(start.toDateTime());
        }
        Hl7DateTime end = ctx.dateTime(pv1, 45, "discharge date/time");
        e.setStatus(status(ctx, pv1, end != null));
        if (end != null && !"A13".equals(ctx.trigger())) {
            period.setEndElement(end.toDateTime()); // A13 cancels the discharge: no end
        }
        if (!period.isEmpty()) {
            e.setPeriod(period);
        }
        e.setSubject(ctx.patient);
        String location = location(pv1.first(3));
        if (!location.isEmpty()) {
            Reference current = new Reference().setDisplay(location);
            // The point of care (PL-1) is the unit/ward: readers such as the inbox route by it.
            String pointOfCare = pv1.first(3).component(1);
            if (!pointOfCare.isEmpty()) {
                current.setIdentifier(new Identifier().setSystem(POINT_OF_CARE_SYSTEM).setValue(pointOfCare));
            }
            e.addLocation().setStatus(Encounter.EncounterLocationStatus.ACTIVE).setLocation(current);
        }
        String prior = location(pv1.first(6));
        if (!prior.isEmpty()) {
            e.addLocation().setStatus(Encounter.EncounterLocationStatus.COMPLETED)
                    .setLocation(new Reference().setDisplay(prior));
        }
        participants(e, PractitionerMapper.all(pv1, 7, ctx), "ATND", "attender");
        participants(e, PractitionerMapper.all(pv1, 8, ctx), "REF", "referrer");
        participants(e, PractitionerMapper.all(pv1, 9, ctx), "CON", "consultant");
        participants(e, PractitionerMapper.all(pv1, 17, ctx), "ADM", "admitter");
        String service = pv1.text(10);
        if (!service.isEmpty()) {
            e.setServiceType(Hl7DataTypes.tableConcept(Hl7DataTypes.V2_TABLE + "0069", service, null));
        }
        String admitSource = pv1.text(14);
        if (!admitSource.isEmpty()) {
            e.getHospitalization().setAdmitSource(
                    Hl7DataTypes.tableConcept(Hl7DataTypes.V2_TABLE + "0023", admitSource, null));
        }
        String disposition = pv1.text(36);
        if (!disposition.isEmpty()) {
            e.getHospitalization().setDischargeDisposition(
                    Hl7DataTypes.tableConcept(Hl7DataTypes.V2_TABLE + "0112", disposition, null));
        }
        if (pv2 != null && !pv2.first(3).isEmpty()) {
            CodeableConcept reason = Hl7DataTypes.codeableConcept(pv2.first(3));
            if (!reason.isEmpty()) {
                e.addReasonCode(reason);
            }
        }
        if ("ADT".equals(ctx.header.messageCode())) {
            ctx.encounter = ctx.bundle.add(e);
        } else {
            // Results, notes and orders only reference the visit: they must not replace what ADT said about it.
            ctx.encounter = ctx.bundle.addConditionalCreate(e, ifNoneExist(e));
        }
        return ctx.encounter;
    }

    /**
     * The conditional-create query of a non-ADT Encounter: {@code identifier=system|visit number} when the visit
     * number has an authority (the id is derived from exactly these), else {@code _id=<id>}.
     */
    static String ifNoneExist(Encounter e) {
        if (e.hasIdentifier() && e.getIdentifierFirstRep().hasSystem() && e.getIdentifierFirstRep().hasValue()) {
            Identifier visit = e.getIdentifierFirstRep();
            return "identifier=" + queryValue(tokenPart(visit.getSystem())) + "|"
                    + queryValue(tokenPart(visit.getValue()));
        }
        return "_id=" + queryValue(e.getIdElement().getIdPart());
    }

    /** FHIR search escaping of a token part: {@code \ , $ |} get a backslash. */
    private static String tokenPart(String s) {
        return s.replaceAll("([\\\\,$|])", "\\\\$1");
    }

    /** Percent-encodes what may not stand in a URL query value (keeps {@code : / |} readable). */
    private static String queryValue(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || "-._~:/|@!*'()".indexOf(c) >= 0) {
                b.append(c);
            } else {
                b.append('%').append(String.format("%02X", x & 0xff));
            }
        }
        return b.toString();
    }

    /**
     * Encounter.status from the ADT trigger (the table in docs/hl7v2-mapping.md, "ADT events"). The message PUTs the
     * whole Encounter, so an event that does not change where the visit stands (tracking, pending, cancelling a
     * pending or tracking event, updates) must still give the right status: it is read from PV1 itself — discharged
     * (PV1-45) finished, pre-admit class (PV1-2 {@code P}) planned, else in progress. Never {@code unknown} for an
     * ADT visit event: that would replace an in-progress admission with a visit of unknown state. Other messages
     * only know "finished" (PV1-45) or "unknown"; they never replace what ADT said (conditional create).
     */
    private static Encounter.EncounterStatus status(ConversionContext ctx, Er7Segment pv1, boolean discharged) {
        if (!"ADT".equals(ctx.header.messageCode())) {
            return discharged ? Encounter.EncounterStatus.FINISHED : Encounter.EncounterStatus.UNKNOWN;
        }
        switch (ctx.trigger()) {
            case "A01": // admit
            case "A02": // transfer
            case "A06": // outpatient to inpatient
            case "A07": // inpatient to outpatient
            case "A12": // cancel transfer
            case "A13": // cancel discharge (period.end dropped below)
            case "A22": // return from leave of absence
                return Encounter.EncounterStatus.INPROGRESS;
            case "A21": // leave of absence
            case "A53": // cancel return from leave of absence: on leave again
                return Encounter.EncounterStatus.ONLEAVE;
            case "A04": // register (outpatient / emergency arrival)
                return Encounter.EncounterStatus.ARRIVED;
            case "A05": // pre-admit
            case "A14": // pending admit
                return Encounter.EncounterStatus.PLANNED;
            case "A03": // discharge
                return Encounter.EncounterStatus.FINISHED;
            case "A11": // cancel admit
            case "A27": // cancel pending admit
            case "A38": // cancel pre-admit
                return Encounter.EncounterStatus.CANCELLED;
            case "A23": // delete a visit
                return Encounter.EncounterStatus.ENTEREDINERROR;
            default:
                // A08 update, A09/A10 tracking, A15/A16 pending transfer/discharge, A25/A26 cancel pending,
                // A32/A33 cancel tracking, A52 cancel leave of absence, and any other ADT event with a PV1
                if (discharged) {
                    return Encounter.EncounterStatus.FINISHED;
                }
                return "P".equals(pv1.text(2)) ? Encounter.EncounterStatus.PLANNED
                        : Encounter.EncounterStatus.INPROGRESS;
        }
    }

    private static Coding encounterClass(String code, ConversionContext ctx) {
        switch (code) {
            case "I":
                return new Coding(ACT_CODE, "IMP", "inpatient encounter");
            case "E":
                return new Coding(ACT_CODE, "EMER", "emergency");
            case "O":
            case "R":
            case "B":
                return new Coding(ACT_CODE, "AMB", "ambulatory");
            case "P":
                return new Coding(ACT_CODE, "PRENC", "pre-admission");
            default:
                if (!code.isEmpty()) {
                    ctx.warn("PV1-2 (patient class) is not a known HL7 table 0004 code; class set to unknown");
                }
                return new Coding("http://terminology.hl7.org/CodeSystem/v3-NullFlavor", "UNK", "unknown");
        }
    }

    private static void participants(Encounter e, List<Reference> people, String code, String display) {
        for (Reference who : people) {
            e.addParticipant().setIndividual(who)
                    .addType(Hl7DataTypes.tableConcept(PARTICIPATION, code, display));
        }
    }

    /** PL (point of care ^ room ^ bed ^ facility ...) as one display text. */
    static String location(Er7Value pl) {
        StringBuilder b = new StringBuilder();
        for (int c : new int[] {1, 2, 3, 4}) {
            String part = c == 4 ? pl.sub(4, 1) : pl.component(c);
            if (!part.isEmpty()) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(part);
            }
        }
        return b.toString();
    }
}
