package io.chartbrief.summary.notes;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.interop.event.NormalizedEvent;
import io.chartbrief.interop.hl7.Hl7v2Converter;
import io.chartbrief.summary.chart.ClinicalChart;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** Notes as the project's HL7 v2 converter writes them: MDM TX lines and ORU TX/FT results. */
class Hl7NotesTest {

    private static final String PID = "PID|1||12345^^^HOSP^MR||DOE^JANE||19600101|F";
    private final Hl7v2Converter converter = new Hl7v2Converter();

    private static String msg(String... segments) {
        return String.join("\r", segments) + "\r";
    }

    private ClinicalChart chart(String... messages) throws Exception {
        Bundle merged = new Bundle().setType(Bundle.BundleType.COLLECTION);
        List<String> seen = new ArrayList<>();
        for (String message : messages) {
            NormalizedEvent event = converter.convert(message);
            for (Bundle.BundleEntryComponent entry : event.bundle().getEntry()) {
                Resource r = entry.getResource();
                String ref = r.fhirType() + "/" + r.getIdElement().getIdPart();
                if (!seen.contains(ref)) {
                    seen.add(ref);
                    merged.addEntry().setFullUrl(entry.getFullUrl()).setResource(r);
                }
            }
        }
        return ClinicalChart.of(merged, null, null);
    }

    @Test
    void mdmNoteLinesBecomeOneNoteAndAReplacementSupersedesTheOriginal() throws Exception {
        String original = msg("MSH|^~\\&|EHR|HOSP|CB|CB|20240301100000||MDM^T02^MDM_T02|M1|P|2.6",
                "EVN|T02|20240301100000", PID,
                "TXA|1|HP^History and physical^LN|TX|20240301090000||20240301100000||||||DOC-1^EHR|||||AU",
                "OBX|1|TX|NOTE^Note^L||CHIEF COMPLAINT: chest pain", "OBX|2|TX|NOTE^Note^L||ASSESSMENT AND PLAN:",
                "OBX|3|TX|NOTE^Note^L||1. Chest pain, likely musculoskeletal.~2. Follow up \\T\\ rest.");
        NoteReading first = new NoteReader().read(chart(original));
        assertThat(first.notes()).hasSize(1);
        NoteText note = first.notes().get(0);
        assertThat(note.text()).isEqualTo("CHIEF COMPLAINT: chest pain\nASSESSMENT AND PLAN:\n"
                + "1. Chest pain, likely musculoskeletal.\n2. Follow up & rest.");
        assertThat(note.typeDisplay()).isEqualTo("History and physical");
        assertThat(NoteSections.of(note.text())).extracting(NoteSection::name)
                .containsExactly("chief-complaint", "assessment-and-plan");

        String replacement = msg("MSH|^~\\&|EHR|HOSP|CB|CB|20240302100000||MDM^T10^MDM_T02|M2|P|2.6",
                "EVN|T10|20240302100000", PID,
                "TXA|1|HP^History and physical^LN|TX|20240302090000||20240302100000||||||DOC-2^EHR|DOC-1^EHR||||AU",
                "OBX|1|TX|NOTE^Note^L||CHIEF COMPLAINT: chest pain, resolved");
        NoteReading both = new NoteReader().read(chart(original, replacement));
        assertThat(both.notes()).extracting(NoteText::text).containsExactly("CHIEF COMPLAINT: chest pain, resolved");
        assertThat(both.skipped()).extracting(NoteReading.Skipped::reason).anyMatch(r -> r.startsWith("superseded by"));
    }

    @Test
    void oruTextResultsBecomeAReportNoteButShortLabCommentsDoNot() throws Exception {
        String echo = msg("MSH|^~\\&|ECHO|HOSP|CB|CB|20240302100000||ORU^R01^ORU_R01|R1|P|2.6", PID,
                "OBR|1|PON1|FON1|ECHO^Echocardiogram^L|||20240302093000",
                "OBX|1|TX|NARR^Narrative^L||Left ventricle is normal in size and function.||||||F",
                "OBX|2|NM|LVEF^LV ejection fraction^L||60|%|||||F",
                "OBX|3|TX|NARR^Narrative^L||Mild mitral regurgitation.||||||F",
                "OBX|4|FT|IMP^Impression^L||IMPRESSION: Normal study.~No change from prior.||||||F");
        String lab = msg("MSH|^~\\&|LAB|HOSP|CB|CB|20240303100000||ORU^R01^ORU_R01|R2|P|2.6", PID,
                "OBR|1|PON2|FON2|COVID^SARS-CoV-2 PCR^L|||20240303093000",
                "OBX|1|ST|COVID^SARS-CoV-2 RNA^L||Not detected||||||F");
        NoteReading reading = new NoteReader().read(chart(echo, lab));
        assertThat(reading.notes()).hasSize(1);
        NoteText note = reading.notes().get(0);
        assertThat(note.ref()).startsWith("DiagnosticReport/");
        assertThat(note.title()).isEqualTo("Echocardiogram");
        assertThat(note.text()).isEqualTo("Left ventricle is normal in size and function.\nMild mitral regurgitation.\n"
                + "IMPRESSION: Normal study.\nNo change from prior.");
        assertThat(note.parts()).hasSize(3).allMatch(p -> p.ref().startsWith("Observation/"));
        assertThat(NoteSections.of(note.text())).extracting(NoteSection::name).containsExactly("preamble", "impression");
    }
}
