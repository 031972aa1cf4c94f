package io.chartbrief.summary.verify.claim;

import io.chartbrief.summary.verify.evidence.CitedFact;
import io.chartbrief.summary.verify.lexicon.DrugClasses;
import io.chartbrief.summary.verify.text.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recognizes drug and drug-class names in a recommendation's target: names the lexicon's classes know (as a class
 * or a member) and the drug names of the cited medications and allergies, without dose-form words.
 */
final class DrugVocabulary {

    /** Dose-form and packaging words: part of a product's name, never a drug by themselves. */
    static final Set<String> FORM_WORDS = Set.of("oral", "tablet", "tablets", "capsule", "capsules", "injection",
            "injectable", "solution", "suspension", "extended", "release", "delayed", "chewable", "topical", "cream",
            "ointment", "patch", "inhaler", "inhalation", "metered", "dose", "actuat", "prefilled", "syringe", "pen",
            "auto", "injector", "product", "hr", "day", "disintegrating", "film", "coated", "kit", "pack", "powder",
            "spray", "nasal", "ophthalmic", "drops", "vial", "mg", "ml", "unt", "or", "and", "in", "to", "of",
            "allergy", "allergic", "substance", "drug", "medication", "intolerance", "reaction", "sodium",
            "hydrochloride", "hcl", "potassium", "calcium", "magnesium", "sulfate", "acetate", "succinate",
            "tartrate", "besylate", "maleate", "citrate", "phosphate");

    /** A drug name found in tokens. */
    record Found(int start, int end, String name) {
    }

    private DrugVocabulary() {
    }

    static boolean isDrug(String name, DrugClasses classes) {
        String n = DrugClasses.norm(name);
        if (FORM_WORDS.contains(n)) {
            return false;
        }
        return classes.classNamed(n) != null || !classes.classesOf(n).isEmpty();
    }

    /** Drug names in tokens (longest first at each position). */
    static List<Found> find(List<Token> tokens, List<CitedFact> cited, DrugClasses classes) {
        List<Found> out = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Found found = null;
            for (int length = 4; length >= 1 && found == null; length--) {
                if (i + length > tokens.size()) {
                    continue;
                }
                String name = words(tokens, i, length);
                if (name == null || length == 1 && (FORM_WORDS.contains(name) || Cues.PROSE.contains(name))) {
                    continue;
                }
                String cls = classes.classNamed(name);
                if (cls != null) {
                    found = new Found(i, i + length, cls);
                } else if (!classes.classesOf(name).isEmpty() || citedDrug(name, cited)) {
                    found = new Found(i, i + length, name);
                }
            }
            if (found != null) {
                out.add(found);
                i = found.end();
            } else {
                i++;
            }
        }
        return out;
    }

    /** Whether a cited medication or allergy names the drug (or, for a class, one of its members). */
    static boolean cited(String name, List<CitedFact> cited, DrugClasses classes) {
        if (citedDrug(name, cited)) {
            return true;
        }
        return classes.expand(name).stream().anyMatch(member -> citedDrug(member, cited));
    }

    private static boolean citedDrug(String name, List<CitedFact> cited) {
        for (CitedFact f : cited) {
            if ((f.isMedication() || f.isA("Medication", "AllergyIntolerance")) && f.drugs().contains(name)) {
                return true;
            }
        }
        return false;
    }

    private static String words(List<Token> tokens, int from, int length) {
        StringBuilder out = new StringBuilder();
        for (int k = from; k < from + length; k++) {
            if (!tokens.get(k).isWord()) {
                return null;
            }
            out.append(k > from ? " " : "").append(tokens.get(k).text());
        }
        return out.toString();
    }

    /** The cited medication facts whose drug is {@code name} or, for a class, one of its members. */
    static List<CitedFact> citedMedications(String name, List<CitedFact> cited, DrugClasses classes) {
        Set<String> names = new java.util.HashSet<>(classes.expand(name));
        names.add(name);
        List<CitedFact> out = new ArrayList<>();
        for (CitedFact f : cited) {
            if (f.isMedication() && f.drugs().stream().anyMatch(names::contains)) {
                out.add(f);
            }
        }
        return out;
    }
}
