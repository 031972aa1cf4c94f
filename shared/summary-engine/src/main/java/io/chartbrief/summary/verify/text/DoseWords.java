package io.chartbrief.summary.verify.text;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Frequency and route wording of medication orders ({@code BID}, {@code twice daily}, {@code q8h}, {@code PRN},
 * {@code PO}, {@code by mouth}, {@code IV}), read the same way from a summary and from a chart's dosage text.
 * These words are never matched as part of a drug's name: they are claims, checked against the order's timing
 * and route.
 */
public final class DoseWords {

    /** A frequency or route phrase found at a token position. */
    public record Match(int length, BigDecimal perDay, boolean asNeeded, String route) {
    }

    private static final Map<String, BigDecimal> PER_DAY = Map.ofEntries(
            Map.entry("bid", BigDecimal.valueOf(2)), Map.entry("b.i.d", BigDecimal.valueOf(2)),
            Map.entry("twice daily", BigDecimal.valueOf(2)), Map.entry("twice a day", BigDecimal.valueOf(2)),
            Map.entry("twice per day", BigDecimal.valueOf(2)), Map.entry("two times daily", BigDecimal.valueOf(2)),
            Map.entry("2 times daily", BigDecimal.valueOf(2)), Map.entry("two times a day", BigDecimal.valueOf(2)),
            Map.entry("tid", BigDecimal.valueOf(3)), Map.entry("three times daily", BigDecimal.valueOf(3)),
            Map.entry("three times a day", BigDecimal.valueOf(3)), Map.entry("3 times daily", BigDecimal.valueOf(3)),
            Map.entry("qid", BigDecimal.valueOf(4)), Map.entry("four times daily", BigDecimal.valueOf(4)),
            Map.entry("four times a day", BigDecimal.valueOf(4)), Map.entry("4 times daily", BigDecimal.valueOf(4)),
            Map.entry("daily", BigDecimal.ONE), Map.entry("once daily", BigDecimal.ONE),
            Map.entry("once a day", BigDecimal.ONE), Map.entry("every day", BigDecimal.ONE),
            Map.entry("qday", BigDecimal.ONE), Map.entry("od", BigDecimal.ONE), Map.entry("once per day", BigDecimal.ONE),
            Map.entry("1 time daily", BigDecimal.ONE), Map.entry("one time daily", BigDecimal.ONE),
            Map.entry("nightly", BigDecimal.ONE), Map.entry("qhs", BigDecimal.ONE), Map.entry("at bedtime", BigDecimal.ONE),
            Map.entry("every night", BigDecimal.ONE), Map.entry("qam", BigDecimal.ONE), Map.entry("every morning", BigDecimal.ONE),
            Map.entry("qpm", BigDecimal.ONE), Map.entry("every evening", BigDecimal.ONE), Map.entry("once", BigDecimal.ONE),
            Map.entry("q24h", BigDecimal.ONE), Map.entry("q12h", BigDecimal.valueOf(2)), Map.entry("q8h", BigDecimal.valueOf(3)),
            Map.entry("q6h", BigDecimal.valueOf(4)), Map.entry("q4h", BigDecimal.valueOf(6)), Map.entry("q3h", BigDecimal.valueOf(8)),
            Map.entry("q2h", BigDecimal.valueOf(12)), Map.entry("q1h", BigDecimal.valueOf(24)), Map.entry("hourly", BigDecimal.valueOf(24)),
            Map.entry("weekly", new BigDecimal("0.142857")), Map.entry("once weekly", new BigDecimal("0.142857")),
            Map.entry("once a week", new BigDecimal("0.142857")), Map.entry("every week", new BigDecimal("0.142857")),
            Map.entry("every other day", new BigDecimal("0.5")), Map.entry("monthly", new BigDecimal("0.0333")));
    private static final Map<String, String> ROUTES = Map.ofEntries(
            Map.entry("po", "oral"), Map.entry("oral", "oral"), Map.entry("orally", "oral"), Map.entry("by mouth", "oral"),
            Map.entry("per os", "oral"), Map.entry("oral route", "oral"),
            Map.entry("iv", "intravenous"), Map.entry("intravenous", "intravenous"), Map.entry("intravenously", "intravenous"),
            Map.entry("ivpb", "intravenous"), Map.entry("iv push", "intravenous"),
            Map.entry("sc", "subcutaneous"), Map.entry("subq", "subcutaneous"), Map.entry("sq", "subcutaneous"),
            Map.entry("subcut", "subcutaneous"), Map.entry("subcutaneous", "subcutaneous"), Map.entry("subcutaneously", "subcutaneous"),
            Map.entry("im", "intramuscular"), Map.entry("intramuscular", "intramuscular"), Map.entry("intramuscularly", "intramuscular"),
            Map.entry("sl", "sublingual"), Map.entry("sublingual", "sublingual"), Map.entry("sublingually", "sublingual"),
            Map.entry("inhaled", "inhalation"), Map.entry("inhalation", "inhalation"), Map.entry("inh", "inhalation"),
            Map.entry("nebulized", "inhalation"), Map.entry("respiratory inhalation", "inhalation"),
            Map.entry("topical", "topical"), Map.entry("topically", "topical"), Map.entry("cutaneous", "topical"),
            Map.entry("transdermal", "transdermal"), Map.entry("pr", "rectal"), Map.entry("rectal", "rectal"),
            Map.entry("rectally", "rectal"), Map.entry("nasal", "nasal"), Map.entry("intranasal", "nasal"),
            Map.entry("ophthalmic", "ophthalmic"), Map.entry("vaginal", "vaginal"), Map.entry("per tube", "enteral"),
            Map.entry("ng", "enteral"), Map.entry("peg", "enteral"));
    private static final List<String> AS_NEEDED = List.of("prn", "as needed", "when needed", "if needed", "as required");

