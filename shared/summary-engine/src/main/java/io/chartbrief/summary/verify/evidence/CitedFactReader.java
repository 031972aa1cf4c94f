package io.chartbrief.summary.verify.evidence;

import io.chartbrief.summary.chart.ChartValues;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.verify.lexicon.ClinicalLexicon;
import io.chartbrief.summary.verify.text.Token;
import io.chartbrief.summary.verify.text.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.FamilyMemberHistory;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * Reads a cited chart resource into a {@link CitedFact}. Only fields with a clinical meaning are read; metadata,
 * identifiers, codes (as numbers), reference ranges (kept apart from values) and narrative never become wordings
 * or values. Reading never modifies the resource (no HAPI auto-creating getters). Thread-safe.
 */
public final class CitedFactReader {

    private final ClinicalLexicon lexicon;
    private final ClinicalChart chart;

    public CitedFactReader(ClinicalLexicon lexicon, ClinicalChart chart) {
        this.lexicon = lexicon;
        this.chart = chart;
    }

    /** The fact of one resource of the chart. */
    public CitedFact read(String ref, Resource resource) {
        CitedFactBuilder b = new CitedFactBuilder(lexicon, ref, resource.fhirType());
        if (resource instanceof Condition c) {
            b.name(c.getCode());
            c.getBodySite().forEach(b::detail);
            b.detail(c.getSeverity());
            c.getCategory().forEach(b::detail);
            c.getStage().forEach(s -> b.detail(s.getSummary()));
            b.date(DateRole.ONSET, c.hasOnset() ? c.getOnset() : null);
            b.date(DateRole.ABATEMENT, c.hasAbatement() ? c.getAbatement() : null);
            b.date(DateRole.RECORDED, c.getRecordedDateElement());
            String clinical = code(c.getClinicalStatus());
            b.status = clinical != null ? clinical : c.hasAbatement() ? "resolved" : "active";
            b.verification = code(c.getVerificationStatus());
        } else if (resource instanceof AllergyIntolerance a) {
            b.name(a.getCode());
            b.drug(a.getCode());
            for (AllergyIntolerance.AllergyIntoleranceReactionComponent r : a.getReaction()) {
                b.name(r.getSubstance());
                b.drug(r.getSubstance());
                r.getManifestation().forEach(b::detail);
                if (r.hasSeverity()) {
                    b.detail(r.getSeverityElement().getCode());
                }
            }
            a.getCategory().forEach(cat -> b.detail(cat.getCode()));
            if (a.hasType()) {
                b.detail(a.getTypeElement().getCode());
            }
            b.date(DateRole.ONSET, a.hasOnset() ? a.getOnset() : null);
            b.date(DateRole.RECORDED, a.getRecordedDateElement());
            b.date(DateRole.EFFECTIVE, a.getLastOccurrenceElement());
            String clinical = code(a.getClinicalStatus());
            b.status = clinical != null ? clinical : "active";
            b.verification = code(a.getVerificationStatus());
            b.criticality = ChartValues.code(a.getCriticalityElement());
        } else if (resource instanceof MedicationRequest m) {
            medication(b, m.getMedication());
            m.getReasonCode().forEach(b::detail);
            m.getCategory().forEach(b::detail);
            b.reason(m.hasStatusReason() ? m.getStatusReason() : null);
            b.date(DateRole.AUTHORED, m.getAuthoredOnElement());
            if (m.hasDispenseRequest() && m.getDispenseRequest().hasValidityPeriod()) {
                b.period(m.getDispenseRequest().getValidityPeriod());
            }
            b.status = ChartValues.code(m.getStatusElement());
            if (ChartValues.bool(m.getDoNotPerformElement(), false)) {
                b.status = "do-not-perform";
            }
            b.dosing(m.getDosageInstruction());
        } else if (resource instanceof MedicationStatement m) {
            medication(b, m.getMedication());
            m.getReasonCode().forEach(b::detail);
            m.getStatusReason().forEach(b::reason);
            if (m.hasEffective()) {
                if (m.getEffective() instanceof Period p) {
                    b.period(p);
                } else {
                    b.date(DateRole.START, m.getEffective());
                    b.date(DateRole.EFFECTIVE, m.getEffective());
                }
            }
            b.date(DateRole.RECORDED, m.getDateAssertedElement());
            b.status = ChartValues.code(m.getStatusElement());
            b.dosing(m.getDosage());
        } else if (resource instanceof MedicationAdministration m) {
            medication(b, m.getMedication());
            b.date(DateRole.EFFECTIVE, m.hasEffective() ? m.getEffective() : null);
            b.status = ChartValues.code(m.getStatusElement());
            if (m.hasDosage()) {
                b.administration(m.getDosage());
            }
        } else if (resource instanceof MedicationDispense m) {
            medication(b, m.getMedication());
            b.date(DateRole.EFFECTIVE, m.getWhenHandedOverElement());
            b.status = ChartValues.code(m.getStatusElement());
            b.dosing(m.getDosageInstruction());
        } else if (resource instanceof Medication m) {
            b.name(m.getCode());
            b.drug(m.getCode());
            b.detail(m.getForm());
        } else if (resource instanceof Observation o) {
            observation(b, o);
        } else if (resource instanceof DiagnosticReport d) {
            b.name(d.getCode());
            d.getConclusionCode().forEach(b::detail);
            b.detail(ChartValues.text(d.getConclusionElement()));
            d.getCategory().forEach(b::detail);
            b.date(DateRole.EFFECTIVE, d.hasEffective() ? d.getEffective() : null);
            b.date(DateRole.ISSUED, d.getIssuedElement());
            b.status = ChartValues.code(d.getStatusElement());
        } else if (resource instanceof Encounter e) {
            e.getType().forEach(b::name);
            e.getReasonCode().forEach(b::name);
            b.detail(e.getServiceType());
            if (e.hasClass_()) {
                b.detail(ChartValues.text(e.getClass_().getDisplayElement()));
                b.detail(ChartValues.text(e.getClass_().getCodeElement()));
                b.detail(io.chartbrief.summary.chart.FactText.encounterClass(
                        ChartValues.text(e.getClass_().getCodeElement())));
            }
            if (e.hasHospitalization()) {
                b.detail(e.getHospitalization().getAdmitSource());
                b.detail(e.getHospitalization().getDischargeDisposition());
            }
            e.getLocation().forEach(l -> b.detail(l.hasLocation() ? ChartValues.text(l.getLocation().getDisplayElement()) : null));
            if (e.hasPeriod()) {
                b.period(e.getPeriod());
            }
            b.status = ChartValues.code(e.getStatusElement());
        } else if (resource instanceof Procedure p) {
            b.name(p.getCode());
            p.getReasonCode().forEach(b::detail);
            p.getBodySite().forEach(b::detail);
            b.date(DateRole.PERFORMED, p.hasPerformed() ? p.getPerformed() : null);
            b.status = ChartValues.code(p.getStatusElement());
        } else if (resource instanceof Immunization i) {
            b.name(i.getVaccineCode());
            b.date(DateRole.EFFECTIVE, i.hasOccurrence() ? i.getOccurrence() : null);
            b.status = ChartValues.code(i.getStatusElement());
        } else if (resource instanceof DocumentReference d) {
            b.name(d.getType());
            d.getCategory().forEach(b::detail);
            b.name(ChartValues.text(d.getDescriptionElement()));
            b.date(DateRole.EFFECTIVE, d.getDateElement());
            if (d.hasContext() && d.getContext().hasPeriod()) {
                b.period(d.getContext().getPeriod());
            }
            b.status = ChartValues.code(d.getStatusElement());
        } else if (resource instanceof FamilyMemberHistory f) {
            for (FamilyMemberHistory.FamilyMemberHistoryConditionComponent c : f.getCondition()) {
                b.name(c.getCode());
                if (c.hasOnsetAge() && c.getOnsetAge().hasValue()) {
                    b.values.add(new Measured("onset age", c.getOnsetAge().getValue(), "a", Set.of(), null, null, null));
                }
            }
            if (f.hasRelationship()) {
                for (Coding coding : f.getRelationship().getCoding()) {
                    b.relationship.addAll(words(RelativeWords.ofCode(ChartValues.text(coding.getCodeElement()))));
                    b.relationship.addAll(words(ChartValues.text(coding.getDisplayElement())));
                }
                b.relationship.addAll(words(ChartValues.text(f.getRelationship().getTextElement())));
                b.detail(f.getRelationship());
            }
            b.status = ChartValues.code(f.getStatusElement());
        } else if (resource instanceof Patient p) {
            b.detail(ChartValues.code(p.getGenderElement()));
            b.date(DateRole.BIRTH, p.getBirthDateElement());
            if (p.hasDeceasedDateTimeType()) {
                b.date(DateRole.END, p.getDeceasedDateTimeType());
            }
        } else if (resource instanceof CarePlan c) {
            c.getCategory().forEach(b::name);
            b.name(ChartValues.text(c.getDescriptionElement()));
            c.getActivity().forEach(a -> {
                if (a.hasDetail()) {
                    b.detail(a.getDetail().getCode());
                }
            });
            b.period(c.hasPeriod() ? c.getPeriod() : null);
            b.status = ChartValues.code(c.getStatusElement());
        } else if (resource instanceof Goal g) {
            b.name(g.getDescription());
            b.status = ChartValues.code(g.getLifecycleStatusElement());
        }
        return b.build();
    }

