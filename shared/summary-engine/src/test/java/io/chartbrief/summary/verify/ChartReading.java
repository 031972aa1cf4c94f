package io.chartbrief.summary.verify;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;

/**
 * Reads chart values for the generator, independently of the production code (the set must not inherit the
 * engine's or verifier's reading of a chart). Dates are taken as written (yyyy-mm-dd prefix), never shifted
 * through time zones.
 */
final class ChartReading {

    private static final DateTimeFormatter US = DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.ROOT);
    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);

    private ChartReading() {
    }

    /** yyyy-mm-dd of a date or dateTime as written, or null. */
    static String day(BaseDateTimeType value) {
        if (value == null || value.getValueAsString() == null || value.getValueAsString().length() < 10) {
            return null;
        }
        return value.getValueAsString().substring(0, 10);
    }

    /** The date in one of the formats a summary writes, chosen by {@code style} (0 ISO, 1 US, 2 "Nov 1, 2026"). */
    static String format(String isoDay, int style) {
        LocalDate date = LocalDate.parse(isoDay);
        switch (Math.floorMod(style, 3)) {
            case 1:
                return US.format(date);
            case 2:
                return LONG.format(date);
            default:
                return isoDay;
        }
    }

    static String year(String isoDay) {
        return isoDay.substring(0, 4);
    }

    /** Age in whole years on that day, or -1 when the birth date is unknown. */
    static int ageOn(Patient patient, String isoDay) {
        if (patient == null || !patient.hasBirthDateElement() || patient.getBirthDateElement().getValueAsString() == null
                || patient.getBirthDateElement().getValueAsString().length() < 10 || isoDay == null) {
            return -1;
        }
        LocalDate birth = LocalDate.parse(patient.getBirthDateElement().getValueAsString().substring(0, 10));
        return Period.between(birth, LocalDate.parse(isoDay)).getYears();
    }

    /** The first code of a concept in a code system (by system URL prefix), or null. */
    static String code(CodeableConcept concept, String system) {
        if (concept == null) {
            return null;
        }
        for (Coding coding : concept.getCoding()) {
            if (coding.getSystem() != null && coding.getSystem().startsWith(system) && coding.hasCode()) {
                return coding.getCode();
            }
        }
        return null;
    }

    /** The concept's text, else its first display, else null. */
    static String text(CodeableConcept concept) {
        if (concept == null) {
            return null;
        }
        if (concept.hasText()) {
            return concept.getText();
        }
        return concept.getCoding().stream().filter(Coding::hasDisplay).map(Coding::getDisplay).findFirst().orElse(null);
    }

    /** The first status code of a clinical or verification status concept, or "" when absent. */
    static String status(CodeableConcept concept) {
        if (concept == null) {
            return "";
        }
        return concept.getCoding().stream().filter(Coding::hasCode).map(Coding::getCode).findFirst().orElse("");
    }

    /** Without SNOMED's semantic tag: "Viral sinusitis (disorder)" reads "Viral sinusitis". */
    static String clean(String display) {
        return display == null ? null : display.replaceAll("\\s*\\((disorder|finding|situation|procedure)\\)$", "").strip();
    }

    static String observationCategory(Observation observation) {
        return observation.getCategory().stream().map(c -> code(c, "http://terminology.hl7.org/CodeSystem/observation-category"))
                .filter(java.util.Objects::nonNull).findFirst().orElse("");
    }

    /** The value of a quantity, or null when it has none. */
    static BigDecimal value(Quantity quantity) {
        return quantity == null || !quantity.hasValue() ? null : quantity.getValue();
    }

    /** The unit as the chart writes it (unit, else code). */
    static String unit(Quantity quantity) {
        if (quantity == null) {
            return null;
        }
        return quantity.hasUnit() ? quantity.getUnit() : quantity.getCode();
    }

    /** high, low, normal or null from an interpretation coding (v3 ObservationInterpretation). */
    static String interpretation(Observation observation) {
        for (CodeableConcept concept : observation.getInterpretation()) {
            String code = code(concept, "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation");
            if (code == null) {
                continue;
            }
            switch (code) {
                case "H": case "HH": case "HU":
                    return "high";
                case "L": case "LL": case "LU":
                    return "low";
                case "N":
                    return "normal";
                default:
                    return null;
            }
        }
        return null;
    }

    /** high, low or normal from the value against the resource's own reference range (strictly inside = normal). */
    static String againstRange(Observation observation, BigDecimal value) {
        if (observation.getReferenceRange().isEmpty() || value == null) {
            return null;
        }
        Observation.ObservationReferenceRangeComponent range = observation.getReferenceRangeFirstRep();
        BigDecimal low = value(range.getLow());
        BigDecimal high = value(range.getHigh());
        if (high != null && value.compareTo(high) > 0) {
            return "high";
        }
        if (low != null && value.compareTo(low) < 0) {
            return "low";
        }
        // On a bound, or with one bound only, "normal" is not established.
        if (low != null && high != null && value.compareTo(low) > 0 && value.compareTo(high) < 0) {
            return "normal";
        }
        return null;
    }
}
