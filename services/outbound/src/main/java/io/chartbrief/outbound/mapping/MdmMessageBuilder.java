package io.chartbrief.outbound.mapping;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.v251.message.MDM_T02;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.chartbrief.interop.event.SummaryDocumentProfile;
import io.chartbrief.interop.summary.SummaryDocument;
import io.chartbrief.interop.summary.SummaryTextRenderer;
import io.chartbrief.outbound.config.OutboundConfig;
import io.chartbrief.outbound.service.Delivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

/**
 * One summary as an HL7 v2.5.1 MDM message (structure MDM_T02): {@code MDM^T02} for a new document,
 * {@code MDM^T10} (TXA-13 = the replaced document) for a superseding one. MSH, EVN, PID (the patient's identifiers
 * from the document's Patient copy), PV1 (the encounter), TXA (document type, activity time, originator =
 * ChartBrief, unique document number = summary id, completion and availability status) and one OBX of type TX per
 * line of the summary's text ({@link SummaryTextRenderer}: notice, sections with evidence references, ...). Built
 * with HAPI's model, so delimiters in the text are escaped. Times are UTC with an explicit offset. Thread-safe.
 */
public final class MdmMessageBuilder {

    /** OBX-3 of the text lines: LOINC "Patient summary Document", the code the FHIR document carries. */
    static final String OBSERVATION_ID = "60591-5";
    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ")
            .withZone(ZoneOffset.UTC);
    private static final String AUTHORITY_PREFIX = "urn:chartbrief:authority:";

    private final OutboundConfig.Mdm config;
    private final HapiContext hapi = new DefaultHapiContext(ValidationContextFactory.noValidation());

    public MdmMessageBuilder(OutboundConfig.Mdm config) {
        this.config = config;
    }

    /** The message as ER7 text, segments separated by {@code \r}. */
    public String build(Delivery delivery, Instant now) {
        try {
            return hapi.getPipeParser().encode(message(delivery, now));
        } catch (HL7Exception e) {
            throw new IllegalStateException("could not build the MDM message of summary " + delivery.summaryId(), e);
        }
    }

