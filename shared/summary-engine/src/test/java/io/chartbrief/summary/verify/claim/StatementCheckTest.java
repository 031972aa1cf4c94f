package io.chartbrief.summary.verify.claim;

import static io.chartbrief.summary.verify.claim.Facts.condition;
import static io.chartbrief.summary.verify.claim.Facts.lab;
import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.summary.verify.claim.Verdict.Outcome;
import io.chartbrief.summary.verify.evidence.CitedFact;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementCheckTest {

    private final Facts chart = Facts.chart().with(
            condition("rvr", "Atrial fibrillation with rapid ventricular response", "active", "2024-03-01", null),
            condition("polyp", "Polyp of colon", "active", "2022-05-01", null),
            condition("htn", "Hypertension", "active", "2010-05-01", null),
            condition("ckd", "Chronic kidney disease stage 3", "active", "2018-01-01", null),
            condition("sepsis", "Suspected sepsis", "active", "2024-03-01", null),
            lab("k", "2823-3", "Potassium", "4.2", "mmol/L", "2024-03-02T06:00:00Z"));

    private Verdict problem(String text, String... refs) {
        return chart.item("problems", text, refs);
    }

    @Test
    void wordsOfTheChartInAnotherOrderAreUnverifiable() {
        Verdict v = problem("Ventricular fibrillation", "Condition/rvr");
        assertThat(v.outcome()).isEqualTo(Outcome.UNVERIFIABLE);
        assertThat(v.reason()).contains("another order");
        assertThat(problem("Atrial fibrillation with RVR", "Condition/rvr")).isEqualTo(Verdict.SUPPORTED);
        assertThat(problem("Afib", "Condition/rvr")).isEqualTo(Verdict.SUPPORTED);
    }

    @Test
    void aNameWithItsPrepositionTurnedAroundIsSupported() {
        assertThat(problem("Colon polyp", "Condition/polyp")).isEqualTo(Verdict.SUPPORTED);
        assertThat(problem("Polyp of colon", "Condition/polyp")).isEqualTo(Verdict.SUPPORTED);
    }

    @Test
    void wordsMayBeLeftOutOfAChartName() {
        assertThat(problem("Chronic kidney disease", "Condition/ckd")).isEqualTo(Verdict.SUPPORTED);
        assertThat(problem("CKD stage 3", "Condition/ckd")).isEqualTo(Verdict.SUPPORTED);
    }

    @Test
    void aContentWordNoCitedResourceHasIsUnverifiable() {
        Verdict v = problem("Hypertension and diabetes", "Condition/htn");
        assertThat(v.outcome()).isEqualTo(Outcome.UNVERIFIABLE);
        assertThat(v.reason()).contains("diabetes");
    }

    @Test
    void anItemMustCiteItsSectionsType() {
        Verdict v = problem("Potassium", "Observation/k");
        assertThat(v.outcome()).isEqualTo(Outcome.UNVERIFIABLE);
        assertThat(v.reason()).contains("Condition");
        assertThat(problem("Potassium, hypertension", "Observation/k", "Condition/htn").outcome()).isEqualTo(Outcome.SUPPORTED);
    }

    @Test
    void theChartsQualifierMayNotBeLeftOut() {
        Verdict v = problem("Sepsis", "Condition/sepsis");
        assertThat(v.outcome()).isEqualTo(Outcome.UNVERIFIABLE);
        assertThat(v.reason()).contains("qualifier");
        assertThat(problem("Suspected sepsis", "Condition/sepsis")).isEqualTo(Verdict.SUPPORTED);
    }

    @Test
    void theWorstClaimDecides() {
        assertThat(chart.item("results", "Potassium 4.2, low", "Observation/k").outcome()).isNotEqualTo(Outcome.SUPPORTED);
        assertThat(chart.item("results", "Potassium 9.9 and sodium", "Observation/k").outcome()).isEqualTo(Outcome.CONTRADICTED);
        assertThat(Verdict.unverifiable("a").and(Verdict.contradicted("b")).reason()).isEqualTo("b");
        assertThat(Verdict.SUPPORTED.and(Verdict.unverifiable("a")).outcome()).isEqualTo(Outcome.UNVERIFIABLE);
    }

    @Test
    void bestIsSupportedWhenAnyFactSupports() {
        List<CitedFact> facts = chart.facts("Condition/htn", "Condition/polyp");
        assertThat(StatementCheck.best(facts, f -> f.ref().equals("Condition/polyp") ? Verdict.SUPPORTED
                : Verdict.contradicted("no"))).isEqualTo(Verdict.SUPPORTED);
        assertThat(StatementCheck.best(List.of(), f -> Verdict.SUPPORTED).outcome()).isEqualTo(Outcome.UNVERIFIABLE);
    }

    @Test
    void checksAStatementDirectly() {
        List<CitedFact> cited = chart.facts("Condition/htn");
        StatementCheck check = new StatementCheck(chart.wide());
        assertThat(check.check(chart.statement("Hypertension", "Condition/htn"), "problems", cited, cited, false))
                .isEqualTo(Verdict.SUPPORTED);
        assertThat(check.check(chart.statement("Hypertension resolved", "Condition/htn"), "problems", cited, cited, false)
                .outcome()).isEqualTo(Outcome.CONTRADICTED);
    }
}
