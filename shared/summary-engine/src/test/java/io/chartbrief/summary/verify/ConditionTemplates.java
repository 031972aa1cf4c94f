package io.chartbrief.summary.verify;

import static io.chartbrief.summary.verify.Category.ABBREVIATION;
import static io.chartbrief.summary.verify.Category.ATTRIBUTION;
import static io.chartbrief.summary.verify.Category.DATE_ROLE;
import static io.chartbrief.summary.verify.Category.FABRICATED;
import static io.chartbrief.summary.verify.Category.NEGATION;
import static io.chartbrief.summary.verify.Category.REORDERED_CONDENSED;
import static io.chartbrief.summary.verify.Category.ROUNDING_FORMAT_UNIT;
import static io.chartbrief.summary.verify.Category.STATUS;
import static io.chartbrief.summary.verify.Category.SYNONYM_LAY;
import static io.chartbrief.summary.verify.Category.VERBATIM;
import static io.chartbrief.summary.verify.Category.WRONG_EVIDENCE;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.FamilyMemberHistory;
import org.hl7.fhir.r4.model.Observation;

/**
 * Templates over Conditions (problems) and FamilyMemberHistory. The label is the template's: written once here, by
 * what the statement claims against what the resource records.
 */
final class ConditionTemplates {

    private static final String PROBLEMS = "problems";
    private static final Set<String> ACTIVE = Set.of("active", "recurrence", "relapse");

    private ConditionTemplates() {
    }

