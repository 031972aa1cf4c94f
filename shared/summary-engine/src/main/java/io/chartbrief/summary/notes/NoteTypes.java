package io.chartbrief.summary.notes;

import io.chartbrief.summary.chart.ChartValues;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/** Code and display of a note's type concept: the LOINC coding when there is one (document types are LOINC). */
final class NoteTypes {

    private NoteTypes() {
    }

    static Coding preferred(CodeableConcept concept) {
        if (concept == null) {
            return null;
        }
        for (Coding coding : concept.getCoding()) {
            if ("http://loinc.org".equals(coding.getSystem()) && ChartValues.present(coding.getCodeElement())) {
                return coding;
            }
        }
        for (Coding coding : concept.getCoding()) {
            if (ChartValues.present(coding.getCodeElement())) {
                return coding;
            }
        }
        return null;
    }

    static String code(CodeableConcept concept) {
        Coding coding = preferred(concept);
        return coding == null ? null : ChartValues.text(coding.getCodeElement());
    }

    static String display(CodeableConcept concept) {
        if (concept == null) {
            return null;
        }
        Coding coding = preferred(concept);
        String display = coding == null ? null : ChartValues.text(coding.getDisplayElement());
        if (display == null) {
            display = ChartValues.text(concept.getTextElement());
        }
        if (display == null) {
            for (Coding c : concept.getCoding()) {
                display = display != null ? display : ChartValues.text(c.getDisplayElement());
            }
        }
        return display;
    }
}
