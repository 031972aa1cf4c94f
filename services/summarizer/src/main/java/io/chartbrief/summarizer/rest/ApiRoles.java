package io.chartbrief.summarizer.rest;

/**
 * Roles (the token's {@code groups} claim) the summarizer API grants on. Tokens must also carry issuer
 * {@code mp.jwt.verify.issuer} and audience {@code chartbrief-summarizer} (docs/operations.md, "Service auth").
 */
public final class ApiRoles {

    /** Reading stored summaries and IPS documents. */
    public static final String SUMMARY_READ = "summary-read";
    /** Asking for a new summary ({@code POST Patient/{id}/$summary}). */
    public static final String SUMMARY_REQUEST = "summary-request";
    /** A clinician: every summarizer endpoint. */
    public static final String CLINICIAN = "clinician";

    private ApiRoles() {
    }
}