    static void generate(ItemSink sink, List<Condition> conditions, Set<String> ambiguousTexts, Observation unrelated,
            List<FamilyMemberHistory> family, List<String> allConditionTexts) {
        int style = 0;
        for (Condition condition : conditions) {
            String display = ChartReading.clean(ChartReading.text(condition.getCode()));
            String ref = sink.ref(condition);
            List<String> cite = List.of(ref);
            String verification = ChartReading.status(condition.getVerificationStatus());
            String clinical = ChartReading.status(condition.getClinicalStatus());
            String onset = condition.hasOnsetDateTimeType() ? ChartReading.day(condition.getOnsetDateTimeType()) : null;
            String abatement = condition.hasAbatementDateTimeType() ? ChartReading.day(condition.getAbatementDateTimeType()) : null;
            String recorded = ChartReading.day(condition.getRecordedDateElement());
            boolean ambiguous = ambiguousTexts.contains(ConditionTerms.key(display));

            if (verification.equals("entered-in-error") || verification.equals("refuted")) {
                sink.add("condition-invalid-as-problem", STATUS, PROBLEMS, display, cite, onset,
                        "the record is " + verification + ": listing " + display + " as a problem states a diagnosis the chart withdrew");
                if (verification.equals("refuted")) {
                    sink.add("condition-refuted-ruled-out", SYNONYM_LAY, PROBLEMS, display + " (ruled out)", cite, onset,
                            "the chart records " + display + " as refuted: ruled out says exactly that");
                }
                continue;
            }
            boolean active = (ACTIVE.contains(clinical) || clinical.isEmpty()) && abatement == null;
            boolean resolved = Set.of("resolved", "inactive", "remission").contains(clinical) || abatement != null;

            // The problems section lists current problems: a resolved condition named there without "resolved" or
            // "history of" states that it is active, so its faithful wordings are generated for active ones only.
            if (active) {
                sink.add("condition-verbatim", VERBATIM, PROBLEMS, display, cite, onset, "the chart's own name for the problem");
                for (String abbreviation : ConditionTerms.abbreviations(display)) {
                    sink.add("condition-abbreviation", ABBREVIATION, PROBLEMS, abbreviation, cite, onset,
                            abbreviation + " is the standard abbreviation of " + display);
                }
                for (String synonym : ConditionTerms.synonyms(display)) {
                    sink.add("condition-synonym", SYNONYM_LAY, PROBLEMS, synonym, cite, onset, synonym + " names the same condition as " + display);
                }
                for (String condensed : ConditionTerms.condensed(display)) {
                    sink.add("condition-condensed", REORDERED_CONDENSED, PROBLEMS, condensed, cite, onset,
                            condensed + " restates " + display + " (reordered or with a modifier dropped, nothing added)");
                }
                if (onset != null) {
                    String since = active ? display + " since " + ChartReading.year(onset)
                            : display + ", onset " + ChartReading.format(onset, style + 1);
                    sink.add("condition-onset-format", ROUNDING_FORMAT_UNIT, PROBLEMS, since, cite, onset,
                            "the onset date " + onset + ", in another format (or as its year)");
                    style++;
                }
            } else if (resolved && !ambiguous) {
                sink.add("condition-resolved-listed", STATUS, PROBLEMS, display, cite, onset, display + " is "
                        + (clinical.isEmpty() ? "abated" : clinical) + ": listed without it among current problems, it says it is active");
            }
            if (!ambiguous && active && chronic(display)) {
                sink.add("condition-active-as-resolved", STATUS, PROBLEMS, display + " (resolved)", cite, onset,
                        display + " is active in the chart, not resolved");
                sink.add("condition-negated", NEGATION, PROBLEMS, "No " + lowerFirst(display), cite, null,
                        "the chart records " + display + " as an active problem; the item denies it");
            }
            if (!ambiguous && resolved) {
                sink.add("condition-resolved-as-active", STATUS, PROBLEMS, "Active " + lowerFirst(display), cite, onset,
                        display + " is " + (clinical.isEmpty() ? "abated" : clinical) + " in the chart, not active");
                sink.add("condition-resolved-history", SYNONYM_LAY, PROBLEMS, "History of " + lowerFirst(display) + ", resolved", cite, onset,
                        "a resolved problem is past history: what the chart records");
                sink.add("condition-resolved-negated", NEGATION, PROBLEMS, "No history of " + lowerFirst(display), cite, null,
                        "the patient had " + display + " (now resolved); the item denies it ever happened");
            }
            if (abatement != null && !abatement.equals(onset)) {
                sink.add("condition-abatement-as-onset", DATE_ROLE, PROBLEMS,
                        display + ", onset " + ChartReading.format(abatement, style), cite, null,
                        abatement + " is when " + display + " abated; it began " + onset);
                sink.add("condition-resolved-on", ROUNDING_FORMAT_UNIT, PROBLEMS,
                        display + ", resolved " + ChartReading.format(abatement, style + 1), cite, onset,
                        "the abatement date in its role (resolved), another format");
                style++;
            }
            if (recorded != null && onset != null && !recorded.substring(0, 4).equals(onset.substring(0, 4))) {
                sink.add("condition-recorded-as-onset", DATE_ROLE, PROBLEMS, display + " since " + ChartReading.year(recorded),
                        cite, null, "the chart recorded it in " + ChartReading.year(recorded) + "; onset was " + onset);
            }
            if (unrelated != null) {
                sink.add("condition-cites-observation", WRONG_EVIDENCE, PROBLEMS, display, List.of(sink.ref(unrelated)), onset,
                        "cites an unrelated Observation instead of the Condition: the citation does not show the problem");
            }
            Condition other = unrelatedCondition(condition, conditions);
            if (other != null) {
                sink.add("condition-cites-other-condition", WRONG_EVIDENCE, PROBLEMS, display, List.of(sink.ref(other)), onset,
                        "cites " + ChartReading.clean(ChartReading.text(other.getCode())) + ", a different problem");
            }
            if (active && !ambiguous && chronic(display) && family.isEmpty()) {
                // Charts without family history (all of Synthea 2.4): the patient's own lasting problem written as
                // a relative's is the misattribution a summary can make there.
                String relative = ATTRIBUTED_RELATIVES.get(Math.floorMod(style + display.length(), ATTRIBUTED_RELATIVES.size()));
                sink.add("patient-condition-as-relative", ATTRIBUTION, LabelledItem.NARRATIVE,
                        "Family history of " + lowerFirst(display) + " (" + relative + ").", cite, null,
                        display + " is the patient's own problem; the chart records no " + relative + " with it");
            }
            if (active && !ambiguous && chronic(display)) {
                for (FamilyMemberHistory relative : family) {
                    String relationship = ChartReading.text(relative.getRelationship());
                    if (relationship != null && relative.getCondition().stream().noneMatch(c -> ConditionTerms
                            .key(ChartReading.text(c.getCode())).equals(ConditionTerms.key(display)))) {
                        sink.add("patient-condition-as-family", ATTRIBUTION, LabelledItem.NARRATIVE,
                                "Family history of " + lowerFirst(display) + " in " + possessive(sink) + " " + relationship.toLowerCase(Locale.ROOT) + ".",
                                cite, null, display + " is the patient's own problem, not a relative's");
                        break;
                    }
                }
            }
        }
        List<Condition> actives = conditions.stream().filter(c -> ACTIVE.contains(ChartReading.status(c.getClinicalStatus()))
                && !c.hasAbatement() && ChartReading.status(c.getVerificationStatus()).equals("confirmed")).toList();
        if (actives.size() >= 2) {
            Condition a = actives.get(0);
            Condition b = actives.get(1);
            String text = ChartReading.clean(ChartReading.text(a.getCode())) + " and "
                    + lowerFirst(ChartReading.clean(ChartReading.text(b.getCode())));
            sink.add("conditions-combined", REORDERED_CONDENSED, PROBLEMS, text, List.of(sink.ref(a), sink.ref(b)), null,
                    "two active problems in one line, each citing its Condition");
        }
        fabricated(sink, conditions, allConditionTexts);
        familyHistory(sink, family);
    }

