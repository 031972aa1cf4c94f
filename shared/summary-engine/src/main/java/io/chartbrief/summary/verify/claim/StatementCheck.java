package io.chartbrief.summary.verify.claim;

import io.chartbrief.summary.verify.evidence.CitedFact;
import io.chartbrief.summary.verify.evidence.Phrase;
import io.chartbrief.summary.verify.evidence.RelativeWords;
import io.chartbrief.summary.verify.text.Token;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks one statement (an item's text, a narrative clause, a rationale) against its cited facts: every content
 * word must belong to a concept the cited facts name, and every claim — value, unit, direction, trend, negation,
 * status, experiencer, certainty, date, dose — must hold for the concept it is about. The verdict is the worst of
 * its claims (contradicted over unverifiable over supported). Thread-safe.
 */
public final class StatementCheck {

    /** "not given", "not recorded": a claim that a value is absent. */
    private static final Set<String> NOT_GIVEN = Set.of("given", "recorded", "available", "reported", "documented",
            "measured", "obtained", "done");

    private final ChartWideFacts chart;

    public StatementCheck(ChartWideFacts chart) {
        this.chart = chart;
    }

    /**
     * Checks a statement.
     *
     * @param statement the statement read against {@code cited}
     * @param section   the summary section (problems, medications…; "narrative", "recommendations")
     * @param cited     every cited fact
     * @param typed     the cited facts of the section's type (the statement's subject must be one of them)
     * @param filler    recommendation wording: action objects such as "closely" or "levels" are allowed
     */
    Verdict check(Statement statement, String section, List<CitedFact> cited, List<CitedFact> typed, boolean filler) {
        Statement s = statement;
        Verdict verdict = Verdict.SUPPORTED;
        if (!typed.isEmpty() && s.runs.stream().noneMatch(r -> r.facts().stream().anyMatch(typed::contains))) {
            verdict = verdict.and(Verdict.unverifiable("the statement names nothing of the cited " + typed.get(0).type()));
        }
        verdict = verdict.and(order(s)).and(droppedQualifiers(s));

        Set<Run> negatedRuns = new HashSet<>();
        boolean[] negatedCue = new boolean[s.size()];
        boolean negatesNothing = false;
        for (int i = 0; i < s.size(); i++) {
            if (s.runAt[i] == null && s.token(i).isWord() && Cues.NEGATION.contains(s.token(i).text()) && s.dose[i] == null) {
                if (i + 1 < s.size() && s.token(i + 1).isWord() && NOT_GIVEN.contains(s.token(i + 1).text())) {
                    // "value not given": the resource records no value (data absent)
                    verdict = verdict.and(best(Binding.of(s, i, typed.isEmpty() ? cited : typed).facts(), f -> f.values().isEmpty()
                            ? Verdict.SUPPORTED : Verdict.contradicted("the chart has a value")));
                    continue;
                }
                negatesNothing |= !negationScope(s, i, negatedRuns, negatedCue);
            }
        }
        List<CitedFact> fallback = typed.isEmpty() ? cited : typed;
        if (negatesNothing) {
            // "No known allergies", "NKDA": a negation that names no concept denies what the item cites
            verdict = verdict.and(best(fallback, ContextCheck::negatedFinding));
        }
        Set<String> relatives = new LinkedHashSet<>();
        boolean uncertain = false;
        boolean statusStated = false;
        boolean refutedStated = false;
        int i = 0;
        while (i < s.size()) {
            Token t = s.token(i);
            if (s.runAt[i] != null || t.kind() == Token.Kind.PUNCT || t.kind() == Token.Kind.UNIT) {
                i++;
                continue;
            }
            if (t.kind() == Token.Kind.DATE) {
                Binding b = Binding.of(s, i, fallback);
                verdict = verdict.and(DateCheck.check(t.date(), DateCheck.roleBefore(s, i), b.facts(), cited));
                i++;
                continue;
            }
            if (year(s, i)) {
                Binding b = Binding.of(s, i, fallback);
                verdict = verdict.and(DateCheck.check(t.text(), DateCheck.roleBefore(s, i), b.facts(), cited));
                i++;
                continue;
            }
            if (t.kind() == Token.Kind.NUMBER) {
                ValueCheck.Result r = ValueCheck.check(s, i, Binding.of(s, i, fallback), chart, cited);
                verdict = verdict.and(r.verdict());
                i = Math.max(r.end(), i + 1);
                continue;
            }
            String word = t.text();
            if (s.dose[i] != null) {
                Binding b = Binding.of(s, i, fallback);
                if (b.anyMedication()) {
                    verdict = verdict.and(DoseCheck.check(s.dose[i], b.facts()));
                }
                i += s.dose[i].length();
                continue;
            }
            if (Cues.FLAG_CHANGE.contains(word) && flagPosition(s, i)) {
                // a change flag (B, W, U, D) claims no direction of its own
            } else if (Cues.FLAG.containsKey(word) && flagPosition(s, i)) {
                verdict = verdict.and(DirectionCheck.check(Cues.FLAG.get(word), false, Binding.of(s, i, fallback), chart.adult()));
            } else if (Cues.NEGATION.contains(word)) {
                // checked through its scope
            } else if (Cues.STATUS.containsKey(word)) {
                statusStated = true;
                String stated = Cues.STATUS.get(word);
                refutedStated |= "refuted".equals(stated);
                boolean negated = negatedCue[i];
                verdict = verdict.and(best(Binding.ofCue(s, i, fallback).facts(), f -> ContextCheck.status(stated, negated, f)));
            } else if (Cues.DIRECTION.containsKey(word) && (s.isWord(i - 1, "criticality") || s.isWord(i + 1, "criticality"))) {
                String stated = Cues.DIRECTION.get(word);
                verdict = verdict.and(best(Binding.of(s, i, fallback).facts(), f -> f.criticality() == null
                        ? Verdict.unverifiable("the cited resource records no criticality")
                        : f.criticality().equals(stated) ? Verdict.SUPPORTED
                        : Verdict.contradicted("the allergy's criticality is " + f.criticality())));
            } else if (Cues.DIRECTION.containsKey(word)) {
                verdict = verdict.and(DirectionCheck.check(Cues.DIRECTION.get(word), negatedCue[i], Binding.ofCue(s, i, fallback), chart.adult()));
            } else if (Cues.TREND.containsKey(word)) {
                verdict = verdict.and(DirectionCheck.trend(Cues.TREND.get(word), Binding.ofCue(s, i, fallback), cited));
            } else if (Cues.SEX.containsKey(word)) {
                String sex = Cues.SEX.get(word);
                verdict = verdict.and(chart.gender() == null ? Verdict.unverifiable("the chart records no sex")
                        : chart.gender().equals(sex) ? Verdict.SUPPORTED
                        : Verdict.contradicted("the chart records the patient as " + chart.gender()));
            } else if (Cues.UNCERTAINTY.contains(word)) {
                uncertain = true;
            } else if (RelativeWords.WORDS.contains(word) || Cues.FAMILY.contains(word)) {
                relatives.add(word);
            } else if ((word.equals("age") || word.equals("aged")) && i + 1 < s.size()
                    && s.token(i + 1).kind() == Token.Kind.NUMBER) {
                // "at age 55": the number is the claim (an onset age, checked as a value)
            } else if (!Cues.PROSE.contains(word) && !DateCheck.isRoleWord(word)
                    && !(filler && (Cues.RECOMMENDATION_FILLER.contains(word) || Cues.ACTION.containsKey(word)))) {
                verdict = verdict.and(Verdict.unverifiable("'" + word + "' is not in the cited resources"));
            }
            i++;
        }
        for (Run run : s.runs) {
            List<CitedFact> facts = run.facts();
            verdict = verdict.and(best(facts, f -> ContextCheck.experiencer(relatives, f)));
            verdict = verdict.and(best(facts, ContextCheck::recorded));
            if (negatedRuns.contains(run)) {
                verdict = verdict.and(best(facts, ContextCheck::negatedFinding));
            } else if (!statusStated) {
                verdict = verdict.and(best(facts, f -> typed.isEmpty() || typed.contains(f)
                        ? ContextCheck.implied(section, f) : Verdict.SUPPORTED));
            } else if (!refutedStated) {
                // "Active pulmonary embolism" for a refuted one: a status word does not make a refuted diagnosis true
                verdict = verdict.and(best(facts, f -> "refuted".equals(f.verification())
                        ? Verdict.contradicted("the chart records it as refuted") : Verdict.SUPPORTED));
            }
            boolean u = uncertain;
            verdict = verdict.and(best(facts, f -> ContextCheck.certainty(u, f)));
        }
        return verdict;
    }

    /** The best verdict over the facts a claim may be about (supported when one of them supports it). */
    static Verdict best(List<CitedFact> facts, Function<CitedFact, Verdict> check) {
        Verdict best = null;
        for (CitedFact f : facts) {
            Verdict v = check.apply(f);
            if (best == null || v.outcome().ordinal() < best.outcome().ordinal()) {
                best = v;
            }
        }
        return best == null ? Verdict.unverifiable("no cited resource to check against") : best;
    }

    /** A bare year after a date word ("since 2019", "resolved in 2015"). */
    private static boolean year(Statement s, int i) {
        Token t = s.token(i);
        if (t.kind() != Token.Kind.NUMBER || t.number().scale() > 0 || t.text().length() != 4
                || t.number().intValue() < 1800 || t.number().intValue() > 2200) {
            return false;
        }
        if (i + 1 < s.size() && s.token(i + 1).kind() == Token.Kind.UNIT) {
            return false;
        }
        if (i > 0 && (s.token(i - 1).isWord() && DateCheck.isRoleWord(s.token(i - 1).text())
                || s.isPunct(i - 1, "(") && s.isPunct(i + 1, ")"))) {
            return true;
        }
        // "MMWR year 2014": a year the bound observation states as its value
        Run run = s.bound(i);
        return run != null && run.facts().stream().anyMatch(f -> f.dates().getOrDefault(
                io.chartbrief.summary.verify.evidence.DateRole.VALUE, Set.of()).contains(t.text()));
    }

    private static boolean flagPosition(Statement s, int i) {
        return s.isPunct(i - 1, "(") || s.isPunct(i - 1, ";") || s.isPunct(i + 1, ")") || s.isPunct(i + 1, ";")
                && (s.isPunct(i - 1, "(") || s.isPunct(i - 1, ","));
    }

    /**
     * A negation's scope runs to a terminator word or clause punctuation. It negates the first status or direction
     * cue in it ("not active", "not elevated"); else the concepts in it ("no fever", "denies chest pain"); else,
     * written after the concept ("COVID negative"), the concept before it.
     */
    private static boolean negationScope(Statement s, int at, Set<Run> negatedRuns, boolean[] negatedCue) {
        int end = at + 1;
        while (end < s.size()) {
            Token t = s.token(end);
            if (t.kind() == Token.Kind.PUNCT && !t.text().equals(",") && !t.text().equals("/")
                    || t.isWord() && Cues.TERMINATORS.contains(t.text())) {
                break;
            }
            end++;
        }
        for (int k = at + 1; k < end; k++) {
            Token t = s.token(k);
            if (s.runAt[k] == null && t.isWord() && (Cues.STATUS.containsKey(t.text()) || Cues.DIRECTION.containsKey(t.text()))) {
                negatedCue[k] = true;
                return true;
            }
        }
        boolean any = false;
        for (int k = at + 1; k < end; k++) {
            if (s.runAt[k] != null) {
                negatedRuns.add(s.runAt[k]);
                any = true;
            }
        }
        if (!any) {
            for (int k = at - 1; k >= 0; k--) {
                if (s.runAt[k] != null) {
                    negatedRuns.add(s.runAt[k]);
                    return true;
                }
            }
        }
        return any;
    }

    /** Two adjacent runs of one chart wording in reverse order ("ventricular fibrillation" from "atrial fibrillation with rapid ventricular response"). */
    private static Verdict order(Statement s) {
        for (int r = 1; r < s.runs.size(); r++) {
            Run first = s.runs.get(r - 1);
            Run second = s.runs.get(r);
            if (!adjacent(s, first, second)) {
                continue;
            }
            boolean consistent = false;
            boolean shared = false;
            for (Run.Match m2 : second.matches()) {
                boolean sameFact = false;
                for (Run.Match m1 : first.matches()) {
                    if (m1.fact() == m2.fact()) {
                        sameFact = true;
                        shared = true;
                        if (m1.phrase() != m2.phrase() || m2.firstKey() > m1.lastKey() || !ordered(m1.fact())
                                || inverted(m1.phrase().keys(), m2.lastKey(), m1.firstKey())) {
                            consistent = true;
                        }
                    }
                }
                consistent |= !sameFact;
            }
            if (shared && !consistent) {
                return Verdict.unverifiable("'" + s.text(first.start(), second.end())
                        + "' puts the chart's words in another order");
            }
        }
        return Verdict.SUPPORTED;
    }

    /** Word order carries meaning in a diagnosis ("ventricular fibrillation"), not in a drug or allergen name. */
    private static boolean ordered(CitedFact fact) {
        return !(fact.isMedication() || fact.isA("Medication", "AllergyIntolerance", "Immunization"));
    }

    /** "Fracture of forearm" read as "forearm fracture": a preposition between the two parts in the chart. */
    private static boolean inverted(List<String> keys, int from, int to) {
        for (int k = from + 1; k < to && k < keys.size(); k++) {
            if (Set.of("of", "in", "on", "to", "due", "at", "from").contains(keys.get(k))) {
                return true;
            }
        }
        return false;
    }

    private static boolean adjacent(Statement s, Run first, Run second) {
        for (int k = first.end(); k < second.start(); k++) {
            Token t = s.token(k);
            if (!(t.isWord() && Cues.PROSE.contains(t.text()))) {
                return false;
            }
        }
        return true;
    }

    /** A chart wording's negation or uncertainty ("No atrial fibrillation", "Suspected sepsis") the statement leaves out. */
    private static Verdict droppedQualifiers(Statement s) {
        boolean negation = false;
        boolean uncertainty = false;
        for (Token t : s.tokens) {
            negation |= t.isWord() && Cues.NEGATION.contains(t.text());
            uncertainty |= t.isWord() && Cues.UNCERTAINTY.contains(t.text());
        }
        for (Run run : s.runs) {
            boolean clean = false;
            for (Run.Match m : run.matches()) {
                Phrase p = m.phrase();
                boolean dropped = false;
                for (int k = 0; k < p.keys().size(); k++) {
                    if (k >= m.firstKey() && k <= m.lastKey()) {
                        continue;
                    }
                    String key = p.keys().get(k);
                    dropped |= Cues.NEGATION.contains(key) && !negation && k < m.firstKey()
                            || Cues.UNCERTAINTY.contains(key) && !uncertainty;
                }
                clean |= !dropped;
            }
            if (!clean) {
                return Verdict.unverifiable("the statement leaves out the chart's qualifier of '" + s.text(run.start(), run.end()) + "'");
            }
        }
        return Verdict.SUPPORTED;
    }
}
