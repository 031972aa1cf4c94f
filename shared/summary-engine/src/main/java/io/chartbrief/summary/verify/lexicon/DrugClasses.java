package io.chartbrief.summary.verify.lexicon;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drug classes of the lexicon: each class's members (ingredients and nested classes), the ways summaries name a
 * class ({@code acei}, {@code ace inhibitors}), and which classes must not be stopped without a cited reason
 * (anticoagulants, antiplatelets, insulin, antiretrovirals, antiepileptics, rescue drugs). Names are canonical
 * lexicon wording (lower-case). Immutable.
 */
public final class DrugClasses {

    /** Penicillin allergy policy: the whole beta-lactam family is flagged (docs/clinical-lexicon.md). */
    private static final String PENICILLIN = "penicillin";
    private static final String BETA_LACTAM = "beta lactam";

    private final Map<String, Set<String>> members;
    private final Map<String, String> classOfName;
    private final Set<String> stopNeedsReason;

    private DrugClasses(Map<String, Set<String>> members, Map<String, String> classOfName, Set<String> stopNeedsReason) {
        this.members = members;
        this.classOfName = classOfName;
        this.stopNeedsReason = stopNeedsReason;
    }

    static DrugClasses of(List<String[]> rows) {
        Map<String, Set<String>> members = new HashMap<>();
        Map<String, String> classOfName = new HashMap<>();
        Set<String> stop = new HashSet<>();
        for (String[] row : rows) {
            String name = norm(row[0]);
            classOfName.put(name, name);
            for (String variant : row[1].split("\\|")) {
                if (!variant.isBlank() && !variant.trim().equals("-")) {
                    classOfName.putIfAbsent(norm(variant), name);
                }
            }
            if (row[2].contains("stop-needs-reason")) {
                stop.add(name);
            }
            Set<String> set = members.computeIfAbsent(name, k -> new LinkedHashSet<>());
            for (String member : row[3].split("\\|")) {
                if (!member.isBlank()) {
                    set.add(norm(member));
                }
            }
        }
        return new DrugClasses(Map.copyOf(members), Map.copyOf(classOfName), Set.copyOf(stop));
    }

    /** Lower-case, hyphens as spaces, single spaces: the form every lookup uses. */
    public static String norm(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replace('-', ' ').replaceAll("\\s+", " ").trim();
    }

    /** The class a name denotes ({@code ace inhibitors} → {@code ace inhibitor}), or null when it is no class. */
    public String classNamed(String name) {
        return classOfName.get(norm(name));
    }

    /** Every ingredient and nested class under a class (transitively), the class itself excluded. */
    public Set<String> expand(String className) {
        Set<String> out = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(members.getOrDefault(className, Set.of()));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (out.add(next)) {
                todo.addAll(members.getOrDefault(next, Set.of()));
            }
        }
        return out;
    }

    /** A class written another way ("penicillins", "ACE inhibitors") as the class's name; other names normalized. */
    private String canonical(String name) {
        String n = norm(name);
        String cls = classOfName.get(n);
        return cls != null ? cls : n;
    }

    /** Every class that has this ingredient (or class) among its members, transitively. */
    public Set<String> classesOf(String drug) {
        String name = norm(drug);
        Set<String> out = new LinkedHashSet<>();
        for (String cls : members.keySet()) {
            if (!cls.equals(name) && expand(cls).contains(name)) {
                out.add(cls);
            }
        }
        return out;
    }

    /**
     * What an allergy to {@code allergen} covers: the allergen, the narrowest classes it belongs to with all their
     * members, and for penicillins the beta-lactam family. Broad umbrella classes (those with more than one nested
     * class, such as "antibiotic") are not used, so an amoxicillin allergy does not flag every antibiotic.
     */
    public Set<String> coveredByAllergy(String allergen) {
        String name = canonical(allergen);
        Set<String> covered = new LinkedHashSet<>();
        covered.add(name);
        Set<String> classes = new LinkedHashSet<>();
        if (members.containsKey(name)) {
            classes.add(name);   // an allergy written as a class ("penicillins", "sulfonamides")
        }
        for (String cls : classesOf(name)) {
            if (!umbrella(cls) && !cls.equals(BETA_LACTAM)) {
                classes.add(cls);   // the beta-lactam family is flagged for penicillin allergies only (below)
            }
        }
        if (classes.contains(PENICILLIN) || name.equals(PENICILLIN)) {
            classes.add(BETA_LACTAM);
        }
        for (String cls : classes) {
            covered.add(cls);
            covered.addAll(expand(cls));
        }
        return covered;
    }

    /** Whether stopping this drug or class needs a cited reason (it or one of its classes is flagged). */
    public boolean stopNeedsReason(String drug) {
        String name = canonical(drug);
        if (stopNeedsReason.contains(name)) {
            return true;
        }
        for (String cls : classesOf(name)) {
            if (stopNeedsReason.contains(cls)) {
                return true;
            }
        }
        return false;
    }

    /** The flagged class that makes stopping this drug need a reason (for the message), or null. */
    public String stopReasonClass(String drug) {
        String name = canonical(drug);
        if (stopNeedsReason.contains(name)) {
            return name;
        }
        return classesOf(name).stream().filter(stopNeedsReason::contains).findFirst().orElse(null);
    }

    private boolean umbrella(String cls) {
        long nested = members.getOrDefault(cls, Set.of()).stream().filter(members::containsKey).count();
        return nested > 1 && !cls.equals(BETA_LACTAM);
    }
}