    private static void fabricated(ItemSink sink, List<Condition> conditions, List<String> allTexts) {
        int made = 0;
        for (List<String> candidate : ConditionTerms.ABSENT_CANDIDATES) {
            String lower = candidate.get(1);
            if (allTexts.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(lower)) || made == 2) {
                continue;
            }
            if (made == 0 && !conditions.isEmpty()) {
                sink.add("condition-fabricated", FABRICATED, PROBLEMS, candidate.get(0), List.of(sink.ref(conditions.get(0))), null,
                        candidate.get(0) + " is nowhere in the chart; the cited Condition is another problem");
            } else {
                sink.add("condition-unknown-reference", FABRICATED, PROBLEMS, candidate.get(0), List.of("Condition/not-in-chart"),
                        null, candidate.get(0) + " is not in the chart and its citation resolves to nothing");
            }
            made++;
        }
    }

    private static void familyHistory(ItemSink sink, List<FamilyMemberHistory> family) {
        for (FamilyMemberHistory relative : family) {
            String relationship = ChartReading.text(relative.getRelationship());
            if (relationship == null || relative.getCondition().isEmpty()) {
                continue;
            }
            relationship = relationship.toLowerCase(Locale.ROOT);
            FamilyMemberHistory.FamilyMemberHistoryConditionComponent condition = relative.getConditionFirstRep();
            String display = ChartReading.clean(ChartReading.text(condition.getCode()));
            String lay = ConditionTerms.family(display);
            List<String> cite = List.of(sink.ref(relative));
            String age = condition.hasOnsetAge() ? " at age " + condition.getOnsetAge().getValue().toPlainString() : "";
            sink.add("family-history", REORDERED_CONDENSED, LabelledItem.NARRATIVE,
                    "Family history of " + lay + " (" + relationship + age + ").", cite, null,
                    "the relative and condition as the FamilyMemberHistory records them");
            sink.add("family-as-patient-problem", ATTRIBUTION, PROBLEMS, display, cite, null,
                    "the " + relationship + " had " + lay + "; the item lists it as the patient's own problem");
            sink.add("family-as-patient-history", ATTRIBUTION, LabelledItem.NARRATIVE,
                    "History of " + lay + age + ".", cite, null, "states the " + relationship + "'s " + lay + " as the patient's history");
            String other = otherRelative(relationship);
            if (other != null) {
                sink.add("family-wrong-relative", ATTRIBUTION, LabelledItem.NARRATIVE,
                        "Family history of " + lay + " (" + other + ").", cite, null,
                        "the chart records it in the " + relationship + ", not the " + other);
            }
        }
    }

    private static final List<String> ATTRIBUTED_RELATIVES = List.of("mother", "father", "sister", "brother");

    private static String otherRelative(String relationship) {
        switch (relationship) {
            case "mother": return "father";
            case "father": return "mother";
            case "sister": return "brother";
            case "brother": return "sister";
            default: return null;
        }
    }

    private static String possessive(ItemSink sink) {
        if (sink.patient == null || !sink.patient.hasGender()) {
            return "the patient's";
        }
        return sink.patient.getGender() == org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE ? "her" : "his";
    }

    /** Another confirmed problem sharing no word of four letters or more with this one, or null. */
    private static Condition unrelatedCondition(Condition condition, List<Condition> conditions) {
        Set<String> words = words(ChartReading.text(condition.getCode()));
        for (Condition other : conditions) {
            if (other != condition && ChartReading.status(other.getVerificationStatus()).equals("confirmed")
                    && words(ChartReading.text(other.getCode())).stream().noneMatch(words::contains)) {
                return other;
            }
        }
        return null;
    }

    private static Set<String> words(String text) {
        Set<String> out = new java.util.HashSet<>();
        for (String word : ChartReading.clean(text).toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (word.length() >= 4) {
                out.add(word);
            }
        }
        return out;
    }

    private static final List<String> CHRONIC = List.of("hypertension", "diabet", "kidney disease", "coronary",
            "heart failure", "asthma", "epilepsy", "seizure disorder", "immunodeficiency virus", "depressive",
            "rheumatoid", "osteoarthritis", "osteoporosis", "obesity", "atrial fibrillation", "hyperlipidemia");

    /**
     * A lasting condition, whose active status a summary must not turn into resolved or absent. Acute events the
     * chart leaves "active" (appendicitis after appendectomy, an old fracture: a Synthea habit) are left out, since
     * a physician would not call "resolved" wrong for them.
     */
    static boolean chronic(String display) {
        String lower = display.toLowerCase(Locale.ROOT);
        return lower.startsWith("chronic") || CHRONIC.stream().anyMatch(lower::contains);
    }

    static String lowerFirst(String text) {
        // Keep acronyms and names ("HIV", "Crohn") as written; lower a capitalised common word.
        String first = text.split("[ ,]")[0];
        if (first.length() > 1 && Character.isUpperCase(first.charAt(0)) && first.substring(1).chars().allMatch(Character::isLowerCase)) {
            return Character.toLowerCase(text.charAt(0)) + text.substring(1);
        }
        return text;
    }
}
