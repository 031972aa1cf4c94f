package io.chartbrief.summary.verify;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * The laboratory tests and vital signs the generator writes about, by LOINC code: the name and abbreviation a
 * clinician uses, the usual reporting precision, and the clinical terms for a low or high value. Observations whose
 * code is not here are left out (a template over an unknown test could be ambiguous).
 */
final class Analytes {

    /**
     * @param name      the plain name ("Potassium")
     * @param abbrev    the usual abbreviation ("K"), or null
     * @param decimals  the precision a report uses
     * @param monovalent mmol/L equals mEq/L (Na, K, Cl, HCO3)
     * @param lowTerm   the clinical term for a low value ("hypokalemia"), or null
     * @param highTerm  the clinical term for a high value, or null
     * @param normalTerm the clinical term for a normal value ("afebrile"), or null
     * @param vital     a vital sign, with fixed adult thresholds ({@link #adultDirection})
     */
    record Analyte(String name, String abbrev, int decimals, boolean monovalent, String lowTerm, String highTerm,
            String normalTerm, boolean vital) {
    }

    private static final Map<String, Analyte> BY_LOINC = new HashMap<>();

    static {
        lab("Potassium", "K", 1, true, "Hypokalemia", "Hyperkalemia", "2823-3", "6298-4");
        lab("Sodium", "Na", 0, true, "Hyponatremia", "Hypernatremia", "2951-2", "2947-0");
        lab("Chloride", "Cl", 0, true, "Hypochloremia", "Hyperchloremia", "2075-0", "2069-3");
        lab("Bicarbonate", "HCO3", 0, true, null, null, "2028-9", "20565-8", "1963-8");
        lab("Magnesium", "Mg", 1, false, "Hypomagnesemia", "Hypermagnesemia", "19123-9", "2601-3");
        lab("Calcium", "Ca", 1, false, "Hypocalcemia", "Hypercalcemia", "17861-6", "49765-1");
        lab("Glucose", null, 0, false, "Hypoglycemia", "Hyperglycemia", "2339-0", "2345-7");
        lab("Creatinine", "Cr", 2, false, null, null, "2160-0", "38483-4");
        lab("Urea nitrogen", "BUN", 0, false, null, null, "6299-2", "3094-0");
        lab("Hemoglobin", "Hgb", 1, false, "Anemia", null, "718-7");
        lab("Hematocrit", "Hct", 1, false, null, null, "4544-3", "20570-8");
        lab("White blood cell count", "WBC", 1, false, "Leukopenia", "Leukocytosis", "6690-2");
        lab("Platelet count", "Plt", 0, false, "Thrombocytopenia", "Thrombocytosis", "777-3");
        lab("Red blood cell count", "RBC", 2, false, null, null, "789-8");
        lab("MCV", null, 1, false, null, null, "787-2");
        lab("MCH", null, 1, false, null, null, "785-6");
        lab("MCHC", null, 1, false, null, null, "786-4");
        lab("Hemoglobin A1c", "HbA1c", 1, false, null, null, "4548-4");
        lab("Total cholesterol", null, 0, false, null, null, "2093-3");
        lab("LDL cholesterol", "LDL", 0, false, null, null, "18262-6", "13457-7");
        lab("HDL cholesterol", "HDL", 0, false, null, null, "2085-9");
        lab("Triglycerides", "TG", 0, false, null, null, "2571-8");
        lab("eGFR", null, 0, false, null, null, "33914-3");
        lab("TSH", null, 2, false, null, null, "3016-3");
        lab("ALT", null, 0, false, null, null, "1742-6");
        lab("AST", null, 0, false, null, null, "1920-8");
        lab("Alkaline phosphatase", "ALP", 0, false, null, null, "6768-6");
        lab("Total bilirubin", null, 1, false, null, null, "1975-2");
        lab("Albumin", null, 1, false, "Hypoalbuminemia", null, "1751-7");
        lab("NT-proBNP", null, 0, false, null, null, "33762-6");
        lab("CD4 count", "CD4", 0, false, null, null, "24467-3");
        lab("HIV viral load", null, 0, false, null, null, "20447-9");
        vital("Heart rate", "HR", 0, "Bradycardic", "Tachycardic", null, "8867-4");
        vital("Respiratory rate", "RR", 0, "Bradypneic", "Tachypneic", null, "9279-1");
        vital("Temperature", "Temp", 1, "Hypothermic", "Febrile", "Afebrile", "8310-5", "8331-1");
        vital("SpO2", null, 0, "Hypoxemic", null, null, "59408-5", "2708-6");
        vital("Weight", "Wt", 1, null, null, null, "29463-7");
        vital("Height", "Ht", 1, null, null, null, "8302-2");
        vital("BMI", null, 1, "Underweight", "Obese", null, "39156-5");
        vital("Systolic blood pressure", "SBP", 0, null, null, null, "8480-6");
        vital("Diastolic blood pressure", "DBP", 0, null, null, null, "8462-4");
    }

