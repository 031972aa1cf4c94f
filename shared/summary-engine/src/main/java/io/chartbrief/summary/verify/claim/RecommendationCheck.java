package io.chartbrief.summary.verify.claim;

import io.chartbrief.summary.verify.evidence.CitedFact;
import io.chartbrief.summary.verify.lexicon.ClinicalLexicon;
import io.chartbrief.summary.verify.lexicon.DrugClasses;
import io.chartbrief.summary.verify.text.Token;
import java.util.List;
import java.util.Set;

/**
 * Checks a recommendation's text: its action (start, continue, increase, stop, hold, avoid, replete, monitor,
 * repeat, consult, review…), its target and its reason ("… for AF", "… given the angioedema"). Starting or
 * continuing a drug any active allergy covers is contradicted (class expansion through the lexicon's drug
 * classes); stopping an anticoagulant, antiplatelet, insulin, antiretroviral, anti-epileptic or rescue drug needs a
 * cited non-medication reason; continuing a drug needs a cited current order; avoiding one needs a cited allergy
 * that covers it; repleting an analyte needs a cited low value. The reason is checked like any statement, and the
 * rationale (checked by the caller) strictly.
 */
public final class RecommendationCheck {

    private static final Set<String> REASON_WORDS = Set.of("for", "given", "because", "due", "owing", "considering",
            "secondary", "while", "whilst");
    private static final Set<String> LEAD = Set.of("please", "consider", "recommend", "recommended", "suggest", "would",
            "should", "to", "we", "may", "can", "then", "and", "also", "strongly");

    private static final Set<String> DO_NOT = Set.of("not", "never", "dont");
    private static final Set<String> RESUME = Set.of("resume", "restart", "reinitiate", "rechallenge", "reintroduce");
    private static final DrugCautions CAUTIONS = DrugCautions.load(ClinicalLexicon.standard());

    private final ClinicalLexicon lexicon;
    private final ChartWideFacts chart;
    private final StatementCheck statements;

    public RecommendationCheck(ClinicalLexicon lexicon, ChartWideFacts chart, StatementCheck statements) {
        this.lexicon = lexicon;
        this.chart = chart;
        this.statements = statements;
    }

    /** The action a recommendation's text leads with ("do not start" is avoid), or null. */
    public static String action(List<Token> tokens) {
        int at = actionAt(tokens);
        if (at < 0) {
            return null;
        }
        for (int i = 0; i < at; i++) {
            if (tokens.get(i).isWord() && DO_NOT.contains(tokens.get(i).text())) {
                return "avoid";
            }
        }
        return Cues.ACTION.get(tokens.get(at).text());
    }

    private static int actionAt(List<Token> tokens) {
        for (int i = 0; i < tokens.size() && i < 5; i++) {
            Token t = tokens.get(i);
            if (t.isWord() && Cues.ACTION.containsKey(t.text())) {
                return i;
            }
            if (!(t.isWord() && (LEAD.contains(t.text()) || DO_NOT.contains(t.text()) || t.is("do") || t.is("don")))) {
                return -1;
            }
        }
        return -1;
    }

    /** Checks the recommendation text against its cited facts. */
    Verdict check(String text, List<CitedFact> cited) {
        Statement whole = Statement.read(text, cited, lexicon);
        List<Token> tokens = whole.tokens;
        int at = actionAt(tokens);
        String action = action(tokens);
        boolean resume = at >= 0 && RESUME.contains(tokens.get(at).text());
        if (action == null) {
            return statements.check(whole, "recommendations", cited, List.of(), true);
        }
        int reasonAt = tokens.size();
        for (int i = at + 1; i < tokens.size(); i++) {
            if (tokens.get(i).isWord() && REASON_WORDS.contains(tokens.get(i).text())) {
                reasonAt = i;
                break;
            }
        }
        List<Token> target = tokens.subList(at + 1, reasonAt);
        List<Token> reason = reasonAt < tokens.size() ? tokens.subList(reasonAt + 1, tokens.size()) : List.of();
        DrugClasses classes = lexicon.drugClasses();
        List<DrugVocabulary.Found> drugs = DrugVocabulary.find(target, cited, classes);
        Verdict verdict = Verdict.SUPPORTED;
        Statement reasonStatement = Statement.of(reason, cited);
        if (!reason.isEmpty()) {
            verdict = verdict.and(statements.check(reasonStatement, "recommendations", cited, List.of(), true));
        }
        for (DrugVocabulary.Found drug : drugs) {
            verdict = verdict.and(drugAction(action, resume, drug.name(), cited, reasonStatement));
        }
        verdict = verdict.and(target(action, target, drugs, cited));
        return verdict;
    }

