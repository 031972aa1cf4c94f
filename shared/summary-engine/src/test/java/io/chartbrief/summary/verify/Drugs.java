package io.chartbrief.summary.verify;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drug knowledge for the generator: reading a single-ingredient RxNorm-style name ("Apixaban 5 MG Oral Tablet"),
 * brand names, and the classes whose interruption or whose allergy matters. Combination products are not parsed
 * (a strength template over them would be ambiguous).
 */
final class Drugs {

    /**
     * @param ingredient lower-case ingredient as a clinician writes it ("apixaban", "metoprolol succinate")
     * @param strength   the strength number, or null
     * @param unit       lower-case strength unit ("mg", "mg/actuat"), or null
     * @param oral       the product is an oral form
     */
    record Drug(String ingredient, BigDecimal strength, String unit, boolean oral) {

        /** "Apixaban" */
        String title() {
            return Character.toUpperCase(ingredient.charAt(0)) + ingredient.substring(1);
        }

        /** "apixaban 5 mg" (or just the ingredient). */
        String withStrength(BigDecimal value) {
            return value == null ? ingredient : ingredient + " " + value.stripTrailingZeros().toPlainString() + " " + unit;
        }

        /** The first word: what brand and class lists are keyed by. */
        String base() {
            return ingredient.split(" ")[0];
        }
    }

    /** A name with no strength, optionally with a bracketed brand: "Clonazepam [Klonopin]". */
    private static final Pattern PLAIN = Pattern.compile("^([A-Za-z][A-Za-z -]*?) ?(?:\\[[A-Za-z ]+\\])?$");

    private static final Pattern NAME = Pattern.compile(
            "^(?:\\d+(?:\\.\\d+)? (?:HR|ACTUAT|ML) )?([A-Za-z][A-Za-z -]*?) (\\d+(?:\\.\\d+)?) ?(MG/ML|MG/ACTUAT|UNT/ML|MCG|MG|G)\\b(.*)$",
            Pattern.CASE_INSENSITIVE);

    /** Brand names whose generic is exactly the ingredient (so "Eliquis 5 mg" = apixaban 5 mg). */
    private static final Map<String, String> BRANDS = Map.ofEntries(
            Map.entry("apixaban", "Eliquis"), Map.entry("rivaroxaban", "Xarelto"), Map.entry("warfarin", "Coumadin"),
            Map.entry("clopidogrel", "Plavix"), Map.entry("atorvastatin", "Lipitor"), Map.entry("simvastatin", "Zocor"),
            Map.entry("lisinopril", "Zestril"), Map.entry("losartan", "Cozaar"), Map.entry("amlodipine", "Norvasc"),
            Map.entry("levetiracetam", "Keppra"), Map.entry("lamotrigine", "Lamictal"), Map.entry("carbamazepine", "Tegretol"),
            Map.entry("sertraline", "Zoloft"), Map.entry("acetaminophen", "Tylenol"), Map.entry("ibuprofen", "Advil"),
            Map.entry("metformin", "Glucophage"), Map.entry("alendronic", "Fosamax"), Map.entry("furosemide", "Lasix"),
            Map.entry("loratadine", "Claritin"), Map.entry("diphenhydramine", "Benadryl"), Map.entry("vancomycin", "Vancocin"),
            Map.entry("azithromycin", "Zithromax"), Map.entry("clonazepam", "Klonopin"), Map.entry("diazepam", "Valium"));

    /** Drugs a recommendation must not stop without a stated reason: the harm of interruption is serious. */
    private static final Map<String, String> CRITICAL = Map.ofEntries(
            Map.entry("apixaban", "an anticoagulant"), Map.entry("rivaroxaban", "an anticoagulant"),
            Map.entry("warfarin", "an anticoagulant"), Map.entry("dabigatran", "an anticoagulant"),
            Map.entry("enoxaparin", "an anticoagulant"), Map.entry("clopidogrel", "an antiplatelet drug"),
            Map.entry("ticagrelor", "an antiplatelet drug"), Map.entry("prasugrel", "an antiplatelet drug"),
            Map.entry("insulin", "insulin"), Map.entry("levetiracetam", "an antiepileptic"),
            Map.entry("carbamazepine", "an antiepileptic"), Map.entry("lamotrigine", "an antiepileptic"),
            Map.entry("phenytoin", "an antiepileptic"), Map.entry("valproate", "an antiepileptic"),
            Map.entry("clonazepam", "a benzodiazepine antiepileptic"), Map.entry("albuterol", "a rescue inhaler"),
            Map.entry("epinephrine", "rescue epinephrine"), Map.entry("nitroglycerin", "rescue nitroglycerin"),
            Map.entry("bictegravir", "antiretroviral therapy"), Map.entry("efavirenz", "antiretroviral therapy"),
            Map.entry("tenofovir", "antiretroviral therapy"), Map.entry("dolutegravir", "antiretroviral therapy"));

