package io.chartbrief.inbox.web;

import io.chartbrief.interop.fhir.FhirContexts;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
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
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * A summary document Bundle in the shape the summarizer publishes on {@code ehr.summaries} (inbox contract): a
 * Composition with one sub-section per item, a Device, a Provenance, the Patient, an Encounter whose attending
 * practitioner has identifier {@code 4411} (RIVERSIDE) and whose current location is unit {@code 5EAST}, that
 * Practitioner, and the cited evidence; one item is in the "Not verified against the chart" section, and the
 * Composition carries the verifier's counts. Synthetic data only.
 */
final class SummaryDocumentFixture {

    static final String LOINC = "http://loinc.org";
    static final String PRIORITY = "https://chartbrief.io/fhir/StructureDefinition/recommendation-priority";
    static final String RATIONALE = "https://chartbrief.io/fhir/StructureDefinition/recommendation-rationale";
    static final String POTASSIUM_DISPLAY = "Potassium 3.1 mmol/L (L)";
    static final String POTASSIUM_DATE = "2026-11-27";
    /** The one item the verifier could not verify (it cites the lisinopril order). */
    static final String UNVERIFIED_TEXT = "Warfarin 5 mg daily";
    static final String UNVERIFIED_REASON = "term \"warfarin\" not in cited resources";
    static final String SECTION_SYSTEM = "https://chartbrief.io/fhir/CodeSystem/summary-section";
    static final String STRUCTURE = "https://chartbrief.io/fhir/StructureDefinition/";

    /** The H&P's decoded text; its HPI holds markup-like text and a line break, shown as text. */
    static final String NOTE_TEXT = "CHIEF COMPLAINT: Cough.\n\nHISTORY OF PRESENT ILLNESS:\n"
            + "Ada is a 70-year-old woman with heart failure. She reports cough <b>for 3 days</b> & fever.\n"
            + "No chest pain.\n\nPHYSICAL EXAM:\nCrackles at the right base.\n";
    /** The note item's quote (the item's text too, as the extractive engine writes it). */
    static final String NOTE_QUOTE = "She reports cough <b>for 3 days</b> & fever.";
    /** The passage in context: the HPI's sentences around the quote. */
    static final String NOTE_CONTEXT = "Ada is a 70-year-old woman with heart failure. " + NOTE_QUOTE + "\nNo chest pain.";
    static final String NOTE_TITLE = "Admission H&P";
    static final String NOTE_DATE = "2026-11-26";

    private SummaryDocumentFixture() {
    }

