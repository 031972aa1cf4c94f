package io.chartbrief.summary.verify.claim;

import io.chartbrief.summary.verify.evidence.CitedFact;
import io.chartbrief.summary.verify.evidence.DateRole;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a stated date in the role its wording gives it: "onset"/"since"/"diagnosed" → onset (a medication's start
 * or order), "resolved" → abatement, "ordered"/"started" → authoredOn, "admitted"/"discharged" → the encounter
 * period, a result's date → effective. A date without a role word has the resource's primary role (a condition's
 * onset or recorded date, an order's authoredOn, a result's effective time). Partial dates match by prefix
 * ({@code 2026-11} states any day in that month). A date the resource has in another role is contradicted.
 */
final class DateCheck {

    /** Role words of summaries, by the role they name (independent of the resource type). */
    private static final Map<String, String> ROLE_OF_WORD = Map.ofEntries(
            Map.entry("onset", "begin"), Map.entry("since", "begin"), Map.entry("diagnosed", "begin"),
            Map.entry("began", "begin"), Map.entry("beginning", "begin"), Map.entry("developed", "begin"),
            Map.entry("started", "begin"), Map.entry("initiated", "begin"), Map.entry("from", "begin"),
            Map.entry("starting", "begin"), Map.entry("start", "begin"),
            Map.entry("resolved", "end"), Map.entry("abated", "end"), Map.entry("until", "end"),
            Map.entry("ended", "end"), Map.entry("ending", "end"), Map.entry("healed", "end"), Map.entry("to", "end"),
            Map.entry("through", "end"), Map.entry("stopped", "end"), Map.entry("discontinued", "end"),
            Map.entry("died", "end"), Map.entry("deceased", "end"), Map.entry("death", "end"), Map.entry("expired", "end"),
            Map.entry("ordered", "ordered"), Map.entry("prescribed", "ordered"), Map.entry("authored", "ordered"),
            Map.entry("admitted", "admitted"), Map.entry("admission", "admitted"), Map.entry("presented", "admitted"),
            Map.entry("discharged", "discharged"), Map.entry("discharge", "discharged"),
            Map.entry("recorded", "recorded"), Map.entry("noted", "recorded"), Map.entry("documented", "recorded"),
            Map.entry("asserted", "recorded"), Map.entry("performed", "performed"), Map.entry("underwent", "performed"),
            Map.entry("born", "birth"), Map.entry("dob", "birth"),
            Map.entry("drawn", "effective"), Map.entry("collected", "effective"), Map.entry("measured", "effective"),
            Map.entry("obtained", "effective"), Map.entry("resulted", "issued"), Map.entry("taken", "effective"),
            Map.entry("reported", "issued"), Map.entry("issued", "issued"), Map.entry("released", "issued"),
            Map.entry("checked", "effective"), Map.entry("given", "effective"), Map.entry("administered", "effective"),
            Map.entry("dispensed", "effective"), Map.entry("on", "any"), Map.entry("dated", "any"), Map.entry("at", "any"),
            Map.entry("of", "any"), Map.entry("in", "any"));

    private DateCheck() {
    }

    /** Whether a word gives a date its role (such words are not facts of their own). */
    static boolean isRoleWord(String word) {
        return ROLE_OF_WORD.containsKey(word);
    }

    /** The role word before a date (up to three tokens back, within its segment), or "any". */
    static String roleBefore(Statement s, int i) {
        for (int k = i - 1; k >= 0 && k >= i - 3 && s.segment[k] == s.segment[i]; k--) {
            if (s.runAt[k] != null) {
                break;   // "Discharge date 2022-09-08": the words name the observation, they give no role
            }
            if (s.token(k).isWord()) {
                String role = ROLE_OF_WORD.get(s.token(k).text());
                if (role != null && !"any".equals(role)) {
                    return role;
                }
            }
        }
        return "any";
    }

