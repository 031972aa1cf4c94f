package io.chartbrief.inbox;

import io.chartbrief.interop.fhir.FhirContexts;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Composition.SectionComponent;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

/**
 * Builds summary document Bundles in exactly the inbox contract's shape (docs/summary-schema.md): Composition with
 * per-item sub-sections, Device, Provenance, Patient, Encounter with ATND/ADM participants and a current location,
 * the participants' Practitioners, and the cited evidence. Chainable; {@link #json()} encodes.
 */
public final class SummaryBundles {

    public static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    public static final String SECTION_SYSTEM = "https://chartbrief.io/fhir/CodeSystem/summary-section";
    static final String STRUCTURE = "https://chartbrief.io/fhir/StructureDefinition/";

    private String requestId = UUID.randomUUID().toString();
    private String patientId = "p-" + UUID.randomUUID();
    private String encounterId = "e-" + UUID.randomUUID();
    private String patientName = "Testpatient Alpha";
    private String mrn = "MRN-0001";
    private String visit;
    private Date timestamp = new Date();
    private String engine = "extractive";
    private final List<String[]> participants = new ArrayList<>();   // {type, practitionerId, value, system}
    private final List<String> units = new ArrayList<>();
    private Location location;
    private String narrative = "Admitted with chest pain. Potassium is low.";
    private final List<String[]> unverified = new ArrayList<>();   // {section, text, reason, evidence}
    private int[] counts;   // {items, supported, contradicted, unverifiable}
    private boolean note;
    private String status;

    public static SummaryBundles summary() {
        return new SummaryBundles();
    }

    public SummaryBundles requestId(String id) {
        this.requestId = id;
        return this;
    }

    public SummaryBundles patient(String id, String name, String mrn) {
        this.patientId = id;
        this.patientName = name;
        this.mrn = mrn;
        return this;
    }

    public SummaryBundles encounter(String id) {
        this.encounterId = id;
        return this;
    }

    /** The Encounter's visit number (system {@code urn:chartbrief:visit:RIVERSIDE}), as an HL7 PV1-19 gives it. */
    public SummaryBundles visit(String number) {
        this.visit = number;
        return this;
    }

    public SummaryBundles at(Date when) {
        this.timestamp = when;
        return this;
    }

    public SummaryBundles engine(String engine) {
        this.engine = engine;
        return this;
    }

    public SummaryBundles narrative(String narrative) {
        this.narrative = narrative;
        return this;
    }

    /** An Encounter participant of {@code type} (ATND, ADM, REF, CON) with HL7-style identifier {@code value}. */
    public SummaryBundles participant(String type, String value) {
        participants.add(new String[] {type, "pr-" + value, value, "urn:chartbrief:authority:RIVERSIDE"});
        return this;
    }

    /** The current (active) HL7-derived location with point-of-care {@code unit}. */
    public SummaryBundles unit(String unit) {
        units.add(unit);
        return this;
    }

    /** A current location by reference to a Location copied into the Bundle. */
    public SummaryBundles location(Location location) {
        this.location = location;
        return this;
    }

    /**
     * An item the verifier could not verify, in the "Not verified against the chart" section (as the summarizer
     * writes it: sub-section with the outcome, section and reason extensions).
     */
    public SummaryBundles unverified(String section, String text, String reason, String evidence) {
        unverified.add(new String[] {section, text, reason, evidence});
        return this;
    }

    /** The H&P's text as decoded: {@link #NOTE_CONTEXT} is its HPI body. */
    public static final String NOTE_TEXT = "CHIEF COMPLAINT: Chest pain.\n\nHISTORY OF PRESENT ILLNESS:\n"
            + "Mr. Test is a 61-year-old man. He reports chest pain since this morning. He denies fever.\n";
    /** The passage in context the note item's extension carries. */
    public static final String NOTE_CONTEXT = "Mr. Test is a 61-year-old man. He reports chest pain since this morning. "
            + "He denies fever.";
    /** The note item's quote. */
    public static final String NOTE_QUOTE = "He reports chest pain since this morning.";
    public static final int NOTE_CONTEXT_START = NOTE_TEXT.indexOf(NOTE_CONTEXT);
    public static final int NOTE_QUOTE_START = NOTE_TEXT.indexOf(NOTE_QUOTE);

