package io.chartbrief.summary.verify.claim;

import io.chartbrief.summary.model.ItemClaim;
import io.chartbrief.summary.verify.evidence.CitedFact;
import io.chartbrief.summary.verify.lexicon.ClinicalLexicon;
import io.chartbrief.summary.verify.text.Tokenizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one summary item, narrative clause or recommendation against the facts it cites: typed binding, the
 * statement's claims, the item's date field and its schema-2 claim fields; for recommendations the action and
 * target ({@link RecommendationCheck}) and, strictly, the rationale. One instance per verification (it holds the
 * chart-wide facts). Thread-safe.
 */
public final class ItemCheck {

    private final ClinicalLexicon lexicon;
    private final ChartWideFacts chart;
    private final StatementCheck statements;
    private final RecommendationCheck recommendations;

    public ItemCheck(ClinicalLexicon lexicon, ChartWideFacts chart) {
        this.lexicon = lexicon;
        this.chart = chart;
        this.statements = new StatementCheck(chart);
        this.recommendations = new RecommendationCheck(lexicon, chart, statements);
    }

    /** A section item (or narrative clause: section {@code narrative}). */
    public Verdict item(String section, String text, String date, ItemClaim claim, List<CitedFact> cited) {
        List<CitedFact> typed = SectionTypes.typed(section, cited);
        Set<String> types = SectionTypes.of(section);
        if (!types.isEmpty() && typed.isEmpty()) {
            return Verdict.unverifiable("a " + section + " item must cite a " + String.join(" or ", types.stream().sorted().toList()));
        }
        Statement s = Statement.read(withoutQuotedInstructions(text, typed), cited, lexicon);
        Verdict verdict = statements.check(s, section, cited, typed, false);
        if (date != null && !date.isBlank()) {
            String day = date.length() > 10 ? date.substring(0, 10) : date;
            List<CitedFact> dated = typed.isEmpty() ? cited : typed;
            verdict = verdict.and(StatementCheck.best(dated, f -> primaryDate(day, f)));
        }
        return verdict.and(ClaimFieldCheck.check(claim, byRef(cited), null, chart.adult()));
    }

    /** A recommendation: text (action, target, reason) and rationale. */
    public Verdict recommendation(String text, String rationale, ItemClaim claim, List<CitedFact> cited) {
        Verdict verdict = recommendations.check(text, cited);
        if (rationale != null && !rationale.isBlank()) {
            verdict = verdict.and(statements.check(Statement.read(rationale, cited, lexicon), "recommendations", cited,
                    List.of(), false));
        }
        String action = RecommendationCheck.action(lexicon.normalize(Tokenizer.tokens(text)));
        return verdict.and(ClaimFieldCheck.check(claim, byRef(cited), action, chart.adult()));
    }

    /**
     * A medication item that copies its order's whole instruction text verbatim ("Titrate by 2.5 mg/hr … to a
     * maximum dose of 15 mg/hr") says what the order says: that copy is not read as claims of its own (its numbers
     * are the order's wording, not doses the item asserts). Only whole instructions of at least 12 characters, as
     * written; a paraphrase or a part of one is checked like any statement.
     */
    static String withoutQuotedInstructions(String text, List<CitedFact> typed) {
        String out = text;
        for (CitedFact fact : typed) {
            if (fact.dosing() == null) {
                continue;
            }
            for (String instruction : fact.dosing().instructions()) {
                if (instruction.length() >= 12 && out.contains(instruction)) {
                    out = out.replace(instruction, " ");
                }
            }
        }
        return out;
    }

    /** The date field has no role of its own: it must be one of the fact's dates. */
    private static Verdict primaryDate(String day, CitedFact fact) {
        if (fact.allDates().stream().anyMatch(d -> d.startsWith(day))) {
            return Verdict.SUPPORTED;
        }
        return fact.allDates().isEmpty() ? Verdict.unverifiable("the cited resource has no date")
                : Verdict.contradicted("the item's date " + day + " is none of the cited resource's dates");
    }

    private static Map<String, CitedFact> byRef(List<CitedFact> cited) {
        Map<String, CitedFact> out = new LinkedHashMap<>();
        cited.forEach(f -> out.put(f.ref(), f));
        return out;
    }
}
