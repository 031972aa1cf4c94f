package io.chartbrief.audit;

import jakarta.enterprise.context.RequestScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link PhiRead} method found out about its read, for its AuditEvent: the patients whose data it answered
 * (a merged id's survivor, a search's matches: one AuditEvent each) and the resource it read.
 */
@RequestScoped
public class ReadAuditContext {

    private List<String> patients;
    private String resource;

    /** The patient whose data is answered ({@code Patient/<id>}). */
    public void patient(String patientKey) {
        patients(patientKey == null ? List.of() : List.of(patientKey));
    }

    /** The patients whose data is answered; an empty list records one AuditEvent naming no patient. */
    public void patients(List<String> patientKeys) {
        this.patients = new ArrayList<>(patientKeys);
    }

    /** The resource read ({@code Type/id}). */
    public void resource(String typeAndId) {
        this.resource = typeAndId;
    }

    List<String> patients() {
        return patients;
    }

    String resource() {
        return resource;
    }
}
