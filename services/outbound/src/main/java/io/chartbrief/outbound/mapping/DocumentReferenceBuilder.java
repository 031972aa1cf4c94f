package io.chartbrief.outbound.mapping;

import ca.uhn.fhir.parser.IParser;
import io.chartbrief.interop.event.SummaryDocumentProfile;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.interop.summary.SummaryDocument;
import io.chartbrief.outbound.service.Delivery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/**
 * One summary as a FHIR R4 DocumentReference: {@code masterIdentifier} = the summary id (the document Bundle's own
 * identifier, so a server and a resend agree on it), status current, type = the Composition's LOINC code, subject
 * and context.encounter by the EHR's identifiers (logical references: the server needs to know no ChartBrief id),
 * author = a contained ChartBrief Device, the AIAST label when a model wrote it, the document Bundle attached
 * (application/fhir+json, size, SHA-1 hash), and {@code relatesTo replaces} the superseded summary's
 * DocumentReference. Thread-safe.
 */
public final class DocumentReferenceBuilder {

    /** System of a summary id that is no UUID (a UUID is {@code urn:ietf:rfc:3986|urn:uuid:…}, as Bundle.identifier). */
    public static final String SUMMARY_ID_SYSTEM = "https://chartbrief.io/fhir/summary-id";
    /** System of ChartBrief's own patient id, used only when the document's Patient carries no identifier. */
    public static final String PATIENT_ID_SYSTEM = "https://chartbrief.io/fhir/patient-id";
    private static final String URI_SYSTEM = "urn:ietf:rfc:3986";
    private static final String FORMAT_SYSTEM = "http://ihe.net/fhir/ihe.formatcode.fhir/CodeSystem/formatcode";
    private static final String SUMMARY_CODE = "60591-5";

    /** The identifier of a summary: what {@code masterIdentifier} carries and {@code identifier=} searches for. */
    public static Identifier summaryIdentifier(String summaryId) {
        try {
            UUID uuid = UUID.fromString(summaryId);
            return new Identifier().setSystem(URI_SYSTEM).setValue("urn:uuid:" + uuid);
        } catch (IllegalArgumentException e) {
            return new Identifier().setSystem(SUMMARY_ID_SYSTEM).setValue(summaryId);
        }
    }

    /** {@code system|value} of an identifier, as a token search parameter takes it (not yet URL-encoded). */
    public static String token(Identifier identifier) {
        return identifier.getSystem() + "|" + identifier.getValue();
    }

    /**
     * The DocumentReference of a delivery.
     *
     * @param replaced the server's id ({@code DocumentReference/…}) of the document this one replaces, or null when
     *                 it is new or the server holds no such document (then the replaced summary is named by identifier)
     */
    public DocumentReference build(Delivery delivery, String replaced) {
        return build(delivery, replaced, false);
    }

