package io.chartbrief.summary.notes;

import static io.chartbrief.summary.notes.NoteFixtures.chart;
import static io.chartbrief.summary.notes.NoteFixtures.note;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.LenientErrorHandler;
import io.chartbrief.summary.chart.ClinicalChart;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DocumentReference.DocumentRelationshipType;
import org.hl7.fhir.r4.model.DocumentReference.ReferredDocumentStatus;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class NoteReaderTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private final NoteReader reader = new NoteReader();

    private static String reason(NoteReading reading, String ref) {
        return reading.skipped().stream().filter(s -> s.ref().equals(ref)).map(NoteReading.Skipped::reason)
                .findFirst().orElse(null);
    }

    @Test
    void plainNoteWithHeadingsIsReadExactly() {
        NoteReading reading = reader.read(chart(note("hp", "2024-03-01T10:00:00Z", NoteSectionsTest.H_AND_P)));
        assertThat(reading.skipped()).isEmpty();
        NoteText note = reading.notes().get(0);
        assertThat(note.ref()).isEqualTo("DocumentReference/hp");
        assertThat(note.text()).isEqualTo(NoteSectionsTest.H_AND_P);
        assertThat(note.title()).isEqualTo("History and physical note");
        assertThat(note.typeCode()).isEqualTo("34117-2");
        assertThat(note.date()).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(note.truncated()).isFalse();
        assertThat(note.parts()).containsExactly(new NotePart("DocumentReference/hp", "text/plain", "UTF-8", 0,
                NoteSectionsTest.H_AND_P.length()));
    }

    @Test
    void latin1AndUnlabelledWindows1252AndBom() {
        String text = "Café au lait spots, 38°C, patient’s “fever”";
        byte[] latin1 = "Café, 38°C".getBytes(StandardCharsets.ISO_8859_1);
        byte[] cp1252 = text.getBytes(Charset.forName("windows-1252"));
        byte[] bom = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
        NoteReading reading = reader.read(chart(
                note("a", "2024-01-03", "text/plain; charset=ISO-8859-1", latin1),
                note("b", "2024-01-02", "text/plain", cp1252),
                note("c", "2024-01-01", "text/plain;charset=\"utf-8\"", bom),
                note("d", "2023-12-31", "text/plain; charset=x-unknown-7", cp1252)));
        assertThat(reading.notes()).extracting(NoteText::text).containsExactly("Café, 38°C", text, text, text);
        assertThat(reading.notes().get(1).parts().get(0).charset()).isEqualTo("windows-1252");
        assertThat(reading.notes().get(2).parts().get(0).charset()).isEqualTo("UTF-8");
    }

    @Test
    void htmlAndMarkdownNotes() {
        String html = "<html><body><h3>CHIEF COMPLAINT</h3><p>Cough &amp; fever.</p><h3>Assessment and Plan</h3>"
                + "<ol><li>Pneumonia: start amoxicillin.</li><li>Recheck in 48&nbsp;h.</li></ol></body></html>";
        String markdown = "# Chief Complaint\nAnkle injury.\n\n# Plan\n- RICE\n";
        NoteReading reading = reader.read(chart(
                note("h", "2024-02-02", "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8)),
                note("m", "2024-02-01", "text/markdown", markdown.getBytes(StandardCharsets.UTF_8))));
        NoteText h = reading.notes().get(0);
        assertThat(h.text()).isEqualTo("CHIEF COMPLAINT\n\nCough & fever.\n\nAssessment and Plan\n\n"
                + "- Pneumonia: start amoxicillin.\n- Recheck in 48 h.");
        List<NoteSection> sections = NoteSections.of(h.text());
        assertThat(sections).extracting(NoteSection::name).containsExactly("chief-complaint", "assessment-and-plan");
        assertThat(NoteSentences.of(h.text(), sections.get(1))).extracting(s -> s.text(h.text()))
                .containsExactly("Pneumonia: start amoxicillin.", "Recheck in 48 h.");
        assertThat(h.parts().get(0).contentType()).isEqualTo("text/html");
        NoteText m = reading.notes().get(1);
        assertThat(m.text()).isEqualTo(markdown);
        assertThat(NoteSections.of(m.text())).extracting(NoteSection::name).containsExactly("chief-complaint", "plan");
    }

    @Test
    void supersededAndEnteredInErrorNotesAreNeverUsed() {
        DocumentReference old = note("old", "2024-01-01", "v1: K 3.1");
        DocumentReference replacement = note("new", "2024-01-02", "v2: K 3.4");
        replacement.addRelatesTo().setCode(DocumentRelationshipType.REPLACES).setTarget(new Reference("DocumentReference/old"));
        DocumentReference superseded = note("sup", "2024-01-03", "superseded text");
        superseded.setStatus(DocumentReferenceStatus.SUPERSEDED);
        DocumentReference error = note("err", "2024-01-04", "wrong patient");
        error.setStatus(DocumentReferenceStatus.ENTEREDINERROR);
        DocumentReference docError = note("docerr", "2024-01-05", "wrong chart");
        docError.setDocStatus(ReferredDocumentStatus.ENTEREDINERROR);
        NoteReading reading = reader.read(chart(old, replacement, superseded, error, docError));
        assertThat(reading.notes()).extracting(NoteText::ref).containsExactly("DocumentReference/new");
        assertThat(reason(reading, "DocumentReference/old")).isEqualTo("superseded by DocumentReference/new");
        assertThat(reason(reading, "DocumentReference/sup")).isEqualTo("superseded");
        assertThat(reason(reading, "DocumentReference/err")).isEqualTo("entered in error");
        assertThat(reason(reading, "DocumentReference/docerr")).isEqualTo("entered in error");
    }

    @Test
    void addendumIsReadWithItsParent() {
        DocumentReference parent = note("p", "2024-03-01T10:00:00Z", "ASSESSMENT AND PLAN:\nChest pain.\n");
        DocumentReference addendum = note("a", "2024-03-02T08:00:00Z", "Troponin negative x2.");
        addendum.addRelatesTo().setCode(DocumentRelationshipType.APPENDS).setTarget(new Reference("DocumentReference/p"));
        DocumentReference second = note("a2", "2024-03-03T08:00:00Z", "Discharged.");
        second.addRelatesTo().setCode(DocumentRelationshipType.APPENDS).setTarget(new Reference("DocumentReference/a"));
        DocumentReference orphanOfError = note("a3", "2024-03-03T09:00:00Z", "Addendum to a void note.");
        orphanOfError.addRelatesTo().setCode(DocumentRelationshipType.APPENDS)
                .setTarget(new Reference("DocumentReference/e"));
        DocumentReference error = note("e", "2024-03-01T00:00:00Z", "void");
        error.setStatus(DocumentReferenceStatus.ENTEREDINERROR);
        NoteReading reading = reader.read(chart(second, addendum, parent, orphanOfError, error));
        assertThat(reading.notes()).hasSize(1);
        NoteText note = reading.notes().get(0);
        assertThat(note.text()).isEqualTo("ASSESSMENT AND PLAN:\nChest pain.\n\nADDENDUM (2024-03-02):\n"
                + "Troponin negative x2.\n\nADDENDUM (2024-03-03):\nDischarged.");
        assertThat(note.parts()).extracting(NotePart::ref).containsExactly("DocumentReference/p",
                "DocumentReference/a", "DocumentReference/a2");
        for (NotePart part : note.parts().subList(1, 3)) {
            assertThat(note.text().substring(part.start(), part.end())).isIn("Troponin negative x2.", "Discharged.");
        }
        assertThat(NoteSections.of(note.text())).extracting(NoteSection::name)
                .containsExactly("assessment-and-plan", "addendum", "addendum");
        assertThat(reason(reading, "DocumentReference/a3"))
                .isEqualTo("addendum to DocumentReference/e, which is entered in error");
    }

    @Test
    void corruptBase64PdfAndBinaryAreSkippedWithReasons() {
        String json = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
                + "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"p1\"}},"
                + "{\"resource\":{\"resourceType\":\"DocumentReference\",\"id\":\"bad\",\"status\":\"current\","
                + "\"content\":[{\"attachment\":{\"contentType\":\"text/plain\",\"data\":\"!!not*base64%%\"}}]}}]}";
        Bundle bundle = FHIR.newJsonParser()
                .setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(false))
                .parseResource(Bundle.class, json);
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        List<org.hl7.fhir.r4.model.Resource> resources = new ArrayList<>();
        resources.add(bundle.getEntry().get(1).getResource());
        resources.add(note("pdf", "2024-01-02", "application/pdf", "%PDF-1.4 ...".getBytes(StandardCharsets.US_ASCII)));
        resources.add(note("fakepdf", "2024-01-03", "text/plain", "%PDF-1.7 binary".getBytes(StandardCharsets.US_ASCII)));
        resources.add(note("noise", "2024-01-04", "text/plain", random));
        resources.add(note("img", "2024-01-05", "image/png", new byte[] {1, 2, 3}));
        DocumentReference both = note("both", "2024-01-06", "application/pdf", new byte[] {'%', 'P', 'D', 'F', '-'});
        both.addContent().setAttachment(new Attachment().setContentType("text/plain").setData(
                "Readable alternative.".getBytes(StandardCharsets.UTF_8)));
        resources.add(both);
        NoteReading reading = reader.read(chart(resources));
        assertThat(reading.notes()).extracting(NoteText::text).containsExactly("Readable alternative.");
        assertThat(reason(reading, "DocumentReference/bad#content[0]"))
                .isEqualTo("no data (absent, or not valid base64) and no url");
        assertThat(reason(reading, "DocumentReference/bad")).isEqualTo("no readable content");
        assertThat(reason(reading, "DocumentReference/pdf#content[0]")).isEqualTo("PDF is not a text format read here");
        assertThat(reason(reading, "DocumentReference/fakepdf#content[0]"))
                .isEqualTo("PDF content is not read (labelled text/plain)");
        assertThat(reason(reading, "DocumentReference/noise#content[0]"))
                .isEqualTo("data decodes to binary, not text/plain text");
        assertThat(reason(reading, "DocumentReference/img#content[0]"))
                .isEqualTo("image (image/png) is not a text format read here");
        assertThat(reason(reading, "DocumentReference/both#content[0]")).isEqualTo("PDF is not a text format read here");
    }

    @Test
    void urlToBinaryInTheChart() {
        Binary binary = new Binary().setContentType("text/plain; charset=windows-1252");
        binary.setId("b1");
        binary.setData("Na 140 – normal".getBytes(Charset.forName("windows-1252")));
        DocumentReference byRef = note("r", "2024-01-01", "text/plain", null);
        byRef.getContentFirstRep().getAttachment().setContentType(null).setUrl("Binary/b1");
        DocumentReference outside = note("o", "2024-01-02", "text/plain", null);
        outside.getContentFirstRep().getAttachment().setUrl("https://elsewhere.example/Binary/zz");
        NoteReading reading = reader.read(chart(binary, byRef, outside));
        assertThat(reading.notes()).extracting(NoteText::text).containsExactly("Na 140 – normal");
        assertThat(reason(reading, "DocumentReference/o#content[0]"))
                .isEqualTo("url is not a Binary in this chart (external content is not fetched)");
    }

    @Test
    void fiveMegabyteNoteIsTruncatedAtALineBoundary() {
        StringBuilder big = new StringBuilder("HPI:\n");
        while (big.length() < 5 * 1024 * 1024) {
            big.append("Patient reports intermittent chest pain radiating to the left arm, worse with exertion.\n");
        }
        NoteReading reading = reader.read(chart(note("big", "2024-01-01", big.toString())));
        NoteText note = reading.notes().get(0);
        assertThat(note.truncated()).isTrue();
        assertThat(note.text().length()).isLessThanOrEqualTo(NoteLimits.DEFAULT.maxChars());
        assertThat(note.text()).endsWith("exertion.\n");
        assertThat(big.toString()).startsWith(note.text());
        List<NoteSection> sections = NoteSections.of(note.text());
        assertThat(sections).extracting(NoteSection::name).containsExactly("hpi");
        assertThat(NoteSentences.of(note.text(), sections.get(0))).hasSizeGreaterThan(2000);
    }

    @Test
    void smallLimitsApplyToAddendaToo() {
        NoteReader small = new NoteReader(new NoteLimits(40, 5));
        DocumentReference parent = note("p", "2024-03-01", "line one is here\nline two is here\nline three\n");
        DocumentReference addendum = note("a", "2024-03-02", "late result");
        addendum.addRelatesTo().setCode(DocumentRelationshipType.APPENDS).setTarget(new Reference("DocumentReference/p"));
        NoteReading reading = small.read(chart(parent, addendum));
        assertThat(reading.notes().get(0).text()).isEqualTo("line one is here\nline two is here\n");
        assertThat(reading.notes().get(0).truncated()).isTrue();
        assertThat(reason(reading, "DocumentReference/a")).isEqualTo("addendum left out: note at the size limit");
    }

    @Test
    void twoHundredFiftyNotesKeepTheNewestTwoHundred() {
        List<DocumentReference> notes = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            notes.add(note("n" + i, String.format("2023-01-01T%02d:%02d:00Z", i / 60, i % 60), "Note number " + i + "."));
        }
        notes.add(note("undated", null, "No date."));
        NoteReading reading = reader.read(chart(notes));
        assertThat(reading.notes()).hasSize(200);
        assertThat(reading.notes().get(0).ref()).isEqualTo("DocumentReference/n249");
        assertThat(reading.notes().get(199).ref()).isEqualTo("DocumentReference/n50");
        assertThat(reading.skipped()).hasSize(51);
        assertThat(reason(reading, "DocumentReference/undated"))
                .isEqualTo("over the limit of 200 notes per chart (newest are read)");
    }

    @Test
    void reportPresentedFormIsANoteUnlessADocumentReferenceHoldsTheSameBytes() {
        byte[] text = "# Chief Complaint\nNo complaints.\n".getBytes(StandardCharsets.UTF_8);
        DocumentReference doc = note("d", "2024-01-01", "text/plain", text);
        doc.setStatus(DocumentReferenceStatus.SUPERSEDED);
        DiagnosticReport twin = new DiagnosticReport();
        twin.setId("twin");
        twin.addPresentedForm().setContentType("text/plain").setData(text.clone());
        DiagnosticReport radiology = new DiagnosticReport();
        radiology.setId("cxr");
        radiology.getCode().setText("Chest X-ray");
        radiology.setEffective(NoteFixtures.dateTime("2024-01-05"));
        radiology.addPresentedForm().setContentType("text/html")
                .setData("<p>IMPRESSION: No acute disease.</p>".getBytes(StandardCharsets.UTF_8));
        NoteReading reading = reader.read(chart(doc, twin, radiology));
        assertThat(reading.notes()).extracting(NoteText::ref, NoteText::title, NoteText::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DiagnosticReport/cxr", "Chest X-ray",
                        "IMPRESSION: No acute disease."));
        assertThat(reason(reading, "DiagnosticReport/twin")).isEqualTo("presentedForm is the text of DocumentReference/d");
    }

    @Test
    void undatedChartsAndEmptyChartsAreFine() {
        ClinicalChart empty = chart();
        assertThat(reader.read(empty).notes()).isEmpty();
        assertThat(reader.read(empty).skipped()).isEmpty();
    }
}