    /**
     * A "From the clinical notes" section (LOINC 34109-9) with one note item quoting {@link #NOTE_QUOTE} of the H&P
     * {@code DocumentReference/doc-hp} ("Admission H&P", 2026-11-01), with its locator and context, as the summarizer
     * writes it; the DocumentReference is copied into the Bundle.
     */
    public SummaryBundles note() {
        this.note = true;
        return this;
    }

    /** The verifier's counts on the Composition. */
    public SummaryBundles verification(String status, int items, int supported, int contradicted, int unverifiable) {
        this.status = status;
        this.counts = new int[] {items, supported, contradicted, unverifiable};
        return this;
    }

    public String requestId() {
        return requestId;
    }

    public String patientRef() {
        return "Patient/" + patientId;
    }

    public String encounterRef() {
        return "Encounter/" + encounterId;
    }

    public String json() {
        return FhirContexts.r4().newJsonParser().encodeResourceToString(bundle());
    }

    public Bundle bundle() {
        Patient patient = new Patient();
        patient.setId(patientId);
        patient.addIdentifier().setSystem("urn:chartbrief:mrn:RIVERSIDE").setValue(mrn);
        String[] names = patientName.split(" ", 2);
        patient.addName(new HumanName().addGiven(names[0]).setFamily(names.length > 1 ? names[1] : names[0]));

        Encounter encounter = new Encounter();
        encounter.setId(encounterId);
        encounter.setStatus(Encounter.EncounterStatus.INPROGRESS);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"));
        encounter.setSubject(new Reference(patientRef()));
        if (visit != null) {
            encounter.addIdentifier().setSystem("urn:chartbrief:visit:RIVERSIDE").setValue(visit);
        }
        encounter.getPeriod().setStartElement(new DateTimeType("2026-11-01T08:00:00Z"));
        List<Practitioner> practitioners = new ArrayList<>();
        for (String[] p : participants) {
            encounter.addParticipant()
                    .addType(new CodeableConcept().addCoding(new Coding(PARTICIPATION, p[0], null)))
                    .setIndividual(new Reference("Practitioner/" + p[1]));
            Practitioner practitioner = new Practitioner();
            practitioner.setId(p[1]);
            practitioner.addIdentifier().setSystem(p[3]).setValue(p[2]);
            practitioner.addName().setFamily("Doctor" + p[2]);
            practitioners.add(practitioner);
        }
        for (String unit : units) {
            Reference ref = new Reference().setDisplay(unit + " 512 B RIVERSIDE")
                    .setIdentifier(new Identifier().setSystem("urn:chartbrief:point-of-care").setValue(unit));
            encounter.addLocation().setLocation(ref).setStatus(Encounter.EncounterLocationStatus.ACTIVE);
        }
        encounter.addLocation().setStatus(Encounter.EncounterLocationStatus.COMPLETED).setLocation(new Reference()
                .setIdentifier(new Identifier().setSystem("urn:chartbrief:point-of-care").setValue("ED")));
        if (location != null) {
            encounter.addLocation().setLocation(new Reference("Location/" + location.getIdElement().getIdPart()));
        }

        Observation potassium = new Observation();
        potassium.setId("obs-k");
        potassium.setStatus(Observation.ObservationStatus.FINAL);
        potassium.setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", "2823-3", "Potassium"))
                .setText("Potassium"));
        potassium.setSubject(new Reference(patientRef()));
        potassium.setEffective(new DateTimeType("2026-11-01T09:30:00Z"));
        potassium.setValue(new Quantity().setValue(new BigDecimal("3.1")).setUnit("mmol/L"));
        potassium.addInterpretation().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "L", "Low"));
        Condition chestPain = new Condition();
        chestPain.setId("cond-cp");
        chestPain.setCode(new CodeableConcept().setText("Chest pain"));
        chestPain.setSubject(new Reference(patientRef()));
        chestPain.setOnset(new DateTimeType("2026-10-31"));
        AllergyIntolerance allergy = new AllergyIntolerance();
        allergy.setId("alg-pcn");
        allergy.setCode(new CodeableConcept().setText("Penicillin"));
        allergy.setPatient(new Reference(patientRef()));
        allergy.addReaction().addManifestation(new CodeableConcept().setText("Hives"));

        Device device = new Device();
        device.setId("chartbrief-" + engine);
        device.addDeviceName().setName("chartbrief-" + engine + "-summary-engine")
                .setType(Device.DeviceNameType.MANUFACTURERNAME);
        if ("llama".equals(engine)) {
            device.addDeviceName().setName("medgemma-4b-it").setType(Device.DeviceNameType.MODELNAME);
        }

        Composition composition = new Composition();
        composition.setId("summary-" + requestId);
        composition.setStatus(Composition.CompositionStatus.FINAL);
        composition.setType(new CodeableConcept().addCoding(new Coding("http://loinc.org", "60591-5", "Patient summary Document")));
        composition.setSubject(new Reference(patientRef()));
        composition.setEncounter(new Reference(encounterRef()));
        composition.setDate(timestamp);
        composition.addAuthor(new Reference("Device/" + device.getIdElement().getIdPart()));
        composition.setTitle("Patient summary");
        composition.setText(paragraph(narrative));
        if ("llama".equals(engine)) {
            composition.getMeta().addSecurity(new Coding("http://terminology.hl7.org/CodeSystem/v3-ObservationValue",
                    "AIAST", "Artificial Intelligence asserted"));
        }
        SectionComponent problems = section(composition, "Active problems", "11450-4");
        item(problems, "Chest pain since 2026-10-31", "Condition/cond-cp");
        SectionComponent allergies = section(composition, "Allergies and intolerances", "48765-2");
        item(allergies, "Penicillin allergy (hives)", "AllergyIntolerance/alg-pcn");
        SectionComponent results = section(composition, "Results", "30954-2");
        item(results, "Potassium low at 3.1 mmol/L", "Observation/obs-k");
        DocumentReference hp = null;
        if (note) {
            hp = new DocumentReference();
            hp.setId("doc-hp");
            hp.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
            hp.setType(new CodeableConcept().addCoding(new Coding("http://loinc.org", "34117-2",
                    "History and physical note")));
            hp.setDescription("Admission H&P");
            hp.setSubject(new Reference(patientRef()));
            hp.setDateElement(new InstantType("2026-11-01T07:45:00Z"));
            hp.addContent().setAttachment(new Attachment().setContentType("text/plain; charset=utf-8")
                    .setData(NOTE_TEXT.getBytes(StandardCharsets.UTF_8)));
            SectionComponent notes = section(composition, "From the clinical notes", "34109-9");
            SectionComponent item = item(notes, NOTE_QUOTE, "DocumentReference/doc-hp");
            Extension quote = item.addExtension().setUrl(STRUCTURE + "note-quote");
            quote.addExtension("note", new Reference("DocumentReference/doc-hp"));
            quote.addExtension("section", new CodeType("hpi"));
            quote.addExtension("start", new IntegerType(NOTE_QUOTE_START));
            quote.addExtension("end", new IntegerType(NOTE_QUOTE_START + NOTE_QUOTE.length()));
            quote.addExtension("text", new StringType(NOTE_QUOTE));
            quote.addExtension("title", new StringType("Admission H&P"));
            quote.addExtension("date", new DateTimeType("2026-11-01T07:45:00Z"));
            quote.addExtension("heading", new StringType("HISTORY OF PRESENT ILLNESS"));
            quote.addExtension("context", new StringType(NOTE_CONTEXT));
            quote.addExtension("contextStart", new IntegerType(NOTE_CONTEXT_START));
        }
        SectionComponent plan = section(composition, "Recommendations", "18776-5");
        SectionComponent rec = item(plan, "Replace potassium and recheck in 6 hours", "Observation/obs-k");
        rec.addExtension("https://chartbrief.io/fhir/StructureDefinition/recommendation-priority", new CodeType("high"));
        rec.addExtension("https://chartbrief.io/fhir/StructureDefinition/recommendation-rationale",
                new StringType("Potassium 3.1 mmol/L is below range"));
        if (!unverified.isEmpty()) {
            SectionComponent apart = composition.addSection().setTitle("Not verified against the chart")
                    .setCode(new CodeableConcept().addCoding(new Coding(SECTION_SYSTEM, "unverified",
                            "Not verified against the chart")));
            apart.addExtension(STRUCTURE + "verification-outcome", new CodeType("unverifiable"));
            for (String[] u : unverified) {
                SectionComponent sub = item(apart, u[1], u[3]);
                sub.addExtension(STRUCTURE + "verification-outcome", new CodeType("unverifiable"));
                sub.addExtension(STRUCTURE + "unverified-item-section", new CodeType(u[0]));
                sub.addExtension(STRUCTURE + "unverified-item-reason", new StringType(u[2]));
            }
        }
        if (counts != null) {
            Extension account = composition.addExtension().setUrl(STRUCTURE + "verification");
            account.addExtension("status", new CodeType(status));
            String[] parts = {"items", "supported", "contradicted", "unverifiable"};
            for (int i = 0; i < parts.length; i++) {
                account.addExtension(parts[i], new IntegerType(counts[i]));
            }
        }

        Provenance provenance = new Provenance();
        provenance.setId("provenance-" + requestId);
        provenance.addTarget(new Reference("Composition/" + composition.getIdElement().getIdPart()));
        provenance.setRecorded(timestamp);
        provenance.addAgent().setWho(new Reference("Device/" + device.getIdElement().getIdPart()));

        Bundle bundle = new Bundle();
        bundle.setId(requestId);
        bundle.setType(Bundle.BundleType.DOCUMENT);
        bundle.setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + UUID.randomUUID()));
        bundle.setTimestamp(timestamp);
        List<Resource> entries = new ArrayList<>(List.of(composition, device, provenance, patient, encounter));
        entries.addAll(practitioners);
        if (location != null) {
            entries.add(location);
        }
        entries.addAll(List.of(chestPain, allergy, potassium));
        if (hp != null) {
            entries.add(hp);
        }
        for (Resource resource : entries) {
            bundle.addEntry().setFullUrl("https://chartbrief.invalid/fhir/" + resource.fhirType() + "/"
                    + resource.getIdElement().getIdPart()).setResource(resource);
        }
        return bundle;
    }

    private static SectionComponent section(Composition composition, String title, String code) {
        return composition.addSection().setTitle(title)
                .setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", code, title)));
    }

    private static SectionComponent item(SectionComponent section, String text, String... evidence) {
        SectionComponent sub = section.addSection().setTitle(text);
        sub.setText(list(List.of(text)));
        for (String ref : evidence) {
            sub.addEntry(new Reference(ref));
            if (section.getEntry().stream().noneMatch(r -> ref.equals(r.getReference()))) {
                section.addEntry(new Reference(ref));
            }
        }
        List<String> lines = new ArrayList<>();
        section.getSection().forEach(s -> lines.add(s.getTitle()));
        section.setText(list(lines));
        return sub;
    }

    private static Narrative paragraph(String text) {
        Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        XhtmlNode div = new XhtmlNode(org.hl7.fhir.utilities.xhtml.NodeType.Element, "div");
        div.setAttribute("xmlns", "http://www.w3.org/1999/xhtml");
        div.addTag("p").addText(text);
        narrative.setDiv(div);
        return narrative;
    }

    private static Narrative list(List<String> lines) {
        Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        XhtmlNode div = new XhtmlNode(org.hl7.fhir.utilities.xhtml.NodeType.Element, "div");
        div.setAttribute("xmlns", "http://www.w3.org/1999/xhtml");
        XhtmlNode ul = div.addTag("ul");
        lines.forEach(line -> ul.addTag("li").addText(line));
        narrative.setDiv(div);
        return narrative;
    }
}