    /**
     * The DocumentReference of a delivery.
     *
     * @param replaced           as {@link #build(Delivery, String)}
     * @param conditionalSubject whether {@code subject.reference} is also the conditional reference
     *                           {@code Patient?identifier=system|value}, for the server to resolve to its Patient
     */
    public DocumentReference build(Delivery delivery, String replaced, boolean conditionalSubject) {
        SummaryDocument doc = delivery.document();
        DocumentReference ref = new DocumentReference();
        ref.setMasterIdentifier(summaryIdentifier(delivery.summaryId()));
        ref.setStatus(DocumentReferenceStatus.CURRENT);
        ref.setType(type(doc));
        Reference subject = patient(doc);
        if (conditionalSubject) {
            subject.setReference("Patient?identifier=" + token(subject.getIdentifier()));
        }
        ref.setSubject(subject);
        Reference encounter = encounter(doc);
        if (encounter != null) {
            ref.getContext().addEncounter(encounter);
        }
        ref.setDate(Date.from(doc.documentTime()));
        Device device = new Device();
        device.setId("chartbrief");
        device.addDeviceName().setName("ChartBrief").setType(Device.DeviceNameType.USERFRIENDLYNAME);
        device.addVersion().setValue(doc.engineKind() + " summary engine"
                + (doc.content().engine() != null && doc.content().engine().model() != null
                        ? " (" + doc.content().engine().model() + ")" : ""));
        ref.addContained(device);
        ref.addAuthor(new Reference("#chartbrief"));
        ref.setDescription(doc.aiGenerated() ? "ChartBrief patient summary (AI-generated)" : "ChartBrief patient summary");
        if (doc.aiGenerated()) {
            ref.addSecurityLabel().addCoding(new Coding(SummaryDocumentProfile.OBSERVATION_VALUE,
                    SummaryDocumentProfile.AI_ASSERTED, "Artificial Intelligence asserted"));
        }
        if (delivery.replaces()) {
            Reference target = replaced != null ? new Reference(replaced)
                    : new Reference().setIdentifier(summaryIdentifier(delivery.parentSummaryId()));
            ref.addRelatesTo().setCode(DocumentReference.DocumentRelationshipType.REPLACES).setTarget(target);
        }
        byte[] bundle = bundleJson(doc).getBytes(StandardCharsets.UTF_8);
        Attachment attachment = new Attachment().setContentType("application/fhir+json").setData(bundle)
                .setSize(bundle.length).setHash(sha1(bundle)).setTitle("Patient summary")
                .setCreation(Date.from(doc.documentTime()));
        ref.addContent().setAttachment(attachment)
                .setFormat(new Coding(FORMAT_SYSTEM, "urn:ihe:iti:xds:2017:mimeTypeSufficient", "mimeType Sufficient"));
        return ref;
    }

    /** The document Bundle as JSON: the attachment's data, and the body of {@code POST {base}/Bundle}. */
    public String bundleJson(SummaryDocument doc) {
        return parser().encodeResourceToString(doc.bundle());
    }

    /** A resource as JSON. */
    public String json(org.hl7.fhir.r4.model.Resource resource) {
        return parser().encodeResourceToString(resource);
    }

    private static IParser parser() {
        return FhirContexts.r4().newJsonParser();
    }

    private static CodeableConcept type(SummaryDocument doc) {
        return doc.bundle().getEntry().stream().map(e -> e.getResource())
                .filter(r -> r instanceof Composition c && c.hasType()).map(r -> ((Composition) r).getType().copy())
                .findFirst().orElseGet(() -> new CodeableConcept().addCoding(
                        new Coding(SummaryDocumentProfile.LOINC, SUMMARY_CODE, "Patient summary Document")));
    }

    /** By the Patient's identifier (an MR first), else ChartBrief's own id. */
    private static Reference patient(SummaryDocument doc) {
        Patient patient = doc.resource(doc.patient()) instanceof Patient p ? p : null;
        Identifier chosen = patient == null ? null : patient.getIdentifier().stream()
                .filter(i -> i.hasValue() && i.hasSystem())
                .min(Comparator.comparing(i -> i.getType().getCoding().stream().anyMatch(c -> "MR".equals(c.getCode()))
                        ? 0 : 1))
                .orElse(null);
        if (chosen == null) {
            chosen = new Identifier().setSystem(PATIENT_ID_SYSTEM).setValue(doc.patient().substring("Patient/".length()));
        }
        return new Reference().setType("Patient").setIdentifier(copy(chosen));
    }

    private static Reference encounter(SummaryDocument doc) {
        Encounter encounter = doc.encounterResource();
        if (encounter == null) {
            return null;
        }
        return encounter.getIdentifier().stream().filter(i -> i.hasValue() && i.hasSystem()).findFirst()
                .map(i -> new Reference().setType("Encounter").setIdentifier(copy(i))).orElse(null);
    }

    private static Identifier copy(Identifier identifier) {
        Identifier copy = new Identifier().setSystem(identifier.getSystem()).setValue(identifier.getValue().trim());
        if (identifier.hasType()) {
            copy.setType(identifier.getType().copy());
        }
        return copy;
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);   // R4 Attachment.hash is SHA-1
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
