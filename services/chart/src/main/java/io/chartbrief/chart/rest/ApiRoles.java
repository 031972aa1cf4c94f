package io.chartbrief.chart.rest;

/**
 * Roles (the token's {@code groups} claim) the chart API grants on. Tokens must also carry issuer
 * {@code mp.jwt.verify.issuer} and audience {@code chartbrief-chart} (docs/operations.md, "Service auth").
 */
public final class ApiRoles {

    /** A service reading charts (the summarizer). */
    public static final String CHART_READ = "chart-read";
    /** A service asking for a summary now ({@code POST /patients/{id}/summaries}). */
    public static final String SUMMARY_REQUEST = "summary-request";
    /** A clinician: every chart endpoint. */
    public static final String CLINICIAN = "clinician";

    private ApiRoles() {
    }
}
