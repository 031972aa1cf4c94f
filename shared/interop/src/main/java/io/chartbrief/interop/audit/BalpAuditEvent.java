package io.chartbrief.interop.audit;

import io.chartbrief.interop.fhir.FhirContexts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * Builds the FHIR R4 AuditEvent of one {@link PhiAccess}, in the shape of the IHE Basic Audit Log Patterns (BALP)
 * patient read / patient query events: type {@code rest}, subtype the RESTful interaction, action R (read) or E
 * (search), outcome 0/4/8 from the HTTP status, the caller as requesting agent and this service (a Device) as the
 * answering agent and observer, the patient as a reference, and what was read. Pure: no I/O, no clock of its own.
 *
 * <p>No PHI value goes in: the patient and the resource are references ({@code Type/id}, dropped when not a valid
 * FHIR id), and the query entity carries only the <em>names</em> of the query parameters (base64 of
 * {@code name&name…}, never their values: an {@code identifier=} value is an MRN, and a hash of one is easily
 * reversed by trying every MRN).
 */
public final class BalpAuditEvent {

    /** AuditEvent.type system (DICOM/HL7 audit event types). */
    public static final String TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    /** AuditEvent.subtype system. */
    public static final String INTERACTION_SYSTEM = "http://hl7.org/fhir/restful-interaction";
    /** DICOM codes of the agent types (110153 Source Role ID = the client, 110152 Destination Role ID = server). */
    public static final String DICOM_SYSTEM = "http://dicom.nema.org/resources/ontology/DCM";
    /** Identifier system of a caller's token subject. */
    public static final String SUBJECT_SYSTEM = "urn:chartbrief:token-subject";
    /** Identifier system of a ChartBrief service (the server agent and the observer). */
    public static final String SERVICE_SYSTEM = "urn:chartbrief:service";
    /** System of the caller's roles (token groups). */
    public static final String ROLE_SYSTEM = "urn:chartbrief:role";
    static final String ENTITY_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String OBJECT_ROLE_SYSTEM = "http://terminology.hl7.org/CodeSystem/object-role";
    static final String SOURCE_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/security-source-type";

    private static final Pattern PATIENT = Pattern.compile("Patient/[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern RESOURCE = Pattern.compile("[A-Z][A-Za-z]{1,63}/[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern PARAMETER = Pattern.compile("[A-Za-z0-9_\\-.:]{1,64}");

    private BalpAuditEvent() {
    }

    /**
     * The AuditEvent of {@code access} as {@code service} observed it.
     *
     * @param id       the AuditEvent's id (a UUID; also the row key where it is stored)
     * @param service  the observing ChartBrief service, e.g. {@code chartbrief-chart}
     * @param recorded when the access was answered
     */
    public static AuditEvent of(String id, String service, Instant recorded, PhiAccess access) {
        AuditEvent event = new AuditEvent();
        event.setId(id);
        event.setType(new Coding(TYPE_SYSTEM, "rest", "RESTful Operation"));
        event.addSubtype(new Coding(INTERACTION_SYSTEM, access.interaction().code(), access.interaction().display()));
        event.setAction(AuditEventAction.fromCode(access.interaction().action()));
        event.setRecorded(Date.from(recorded));
        event.setOutcome(outcome(access.status()));
        event.setOutcomeDesc("HTTP " + access.status());

        AuditEventAgentComponent client = event.addAgent()
                .setType(concept(DICOM_SYSTEM, "110153", "Source Role ID"))
                .setRequestor(true);
        if (access.subject() != null && !access.subject().isBlank()) {
            client.setWho(new Reference().setIdentifier(new Identifier().setSystem(SUBJECT_SYSTEM)
                    .setValue(access.subject())));
        } else {
            client.setWho(new Reference().setDisplay("unauthenticated caller"));
        }
        if (access.clientId() != null && !access.clientId().isBlank()) {
            client.setAltId(access.clientId());
        }
        access.roles().forEach(role -> client.addRole(concept(ROLE_SYSTEM, role, null)));
        if (access.clientAddress() != null && !access.clientAddress().isBlank()) {
            client.getNetwork().setAddress(access.clientAddress())
                    .setType(AuditEvent.AuditEventAgentNetworkType._2);
        }

        event.addAgent()
                .setType(concept(DICOM_SYSTEM, "110152", "Destination Role ID"))
                .setWho(device(service))
                .setRequestor(false);

        event.getSource().setSite("ChartBrief").setObserver(device(service))
                .addType(new Coding(SOURCE_TYPE_SYSTEM, "4", "Application Server"));

        String patient = patientReference(access.patientKey());
        if (patient != null) {
            event.addEntity().setWhat(new Reference(patient))
                    .setType(new Coding(ENTITY_TYPE_SYSTEM, "1", "Person"))
                    .setRole(new Coding(OBJECT_ROLE_SYSTEM, "1", "Patient"));
        }
        AuditEventEntityComponent what = event.addEntity()
                .setType(new Coding(ENTITY_TYPE_SYSTEM, "2", "System Object"))
                .setDescription(access.operation());
        if (access.resource() != null && RESOURCE.matcher(access.resource()).matches()) {
            what.setWhat(new Reference(access.resource()));
        }
        if (access.interaction() == PhiAccess.Interaction.SEARCH) {
            what.setRole(new Coding(OBJECT_ROLE_SYSTEM, "24", "Query"))
                    .setQuery(queryNames(access).getBytes(StandardCharsets.UTF_8));
        } else {
            what.setRole(new Coding(OBJECT_ROLE_SYSTEM, "4", "Domain Resource"));
        }
        return event;
    }

    /** {@link #of} as FHIR JSON (what is stored and published on {@code ehr.audit}). */
    public static String json(String id, String service, Instant recorded, PhiAccess access) {
        return FhirContexts.r4().newJsonParser().encodeResourceToString(of(id, service, recorded, access));
    }

    /**
     * {@code key} when it is a valid patient reference ({@code Patient/<FHIR id>}), else null: what is stored and
     * used as the {@code ehr.audit} record key, so a caller's junk (a name typed as an id) never is.
     */
    public static String patientReference(String key) {
        return key != null && PATIENT.matcher(key).matches() ? key : null;
    }

    /** AuditEvent.outcome of an HTTP status: 0 below 400, 4 (minor failure) for 4xx, 8 (serious failure) for 5xx. */
    public static AuditEventOutcome outcome(int status) {
        if (status < 400) {
            return AuditEventOutcome._0;
        }
        return status < 500 ? AuditEventOutcome._4 : AuditEventOutcome._8;
    }

    /** The query parameter names, {@code &}-joined, each kept only when it looks like a parameter name. */
    static String queryNames(PhiAccess access) {
        StringBuilder names = new StringBuilder();
        for (String name : access.queryParameters()) {
            if (name != null && PARAMETER.matcher(name).matches()) {
                names.append(names.isEmpty() ? "" : "&").append(name);
            }
        }
        return names.toString();
    }

    private static Reference device(String service) {
        return new Reference().setType("Device").setDisplay(service)
                .setIdentifier(new Identifier().setSystem(SERVICE_SYSTEM).setValue(service));
    }

    private static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept(new Coding(system, code, display));
    }
}
