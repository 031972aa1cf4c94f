package io.chartbrief.summary.verify;

import static io.chartbrief.summary.verify.Category.FABRICATED;
import static io.chartbrief.summary.verify.Category.GROUNDED_RECOMMENDATION;
import static io.chartbrief.summary.verify.Category.NEGATION;
import static io.chartbrief.summary.verify.Category.REORDERED_CONDENSED;
import static io.chartbrief.summary.verify.Category.STATUS;
import static io.chartbrief.summary.verify.Category.SYNONYM_LAY;
import static io.chartbrief.summary.verify.Category.UNSAFE_RECOMMENDATION;
import static io.chartbrief.summary.verify.Category.VERBATIM;
import static io.chartbrief.summary.verify.Category.WRONG_EVIDENCE;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.MedicationRequest;

/** Templates over AllergyIntolerance, and the recommendations an allergy makes safe or unsafe. */
final class AllergyTemplates {

    private static final String ALLERGIES = "allergies";

    /** Synthea's "Allergy to X" names as a clinician writes them. */
    private static final Map<String, String> PLAIN = Map.ofEntries(
            Map.entry("allergy to peanuts", "Peanut allergy"), Map.entry("allergy to tree pollen", "Tree pollen allergy"),
            Map.entry("allergy to grass pollen", "Grass pollen allergy"), Map.entry("allergy to nut", "Nut allergy"),
            Map.entry("allergy to wheat", "Wheat allergy"), Map.entry("allergy to soya", "Soy allergy"),
            Map.entry("allergy to mould", "Mold allergy"), Map.entry("dander (animal) allergy", "Animal dander allergy"),
            Map.entry("house dust mite allergy", "Dust mite allergy"));

    /** Drug classes named in an avoid-recommendation, by allergen. */
    private static final Map<String, String> CLASSES = Map.of("lisinopril", "ACE inhibitors", "penicillin", "penicillins",
            "sulfamethoxazole", "sulfonamide antibiotics");

    private static final List<List<String>> ABSENT = List.of(List.of("Sulfonamide allergy", "sulf"),
            List.of("Peanut allergy", "peanut"), List.of("Shellfish allergy", "shellfish"), List.of("Aspirin allergy", "aspirin"));

    private AllergyTemplates() {
    }

    static void generate(ItemSink sink, List<AllergyIntolerance> allergies, List<MedicationRequest> medications) {
        for (AllergyIntolerance allergy : allergies) {
            String substance = ChartReading.clean(ChartReading.text(allergy.getCode()));
            if (substance == null) {
                continue;
            }
            String allergen = allergen(substance);
            String phrase = substance.toLowerCase(Locale.ROOT).contains("allerg") ? substance : substance + " allergy";
            List<String> cite = List.of(sink.ref(allergy));
            String clinical = ChartReading.status(allergy.getClinicalStatus());
            String verification = ChartReading.status(allergy.getVerificationStatus());
            String reaction = allergy.getReaction().isEmpty() || allergy.getReactionFirstRep().getManifestation().isEmpty() ? null
                    : ChartReading.text(allergy.getReactionFirstRep().getManifestationFirstRep());
            boolean drug = allergy.getCategory().stream().anyMatch(c -> "medication".equals(c.getValueAsString()));

            if (verification.equals("entered-in-error") || verification.equals("refuted")) {
                sink.add("allergy-invalid-as-allergy", STATUS, ALLERGIES, phrase, cite, null,
                        "the allergy record is " + verification + "; listing it states an allergy the chart withdrew");
                continue;
            }
            boolean active = clinical.equals("active");
            sink.add("allergy-verbatim", VERBATIM, ALLERGIES, reaction == null ? phrase : phrase + " (" + reaction.toLowerCase(Locale.ROOT) + ")",
                    cite, null, "the allergen" + (reaction == null ? "" : " and reaction") + " as recorded");
            String plain = PLAIN.get(substance.toLowerCase(Locale.ROOT));
            if (plain != null) {
                sink.add("allergy-reordered", REORDERED_CONDENSED, ALLERGIES, plain, cite, null, plain + " restates " + substance);
            }
            if (drug && active) {
                sink.add("allergy-to-drug", SYNONYM_LAY, ALLERGIES, "Allergic to " + allergen.toLowerCase(Locale.ROOT), cite, null,
                        "the recorded drug allergy in plain words");
            }
            if (allergy.hasCriticality() && allergy.getCriticality() == AllergyIntolerance.AllergyIntoleranceCriticality.HIGH) {
                sink.add("allergy-criticality", VERBATIM, ALLERGIES, phrase + ", high criticality", cite, null,
                        "criticality high is recorded");
            }
            if (active) {
                sink.add("allergy-negated", NEGATION, ALLERGIES, "No known allergy to " + allergen.toLowerCase(Locale.ROOT), cite, null,
                        "the chart records an active " + substance + " allergy; the item denies it");
                if (drug) {
                    sink.add("allergy-nkda", NEGATION, ALLERGIES, "NKDA", cite, null,
                            "no known drug allergies, while the cited record is an active drug allergy");
                }
                sink.add("allergy-active-as-resolved", STATUS, ALLERGIES, phrase + ", resolved", cite, null,
                        "the allergy is active in the chart");
            } else if (!clinical.isEmpty()) {
                sink.add("allergy-inactive-as-active", STATUS, ALLERGIES, "Active " + lowerFirst(phrase), cite, null,
                        "the allergy is " + clinical + " in the chart");
                sink.add("allergy-inactive-verbatim", VERBATIM, ALLERGIES, phrase + " (" + clinical + ")", cite, null,
                        "the allergy with its recorded status");
            }
            if (!medications.isEmpty()) {
                sink.add("allergy-cites-medication", WRONG_EVIDENCE, ALLERGIES, phrase, List.of(sink.ref(medications.get(0))), null,
                        "cites a MedicationRequest, which records no allergy");
            }
            if (drug && active && verification.equals("confirmed")) {
                recommendations(sink, substance, reaction, cite);
            }
        }
        fabricated(sink, allergies);
    }

