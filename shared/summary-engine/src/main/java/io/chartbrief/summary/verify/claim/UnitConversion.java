package io.chartbrief.summary.verify.claim;

import io.chartbrief.summary.verify.text.Units;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Map;
import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;

/**
 * Converts a chart value to the unit a summary states, through UCUM (the {@code org.fhir:ucum} library HAPI's
 * validator uses, with its bundled {@code ucum-essence.xml}): mg/dL ↔ g/L, mmol/L ↔ mEq/L, °F ↔ °C. Mass ↔
 * substance conversions use the analyte's molar mass (glucose, creatinine, urea nitrogen, calcium, magnesium,
 * cholesterol…), and equivalents the ion's valence (Mg and Ca are divalent: 1 mmol = 2 mEq). Thread-safe.
 */
final class UnitConversion {

    private static final UcumEssenceService UCUM = io.chartbrief.interop.units.Ucum.service();
    /** g/mol of analytes whose mass and substance concentrations are both used. */
    private static final Map<String, BigDecimal> MOLAR_MASS = Map.ofEntries(Map.entry("glucose", new BigDecimal("180.16")),
            Map.entry("creatinine", new BigDecimal("113.12")), Map.entry("urea", new BigDecimal("28.014")),
            Map.entry("calcium", new BigDecimal("40.078")), Map.entry("magnesium", new BigDecimal("24.305")),
            Map.entry("cholesterol", new BigDecimal("386.65")), Map.entry("triglyceride", new BigDecimal("885.7")),
            Map.entry("potassium", new BigDecimal("39.098")), Map.entry("sodium", new BigDecimal("22.99")),
            Map.entry("chloride", new BigDecimal("35.45")), Map.entry("phosphate", new BigDecimal("30.974")),
            Map.entry("bilirubin", new BigDecimal("584.66")), Map.entry("urate", new BigDecimal("168.11")));
    private static final Map<String, Integer> VALENCE = Map.of("calcium", 2, "magnesium", 2);

    private UnitConversion() {
    }

    /** The UCUM form of a chart's unit (its code, or its written unit mapped). */
    static String ucum(String chartUnit) {
        if (chartUnit == null) {
            return null;
        }
        String mapped = Units.ucum(chartUnit);
        return mapped != null ? mapped : chartUnit;
    }

    /**
     * {@code value} in {@code from} expressed in {@code to}, or null when the units are not comparable.
     *
     * @param analyte the analyte's name words (for molar mass and valence), may be empty
     */
    static BigDecimal convert(BigDecimal value, String from, String to, String analyte) {
        if (from == null || to == null) {
            return null;
        }
        if (same(from, to)) {
            return value;
        }
        BigDecimal temperature = temperature(value, from, to);
        if (temperature != null) {
            return temperature;
        }
        String substance = substance(analyte);
        BigDecimal factor = BigDecimal.ONE;
        String source = from;
        String target = to;
        Integer valence = substance == null ? null : VALENCE.get(substance);
        if (valence != null) {
            // UCUM counts an equivalent as a mole; a divalent ion has two equivalents per mole
            if (isEquivalent(source) && !isEquivalent(target)) {
                factor = factor.divide(BigDecimal.valueOf(valence), MathContext.DECIMAL64);
            } else if (!isEquivalent(source) && isEquivalent(target)) {
                factor = factor.multiply(BigDecimal.valueOf(valence));
            }
        }
        BigDecimal direct = ucumConvert(value.multiply(factor), source, target);
        if (direct != null) {
            return direct;
        }
        BigDecimal mass = substance == null ? null : MOLAR_MASS.get(substance);
        if (mass == null) {
            return null;
        }
        // mass concentration = substance concentration x molar mass
        BigDecimal asMolar = ucumConvert(value.multiply(factor), source, "mol/L");
        if (asMolar != null) {
            return ucumConvert(asMolar.multiply(mass), "g/L", target);
        }
        BigDecimal asMass = ucumConvert(value.multiply(factor), source, "g/L");
        if (asMass != null) {
            return ucumConvert(asMass.divide(mass, MathContext.DECIMAL64), "mol/L", target);
        }
        return null;
    }

    /** Whether two units measure the same kind of quantity (mass concentration, counts per time…). */
    static boolean comparable(String a, String b, String analyte) {
        return convert(BigDecimal.ONE, a, b, analyte) != null;
    }

    /** Same unit, ignoring case (written units are lower-cased) and UCUM annotations ({copies}/mL = /mL). */
    private static boolean same(String a, String b) {
        String x = a.replaceAll("\\{[^}]*}", "");
        String y = b.replaceAll("\\{[^}]*}", "");
        return x.equals(y) || x.equalsIgnoreCase(y) && !x.equals("m") && !y.equals("M");
    }

    private static boolean isEquivalent(String unit) {
        return unit.toLowerCase(Locale.ROOT).contains("eq");
    }

    private static BigDecimal temperature(BigDecimal value, String from, String to) {
        boolean fromC = "Cel".equals(from);
        boolean fromF = "[degF]".equals(from);
        boolean toC = "Cel".equals(to);
        boolean toF = "[degF]".equals(to);
        if (fromC && toF) {
            return value.multiply(new BigDecimal("1.8")).add(BigDecimal.valueOf(32));
        }
        if (fromF && toC) {
            return value.subtract(BigDecimal.valueOf(32)).divide(new BigDecimal("1.8"), MathContext.DECIMAL64);
        }
        return null;
    }

    private static BigDecimal ucumConvert(BigDecimal value, String from, String to) {
        try {
            String f = lower(from);
            String t = lower(to);
            if (UCUM.validate(f) != null || UCUM.validate(t) != null || !UCUM.isComparable(f, t)) {
                return null;
            }
            Decimal result = UCUM.convert(new Decimal(value.toPlainString()), f, t);
            return result == null ? null : new BigDecimal(result.asDecimal());
        } catch (UcumException | RuntimeException e) {
            return null;
        }
    }

    /** UCUM spells milli-equivalents "meq"; charts also write "mEq". */
    private static String lower(String unit) {
        return unit.replace("mEq", "meq").replace("Eq", "eq");
    }

    private static String substance(String analyte) {
        if (analyte == null) {
            return null;
        }
        String words = analyte.toLowerCase(Locale.ROOT);
        for (String name : MOLAR_MASS.keySet()) {
            if (words.contains(name)) {
                return name;
            }
        }
        return null;
    }
}