    /** The date roles a role word means for one resource type. */
    static Set<DateRole> roles(String word, CitedFact fact) {
        boolean condition = fact.isA("Condition", "AllergyIntolerance");
        boolean order = fact.isA("MedicationRequest");
        boolean medication = fact.isMedication();
        boolean encounter = fact.isA("Encounter", "EpisodeOfCare", "CarePlan");
        return switch (word) {
            case "begin" -> condition ? EnumSet.of(DateRole.ONSET) : order ? EnumSet.of(DateRole.AUTHORED, DateRole.START)
                    : medication || encounter ? EnumSet.of(DateRole.START, DateRole.EFFECTIVE) : primary(fact);
            case "end" -> condition ? EnumSet.of(DateRole.ABATEMENT) : EnumSet.of(DateRole.END);
            case "issued" -> EnumSet.of(DateRole.ISSUED);
            case "ordered" -> EnumSet.of(DateRole.AUTHORED);
            case "admitted" -> EnumSet.of(DateRole.START);
            case "discharged" -> EnumSet.of(DateRole.END);
            case "recorded" -> condition || medication ? EnumSet.of(DateRole.RECORDED, DateRole.AUTHORED) : primary(fact);
            case "performed" -> EnumSet.of(DateRole.PERFORMED, DateRole.EFFECTIVE);
            case "birth" -> EnumSet.of(DateRole.BIRTH);
            case "effective" -> EnumSet.of(DateRole.EFFECTIVE, DateRole.PERFORMED);
            default -> primary(fact);
        };
    }

    /** The roles an unqualified date of this resource type has. */
    static Set<DateRole> primary(CitedFact fact) {
        return switch (fact.type()) {
            case "Condition", "AllergyIntolerance" -> EnumSet.of(DateRole.ONSET, DateRole.RECORDED);
            case "MedicationRequest" -> EnumSet.of(DateRole.AUTHORED, DateRole.START);
            case "MedicationStatement" -> EnumSet.of(DateRole.START, DateRole.EFFECTIVE, DateRole.RECORDED);
            case "Encounter", "EpisodeOfCare", "CarePlan" -> EnumSet.of(DateRole.START, DateRole.END);
            case "Procedure" -> EnumSet.of(DateRole.PERFORMED);
            case "Patient" -> EnumSet.of(DateRole.BIRTH);
            default -> EnumSet.of(DateRole.EFFECTIVE, DateRole.ISSUED, DateRole.VALUE, DateRole.PERFORMED, DateRole.START);
        };
    }

    /**
     * Checks one date in a role word's meaning against the bound facts (supported when any fact has it). When no
     * bound fact has a date in that role ("Pneumonia, admitted 03/01/2024" binds to the Condition, admission is the
     * Encounter's), the other cited facts with dates in that role are used.
     */
    static Verdict check(String date, String roleWord, List<CitedFact> bound, List<CitedFact> cited) {
        if (!"any".equals(roleWord) && bound.stream().noneMatch(f -> hasRole(f, roles(roleWord, f)))) {
            List<CitedFact> others = cited.stream().filter(f -> hasRole(f, roles(roleWord, f))).toList();
            if (!others.isEmpty()) {
                return check(date, roleWord, others);
            }
        }
        return check(date, roleWord, bound);
    }

    private static boolean hasRole(CitedFact fact, Set<DateRole> roles) {
        return roles.stream().anyMatch(r -> !fact.dates().getOrDefault(r, Set.of()).isEmpty());
    }

    static Verdict check(String date, String roleWord, List<CitedFact> facts) {
        Verdict worst = null;
        for (CitedFact fact : facts) {
            Verdict v = check(date, roles(roleWord, fact), fact);
            if (v.supported()) {
                return v;
            }
            worst = worst == null || v.outcome().ordinal() < worst.outcome().ordinal() ? v : worst;
        }
        return worst == null ? Verdict.unverifiable("no cited resource has the date " + date) : worst;
    }

    static Verdict check(String date, Set<DateRole> roles, CitedFact fact) {
        boolean anyInRole = false;
        for (DateRole role : roles) {
            for (String d : fact.dates().getOrDefault(role, Set.of())) {
                anyInRole = true;
                if (d.startsWith(date)) {
                    return Verdict.SUPPORTED;
                }
            }
        }
        for (Map.Entry<DateRole, Set<String>> e : fact.dates().entrySet()) {
            if (!roles.contains(e.getKey()) && e.getValue().stream().anyMatch(d -> d.startsWith(date))) {
                return Verdict.contradicted(date + " is the " + name(e.getKey()) + " date, not the " + name(roles.iterator().next()));
            }
        }
        return anyInRole ? Verdict.contradicted("the chart's " + name(roles.iterator().next()) + " date is not " + date)
                : Verdict.unverifiable("the cited resource has no " + name(roles.iterator().next()) + " date");
    }

    private static String name(DateRole role) {
        return switch (role) {
            case ONSET -> "onset";
            case ABATEMENT -> "abatement";
            case RECORDED -> "recorded";
            case AUTHORED -> "order";
            case EFFECTIVE -> "result";
            case START -> "start";
            case END -> "end";
            case PERFORMED -> "performed";
            case BIRTH -> "birth";
            case ISSUED -> "report";
            case VALUE -> "stated";
        };
    }
}