    private DoseWords() {
    }

    /**
     * The frequency or route phrase starting at {@code from} ({@code every 8 hours} too), or null. Longest
     * phrases first.
     */
    public static Match at(List<Token> tokens, int from) {
        Token first = tokens.get(from);
        if (first.is("every") || first.is("q")) {
            // every 8 hours / q 8 hours / every 8 h
            if (from + 2 < tokens.size() + 1 && from + 1 < tokens.size() && tokens.get(from + 1).number() != null) {
                BigDecimal hours = tokens.get(from + 1).number();
                int length = 2;
                if (from + 2 < tokens.size() && ("h".equals(tokens.get(from + 2).unit())
                        || tokens.get(from + 2).is("hours") || tokens.get(from + 2).is("hrs"))) {
                    length = 3;
                    if (hours.signum() > 0) {
                        return new Match(length, BigDecimal.valueOf(24).divide(hours, 4, java.math.RoundingMode.HALF_UP),
                                false, null);
                    }
                }
            }
        }
        for (int length = Math.min(3, tokens.size() - from); length >= 1; length--) {
            String phrase = join(tokens, from, length);
            if (phrase == null) {
                continue;
            }
            BigDecimal perDay = PER_DAY.get(phrase);
            if (perDay != null) {
                return new Match(length, perDay, false, null);
            }
            String route = ROUTES.get(phrase);
            if (route != null) {
                return new Match(length, null, false, route);
            }
            if (AS_NEEDED.contains(phrase)) {
                return new Match(length, null, true, null);
            }
        }
        return null;
    }

    /** The canonical route of a written route (chart route displays such as {@code Oral route}), or null. */
    public static String route(String written) {
        List<Token> tokens = Tokenizer.tokens(written);
        for (int i = 0; i < tokens.size(); i++) {
            Match match = at(tokens, i);
            if (match != null && match.route() != null) {
                return match.route();
            }
        }
        return null;
    }

    private static String join(List<Token> tokens, int from, int length) {
        StringBuilder out = new StringBuilder();
        for (int k = from; k < from + length; k++) {
            Token t = tokens.get(k);
            if (t.kind() == Token.Kind.PUNCT || t.kind() == Token.Kind.DATE) {
                return null;
            }
            if (k > from) {
                out.append(' ');
            }
            out.append(t.text());
        }
        return out.toString();
    }
}
