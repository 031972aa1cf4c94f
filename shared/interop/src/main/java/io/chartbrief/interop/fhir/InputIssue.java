package io.chartbrief.interop.fhir;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * One problem found in a FHIR submission, always an error.
 *
 * @param code        OperationOutcome issue type ({@code invalid}, {@code structure}, {@code value}, {@code required})
 * @param diagnostics one-line reason; names elements, never echoes element values
 * @param expression  FHIRPath-like location ({@code Bundle.entry[0].resource.birthDate}) or {@code null}
 */
record InputIssue(IssueType code, String diagnostics, String expression) {

    static InputIssue structure(String diagnostics, String expression) {
        return new InputIssue(IssueType.STRUCTURE, diagnostics, expression);
    }

    static InputIssue value(String diagnostics, String expression) {
        return new InputIssue(IssueType.VALUE, diagnostics, expression);
    }

    static InputIssue required(String diagnostics, String expression) {
        return new InputIssue(IssueType.REQUIRED, diagnostics, expression);
    }

    static InputIssue invalid(String diagnostics, String expression) {
        return new InputIssue(IssueType.INVALID, diagnostics, expression);
    }

    InputIssue at(String newExpression) {
        return new InputIssue(code, diagnostics, newExpression);
    }

    void addTo(OperationOutcome outcome) {
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                .setSeverity(IssueSeverity.ERROR)
                .setCode(code)
                .setDiagnostics(diagnostics);
        if (expression != null) {
            issue.addExpression(expression);
        }
    }
}