    private MDM_T02 message(Delivery delivery, Instant now) throws HL7Exception {
        SummaryDocument doc = delivery.document();
        String event = delivery.replaces() ? "T10" : "T02";
        MDM_T02 message = new MDM_T02();
        message.setParser(hapi.getPipeParser());
        Terser t = new Terser(message);
        t.set("/MSH-1", "|");
        t.set("/MSH-2", "^~\\&");
        t.set("/MSH-3-1", config.sendingApplication());
        t.set("/MSH-4-1", config.sendingFacility());
        t.set("/MSH-5-1", config.receivingApplication().orElse(""));
        t.set("/MSH-6-1", config.receivingFacility().orElse(""));
        t.set("/MSH-7-1", time(now));
        t.set("/MSH-9-1", "MDM");
        t.set("/MSH-9-2", event);
        t.set("/MSH-9-3", "MDM_T02");
        t.set("/MSH-10", delivery.transmissionId());
        t.set("/MSH-11-1", config.processingId());
        t.set("/MSH-12-1", "2.5.1");
        t.set("/MSH-18", "UNICODE UTF-8");

        t.set("/EVN-1", event);
        t.set("/EVN-2-1", time(now));

        t.set("/PID-1", "1");
        Patient patient = doc.resource(doc.patient()) instanceof Patient p ? p : null;
        List<Identifier> ids = patient == null ? List.of()
                : patient.getIdentifier().stream().filter(i -> i.hasValue() && !i.getValue().isBlank()).toList();
        if (ids.isEmpty()) {
            // No identifier in the copy: ChartBrief's own patient id, so the receiver can still tell patients apart.
            t.set("/PID-3(0)-1", doc.patient().substring("Patient/".length()));
            t.set("/PID-3(0)-4-1", config.sendingApplication());
        }
        for (int i = 0; i < ids.size(); i++) {
            identifier(t, "/PID-3(" + i + ")", ids.get(i));
        }
        if (patient != null) {
            name(t, patient);
            if (patient.hasBirthDate()) {
                t.set("/PID-7-1", patient.getBirthDateElement().getValueAsString().replace("-", ""));
            }
            if (patient.hasGender()) {
                t.set("/PID-8", switch (patient.getGender()) {
                    case MALE -> "M";
                    case FEMALE -> "F";
                    case OTHER -> "O";
                    default -> "U";
                });
            }
        }

        t.set("/PV1-1", "1");
        Encounter encounter = doc.encounterResource();
        t.set("/PV1-2", patientClass(encounter));
        if (encounter != null) {
            encounter.getLocation().stream().filter(l -> l.getLocation().getIdentifier().hasValue()
                    && SummaryDocumentProfile.POINT_OF_CARE.equals(l.getLocation().getIdentifier().getSystem()))
                    .findFirst().ifPresent(l -> set(t, "/PV1-3-1", l.getLocation().getIdentifier().getValue()));
            encounter.getIdentifier().stream().filter(Identifier::hasValue).findFirst()
                    .ifPresent(visit -> identifier(t, "/PV1-19", visit));
        }

        t.set("/TXA-1", "1");
        t.set("/TXA-2", config.documentType());
        t.set("/TXA-3", "TX");
        t.set("/TXA-4-1", time(doc.documentTime()));
        t.set("/TXA-6-1", time(doc.documentTime()));
        t.set("/TXA-9-1", config.originatorId());
        t.set("/TXA-9-2-1", "ChartBrief");
        t.set("/TXA-9-3", doc.engineKind() + " summary engine");
        t.set("/TXA-12-1", delivery.summaryId());
        t.set("/TXA-12-2", config.sendingApplication());
        if (delivery.replaces()) {
            t.set("/TXA-13-1", delivery.parentSummaryId());
            t.set("/TXA-13-2", config.sendingApplication());
        }
        t.set("/TXA-17", config.completionStatus());
        t.set("/TXA-19", config.availabilityStatus());

        List<String> lines = text(delivery).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String obx = "/OBSERVATION(" + i + ")/OBX";
            t.set(obx + "-1", Integer.toString(i + 1));
            t.set(obx + "-2", "TX");
            t.set(obx + "-3-1", OBSERVATION_ID);
            t.set(obx + "-3-2", "Patient summary Document");
            t.set(obx + "-3-3", "LN");
            t.set(obx + "-4", "1");
            t.set(obx + "-5", lines.get(i));
            t.set(obx + "-11", "F");
            t.set(obx + "-14-1", time(doc.documentTime()));
        }
        return message;
    }

    /** The document's text: the shared rendering, then (when configured) the evidence it cites. */
    String text(Delivery delivery) {
        SummaryDocument doc = delivery.document();
        String text = SummaryTextRenderer.render(doc.content(), doc.aiGenerated(), delivery.verificationStatus(),
                doc.engineKind());
        String evidence = config.includeEvidence() ? SummaryTextRenderer.evidence(doc.evidence()) : "";
        return evidence.isEmpty() ? text : text + "\n" + evidence;
    }

    /** CX from a FHIR identifier: CX-1 value, CX-4 the authority its system names, CX-5 its type code. */
    private static void identifier(Terser t, String path, Identifier id) {
        set(t, path + "-1", id.getValue().trim());
        String system = id.getSystem();
        if (system != null && system.startsWith(AUTHORITY_PREFIX)) {
            set(t, path + "-4-1", URLDecoder.decode(system.substring(AUTHORITY_PREFIX.length()), StandardCharsets.UTF_8));
        } else if (system != null && system.startsWith("urn:oid:")) {
            set(t, path + "-4-2", system.substring("urn:oid:".length()));
            set(t, path + "-4-3", "ISO");
        } else if (system != null && !system.isBlank()) {
            set(t, path + "-4-2", system);
            set(t, path + "-4-3", "URI");
        }
        id.getType().getCoding().stream().filter(c -> c.hasCode()).findFirst()
                .ifPresent(c -> set(t, path + "-5", c.getCode()));
    }

    private static void name(Terser t, Patient patient) throws HL7Exception {
        if (!patient.hasName()) {
            return;
        }
        HumanName name = patient.getName().stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL)
                .findFirst().orElse(patient.getNameFirstRep());
        if (name.hasFamily()) {
            t.set("/PID-5-1-1", name.getFamily());
        } else if (name.hasText()) {
            t.set("/PID-5-1-1", name.getText());
        }
        if (name.hasGiven()) {
            t.set("/PID-5-2", name.getGiven().get(0).getValue());
        }
        if (name.getGiven().size() > 1) {
            t.set("/PID-5-3", name.getGiven().get(1).getValue());
        }
    }

    /** PV1-2 from Encounter.class (v3 ActCode): IMP/ACUTE/NONAC → I, EMER → E, AMB → O, PRENC → P; else U. */
    private static String patientClass(Encounter encounter) {
        if (encounter == null || !encounter.hasClass_() || !encounter.getClass_().hasCode()) {
            return "U";
        }
        return switch (encounter.getClass_().getCode().toUpperCase(Locale.ROOT)) {
            case "IMP", "ACUTE", "NONAC" -> "I";
            case "EMER" -> "E";
            case "AMB" -> "O";
            case "PRENC" -> "P";
            default -> "U";
        };
    }

    private static String time(Instant instant) {
        return HL7_TIME.format(instant);
    }

    private static void set(Terser t, String path, String value) {
        try {
            t.set(path, value);
        } catch (HL7Exception e) {
            throw new IllegalStateException("bad MDM path " + path, e);
        }
    }

    /** Releases HAPI's context. */
    public void close() {
        try {
            hapi.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
