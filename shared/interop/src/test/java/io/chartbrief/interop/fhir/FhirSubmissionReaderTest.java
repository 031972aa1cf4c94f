package io.chartbrief.interop.fhir;

import static io.chartbrief.interop.fhir.Fixtures.fhir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class FhirSubmissionReaderTest {

    private final FhirSubmissionReader reader = new FhirSubmissionReader();

    @Test
    void readsAResourceOfTheExpectedType() throws Exception {
        assertThat(reader.read(fhir("patient.json"), "Patient")).isInstanceOf(Patient.class);
    }

    @Test
    void keepsEntryIdsRatherThanFullUrls() throws Exception {
        Bundle bundle = (Bundle) reader.read(fhir("transaction-urn-uuid.json"), null);
        assertThat(bundle.getEntry().get(2).getResource().getIdElement().getIdPart()).isEqualTo("cond-7");
    }

    @Test
    void notJsonIs400() {
        FhirInputException e = refused("this is not json", null);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("body is not a JSON object");
        assertThat(e.outcome().getIssueFirstRep().getCode()).isEqualTo(IssueType.STRUCTURE);
    }

    @Test
    void truncatedJsonIs400() {
        assertThat(refused("{\"resourceType\": \"Patient\", \"id\": ", null).httpStatus()).isEqualTo(400);
    }

    @Test
    void missingResourceTypeIs400() {
        FhirInputException e = refused("{\"id\": \"x\"}", null);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("resourceType is missing");
    }

    @Test
    void unknownResourceTypeIs400() {
        FhirInputException e = refused("{\"resourceType\": \"Patent\", \"id\": \"x\"}", null);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("unknown resourceType 'Patent'");
    }

    @Test
    void typeOtherThanTheEndpointExpectsIs400() {
        FhirInputException e = refused(fhir("patient.json"), "Observation");
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("Patient does not match the endpoint's type Observation");
    }

    @Test
    void invalidValuesAndUnknownElementsAre422WithEveryIssueLocated() {
        String json = """
                {"resourceType": "Patient", "id": "p1", "birthDate": "yesterday", "gender": "often",
                 "contact": [{"name": {"family": "X", "nickname": "Y"}}]}
                """;
        FhirInputException e = refused(json, null);

        assertThat(e.httpStatus()).isEqualTo(422);
        List<OperationOutcomeIssueComponent> issues = e.outcome().getIssue();
        assertThat(issues).hasSize(3).allSatisfy(issue ->
                assertThat(issue.getSeverity()).isEqualTo(IssueSeverity.ERROR));
        assertThat(issues).extracting(issue -> issue.getExpression().get(0).getValue())
                .containsExactlyInAnyOrder("Patient.birthDate", "Patient.gender", "Patient.contact[0].name.nickname");
        OperationOutcomeIssueComponent birthDate = issues.stream()
                .filter(issue -> issue.getExpression().get(0).getValue().equals("Patient.birthDate"))
                .findFirst().orElseThrow();
        assertThat(birthDate.getCode()).isEqualTo(IssueType.VALUE);
        assertThat(birthDate.getDiagnostics()).contains("birthDate").doesNotContain("yesterday");
        assertThat(e.getMessage()).contains("and 2 more");
    }

    @Test
    void invalidValueInsideABundleEntryIsLocatedThere() {
        String json = """
                {"resourceType": "Bundle", "type": "collection", "entry": [
                  {"fullUrl": "urn:uuid:1", "resource": {"resourceType": "Patient", "id": "a"}},
                  {"fullUrl": "urn:uuid:2", "resource": {"resourceType": "Patient", "id": "b",
                                                         "birthDate": "yesterday"}}]}
                """;
        FhirInputException e = refused(json, null);
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.outcome().getIssueFirstRep().getExpression().get(0).getValue())
                .isEqualTo("Bundle.entry[1].resource.birthDate");
    }

    @Test
    void searchsetBundleIsNotASubmission() {
        FhirInputException e = refused("""
                {"resourceType": "Bundle", "type": "searchset", "entry": [
                  {"fullUrl": "http://x/fhir/Patient/1", "resource": {"resourceType": "Patient", "id": "1"}}]}
                """, null);
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.getMessage()).startsWith("Bundle.type searchset is not a submission");
        assertThat(e.outcome().getIssueFirstRep().getExpression().get(0).getValue()).isEqualTo("Bundle.type");
    }

    @Test
    void bundleWithoutTypeIs422() {
        FhirInputException e = refused("""
                {"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Patient", "id": "1"}}]}
                """, null);
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.outcome().getIssueFirstRep().getCode()).isEqualTo(IssueType.REQUIRED);
    }

    @Test
    void deleteEntriesAreRefused() {
        FhirInputException e = refused("""
                {"resourceType": "Bundle", "type": "transaction", "entry": [
                  {"fullUrl": "urn:uuid:1", "resource": {"resourceType": "Patient", "id": "1"},
                   "request": {"method": "PUT", "url": "Patient/1"}},
                  {"request": {"method": "DELETE", "url": "Observation/9"}}]}
                """, null);
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.getMessage()).startsWith("deletes are not supported");
        assertThat(e.outcome().getIssueFirstRep().getExpression().get(0).getValue())
                .isEqualTo("Bundle.entry[1].request.method");
    }

    @Test
    void entriesNeedAResourceAndAnIdOrFullUrl() {
        FhirInputException e = refused("""
                {"resourceType": "Bundle", "type": "batch", "entry": [
                  {"resource": {"resourceType": "Patient"}},
                  {"fullUrl": "urn:uuid:2"}]}
                """, null);
        assertThat(e.outcome().getIssue()).extracting(OperationOutcomeIssueComponent::getDiagnostics)
                .containsExactly("entry resource has neither an id nor a fullUrl", "entry has no resource");
    }

    @Test
    void singleResourceNeedsAnId() {
        FhirInputException e = refused("{\"resourceType\": \"Patient\", \"gender\": \"male\"}", null);
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.outcome().getIssueFirstRep().getExpression().get(0).getValue()).isEqualTo("Patient.id");
    }

    @Test
    void messageAndDocumentBundlesMustStartWithTheirHeader() {
        FhirInputException message = refused("""
                {"resourceType": "Bundle", "type": "message", "entry": [
                  {"resource": {"resourceType": "Patient", "id": "1"}}]}
                """, null);
        assertThat(message.getMessage()).startsWith("a message Bundle's first entry must be a MessageHeader");
        FhirInputException document = refused("""
                {"resourceType": "Bundle", "type": "document", "entry": [
                  {"resource": {"resourceType": "Patient", "id": "1"}}]}
                """, null);
        assertThat(document.getMessage()).startsWith("a document Bundle's first entry must be a Composition");
    }

    private FhirInputException refused(String json, String expectedType) {
        FhirInputException e = catchThrowableOfType(FhirInputException.class, () -> reader.read(json, expectedType));
        assertThat(e).as("expected the submission to be refused").isNotNull();
        return e;
    }
}
