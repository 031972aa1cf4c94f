package io.chartbrief.interop.fhir;

import io.chartbrief.interop.event.ConversionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Patient.LinkType;
import org.hl7.fhir.r4.model.Patient.PatientLinkComponent;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Decides which patient a submission is about: events are keyed per patient, so a submission must name exactly
 * one (several Patient resources only when they are linked to each other, as in a merge).
 */
final class SubmissionPatient {

    private static final List<String> PATIENT_ELEMENTS = List.of("subject", "patient");

    private SubmissionPatient() {
    }

    /**
     * The patient key {@code Patient/<id>}: the submission's Patient resource; else the patient most often named by
     * the resources' {@code subject}/{@code patient} references (first seen wins a tie). Call after
     * {@link EntryIdentities#assign}, so references already point at {@code Patient/id}.
     */
    static String keyOf(List<SubmissionEntry> entries) throws ConversionException {
        List<Patient> patients = new ArrayList<>();
        for (SubmissionEntry entry : entries) {
            if (entry.resource() instanceof Patient patient) {
                patients.add(patient);
            }
        }
        if (patients.size() == 1) {
            return key(patients.get(0));
        }
        if (patients.size() > 1) {
            return keyOfLinked(patients);
        }
        return keyByReferences(entries);
    }

    private static String keyOfLinked(List<Patient> patients) throws ConversionException {
        if (!allLinked(patients)) {
            throw new ConversionException("submission holds " + patients.size()
                    + " patients; send one patient per submission");
        }
        // The surviving record of a merge: the first patient not itself replaced by another.
        for (Patient patient : patients) {
            boolean replaced = patient.getLink().stream().anyMatch(link -> link.getType() == LinkType.REPLACEDBY);
            if (!replaced) {
                return key(patient);
            }
        }
        return key(patients.get(0));
    }

    /** Whether the Patient.link graph (either direction) connects every patient of the submission. */
    private static boolean allLinked(List<Patient> patients) {
        Map<String, List<String>> neighbours = new LinkedHashMap<>();
        patients.forEach(patient -> neighbours.put(key(patient), new ArrayList<>()));
        for (Patient patient : patients) {
            for (PatientLinkComponent link : patient.getLink()) {
                String other = link.getOther().getReference();
                if (other != null && neighbours.containsKey(other)) {
                    neighbours.get(key(patient)).add(other);
                    neighbours.get(other).add(key(patient));
                }
            }
        }
        List<String> reached = new ArrayList<>(List.of(key(patients.get(0))));
        java.util.Set<String> seen = new java.util.HashSet<>(reached); // linear in links, even for 10,000 patients
        for (int i = 0; i < reached.size(); i++) {
            for (String next : neighbours.get(reached.get(i))) {
                if (seen.add(next)) {
                    reached.add(next);
                }
            }
        }
        return reached.size() == neighbours.size();
    }

    private static String keyByReferences(List<SubmissionEntry> entries) throws ConversionException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (SubmissionEntry entry : entries) {
            for (String element : PATIENT_ELEMENTS) {
                for (Base value : valuesOf(entry.resource(), element)) {
                    String key = value instanceof Reference reference ? patientKey(reference) : null;
                    if (key != null) {
                        counts.merge(key, 1, Integer::sum);
                    }
                }
            }
        }
        String best = null;
        for (Map.Entry<String, Integer> count : counts.entrySet()) {
            if (best == null || count.getValue() > counts.get(best)) {
                best = count.getKey();
            }
        }
        if (best == null) {
            throw new ConversionException(
                    "submission names no patient (no Patient resource and no subject/patient reference)");
        }
        return best;
    }

    private static List<Base> valuesOf(Resource resource, String element) {
        try {
            Property property = resource.getNamedProperty(element);
            return property == null ? List.of() : property.getValues();
        } catch (FHIRException e) {
            return List.of();
        }
    }

    /** {@code Patient/<id>} for a literal (relative or absolute) reference to a Patient; else null. */
    private static String patientKey(Reference reference) {
        String target = reference.getReference();
        if (target == null || target.contains("?") || target.startsWith("#") || target.startsWith("urn:")) {
            return null;
        }
        IdType id = new IdType(target);
        return "Patient".equals(id.getResourceType()) && id.hasIdPart() ? "Patient/" + id.getIdPart() : null;
    }

    private static String key(Patient patient) {
        return "Patient/" + patient.getIdElement().getIdPart();
    }
}
