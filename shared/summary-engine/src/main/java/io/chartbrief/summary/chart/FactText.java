package io.chartbrief.summary.chart;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.Observation.ObservationReferenceRangeComponent;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;

/**
 * Renders FHIR values as the words and numbers the chart itself holds (display text, codes, values and units
 * exactly as written), so that what the summary says can be found again in the cited resource.
 */
public final class FactText {

    private FactText() {
    }

    /** CodeableConcept text, else the first coding display, else the first code; null when empty. */
    public static String concept(CodeableConcept concept) {
        if (concept == null || concept.isEmpty()) {
            return null;
        }
        String text = ChartValues.text(concept.getTextElement());
        if (text != null) {
            return text;
        }
        for (Coding coding : concept.getCoding()) {
            String display = ChartValues.text(coding.getDisplayElement());
            if (display != null) {
                return display;
            }
        }
        for (Coding coding : concept.getCoding()) {
            String code = ChartValues.text(coding.getCodeElement());
            if (code != null) {
                return code;
            }
        }
        return null;
    }

    /** First non-blank concept text of a list. */
    public static String firstConcept(List<CodeableConcept> concepts) {
        for (CodeableConcept concept : concepts) {
            String text = concept(concept);
            if (text != null && !text.isBlank()) {
                return text;
            }
        }
        return null;
    }

    /** A grouping key for "the same test": system|code of the first coding, else the text. */
    public static String codeKey(CodeableConcept concept) {
        for (Coding coding : concept.getCoding()) {
            String code = ChartValues.text(coding.getCodeElement());
            if (code != null) {
                return Objects.toString(ChartValues.text(coding.getSystemElement()), "") + "|" + code;
            }
        }
        String text = concept(concept);
        return text == null ? "" : text.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A quantity as {@code value unit}; null when it has no value (e.g. only a data-absent-reason). The value as
     * written, unless it carries more digits than any measurement has ({@link #readable}).
     */
    public static String quantity(Quantity quantity) {
        BigDecimal number = quantity == null ? null : ChartValues.decimal(quantity.getValueElement());
        if (number == null) {
            return null;
        }
        String value = plain(readable(number));
        String unit = ChartValues.text(quantity.getUnitElement());
        if (unit == null) {
            unit = ChartValues.text(quantity.getCodeElement());
        }
        return unit == null ? value : value + " " + unit;
    }

    /** An observation value of any type, or null. */
    public static String value(Type value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value instanceof Quantity quantity) {
            return quantity(quantity);
        }
        if (value instanceof CodeableConcept concept) {
            return concept(concept);
        }
        if (value instanceof PrimitiveType<?> primitive) {
            return ChartValues.text(primitive);
        }
        return null;
    }

    /**
     * Code, value and flags of an observation, e.g. {@code Potassium 5.9 mmol/L (H; ref 3.5-5.1)} or
     * {@code Blood Pressure: Diastolic Blood Pressure 80 mm[Hg], Systolic Blood Pressure 120 mm[Hg]}. A result
     * whose value holds nothing (data-absent-reason) reads {@code Potassium value not given}.
     */
    public static String observation(Observation observation) {
        StringBuilder text = new StringBuilder();
        String name = concept(observation.getCode());
        text.append(name == null ? "Observation" : name);
        String value = value(observation.getValue());
        List<String> parts = new ArrayList<>();
        for (ObservationComponentComponent component : observation.getComponent()) {
            String componentValue = value(component.getValue());
            if (componentValue != null) {
                String componentName = concept(component.getCode());
                parts.add(componentName == null ? componentValue : componentName + " " + componentValue);
            }
        }
        if (value != null) {
            text.append(' ').append(value);
        } else if (!parts.isEmpty()) {
            text.append(": ").append(String.join(", ", parts));
        } else if (observation.hasValue() || observation.hasDataAbsentReason()) {
            text.append(" value not given");
        }
        StringJoiner flags = new StringJoiner("; ", " (", ")").setEmptyValue("");
        for (CodeableConcept interpretation : observation.getInterpretation()) {
            for (Coding coding : interpretation.getCoding()) {
                String code = ChartValues.text(coding.getCodeElement());
                if (code != null) {
                    flags.add(code);
                }
            }
        }
        for (ObservationReferenceRangeComponent range : observation.getReferenceRange()) {
            BigDecimal low = range.hasLow() ? ChartValues.decimal(range.getLow().getValueElement()) : null;
            BigDecimal high = range.hasHigh() ? ChartValues.decimal(range.getHigh().getValueElement()) : null;
            if (low != null || high != null) {
                flags.add("ref " + (low == null ? "" : plain(low)) + "-" + (high == null ? "" : plain(high)));
                break;
            }
        }
        return text.append(flags).toString();
    }

    /** A decimal as written, without exponent. */
    /**
     * A value as a clinician reads it: a computed value with float noise ({@code 37.19999} °C,
     * {@code 98.60000000001}) to four significant digits (never fewer than its whole-number digits), trailing zeros
     * dropped; a value with at most four significant digits or two decimals is left exactly as written.
     */
    public static BigDecimal readable(BigDecimal value) {
        if (value.precision() <= 4 || value.scale() <= 2) {
            return value;
        }
        int whole = Math.max(value.precision() - value.scale(), 0);
        BigDecimal rounded = value.round(new java.math.MathContext(Math.max(4, whole)));
        rounded = rounded.stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }

    /** v3 ActCode encounter classes in words ({@code IMP} → "Inpatient"); null for a class it does not name. */
    public static String encounterClass(String code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case "IMP", "inpatient" -> "Inpatient";
            case "ACUTE" -> "Inpatient acute";
            case "NONAC" -> "Inpatient non-acute";
            case "AMB", "ambulatory" -> "Ambulatory";
            case "EMER", "emergency" -> "Emergency";
            case "OBSENC" -> "Observation";
            case "PRENC" -> "Pre-admission";
            case "SS" -> "Short stay";
            case "VR", "virtual" -> "Virtual";
            case "HH" -> "Home health";
            case "FLD" -> "Field";
            default -> null;
        };
    }

    public static String plain(BigDecimal value) {
        return value.toPlainString();
    }

    /** {@code text (label date)}, or the text alone when there is no date. */
    public static String dated(String text, String label, String date) {
        return date == null ? text : text + " (" + label + " " + date + ")";
    }
}
