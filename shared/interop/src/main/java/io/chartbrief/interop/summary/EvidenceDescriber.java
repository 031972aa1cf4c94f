package io.chartbrief.interop.summary;

import io.chartbrief.interop.summary.SummaryDocument.Evidence;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * One line of display text and a date for an evidence resource copied into a summary document, so a clinician can
 * see what an item rests on without opening the chart: {@code Potassium 3.1 mmol/L (L)} on {@code 2026-11-01}.
 * Dates are the resource's own (no time-zone conversion), cut to the day. Stateless.
 */
public final class EvidenceDescriber {

    private static final List<String> GENERIC_CODES = List.of("code", "vaccineCode", "medication", "type");
    private static final List<String> GENERIC_DATES = List.of(
            "effective", "occurrence", "performed", "onset", "authoredOn", "recordedDate", "issued", "date", "period",
            "created");

    /** The display of {@code resource}; a resource of an unknown type gets its code (if any) and type name. */
    public Evidence describe(Resource resource) {
        String type = resource.fhirType();
        if (resource instanceof Observation o) {
            return new Evidence(type, observation(o), day(o.hasEffective() ? o.getEffective() : o.getIssuedElement()));
        }
        if (resource instanceof Condition c) {
            return new Evidence(type, join(orDefault(text(c.getCode()), "Condition"), status(c.getClinicalStatus())),
                    day(c.hasOnset() ? c.getOnset() : c.getRecordedDateElement()));
        }
        if (resource instanceof AllergyIntolerance a) {
            return new Evidence(type, allergy(a), day(a.hasOnset() ? a.getOnset() : a.getRecordedDateElement()));
        }
        if (resource instanceof MedicationRequest m) {
            return new Evidence(type, medication(m), day(m.getAuthoredOnElement()));
        }
        if (resource instanceof Encounter e) {
            return new Evidence(type, encounter(e), day(e.getPeriod()));
        }
        if (resource instanceof DocumentReference d) {
            return new Evidence(type, orDefault(text(d.getType()), "Document"),
                    day(d.hasDate() ? d.getDateElement() : d.getContext().getPeriod()));
        }
        return generic(resource);
    }

    private static String observation(Observation o) {
        String name = orDefault(text(o.getCode()), "Observation");
        String value = value(o.hasValue() ? o.getValue() : null);
        if (value == null && o.hasComponent()) {
            value = o.getComponent().stream()
                    .filter(c -> value(c.getValue()) != null)
                    .map(c -> join(text(c.getCode()), value(c.getValue())))
                    .filter(s -> !s.isEmpty()).collect(Collectors.joining(", "));
        }
        if ((value == null || value.isEmpty()) && (o.hasValue() || o.hasDataAbsentReason())) {
            // A value that holds nothing (data-absent-reason): said, never shown as "null".
            value = "value not given";
        }
        String flags = o.getInterpretation().stream().map(EvidenceDescriber::code)
                .filter(Objects::nonNull).collect(Collectors.joining(","));
        return join(name, value, flags.isEmpty() ? null : "(" + flags + ")");
    }

    private static String allergy(AllergyIntolerance a) {
        String substance = orDefault(text(a.getCode()), "Allergy");
        List<String> reactions = new ArrayList<>();
        a.getReaction().forEach(r -> r.getManifestation().forEach(m -> {
            String t = text(m);
            if (t != null) {
                reactions.add(t);
            }
        }));
        return reactions.isEmpty() ? substance : substance + " — reaction: " + String.join(", ", reactions);
    }

    private static String medication(MedicationRequest m) {
        String medication = null;
        if (m.hasMedicationCodeableConcept()) {
            medication = text(m.getMedicationCodeableConcept());
        } else if (m.hasMedicationReference()) {
            Reference ref = m.getMedicationReference();
            medication = present(ref.getDisplayElement());
        }
        String dosage = m.hasDosageInstruction() ? present(m.getDosageInstruction().get(0).getTextElement()) : null;
        return join(orDefault(medication, "Medication"), dosage);
    }