    private Analytes() {
    }

    private static void lab(String name, String abbrev, int decimals, boolean monovalent, String low, String high,
            String... loinc) {
        for (String code : loinc) {
            BY_LOINC.put(code, new Analyte(name, abbrev, decimals, monovalent, low, high, null, false));
        }
    }

    private static void vital(String name, String abbrev, int decimals, String low, String high, String normal,
            String... loinc) {
        for (String code : loinc) {
            BY_LOINC.put(code, new Analyte(name, abbrev, decimals, false, low, high, normal, true));
        }
    }

    static Analyte of(String loinc) {
        return loinc == null ? null : BY_LOINC.get(loinc);
    }

    /**
     * The direction of an adult vital sign where fixed thresholds leave no doubt (a margin around the usual cut-offs,
     * so nothing near a boundary is labelled), or null. Children have other norms: callers pass adults only.
     */
    static String adultDirection(String loinc, BigDecimal value) {
        double v = value.doubleValue();
        switch (loinc) {
            case "8867-4":
                return v >= 110 ? "high" : v <= 50 ? "low" : v >= 60 && v <= 90 ? "normal" : null;
            case "9279-1":
                return v >= 24 ? "high" : v <= 8 ? "low" : v >= 12 && v <= 18 ? "normal" : null;
            case "8310-5":
            case "8331-1":
                return v >= 38.3 ? "high" : v <= 35.0 ? "low" : v >= 36.3 && v <= 37.3 ? "normal" : null;
            case "59408-5":
            case "2708-6":
                return v <= 88 ? "low" : v >= 95 ? "normal" : null;
            case "39156-5":
                return v >= 30.5 ? "high" : v <= 18.0 ? "low" : v >= 19 && v <= 24.5 ? "normal" : null;
            default:
                return null;
        }
    }

    /** Blood pressure: high when SBP ≥ 160 or DBP ≥ 100, low when SBP ≤ 85, normal when 100–129 / 60–79; else null. */
    static String adultBloodPressure(BigDecimal systolic, BigDecimal diastolic) {
        double s = systolic.doubleValue();
        double d = diastolic.doubleValue();
        if (s >= 160 || d >= 100) {
            return s <= 85 ? null : "high";
        }
        if (s <= 85) {
            return "low";
        }
        return s >= 100 && s <= 129 && d >= 60 && d <= 79 ? "normal" : null;
    }

    /** How a clinician writes the chart's unit (UCUM codes read poorly), for the given analyte. */
    static String humanUnit(String unit, Analyte analyte) {
        if (unit == null) {
            return null;
        }
        switch (unit) {
            case "Cel": return "°C";
            case "[degF]": return "°F";
            case "mm[Hg]": return "mmHg";
            case "/min": return analyte.name().equals("Respiratory rate") ? "breaths/min" : "bpm";
            case "m[IU]/L": return "mIU/L";
            case "10*3/uL": return "K/uL";
            case "10*6/uL": return "M/uL";
            case "mL/min/{1.73_m2}": return "mL/min/1.73 m2";
            case "{copies}/mL": return "copies/mL";
            default: return null;
        }
    }

    /** A unit that would misstate the value (a different quantity or scale), or null when none is unambiguous. */
    static String wrongUnit(String unit, Analyte analyte) {
        if (unit == null) {
            return null;
        }
        switch (unit) {
            case "mmol/L": return "mg/dL";
            case "mg/dL": return analyte.name().equals("Magnesium") || analyte.name().equals("Calcium") ? "mEq/L" : "mmol/L";
            case "g/dL": return "mg/dL";
            case "kg": return "lb";
            case "cm": return "in";
            case "Cel": return "°F";
            case "%": return analyte.name().equals("Hemoglobin A1c") ? "mmol/mol" : null;
            default: return null;
        }
    }
}
