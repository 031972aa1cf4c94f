package io.chartbrief.ingest.rest;

import io.chartbrief.ingest.service.FhirIntakeService.Receipt;
import java.net.URI;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** Builds the OperationOutcome bodies the intake answers with. */
final class OperationOutcomes {

    private OperationOutcomes() {
    }

    static OperationOutcome error(IssueType type, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
        return outcome;
    }

    static OperationOutcome accepted(Receipt receipt) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.setId(receipt.submissionId());
        outcome.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL)
                .setDiagnostics("accepted as submission " + receipt.submissionId() + " (" + receipt.eventType() + ")");
        return outcome;
    }

    static OperationOutcome acceptedAsync(Receipt receipt, URI status) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.setId(receipt.submissionId());
        outcome.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL)
                .setDiagnostics("accepted as submission " + receipt.submissionId() + " (" + receipt.eventType()
                        + "); the result is at " + status);
        return outcome;
    }
}