    private static String encounter(Encounter e) {
        String type = e.hasType() ? text(e.getTypeFirstRep()) : null;
        String kind = e.hasClass_()
                ? orDefault(present(e.getClass_().getDisplayElement()), present(e.getClass_().getCodeElement())) : null;
        return orDefault(join(type, kind == null ? null : "(" + kind + ")"), "Encounter");
    }

    private static Evidence generic(Resource resource) {
        String code = null;
        for (String name : GENERIC_CODES) {
            Base[] codes = property(resource, name);
            if (codes.length > 0 && codes[0] instanceof CodeableConcept concept && (code = text(concept)) != null) {
                break;
            }
        }
        String date = null;
        for (String name : GENERIC_DATES) {
            Base[] values = property(resource, name);
            if (values.length > 0 && values[0] instanceof Type value && (date = day(value)) != null) {
                break;
            }
        }
        return new Evidence(resource.fhirType(), orDefault(code, resource.fhirType()), date);
    }

    private static Base[] property(Resource resource, String name) {
        for (String candidate : List.of(name, name + "[x]")) {
            try {
                Base[] values = resource.getProperty(candidate.hashCode(), candidate, false);
                if (values != null && values.length > 0 && values[0] != null) {
                    return values;
                }
            } catch (Exception e) {
                // not a property of this type
            }
        }
        return new Base[0];
    }

    private static String value(Type value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Quantity q) {
            // hasValue() is true for a value that carries only an extension (data-absent-reason): read the number.
            BigDecimal number = q.getValueElement().getValue();
            if (number == null) {
                return null;
            }
            String unit = orDefault(present(q.getUnitElement()), present(q.getCodeElement()));
            return plain(number) + (unit == null ? "" : " " + unit);
        }
        if (value instanceof CodeableConcept concept) {
            return text(concept);
        }
        if (value instanceof Period || value instanceof BaseDateTimeType) {
            return day(value);
        }
        if (value instanceof PrimitiveType<?> primitive) {
            return present(primitive);
        }
        return null;
    }

    /**
     * The value of a primitive as written, or null when it holds none: a FHIR primitive may carry only an
     * extension (US Core data-absent-reason), and then HAPI's {@code hasX()} is true while {@code getX()} is null.
     */
    static String present(PrimitiveType<?> primitive) {
        if (primitive == null || primitive.getValue() == null) {
            return null;
        }
        String text = primitive.getValueAsString();
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().scale() < 0 ? value.setScale(0).toPlainString()
                : value.stripTrailingZeros().toPlainString();
    }

    /** The day of a date/dateTime/instant/Period(start) value, as written (YYYY, YYYY-MM or YYYY-MM-DD). */
    static String day(Type value) {
        if (value instanceof Period period) {
            String start = day(period.getStartElement());
            return start != null ? start : day(period.getEndElement());
        }
        if (value instanceof BaseDateTimeType date && date.hasValue()) {
            String text = date.getValueAsString();
            return text.length() > 10 ? text.substring(0, 10) : text;
        }
        return null;
    }

    /** Text of a concept: its text, else the first coding display, else the first code. */
    static String text(CodeableConcept concept) {
        if (concept == null || concept.isEmpty()) {
            return null;
        }
        String text = present(concept.getTextElement());
        if (text != null) {
            return text;
        }
        for (Coding coding : concept.getCoding()) {
            String display = present(coding.getDisplayElement());
            if (display != null) {
                return display;
            }
        }
        return code(concept);
    }

    private static String code(CodeableConcept concept) {
        for (Coding coding : concept.getCoding()) {
            String code = present(coding.getCodeElement());
            if (code != null) {
                return code;
            }
        }
        return present(concept.getTextElement());
    }

    private static String status(CodeableConcept clinicalStatus) {
        String code = code(clinicalStatus);
        return code == null || "active".equals(code) ? null : "(" + code + ")";
    }

    private static String join(String... parts) {
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                out.append(out.length() == 0 ? "" : " ").append(part.trim());
            }
        }
        return out.toString();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
