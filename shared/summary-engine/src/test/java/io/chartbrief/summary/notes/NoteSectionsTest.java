package io.chartbrief.summary.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NoteSectionsTest {

    static final String H_AND_P = String.join("\n",
            "Admission H&P, 2024-03-01",
            "",
            "CHIEF COMPLAINT: chest pain",
            "HPI:",
            "58 y/o M with 2 days of substernal chest pain. Seen by Dr. Patel.",
            "PMH:",
            "- Hypertension",
            "- Type 2 diabetes, A1c 7.2.",
            "Medications:",
            "1. Metformin 500 mg b.i.d.",
            "2. Lisinopril 10 mg daily.",
            "ALLERGIES: Penicillin (rash).",
            "ROS",
            "Negative except as in HPI.",
            "Physical Exam:",
            "HEAD: Normocephalic",
            "Lungs clear.",
            "RESULTS/DATA:",
            "Troponin 0.02. K 5.9.",
            "SOCIAL:",
            "Lives alone.",
            "Assessment & Plan",
            "Chest pain, likely musculoskeletal.",
            "Plan to follow up in clinic.",
            "ASSESSMENT:",
            "Stable.",
            "PLAN: discharge home",
            "IMPRESSION:",
            "Costochondritis.",
            "HOSPITAL COURSE:",
            "Uneventful.",
            "Disposition: home");

    @Test
    void historyAndPhysicalHeadings() {
        List<NoteSection> sections = NoteSections.of(H_AND_P);
        assertThat(sections).extracting(NoteSection::name).containsExactly("preamble", "chief-complaint", "hpi",
                "pmh", "medications", "allergies", "ros", "physical-exam", "results", "other", "assessment-and-plan",
                "assessment", "plan", "impression", "hospital-course", "disposition");
        assertThat(sections).extracting(NoteSection::heading).containsExactly(null, "CHIEF COMPLAINT", "HPI", "PMH",
                "Medications", "ALLERGIES", "ROS", "Physical Exam", "RESULTS/DATA", "SOCIAL", "Assessment & Plan",
                "ASSESSMENT", "PLAN", "IMPRESSION", "HOSPITAL COURSE", "Disposition");
        assertThat(NoteSections.first(sections, "chief-complaint").body(H_AND_P)).isEqualTo("chest pain");
        assertThat(NoteSections.first(sections, "allergies").body(H_AND_P)).isEqualTo("Penicillin (rash).");
        // "HEAD: Normocephalic" is an exam item and "Plan to follow up" prose, not headings
        assertThat(NoteSections.first(sections, "physical-exam").body(H_AND_P))
                .isEqualTo("HEAD: Normocephalic\nLungs clear.");
        assertThat(NoteSections.first(sections, "assessment-and-plan").body(H_AND_P))
                .isEqualTo("Chest pain, likely musculoskeletal.\nPlan to follow up in clinic.");
        assertThat(NoteSections.first(sections, "plan").body(H_AND_P)).isEqualTo("discharge home");
        NoteFixtures.assertOffsetsSlice(H_AND_P, sections);
    }

    @Test
    void headingVariants() {
        String text = "CC: cough\nA/P: viral URI\n**Assessment/Plan:**\nrest\nASSESSMENT/PLAN\nfluids\n"
                + "Impression and plan:\nok\nhistory of present illness\nlong story\nChief Complaint.\nnot a heading";
        List<NoteSection> sections = NoteSections.of(text);
        assertThat(sections).extracting(NoteSection::name).containsExactly("chief-complaint", "assessment-and-plan",
                "assessment-and-plan", "assessment-and-plan", "assessment-and-plan", "hpi");
        assertThat(sections.get(2).heading()).isEqualTo("Assessment/Plan");
        assertThat(sections.get(5).body(text)).isEqualTo("long story\nChief Complaint.\nnot a heading");
        NoteFixtures.assertOffsetsSlice(text, sections);
    }

    @Test
    void markdownEdNoteWithCrlf() {
        String text = "# ED Note\r\n\r\n## Chief Complaint\r\nAnkle injury.\r\n\r\n## HPI\r\nTwisted ankle playing "
                + "soccer.\r\n\r\n### Exam ###\r\nSwelling over lateral malleolus.\r\n\r\n## ED Course\r\n"
                + "X-ray negative.\r\n\r\n## Assessment and Plan\r\n- Ankle sprain: RICE.\r\n\r\n## Disposition\r\n"
                + "Discharged.\r\n#5 French catheter is not a heading";
        List<NoteSection> sections = NoteSections.of(text);
        assertThat(sections).extracting(NoteSection::name).containsExactly("other", "chief-complaint", "hpi",
                "physical-exam", "hospital-course", "assessment-and-plan", "disposition");
        assertThat(sections.get(0).heading()).isEqualTo("ED Note");
        assertThat(sections.get(0).isEmpty()).isTrue();
        assertThat(sections.get(3).heading()).isEqualTo("Exam");
        assertThat(sections.get(6).body(text)).isEqualTo("Discharged.\r\n#5 French catheter is not a heading");
        NoteFixtures.assertOffsetsSlice(text, sections);
    }

    @Test
    void noteWithoutHeadingsIsOnePreamble() {
        String text = "  Patient doing well. Continue current plan.  ";
        assertThat(NoteSections.of(text)).containsExactly(new NoteSection("preamble", null, 2, 2, 2, 44));
        assertThat(NoteSections.of("")).isEmpty();
        assertThat(NoteSections.of("\n\n")).isEmpty();
    }
}
