package io.chartbrief.interop.fhir;

import static io.chartbrief.interop.fhir.Fixtures.fhir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chartbrief.interop.event.ConversionException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.Test;

/** Bodies over a limit are refused by the streaming pre-scan, before HAPI builds anything. */
class FhirLimitsTest {

    private static final FhirLimits SMALL = new FhirLimits(8, 3, 4, 50, 10, 200);

    private static FhirInputException refused(FhirLimits limits, String json) {
        FhirInputException e = catchThrowableOfType(FhirInputException.class, () -> limits.check(json));
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    private static String entries(int n) {
        StringBuilder b = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("{}");
        }
        return b.append("]}").toString();
    }

    @Test
    void aMillionEmptyEntriesAre413AtTheEntryLimit() {
        FhirInputException e = refused(FhirLimits.DEFAULTS, entries(1_000_000));
        assertThat(e.httpStatus()).isEqualTo(413);
        assertThat(e.getMessage()).contains("max-bundle-entries (10000)");
        assertThat(e.outcome().getIssueFirstRep().getCode()).isEqualTo(IssueType.TOOLONG);
    }

    @Test
    void deepNestingIs422WithoutRecursion() {
        String deep = "{\"resourceType\":\"Patient\",\"extension\":" + "[".repeat(1_500_000) + "]".repeat(1_500_000)
                + "}";
        FhirInputException e = refused(FhirLimits.DEFAULTS, deep);
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.getMessage()).contains("max-depth (64)");
    }

    @Test
    void eachLimitIsNamed() {
        assertThat(refused(SMALL, entries(4)).getMessage()).contains("max-bundle-entries (3)");
        assertThat(refused(SMALL, "{\"name\":[1,2,3,4,5]}").getMessage()).contains("max-array-items (4)");
        assertThat(refused(SMALL, "{\"a\":\"" + "x".repeat(51) + "\"}").getMessage()).contains("max-string-chars (50)");
        assertThat(refused(SMALL, "{\"a\":" + "1".repeat(11) + "}").getMessage()).contains("max-number-chars (10)");
        assertThat(refused(SMALL, "{\"a\":" + "{\"a\":".repeat(8) + "1" + "}".repeat(9)).getMessage())
                .contains("max-depth (8)");
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 201; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        assertThat(refused(SMALL, many.append("}").toString()).getMessage()).contains("max-values (200)");
    }

    @Test
    void nulInAStringIs422() {
        FhirInputException e = refused(FhirLimits.DEFAULTS, "{\"resourceType\":\"Patient\",\"id\":\"a\\u0000b\"}");
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.getMessage()).contains("NUL");
    }

    @Test
    void atTheLimitsAndNotJsonPassTheScan() throws Exception {
        SMALL.check(entries(3));
        SMALL.check("{\"name\":[1,2,3,4]}");
        SMALL.check("not json at all");
        FhirLimits.DEFAULTS.check(fhir("transaction-urn-uuid.json"));
    }

    @Test
    void theNormalizerRefusesOverLimitBeforeParsing() {
        ConversionException e = catchThrowableOfType(ConversionException.class,
                () -> new FhirEventNormalizer(SMALL).normalize(entries(4)));
        assertThat(e).isInstanceOf(FhirInputException.class);
        assertThat(((FhirInputException) e).httpStatus()).isEqualTo(413);
    }

    @Test
    void manyProblemsAreListedUpToTheCap() {
        StringBuilder b = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
        for (int i = 0; i < 500; i++) {
            b.append(i == 0 ? "" : ",").append("{\"resource\":{\"resourceType\":\"Basic\"}}");
        }
        b.append("]");
        FhirInputException e = catchThrowableOfType(FhirInputException.class,
                () -> new FhirSubmissionReader().read(b.append("}").toString(), null));
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.outcome().getIssue()).hasSize(FhirSubmissionReader.MAX_LISTED_PROBLEMS + 1);
        assertThat(e.outcome().getIssue().get(FhirSubmissionReader.MAX_LISTED_PROBLEMS).getDiagnostics())
                .isEqualTo("400 more issue(s) not listed");
    }
}