    /**
     * The document as FHIR JSON.
     *
     * @param requestId  Bundle.id (the summary request id)
     * @param patientId  the Patient id
     * @param family     the patient's family name (given name "Ada")
     * @param narrative  the Composition narrative (its first sentence is the inbox headline)
     */
    static String json(String requestId, String patientId, String family, String narrative) {
        String encounterId = "enc-" + patientId;
        Bundle bundle = new Bundle();
        bundle.setId(requestId);
        bundle.setType(Bundle.BundleType.DOCUMENT);
        bundle.setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + requestId));
        bundle.setTimestamp(new Date());

        Device device = new Device();
        device.setId("chartbrief-extractive");
        device.addDeviceName().setName("chartbrief-extractive-summary-engine")
                .setType(Device.DeviceNameType.MANUFACTURERNAME);

        Composition composition = new Composition();
        composition.setId("summary-" + requestId);
        composition.setStatus(Composition.CompositionStatus.FINAL);
        composition.setType(concept(LOINC, "60591-5", "Patient summary Document"));
        composition.setSubject(new Reference("Patient/" + patientId));
        composition.setEncounter(new Reference("Encounter/" + encounterId));
        composition.setDate(new Date());
        composition.addAuthor(new Reference("Device/chartbrief-extractive"));
        composition.setTitle("Patient summary (extracted from the chart)");
        composition.setText(xhtml(List.of(narrative)));

        SectionComponent problems = section(composition, "Active problems", "11450-4");
        item(problems, "Community-acquired pneumonia", "Condition/pneumonia-" + patientId);
        SectionComponent medications = section(composition, "Medications", "10160-0");
        item(medications, "Lisinopril 10 mg once daily", "MedicationRequest/lisinopril-" + patientId);
        SectionComponent results = section(composition, "Results", "30954-2");
        item(results, "Potassium low at 3.1 mmol/L", "Observation/potassium-" + patientId);
        SectionComponent notes = section(composition, "From the clinical notes", "34109-9");
        SectionComponent noteItem = item(notes, NOTE_QUOTE, "DocumentReference/hp-" + patientId);
        Extension quote = noteItem.addExtension().setUrl(STRUCTURE + "note-quote");
        int start = NOTE_TEXT.indexOf(NOTE_QUOTE);
        quote.addExtension("note", new Reference("DocumentReference/hp-" + patientId));
        quote.addExtension("section", new CodeType("hpi"));
        quote.addExtension("start", new IntegerType(start));
        quote.addExtension("end", new IntegerType(start + NOTE_QUOTE.length()));
        quote.addExtension("text", new StringType(NOTE_QUOTE));
        quote.addExtension("title", new StringType(NOTE_TITLE));
        quote.addExtension("date", new DateTimeType(NOTE_DATE + "T14:00:00Z"));
        quote.addExtension("heading", new StringType("HISTORY OF PRESENT ILLNESS"));
        quote.addExtension("context", new StringType(NOTE_CONTEXT));
        quote.addExtension("contextStart", new IntegerType(NOTE_TEXT.indexOf(NOTE_CONTEXT)));
        SectionComponent plan = section(composition, "Recommendations", "18776-5");
        SectionComponent recommendation = item(plan, "Replace potassium and recheck tomorrow morning",
                "Observation/potassium-" + patientId);
        recommendation.addExtension(PRIORITY, new CodeType("high"));
        recommendation.addExtension(RATIONALE, new StringType("Potassium 3.1 mmol/L on admission"));
        // Last, apart: one unverifiable item; and the counts (5 verified, 1 not verifiable, 1 contradicted).
        SectionComponent apart = composition.addSection().setTitle("Not verified against the chart")
                .setCode(concept(SECTION_SYSTEM, "unverified", "Not verified against the chart"));
        apart.addExtension(STRUCTURE + "verification-outcome", new CodeType("unverifiable"));
        SectionComponent unverified = item(apart, UNVERIFIED_TEXT, "MedicationRequest/lisinopril-" + patientId);
        unverified.setText(xhtml(List.of(UNVERIFIED_TEXT, "Not verified: " + UNVERIFIED_REASON)));
        unverified.addExtension(STRUCTURE + "verification-outcome", new CodeType("unverifiable"));
        unverified.addExtension(STRUCTURE + "unverified-item-section", new CodeType("medications"));
        unverified.addExtension(STRUCTURE + "unverified-item-reason", new StringType(UNVERIFIED_REASON));
        Extension counts = composition.addExtension().setUrl(STRUCTURE + "verification");
        counts.addExtension("status", new CodeType("partially-verified"));
        counts.addExtension("items", new IntegerType(7));
        counts.addExtension("supported", new IntegerType(5));
        counts.addExtension("contradicted", new IntegerType(1));
        counts.addExtension("unverifiable", new IntegerType(1));

        Provenance provenance = new Provenance();
        provenance.setId("provenance-" + requestId);
        provenance.addTarget(new Reference("Composition/summary-" + requestId));
        provenance.setRecorded(new Date());
        provenance.addAgent().setWho(new Reference("Device/chartbrief-extractive"));

        Patient patient = new Patient();
        patient.setId(patientId);
        patient.addIdentifier().setSystem("urn:chartbrief:mrn:RIVERSIDE").setValue("MRN-" + patientId);
        patient.addName().setFamily(family).addGiven("Ada");

        Practitioner practitioner = new Practitioner();
        practitioner.setId("pr-4411");
        practitioner.addIdentifier().setSystem("urn:chartbrief:authority:RIVERSIDE").setValue("4411");
        practitioner.addName().setFamily("Okafor").addGiven("Chidi");

        Encounter encounter = new Encounter();
        encounter.setId(encounterId);
        encounter.setStatus(Encounter.EncounterStatus.INPROGRESS);
        encounter.setSubject(new Reference("Patient/" + patientId));
        encounter.addParticipant()
                .addType(concept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "ATND", "attender"))
                .setIndividual(new Reference("Practitioner/pr-4411"));
        encounter.addLocation().setStatus(Encounter.EncounterLocationStatus.ACTIVE).setLocation(new Reference()
                .setDisplay("5EAST 512 B RIVERSIDE")
                .setIdentifier(new Identifier().setSystem("urn:chartbrief:point-of-care").setValue("5EAST")));

        Condition pneumonia = new Condition();
        pneumonia.setId("pneumonia-" + patientId);
        pneumonia.setSubject(new Reference("Patient/" + patientId));
        pneumonia.setCode(new CodeableConcept().setText("Community-acquired pneumonia"));
        pneumonia.setOnset(new DateTimeType("2026-11-26"));

        MedicationRequest lisinopril = new MedicationRequest();
        lisinopril.setId("lisinopril-" + patientId);
        lisinopril.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        lisinopril.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        lisinopril.setSubject(new Reference("Patient/" + patientId));
        lisinopril.setMedication(new CodeableConcept().setText("Lisinopril 10 mg tablet"));
        lisinopril.addDosageInstruction().setText("once daily");
        lisinopril.setAuthoredOnElement(new DateTimeType("2026-10-01"));

        Observation potassium = new Observation();
        potassium.setId("potassium-" + patientId);
        potassium.setStatus(Observation.ObservationStatus.FINAL);
        potassium.setSubject(new Reference("Patient/" + patientId));
        potassium.setCode(new CodeableConcept().addCoding(new Coding(LOINC, "2823-3", "Potassium")).setText("Potassium"));
        potassium.setValue(new Quantity().setValue(new BigDecimal("3.1")).setUnit("mmol/L"));
        potassium.addInterpretation(concept("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "L", "Low"));
        potassium.setEffective(new DateTimeType(POTASSIUM_DATE + "T06:30:00Z"));

        DocumentReference hp = new DocumentReference();
        hp.setId("hp-" + patientId);
        hp.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        hp.setSubject(new Reference("Patient/" + patientId));
        hp.setType(concept(LOINC, "34117-2", "History and physical note"));
        hp.setDescription(NOTE_TITLE);
        hp.setDateElement(new InstantType(NOTE_DATE + "T14:00:00Z"));
        hp.addContent().setAttachment(new Attachment().setContentType("text/plain; charset=utf-8")
                .setData(NOTE_TEXT.getBytes(StandardCharsets.UTF_8)));

        for (Resource resource : List.of(composition, device, provenance, patient, encounter, practitioner,
                pneumonia, lisinopril, potassium, hp)) {
            bundle.addEntry().setFullUrl("https://chartbrief.invalid/fhir/" + resource.fhirType() + "/"
                    + resource.getIdElement().getIdPart()).setResource(resource);
        }
        return FhirContexts.r4().newJsonParser().encodeResourceToString(bundle);
    }

    private static SectionComponent section(Composition composition, String title, String code) {
        return composition.addSection().setTitle(title).setCode(concept(LOINC, code, title));
    }

    /** One item: a sub-section titled with the item's text, citing {@code evidence}. */
    private static SectionComponent item(SectionComponent section, String text, String evidence) {
        section.addEntry(new Reference(evidence));
        SectionComponent item = section.addSection().setTitle(text);
        item.addEntry(new Reference(evidence));
        item.setText(xhtml(List.of(text)));
        return item;
    }

    private static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept().addCoding(new Coding(system, code, display));
    }

    private static Narrative xhtml(List<String> paragraphs) {
        StringBuilder div = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
        paragraphs.forEach(p -> div.append("<p>")
                .append(p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")).append("</p>"));
        Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        narrative.setDivAsString(div.append("</div>").toString());
        return narrative;
    }
}
