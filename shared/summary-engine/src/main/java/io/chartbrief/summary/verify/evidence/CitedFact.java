package io.chartbrief.summary.verify.evidence;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one cited resource states, in the fields the claim checks read: its wordings, measured values, dates by
 * role, status, dosing, and for drugs and allergies the drug names. Built by {@link CitedFactReader}.
 *
 * @param ref          {@code ResourceType/id}
 * @param type         the resource type
 * @param phrases      concept names and details, lexicon-normalized
 * @param values       measured values (observations)
 * @param absent       an observation whose coded value says the finding is absent (negative, not detected)
 * @param dates        ISO dates as written ({@code yyyy-mm-dd} or shorter) by role
 * @param status       the resource's status, lower-case: clinicalStatus for conditions and allergies (derived
 *                     {@code resolved} when abated without one), status for orders, encounters and observations
 * @param verification verificationStatus (confirmed, provisional, differential, unconfirmed, refuted,
 *                     entered-in-error), or null
 * @param dosing       medications only, else null
 * @param drugs        medication and allergy substance wordings (lower-case, lexicon-normalized)
 * @param relationship FamilyMemberHistory relationship words, else empty
 * @param criticality  allergy criticality ({@code high}, {@code low}, {@code unable-to-assess}), or null
 * @param codeKey      grouping key of "the same test" (system|code), or null
 * @param sortKey      effective date-time for ordering a series, or empty
 * @param flags        interpretation codes of an observation without a measured value ("Detected (A)")
 * @param bounds       reference range bounds of an observation without a measured value
 */
public record CitedFact(String ref, String type, List<Phrase> phrases, List<Measured> values, boolean absent,
        Map<DateRole, Set<String>> dates, String status, String verification, Dosing dosing, Set<String> drugs,
        Set<String> relationship, String criticality, String codeKey, String sortKey, Set<String> flags, Set<java.math.BigDecimal> bounds) {

    public boolean isA(String... types) {
        for (String t : types) {
            if (t.equals(type)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this is a medication order, statement, administration or dispense. */
    public boolean isMedication() {
        return isA("MedicationRequest", "MedicationStatement", "MedicationAdministration", "MedicationDispense");
    }

    /** Every date of the resource, whatever its role. */
    public Set<String> allDates() {
        java.util.Set<String> all = new java.util.LinkedHashSet<>();
        dates.values().forEach(all::addAll);
        return all;
    }
}
