package io.chartbrief.summary.verify.claim;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Adult thresholds for vital signs by LOINC, used to check "high", "low" or "normal" when a measurement carries
 * neither an interpretation nor a reference range (docs/clinical-safety.md lists them). Values between a
 * threshold and the normal band (an SpO2 of 93 %) have no direction here: the claim stays unverifiable.
 */
final class VitalThresholds {

    /**
     * @param unit       the UCUM unit the bounds are in
     * @param lowBelow   below this: low (null when no low is defined)
     * @param normalFrom lowest normal value
     * @param normalTo   highest normal value
     * @param highFrom   from this up: high (null when no high is defined)
     */
    record Band(String unit, BigDecimal lowBelow, BigDecimal normalFrom, BigDecimal normalTo, BigDecimal highFrom) {
    }

    private static final Map<String, Band> BY_LOINC = Map.ofEntries(
            Map.entry("8867-4", band("/min", "60", "60", "100", "101")),      // heart rate
            Map.entry("9279-1", band("/min", "12", "12", "20", "21")),        // respiratory rate
            Map.entry("8310-5", band("Cel", "35", "36", "37.9", "38")),       // body temperature
            Map.entry("8331-1", band("Cel", "35", "36", "37.9", "38")),       // oral temperature
            Map.entry("8480-6", band("mm[Hg]", "90", "90", "139", "140")),    // systolic
            Map.entry("8462-4", band("mm[Hg]", "60", "60", "89", "90")),      // diastolic
            Map.entry("59408-5", band("%", "92", "95", "100", null)),         // SpO2 by pulse oximetry
            Map.entry("2708-6", band("%", "92", "95", "100", null)),          // SaO2
            Map.entry("39156-5", band("kg/m2", "18.5", "18.5", "24.9", "25"))); // BMI

    private VitalThresholds() {
    }

    private static Band band(String unit, String low, String from, String to, String high) {
        return new Band(unit, new BigDecimal(low), new BigDecimal(from), new BigDecimal(to),
                high == null ? null : new BigDecimal(high));
    }

    /** The direction of an adult's measurement ({@code high}, {@code low}, {@code normal}), or null. */
    static String direction(String loinc, BigDecimal value, String unit) {
        Band band = loinc == null ? null : BY_LOINC.get(loinc);
        if (band == null || value == null) {
            return null;
        }
        BigDecimal v = value;
        String chartUnit = UnitConversion.ucum(unit);
        if (chartUnit != null && !chartUnit.equals(band.unit())) {
            v = UnitConversion.convert(value, chartUnit, band.unit(), "");
            if (v == null) {
                return null;
            }
        }
        if (band.lowBelow() != null && v.compareTo(band.lowBelow()) < 0) {
            return "low";
        }
        if (band.highFrom() != null && v.compareTo(band.highFrom()) >= 0) {
            return "high";
        }
        if (v.compareTo(band.normalFrom()) >= 0 && v.compareTo(band.normalTo()) <= 0) {
            return "normal";
        }
        return null;
    }
}
