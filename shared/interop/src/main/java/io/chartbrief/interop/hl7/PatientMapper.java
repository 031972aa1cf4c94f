package io.chartbrief.interop.hl7;

import io.chartbrief.interop.event.ConversionException;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/** PID to Patient, and MRG (merge, A40) to the retired Patient with replaces/replaced-by links. */
final class PatientMapper {

    private PatientMapper() {
    }

    /**
     * The patient id key: the first PID-3 identifier (authority + value; the type code only when there is no
     * authority), else PID-2 / PID-4 (pre-2.5 external and alternate ids).
     */
    static String patientId(Er7Segment pid) throws ConversionException {
        for (int field : new int[] {3, 2, 4}) {
            for (Er7Value cx : pid.repetitions(field)) {
                String id = idOf(cx);
                if (id != null) {
                    return id;
                }
            }
        }
        throw new Hl7RejectedException(Hl7RejectedException.REQUIRED_FIELD_MISSING, "PID", 3, false,
                "PID-3 patient identifier list is empty");
    }

    private static String idOf(Er7Value cx) {
        String value = cx.component(1);
        if (value.isEmpty()) {
            return null;
        }
        String authority = Hl7DataTypes.authorityKey(cx, 4);
        return "&".equals(authority)
                ? DeterministicIds.of("Patient", "type:" + cx.component(5), value)
                : DeterministicIds.of("Patient", authority, value);
    }

    static Reference map(Er7Segment pid, ConversionContext ctx) throws ConversionException {
        String id = patientId(pid);
        Patient p = new Patient();
        p.setId(id);
        p.setActive(true);
        for (int field : new int[] {3, 2, 4}) {
            for (Er7Value cx : pid.repetitions(field)) {
                if (!cx.component(1).isEmpty()) {
                    p.addIdentifier(Hl7DataTypes.identifier(cx));
                }
            }
        }
        String ssn = pid.text(19);
        if (!ssn.isEmpty()) {
            p.addIdentifier(new Identifier().setSystem("http://hl7.org/fhir/sid/us-ssn").setValue(ssn));
        }
        for (Er7Value xpn : pid.repetitions(5)) {
            if (!xpn.component(1).isEmpty() || !xpn.component(2).isEmpty()) {
                p.addName(Hl7DataTypes.humanName(xpn, 1));
            }
        }
        Hl7DateTime birth = ctx.dateTime(pid, 7, "date of birth");
        if (birth != null) {
            p.setBirthDateElement(birth.toDate());
        }
        String sex = pid.text(8);
        if (!sex.isEmpty()) {
            p.setGender(gender(sex, ctx));
        }
        for (Er7Value xad : pid.repetitions(11)) {
            p.addAddress(Hl7DataTypes.address(xad));
        }
        addTelecom(p, pid.repetitions(13), ContactPoint.ContactPointUse.HOME);
        addTelecom(p, pid.repetitions(14), ContactPoint.ContactPointUse.WORK);
        String marital = pid.text(16);
        if (!marital.isEmpty()) {
            p.setMaritalStatus(Hl7DataTypes.codeableConcept(pid.first(16)));
        }
        Hl7DateTime death = ctx.dateTime(pid, 29, "patient death date and time");
        if (death != null) {
            p.setDeceased(death.toDateTime());
        } else if ("Y".equals(pid.text(30))) {
            p.setDeceased(new BooleanType(true));
        } else if ("N".equals(pid.text(30))) {
            p.setDeceased(new BooleanType(false));
        }
        ctx.patientId = id;
        ctx.patient = ctx.bundle.add(p);
        return ctx.patient;
    }

    /**
     * A40: the MRG-1 prior identifier becomes an inactive Patient replaced by the surviving one. MRG-4 (prior
     * patient id, pre-2.5) is the fallback.
     */
    static void mapMerge(Er7Segment mrg, ConversionContext ctx) {
        String oldId = null;
        Patient old = new Patient();
        for (int field : new int[] {1, 4}) {
            for (Er7Value cx : mrg.repetitions(field)) {
                String id = idOf(cx);
                if (id != null) {
                    if (oldId == null) {
                        oldId = id;
                    }
                    old.addIdentifier(Hl7DataTypes.identifier(cx));
                }
            }
        }
        if (oldId == null) {
            ctx.warn("MRG-1 (prior patient identifier list) is empty; merge not recorded");
            return;
        }
        if (oldId.equals(ctx.patientId)) {
            ctx.warn("MRG-1 (prior patient identifier) equals PID-3; merge not recorded");
            return;
        }
        old.setId(oldId);
        old.setActive(false);
        old.addLink().setType(Patient.LinkType.REPLACEDBY).setOther(new Reference(ctx.patient.getReference()));
        for (Er7Value xpn : mrg.repetitions(7)) {
            old.addName(Hl7DataTypes.humanName(xpn, 1));
        }
        Reference oldRef = ctx.bundle.add(old);
        Patient survivor = (Patient) ctx.bundle.resource("Patient", ctx.patientId);
        survivor.addLink().setType(Patient.LinkType.REPLACES).setOther(oldRef);
    }

    private static void addTelecom(Patient p, List<Er7Value> reps, ContactPoint.ContactPointUse use) {
        for (Er7Value xtn : reps) {
            ContactPoint cp = Hl7DataTypes.contactPoint(xtn, use);
            if (cp.hasValue()) {
                p.addTelecom(cp);
            }
        }
    }

    private static AdministrativeGender gender(String code, ConversionContext ctx) {
        switch (code.toUpperCase()) {
            case "M":
                return AdministrativeGender.MALE;
            case "F":
                return AdministrativeGender.FEMALE;
            case "O":
            case "A":
            case "X":
                return AdministrativeGender.OTHER;
            case "U":
            case "N":
                return AdministrativeGender.UNKNOWN;
            default:
                ctx.warn("PID-8 (administrative sex) is not an HL7 table 0001 code; mapped to unknown");
                return AdministrativeGender.UNKNOWN;
        }
    }
}
