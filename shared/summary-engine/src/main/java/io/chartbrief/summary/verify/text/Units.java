package io.chartbrief.summary.verify.text;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Units as people and charts write them, mapped to UCUM codes ({@code mEq/L} → {@code meq/L}, {@code bpm} →
 * {@code /min}, {@code mmHg} → {@code mm[Hg]}, {@code °F} → {@code [degF]}). A written form that is already valid
 * UCUM-looking text with a slash is passed through; anything else unknown is not a unit (null).
 */
public final class Units {

    private static final Map<String, String> WRITTEN = new HashMap<>();

    static {
        put("/min", "/min", "bpm", "b/min", "per min", "per minute", "beats per minute", "beat per minute",
                "beats/min", "beats/minute", "breaths per minute", "breaths/min", "breath per minute", "breaths/minute",
                "{beats}/min", "{breaths}/min", "beats per min", "breaths per min");
        put("mm[Hg]", "mmhg", "mm hg", "mm[hg]", "mm [hg]");
        put("Cel", "cel", "°c", "° c", "degc", "deg c", "degrees c", "degree c", "degrees celsius", "degree celsius", "celsius", "c",
                "degrees °c", "degree °c");
        put("[degF]", "[degf]", "°f", "° f", "degf", "deg f", "degrees f", "degree f", "degrees fahrenheit",
                "fahrenheit", "f", "degrees °f", "degree °f");
        put("%", "%", "percent", "pct");
        put("mmol/L", "mmol/l", "mm/l");
        put("meq/L", "meq/l", "meq/dl", "mequiv/l");
        put("umol/L", "umol/l", "µmol/l", "μmol/l");
        put("mg/dL", "mg/dl");
        put("g/dL", "g/dl", "gm/dl");
        put("g/L", "g/l");
        put("mg/L", "mg/l");
        put("ng/mL", "ng/ml");
        put("pg/mL", "pg/ml");
        put("ug/L", "ug/l", "µg/l", "mcg/l");
        put("U/L", "u/l", "units/l", "iu/l", "[iu]/l");
        put("m[IU]/L", "m[iu]/l", "miu/l", "mu/l", "uiu/ml", "µiu/ml", "[iu]/ml", "u[iu]/ml", "miu/ml");
        put("10*3/uL", "10*3/ul", "10^3/ul", "k/ul", "x10^3/ul", "x 10^3/ul", "10*9/l", "10^9/l", "x10^9/l",
                "thou/ul", "k/mcl", "10*3/mm3", "/nl", "10³/µl", "10³/ul");
        put("10*6/uL", "10*6/ul", "10^6/ul", "m/ul", "x10^6/ul", "10*12/l", "10^12/l", "x10^12/l");
        put("fL", "fl");
        put("pg", "pg");
        put("kg", "kg", "kgs", "kilogram", "kilograms");
        put("g", "g", "gm", "gram", "grams");
        put("mg", "mg", "milligram", "milligrams", "mgs");
        put("ug", "mcg", "ug", "µg", "μg", "microgram", "micrograms");
        put("[lb_av]", "lb", "lbs", "pound", "pounds", "[lb_av]");
        put("cm", "cm", "centimeter", "centimeters");
        put("m", "m", "meter", "meters");
        put("[in_i]", "in", "inch", "inches", "[in_i]");
        put("kg/m2", "kg/m2", "kg/m^2", "kg/m²");
        put("mL", "ml", "milliliter", "milliliters", "cc");
        put("L", "l", "liter", "liters", "litre", "litres");
        put("L/min", "l/min", "lpm");
        put("[U]", "units", "unit", "u", "[u]", "iu", "[iu]");
        put("meq", "meq");
        put("mmol", "mmol");
        put("mL/min/{1.73_m2}", "ml/min/{1.73_m2}", "ml/min/1.73m2", "ml/min/1.73 m2", "ml/min");
        put("s", "s", "sec", "seconds");
        put("{ratio}", "{ratio}", "ratio");
        put("h", "h", "hr", "hrs", "hour", "hours");
        put("d", "d", "day", "days");
        put("wk", "wk", "week", "weeks");
        put("mo", "mo", "month", "months");
        put("a", "year", "years", "yr", "yrs");
        put("{score}", "{score}");
        put("/[HPF]", "/[hpf]", "/hpf");
        put("10*9/L", "giga.l-1", "g/l-1");
        put("10*12/L", "tera.l-1");
        put("/uL", "/ul", "cells/ul", "cells/µl", "cells/μl", "cells/mm3", "/mm3", "cells/mcl", "/mcl", "/µl");
        put("{copies}/mL", "copies/ml", "{copies}/ml", "cp/ml", "copies per ml");
    }