    private Verdict drugAction(String action, boolean resume, String drug, List<CitedFact> cited, Statement reason) {
        DrugClasses classes = lexicon.drugClasses();
        List<CitedFact> orders = DrugVocabulary.citedMedications(drug, cited, classes);
        switch (action) {
            case "start", "continue", "increase", "treat" -> {
                String allergen = chart.allergenCovering(drug, classes);
                if (allergen != null) {
                    return Verdict.contradicted("the patient's active allergy to " + allergen + " covers " + drug);
                }
                String caution = CAUTIONS.caution(drug, classes, chart);
                if (caution != null) {
                    return Verdict.contradicted(caution);
                }
                if (orders.isEmpty()) {
                    return Verdict.unverifiable("no cited medication is " + drug);
                }
                boolean current = orders.stream().anyMatch(f -> ContextCheck.status("active", false, f).supported()
                        || ContextCheck.status("on-hold", false, f).supported());
                if (!current && (resume || !"start".equals(action))) {
                    // restarting a stopped drug is a clinical decision the chart does not record
                    return resume ? Verdict.unverifiable("the cited order for " + drug + " is " + orders.get(0).status()
                            + "; restarting it is not established by the chart")
                            : Verdict.contradicted("the cited order for " + drug + " is " + orders.get(0).status());
                }
                return Verdict.SUPPORTED;
            }
            case "stop", "hold", "decrease" -> {
                if (orders.isEmpty()) {
                    return Verdict.unverifiable("no cited medication is " + drug);
                }
                if ("decrease".equals(action)) {
                    return Verdict.SUPPORTED;
                }
                boolean flagged = classes.stopNeedsReason(drug)
                        || orders.stream().anyMatch(f -> f.drugs().stream().anyMatch(classes::stopNeedsReason));
                List<CitedFact> causes = reason.runs.stream().flatMap(r -> r.facts().stream())
                        .filter(f -> !f.isMedication()).distinct().toList();
                boolean cause = causes.stream().anyMatch(f -> !f.isA("AllergyIntolerance")
                        || allergyCovers(f, drug, orders, classes));
                if (!cause) {
                    if (flagged) {
                        String cls = classes.stopReasonClass(drug);
                        return Verdict.contradicted("stopping " + drug + (cls == null || cls.equals(drug) ? "" : " (" + cls + ")")
                                + " needs a cited reason");
                    }
                    return Verdict.unverifiable(causes.isEmpty() ? "no cited reason to stop " + drug
                            : "the cited allergy does not cover " + drug);
                }
                return Verdict.SUPPORTED;
            }
            case "avoid" -> {
                for (CitedFact f : cited) {
                    if (!f.isA("AllergyIntolerance") || ContextCheck.in(Set.of("inactive", "resolved"), f.status())) {
                        continue;
                    }
                    for (String allergen : f.drugs()) {
                        if (DrugClasses.norm(allergen).equals(drug) || DrugVocabulary.isDrug(allergen, classes)
                                && (classes.coveredByAllergy(allergen).contains(drug)
                                || classes.expand(drug).stream().anyMatch(classes.coveredByAllergy(allergen)::contains))) {
                            return Verdict.SUPPORTED;
                        }
                    }
                }
                String caution = CAUTIONS.caution(drug, classes, chart);
                return caution != null ? Verdict.SUPPORTED : Verdict.unverifiable("no cited allergy covers " + drug);
            }
            default -> {
                return DrugVocabulary.cited(drug, cited, classes) ? Verdict.SUPPORTED
                        : Verdict.unverifiable("no cited medication or allergy is " + drug);
            }
        }
    }

    /** Whether an allergy covers the drug (or the ingredients of its cited orders). */
    private static boolean allergyCovers(CitedFact allergy, String drug, List<CitedFact> orders, DrugClasses classes) {
        for (String allergen : allergy.drugs()) {
            if (!DrugVocabulary.isDrug(allergen, classes) && !allergen.equals(drug)) {
                continue;
            }
            Set<String> covered = classes.coveredByAllergy(allergen);
            if (covered.contains(drug) || orders.stream().anyMatch(o -> o.drugs().stream().anyMatch(covered::contains))) {
                return true;
            }
        }
        return false;
    }

    /** The target's other words: concepts of the cited facts, with a low value for "replete". */
    private Verdict target(String action, List<Token> target, List<DrugVocabulary.Found> drugs, List<CitedFact> cited) {
        List<Token> rest = new java.util.ArrayList<>(target);
        for (int d = drugs.size() - 1; d >= 0; d--) {
            DrugVocabulary.Found drug = drugs.get(d);
            for (int k = drug.end() - 1; k >= drug.start(); k--) {
                rest.remove(k);
            }
            rest.add(drug.start(), Token.punct(","));
        }
        Statement s = Statement.of(rest, cited);
        Verdict verdict = statements.check(s, "recommendations", cited, List.of(), true);
        boolean observed = s.runs.stream().anyMatch(r -> r.facts().stream().anyMatch(f -> f.isA("Observation")));
        if ("replete".equals(action) || "start".equals(action) && drugs.isEmpty() && observed) {
            Verdict low = null;
            for (Run r : s.runs) {
                Verdict v = DirectionCheck.check("low", false, new Binding(r.facts(), r), chart.adult());
                low = low == null || v.outcome().ordinal() < low.outcome().ordinal() ? v : low;
            }
            verdict = verdict.and(low == null || low.supported() ? Verdict.SUPPORTED
                    : low.outcome() == Verdict.Outcome.CONTRADICTED
                    ? Verdict.contradicted("repleting needs a low value: " + low.reason())
                    : Verdict.unverifiable("repleting needs a cited low value"));
            if (low == null) {
                verdict = verdict.and(Verdict.unverifiable("repleting needs a cited low value"));
            }
        }
        return verdict;
    }
}
