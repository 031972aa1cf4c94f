package io.chartbrief.summary.notes;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Heading words real notes use, to canonical section names. Matching ignores case, surrounding {@code **} / {@code _},
 * a trailing period or parenthetical ("PLAN (continued)"), and treats {@code &}, {@code /} and {@code +} between words
 * as "and" ("A/P", "Assessment & Plan", "ASSESSMENT/PLAN" are all assessment-and-plan).
 */
final class SectionHeadings {

    private static final Map<String, String> CANONICAL = table();
    private static final Pattern AND = Pattern.compile("\\s*[&/+]\\s*");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern PARENTHETICAL = Pattern.compile("\\s*\\([^)]*\\)\\s*$");

    private SectionHeadings() {
    }

    /** The canonical name of a heading label, or null when it is no known heading. */
    static String canonical(CharSequence label) {
        if (label.length() == 0 || label.length() > 64) {
            return null;
        }
        String s = label.toString().toLowerCase(Locale.ROOT).strip();
        s = stripAround(s);
        s = PARENTHETICAL.matcher(s).replaceAll("");
        while (s.endsWith(".") || s.endsWith(":")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        s = SPACES.matcher(AND.matcher(s).replaceAll(" and ")).replaceAll(" ").strip();
        return CANONICAL.get(s);
    }

    private static String stripAround(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == '*' || s.charAt(a) == '_')) {
            a++;
        }
        while (b > a && (s.charAt(b - 1) == '*' || s.charAt(b - 1) == '_')) {
            b--;
        }
        return s.substring(a, b).strip();
    }

    private static Map<String, String> table() {
        Map<String, String> m = new HashMap<>();
        put(m, "chief-complaint", "chief complaint", "chief complaints", "cc", "reason for visit", "reason for visit",
                "presenting complaint", "reason for consultation", "reason for consult", "chief complaint and hpi");
        put(m, "hpi", "history of present illness", "history of the present illness", "hpi", "present illness",
                "history of presenting illness", "interval history", "subjective");
        put(m, "pmh", "past medical history", "pmh", "pmhx", "medical history", "past history", "past medical hx",
                "history");
        put(m, "psh", "past surgical history", "psh", "surgical history", "pshx");
        put(m, "family-history", "family history", "fh", "fhx", "family hx");
        put(m, "social-history", "social history", "sh", "shx", "social hx");
        put(m, "medications", "medications", "medication", "current medications", "meds", "home medications",
                "medication list", "outpatient medications", "current outpatient medications", "active medications",
                "discharge medications", "medications on admission", "admission medications");
        put(m, "allergies", "allergies", "allergy", "drug allergies", "allergies and adverse reactions",
                "allergies and intolerances", "medication allergies");
        put(m, "ros", "review of systems", "ros", "systems review");
        put(m, "physical-exam", "physical exam", "physical examination", "exam", "examination", "pe",
                "objective", "physical findings");
        put(m, "vitals", "vitals", "vital signs", "vitals reviewed");
        put(m, "results", "results", "data", "labs", "laboratory", "laboratory data", "lab results", "laboratory results",
                "diagnostics", "diagnostic data", "studies", "imaging", "labs and imaging", "pertinent results",
                "diagnostic studies", "objective data", "results and data", "data and results", "labs and studies");
        put(m, "assessment-and-plan", "assessment and plan", "a and p", "ap", "impression and plan",
                "assessment and recommendations", "plan and assessment");
        put(m, "assessment", "assessment", "assessments", "clinical assessment");
        put(m, "plan", "plan", "plan of care", "recommendations", "treatment plan");
        put(m, "impression", "impression", "impressions", "diagnosis", "diagnoses", "clinical impression",
                "final diagnosis", "discharge diagnosis", "discharge diagnoses", "working diagnosis");
        put(m, "hospital-course", "hospital course", "brief hospital course", "ed course", "clinical course",
                "course in the ed", "emergency department course", "course");
        put(m, "disposition", "disposition", "dispo", "discharge disposition");
        put(m, "instructions", "instructions", "patient instructions", "discharge instructions", "follow up",
                "follow-up", "followup");
        put(m, "addendum", "addendum");
        return Map.copyOf(m);
    }

    private static void put(Map<String, String> m, String canonical, String... aliases) {
        for (String alias : aliases) {
            m.put(alias, canonical);
        }
    }
}