    /**
     * For a drug allergen: other drugs a physician avoids with that allergy (same drug or cross-reactive class),
     * each with the class named in the rationale.
     */
    private static final Map<String, List<String>> AVOID = Map.of(
            "lisinopril", List.of("enalapril", "ramipril"),
            "penicillin", List.of("amoxicillin", "ampicillin", "piperacillin-tazobactam"),
            "amoxicillin", List.of("ampicillin", "penicillin V"),
            "sulfamethoxazole", List.of("trimethoprim-sulfamethoxazole", "Bactrim"),
            "codeine", List.of());

    private Drugs() {
    }

    /** The parsed name, or null for combination products and names without a single ingredient and strength. */
    static Drug parse(String name) {
        if (name == null || name.contains(" / ")) {
            return null;
        }
        Matcher plain = PLAIN.matcher(name.strip());
        if (plain.matches()) {
            return new Drug(words(plain.group(1)), null, null, false);
        }
        Matcher m = NAME.matcher(name.strip());
        if (!m.matches()) {
            return null;
        }
        String ingredient = words(m.group(1));
        String rest = m.group(4).toLowerCase(Locale.ROOT);
        boolean oral = rest.contains("oral tablet") || rest.contains("oral capsule");
        return new Drug(ingredient, new BigDecimal(m.group(2)), m.group(3).toLowerCase(Locale.ROOT), oral);
    }

    /**
     * A readable name for a product the parser leaves out: the ingredients of a combination joined by "/"
     * ("amoxicillin/clavulanate"), else the name's words without numbers, units and codes
     * ("epinephrine auto-injector" for "NDA020800 0.3 ML Epinephrine 1 MG/ML Auto-Injector").
     */
    static String shortName(String name) {
        List<String> parts = new java.util.ArrayList<>();
        for (String part : name.split(" / ")) {
            StringBuilder words = new StringBuilder();
            boolean combination = name.contains(" / ");
            for (String token : part.strip().split("\\s+")) {
                boolean noise = token.matches(".*\\d.*") || token.matches("(?i)(MG|MCG|ML|G|HR|ACTUAT|UNT|MG/ML|MG/ACTUAT|Day|Pack)")
                        || token.startsWith("[");
                if (noise && combination && words.length() > 0) {
                    break;
                }
                if (!noise) {
                    words.append(words.length() == 0 ? "" : " ").append(token);
                }
            }
            if (combination) {
                // Keep the ingredient only: "Acetaminophen 325 MG" -> "acetaminophen"; forms follow the last strength.
                parts.add(words.toString().replaceAll("(?i)\\s+(Oral|Tablet|Capsule|Injection|Solution).*$", ""));
            } else {
                parts.add(words.toString());
            }
        }
        return words(String.join("/", parts).replace(" /", "/").replace("/ ", "/"));
    }

    /** Lower case, single letters upper ("penicillin V potassium"): tall-man letters (amLODIPine) read as words. */
    private static String words(String text) {
        StringBuilder out = new StringBuilder();
        for (String word : text.strip().toLowerCase(Locale.ROOT).split("\\s+")) {
            out.append(out.length() == 0 ? "" : " ").append(word.length() == 1 ? word.toUpperCase(Locale.ROOT) : word);
        }
        return out.toString();
    }

    static String brand(Drug drug) {
        return BRANDS.get(drug.base());
    }

    /** Why stopping it needs a reason ("an anticoagulant"), or null. */
    static String critical(String ingredientText) {
        String lower = ingredientText.toLowerCase(Locale.ROOT);
        return CRITICAL.entrySet().stream().filter(e -> lower.contains(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** Drugs a patient allergic to this substance must not be started on; empty when unknown. */
    static List<String> avoidWith(String allergen) {
        String lower = allergen.toLowerCase(Locale.ROOT);
        return AVOID.entrySet().stream().filter(e -> lower.contains(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(List.of());
    }

    /** Frequency of a daily/hourly schedule: {abbreviation, words}, or null when not a plain schedule. */
    static String[] frequency(int frequency, BigDecimal period, String periodUnit) {
        if (period == null || periodUnit == null) {
            return null;
        }
        int p = period.intValue();
        if (periodUnit.equals("d") && p == 1) {
            switch (frequency) {
                case 1: return new String[] {"daily", "once daily"};
                case 2: return new String[] {"BID", "twice daily"};
                case 3: return new String[] {"TID", "three times daily"};
                case 4: return new String[] {"QID", "four times daily"};
                default: return null;
            }
        }
        if (periodUnit.equals("h") && frequency == 1 && (p == 4 || p == 6 || p == 8 || p == 12)) {
            return new String[] {"q" + p + "h", "every " + p + " hours"};
        }
        return null;
    }

    /** A clearly different schedule for the wrong-frequency template: {abbreviation, words}. */
    static String[] wrongFrequency(String[] actual) {
        switch (actual[0]) {
            case "daily": return new String[] {"TID", "three times daily"};
            case "BID": return new String[] {"daily", "once daily"};
            case "TID": case "QID": return new String[] {"daily", "once daily"};
            default: return new String[] {"daily", "once daily"};
        }
    }
}