    private void observation(CitedFactBuilder b, Observation o) {
        b.name(o.getCode());
        o.getCategory().forEach(b::detail);
        b.detail(o.hasBodySite() ? o.getBodySite() : null);
        b.detail(o.hasMethod() ? o.getMethod() : null);
        String loinc = loinc(o.getCode());
        b.codeKey = key(o.getCode());
        if (o.hasValue()) {
            b.measured(null, o.getValue(), o.getInterpretation(), o.getReferenceRange(), loinc);
        }
        for (Observation.ObservationComponentComponent c : o.getComponent()) {
            int index = b.values.size();
            if (c.hasValue() && b.measured(concept(c.getCode()), c.getValue(), c.getInterpretation(),
                    c.getReferenceRange(), loinc(c.getCode()))) {
                b.component(c.getCode(), index);
            } else {
                b.name(c.getCode());
            }
        }
        b.date(DateRole.EFFECTIVE, o.hasEffective() ? o.getEffective() : null);
        b.date(DateRole.ISSUED, o.getIssuedElement());
        b.status = ChartValues.code(o.getStatusElement());
        b.sortKey = o.hasEffective() && o.getEffective() instanceof BaseDateTimeType dt && ChartValues.present(dt)
                ? dt.getValueAsString() : o.hasEffectivePeriod() && ChartValues.present(o.getEffectivePeriod().getStartElement())
                ? o.getEffectivePeriod().getStartElement().getValueAsString() : "";
    }