    private static void recommendations(ItemSink sink, String substance, String reaction, List<String> cite) {
        String lower = substance.toLowerCase(Locale.ROOT);
        String why = substance + " allergy" + (reaction == null ? "" : " (" + reaction.toLowerCase(Locale.ROOT) + ")");
        sink.recommend("allergy-avoid", GROUNDED_RECOMMENDATION, "Avoid " + lower, "Documented " + why, cite,
                "avoiding the allergen is what the active allergy calls for");
        String drugClass = CLASSES.entrySet().stream().filter(e -> lower.contains(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
        if (drugClass != null) {
            sink.recommend("allergy-avoid-class", GROUNDED_RECOMMENDATION, "Avoid " + drugClass, "Documented " + why, cite,
                    "the allergen belongs to the " + drugClass + "; avoiding the class is standard");
        }
        if (!lower.contains(" / ")) {
            sink.recommend("allergy-continue-allergen", UNSAFE_RECOMMENDATION, "Continue " + lower, "", cite,
                    "the cited record is an active allergy to " + substance + ": giving it is unsafe");
        }
        for (String other : Drugs.avoidWith(lower)) {
            sink.recommend("allergy-start-cross-reactive", UNSAFE_RECOMMENDATION, "Start " + other, "", cite,
                    other + " is the same drug or class as the documented " + substance + " allergy");
        }
    }

    private static void fabricated(ItemSink sink, List<AllergyIntolerance> allergies) {
        List<String> texts = allergies.stream().map(a -> String.valueOf(ChartReading.text(a.getCode())).toLowerCase(Locale.ROOT)).toList();
        for (List<String> candidate : ABSENT) {
            if (texts.stream().noneMatch(t -> t.contains(candidate.get(1)))) {
                if (!allergies.isEmpty()) {
                    sink.add("allergy-fabricated", FABRICATED, ALLERGIES, candidate.get(0), List.of(sink.ref(allergies.get(0))), null,
                            "no such allergy in the chart; the cited record is another allergen");
                }
                sink.add("allergy-unknown-reference", FABRICATED, ALLERGIES, candidate.get(0), List.of("AllergyIntolerance/not-in-chart"),
                        null, "no such allergy in the chart, and the citation resolves to nothing");
                return;
            }
        }
    }

    /** The allergen alone: "Allergy to mould" and "Latex allergy" read "mould" and "Latex". */
    private static String allergen(String substance) {
        if (substance.toLowerCase(Locale.ROOT).startsWith("allergy to ")) {
            return substance.substring("allergy to ".length());
        }
        return substance.replaceAll("(?i)\\s+allergy$", "");
    }

    private static String lowerFirst(String text) {
        return ConditionTemplates.lowerFirst(text);
    }
}