    /** Prefixes and base units of UCUM print names ("millimole per liter", "thousand per microliter"). */
    private static final Map<String, String> PREFIX = Map.of("kilo", "k", "milli", "m", "micro", "u", "nano", "n",
            "pico", "p", "femto", "f", "deci", "d", "centi", "c", "", "");
    private static final Map<String, String> BASE = Map.of("mole", "mol", "gram", "g", "liter", "L", "litre", "L",
            "meter", "m", "metre", "m", "equivalent", "eq", "unit", "U", "second", "s", "minute", "min");
    private static final String NAME = "(kilo|milli|micro|nano|pico|femto|deci|centi|)(mole|gram|liter|litre|meter|metre|equivalent|unit|second|minute)s?";
    /** A unit written out in words, as HL7 feeds and UCUM print names do. */
    public static final java.util.regex.Pattern LONG = java.util.regex.Pattern.compile(
            "(?:(?:thousand|million|international unit|cells?|" + NAME + ")\\s+per\\s+(?:square\\s+)?" + NAME + "|(millimet(?:er|re)s?|centimet(?:er|re)s?) of mercury|degrees? (celsius|fahrenheit))(?![a-z])");

    private Units() {
    }

    /** The UCUM code of a unit written in words ({@code millimole per liter} → {@code mmol/L}), or null. */
    public static String longName(String written) {
        java.util.regex.Matcher m = LONG.matcher(written.toLowerCase(Locale.ROOT).trim());
        if (!m.matches()) {
            return null;
        }
        String w = written.toLowerCase(Locale.ROOT);
        if (w.contains("mercury")) {
            return w.startsWith("milli") ? "mm[Hg]" : "cm[Hg]";
        }
        if (w.contains("celsius")) {
            return "Cel";
        }
        if (w.contains("fahrenheit")) {
            return "[degF]";
        }
        String[] sides = w.split("\\s+per\\s+");
        String numerator = switch (sides[0]) {
            case "thousand" -> "10*3";
            case "million" -> "10*6";
            case "international unit" -> "[IU]";
            case "cell", "cells" -> "";
            default -> symbol(sides[0]);
        };
        String denominator = symbol(sides[1].replaceFirst("^square\\s+", ""));
        if (numerator == null || denominator == null) {
            return null;
        }
        return numerator + "/" + denominator + (sides[1].startsWith("square") ? "2" : "");
    }

    private static String symbol(String word) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(NAME).matcher(word);
        if (!m.matches()) {
            return null;
        }
        return PREFIX.get(m.group(1)) + BASE.get(m.group(2));
    }

    private static void put(String ucum, String... written) {
        for (String w : written) {
            WRITTEN.put(w, ucum);
        }
    }

    /** The UCUM code of a written unit (case-insensitive), or null when it is not a unit. */
    public static String ucum(String written) {
        if (written == null) {
            return null;
        }
        String key = written.toLowerCase(Locale.ROOT).trim().replaceAll("\\s+", " ");
        String known = WRITTEN.get(key);
        if (known != null) {
            return known;
        }
        if (key.contains("/") && !key.startsWith("/") && key.matches(".*\\p{L}.*")) {
            // e.g. mg/kg/h: compared through UCUM as written; per hour/minute as written on pumps ("mg/hr")
            return written.trim().replaceAll("(?i)/(hr|hrs|hour)$", "/h").replaceAll("(?i)/(mins?|minute)$", "/min");
        }
        if (key.startsWith("/") && key.matches("/\\p{L}.*")) {
            return written.trim();
        }
        return null;
    }
}
