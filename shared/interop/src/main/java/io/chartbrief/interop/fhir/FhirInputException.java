package io.chartbrief.interop.fhir;

import io.chartbrief.interop.event.ConversionException;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * A FHIR submission that was refused, with the HTTP status a REST endpoint should answer and an
 * {@link OperationOutcome} listing every problem found (all issues have severity {@code error}).
 *
 * <ul>
 *   <li>400: the body is not JSON, not a FHIR R4 resource (no or unknown {@code resourceType}), or not the
 *       resource type the endpoint expects;</li>
 *   <li>422: it parsed as FHIR but breaks an element rule (unknown element, invalid value) or a submission rule
 *       (Bundle type, entries, ids; see docs/fhir-input.md).</li>
 * </ul>
 *
 * The message is the first issue's diagnostics (plus a count of the others); no issue echoes element values.
 */
public class FhirInputException extends ConversionException {

    private final int httpStatus;
    private final transient OperationOutcome outcome;

    FhirInputException(int httpStatus, List<InputIssue> issues) {
        super(summary(issues));
        this.httpStatus = httpStatus;
        this.outcome = new OperationOutcome();
        issues.forEach(issue -> issue.addTo(outcome));
    }

    FhirInputException(int httpStatus, InputIssue issue) {
        this(httpStatus, List.of(issue));
    }

    /** 400 (not JSON / not FHIR / wrong resource type) or 422 (parsed but invalid). */
    public int httpStatus() {
        return httpStatus;
    }

    /** The problems as an OperationOutcome (a copy: callers may add to it). */
    public OperationOutcome outcome() {
        return outcome.copy();
    }

    private static String summary(List<InputIssue> issues) {
        if (issues.isEmpty()) {
            return "invalid FHIR submission";
        }
        InputIssue first = issues.get(0);
        String where = first.expression() == null ? "" : " (at " + first.expression() + ")";
        String more = issues.size() > 1 ? "; and " + (issues.size() - 1) + " more issue(s)" : "";
        return first.diagnostics() + where + more;
    }
}
