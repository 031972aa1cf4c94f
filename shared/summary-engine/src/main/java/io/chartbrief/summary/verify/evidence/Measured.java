package io.chartbrief.summary.verify.evidence;

import java.math.BigDecimal;
import java.util.Set;

/**
 * A measured value of an observation ({@code value[x]} or one {@code component.value[x]}), the only numbers a
 * result or vital-sign claim may state — never reference ranges, codes or timestamps.
 *
 * @param component      the component's name (lower-case), null for the observation's own value
 * @param value          the number
 * @param unit           the UCUM code (else the written unit), or null
 * @param interpretation interpretation codes (H, L, N, A, HH, LL…), upper-case
 * @param low            the reference range's low bound, or null
 * @param high           the reference range's high bound, or null
 * @param loinc          the LOINC code of the observation or component, or null
 */
public record Measured(String component, BigDecimal value, String unit, Set<String> interpretation, BigDecimal low,
        BigDecimal high, String loinc) {

    public Measured {
        interpretation = Set.copyOf(interpretation);
    }
}
