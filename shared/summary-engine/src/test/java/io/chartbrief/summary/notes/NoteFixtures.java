package io.chartbrief.summary.notes;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summary.chart.ClinicalChart;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Assumptions;

/** Hand-made note charts and the corpus location for the notes tests. */
final class NoteFixtures {

    private NoteFixtures() {
    }

    /** A chart of one patient plus the resources (ids as set). */
    static ClinicalChart chart(Resource... resources) {
        return chart(List.of(resources));
    }

    static ClinicalChart chart(List<? extends Resource> resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.addEntry().setFullUrl("Patient/p1").setResource(new Patient().setId("p1"));
        for (Resource resource : resources) {
            bundle.addEntry().setFullUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                    .setResource(resource);
        }
        return ClinicalChart.of(bundle, null, null);
    }

    /** A current note with one inline attachment. */
    static DocumentReference note(String id, String date, String contentType, byte[] data) {
        DocumentReference d = new DocumentReference();
        d.setId(id);
        d.setStatus(DocumentReferenceStatus.CURRENT);
        if (date != null) {
            d.setDateElement(new InstantType(date.contains("T") ? date : date + "T12:00:00Z"));
        }
        d.getType().addCoding().setSystem("http://loinc.org").setCode("34117-2").setDisplay("History and physical note");
        d.addContent().setAttachment(new Attachment().setContentType(contentType).setData(data));
        return d;
    }

    static DocumentReference note(String id, String date, String text) {
        return note(id, date, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] bytes(String text, Charset charset) {
        return text.getBytes(charset);
    }

    static DateTimeType dateTime(String value) {
        return new DateTimeType(value);
    }

    /** Every section and sentence offset slices the text exactly and lies in it. */
    static void assertOffsetsSlice(String text, List<NoteSection> sections) {
        int previousEnd = 0;
        for (NoteSection s : sections) {
            assertThat(s.headingStart()).isBetween(previousEnd, text.length());
            assertThat(s.headingEnd()).isBetween(s.headingStart(), s.bodyStart());
            assertThat(s.bodyEnd()).isBetween(s.bodyStart(), text.length());
            if (s.heading() != null) {
                assertThat(text.substring(s.headingStart(), s.headingEnd())).isEqualTo(s.heading());
            }
            String body = s.body(text);
            assertThat(body).isEqualTo(body.strip());
            for (NoteSentence sentence : NoteSentences.of(text, s)) {
                assertThat(sentence.start()).isBetween(s.bodyStart(), s.bodyEnd());
                assertThat(sentence.end()).isBetween(sentence.start() + 1, s.bodyEnd());
                String t = sentence.text(text);
                assertThat(t).isEqualTo(t.strip()).isNotEmpty();
            }
            previousEnd = s.bodyEnd();
        }
    }

    /** The corpus root ({@code chartbrief.corpus}), or an aborted test when it is absent. */
    static Path corpus() {
        Path corpus = Path.of(System.getProperty("chartbrief.corpus", "../../../shared/corpus")).toAbsolutePath()
                .normalize();
        boolean present = Files.isDirectory(corpus.resolve("notes"));
        if (!present) {
            System.out.println("[summary-engine] corpus ABSENT at " + corpus
                    + " - note corpus tests skipped (set -Dchartbrief.corpus=/path/to/corpus)");
        }
        Assumptions.assumeTrue(present, "corpus absent at " + corpus);
        return corpus;
    }
}
