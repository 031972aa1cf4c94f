package io.chartbrief.summary.verify.evidence;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * How a medication is given, from its own resource only: {@code dosageInstruction} (dose quantity, timing, route,
 * as-needed, text) and the strength written in the drug's name ({@code Apixaban 5 MG Oral Tablet}).
 *
 * @param amounts   dose quantities and name strengths as (value, UCUM unit) pairs
 * @param routes    routes, lower-case canonical ({@code oral}, {@code intravenous}, {@code subcutaneous}…)
 * @param perDay    administrations per day from timing (2 for BID, 3 for q8h), or null when not given
 * @param asNeeded  true when the dose is PRN
 * @param scheduled true when a timing (frequency, code or text frequency) is recorded
 * @param instructions the orders' own instruction texts ({@code dosageInstruction.text}), verbatim
 */
public record Dosing(List<Amount> amounts, Set<String> routes, BigDecimal perDay, boolean asNeeded, boolean scheduled,
        List<String> instructions) {

    public Dosing {
        amounts = List.copyOf(amounts);
        routes = Set.copyOf(routes);
        instructions = List.copyOf(instructions);
    }

    /** One strength or dose. */
    public record Amount(BigDecimal value, String unit) {
    }
}