    private void medication(CitedFactBuilder b, Type medication) {
        if (medication instanceof CodeableConcept concept) {
            b.name(concept);
            b.drug(concept);
        } else if (medication instanceof Reference reference) {
            String resolved = chart.resolve(reference);
            if (resolved != null && chart.get(resolved).orElse(null) instanceof Medication med) {
                b.name(med.getCode());
                b.drug(med.getCode());
                b.detail(med.getForm());
            }
            String display = ChartValues.text(reference.getDisplayElement());
            if (display != null) {
                b.name(display);
                b.drug(display);
            }
        }
    }

    private static String code(CodeableConcept concept) {
        if (concept == null) {
            return null;
        }
        for (Coding coding : concept.getCoding()) {
            String code = ChartValues.text(coding.getCodeElement());
            if (code != null) {
                return code.toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static String concept(CodeableConcept concept) {
        String text = io.chartbrief.summary.chart.FactText.concept(concept);
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    private static String loinc(CodeableConcept concept) {
        for (Coding coding : concept.getCoding()) {
            if ("http://loinc.org".equals(ChartValues.text(coding.getSystemElement()))) {
                return ChartValues.text(coding.getCodeElement());
            }
        }
        return null;
    }

    private static String key(CodeableConcept concept) {
        return io.chartbrief.summary.chart.FactText.codeKey(concept);
    }

    private List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (Token t : Tokenizer.tokens(text)) {
                if (t.isWord()) {
                    out.add(t.text());
                }
            }
        }
        return out;
    }
}
