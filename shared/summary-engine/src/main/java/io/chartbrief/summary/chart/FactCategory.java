package io.chartbrief.summary.chart;

/**
 * Kinds of chart facts, in prompt priority order (earlier categories win the token budget), with the letter of
 * their evidence aliases ({@code [C3]}, {@code [M2]}…).
 */
public enum FactCategory {
    PATIENT('D', "Patient"),
    ADMISSION('E', "Current encounter"),
    PROBLEM('C', "Active problems"),
    MEDICATION('M', "Active medications"),
    ALLERGY('A', "Allergies and intolerances"),
    ABNORMAL_RESULT('L', "Abnormal results (latest per test)"),
    VITAL('V', "Vital signs (latest readings)"),
    NOTE('N', "Recent notes"),
    RESULT('L', "Other recent results (latest per test)"),
    PROCEDURE('P', "Procedures"),
    ENCOUNTER('E', "Earlier encounters");

    private final char aliasLetter;
    private final String heading;

    FactCategory(char aliasLetter, String heading) {
        this.aliasLetter = aliasLetter;
        this.heading = heading;
    }

    /** First letter of the evidence aliases of this category (shared by categories of one resource kind). */
    public char aliasLetter() {
        return aliasLetter;
    }

    /** Heading of the category in the prompt. */
    public String heading() {
        return heading;
    }

    /** Lower-case name used in reports of what was cut. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
