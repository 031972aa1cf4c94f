package io.chartbrief.interop.fhir;

import static io.chartbrief.interop.fhir.Fixtures.fhir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.parser.IParser;
import io.chartbrief.interop.event.ConversionException;
import io.chartbrief.interop.event.NormalizedEvent;
import java.time.Instant;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class FhirEventNormalizerTest {

    private final FhirEventNormalizer normalizer = new FhirEventNormalizer();

    @Test
    void singlePatient() throws Exception {
        NormalizedEvent event = normalizer.normalize(fhir("patient.json"));

        assertThat(event.patientKey()).isEqualTo("Patient/pat-1");
        assertThat(event.eventType()).isEqualTo("FHIR:Patient");
        assertThat(event.sourceId()).isEqualTo("Patient/pat-1");
        assertThat(event.format()).isEqualTo("fhir");
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
        assertThat(event.warnings()).isEmpty();
        Bundle bundle = event.bundle();
        assertThat(bundle.getType()).isEqualTo(BundleType.TRANSACTION);
        assertThat(bundle.getIdElement().getIdPart()).matches("[0-9a-f-]{36}");
        assertThat(bundle.getEntry()).singleElement().satisfies(entry -> {
            assertThat(entry.getFullUrl()).isEqualTo("https://chartbrief.invalid/fhir/Patient/pat-1");
            assertThat(entry.getRequest().getMethod()).isEqualTo(HTTPVerb.PUT);
            assertThat(entry.getRequest().getUrl()).isEqualTo("Patient/pat-1");
            assertThat(entry.getResource().getIdElement().getIdPart()).isEqualTo("pat-1");
        });
    }

    @Test
    void submittedCreatesAndConditionalCreatesBecomeUpdates() throws Exception {
        NormalizedEvent event = normalizer.normalize("""
                {"resourceType":"Bundle","type":"transaction","id":"tx-post","entry":[
                  {"fullUrl":"urn:uuid:6f1c2a9e-8f0b-4b1e-9a57-3c7d2e1f0a99",
                   "resource":{"resourceType":"Patient","id":"6f1c2a9e-8f0b-4b1e-9a57-3c7d2e1f0a99"},
                   "request":{"method":"POST","url":"Patient"}},
                  {"fullUrl":"urn:uuid:0d7a4c55-2b0e-4d59-b1f2-7e4a9c3b6d99",
                   "resource":{"resourceType":"Encounter","id":"0d7a4c55-2b0e-4d59-b1f2-7e4a9c3b6d99",
                     "status":"in-progress","class":{"code":"IMP"},
                     "identifier":[{"system":"urn:example:visit","value":"V1"}],
                     "subject":{"reference":"urn:uuid:6f1c2a9e-8f0b-4b1e-9a57-3c7d2e1f0a99"}},
                   "request":{"method":"POST","url":"Encounter","ifNoneExist":"identifier=urn:example:visit|V1"}}]}
                """);

        // ehr.events carries a FHIR submission as updates: the chart's insert-if-absent is for HL7 v2 visits only
        assertThat(event.bundle().getEntry()).allSatisfy(entry -> {
            assertThat(entry.getRequest().getMethod()).isEqualTo(HTTPVerb.PUT);
            assertThat(entry.getRequest().getUrl()).isEqualTo(entry.getResource().fhirType() + "/"
                    + entry.getResource().getIdElement().getIdPart());
            assertThat(entry.getRequest().hasIfNoneExist()).isFalse();
        });
    }

    @Test
    void aSubmissionKeepsItsRequestMethodsBesideTheIdsOfItsEvent() throws Exception {
        NormalizedSubmission submission = normalizer.normalizeSubmission("""
                {"resourceType":"Bundle","type":"batch","entry":[
                  {"fullUrl":"urn:uuid:6f1c2a9e-8f0b-4b1e-9a57-3c7d2e1f0a99",
                   "resource":{"resourceType":"Patient"},"request":{"method":"POST","url":"Patient"}},
                  {"fullUrl":"http://hospital.example/fhir/Observation/o-1",
                   "resource":{"resourceType":"Observation","status":"final","code":{"text":"HR"},
                     "subject":{"reference":"urn:uuid:6f1c2a9e-8f0b-4b1e-9a57-3c7d2e1f0a99"}},
                   "request":{"method":"PUT","url":"Observation/o-1"}}]}
                """, null);

        assertThat(submission.bundleType()).isEqualTo(BundleType.BATCH);
        assertThat(submission.requestMethods()).containsExactly(HTTPVerb.POST, HTTPVerb.PUT);
        // the fullUrl's UUID, and a name-based UUID of an absolute fullUrl: the ids on ehr.events
        assertThat(submission.locations()).containsExactly("Patient/6f1c2a9e-8f0b-4b1e-9a57-3c7d2e1f0a99",
                "Observation/" + EntryIdentities.nameUuid("http://hospital.example/fhir/Observation/o-1"));
        assertThat(submission.locations()).containsExactlyElementsOf(submission.event().bundle().getEntry().stream()
                .map(entry -> entry.getRequest().getUrl()).toList());
        assertThat(normalizer.normalizeSubmission(fhir("patient.json"), "Patient").requestMethods()).isEmpty();
    }

    @Test
    void observationIsKeyedByItsSubject() throws Exception {
        NormalizedEvent event = normalizer.normalize(fhir("observation.json"));

        assertThat(event.patientKey()).isEqualTo("Patient/pat-1");
        assertThat(event.eventType()).isEqualTo("FHIR:Observation");
        assertThat(event.eventTime()).isNull();
        assertThat(event.bundle().getEntry()).hasSize(1);
    }

    @Test
    void transactionKeepsIdsAndRewritesUrnUuidReferences() throws Exception {
        NormalizedEvent event = normalizer.normalize(fhir("transaction-urn-uuid.json"));

        String patient = "Patient/6f1c2a9e-8f0b-4b1e-9a57-3c7d2e1f0a11";
        String encounter = "Encounter/0d7a4c55-2b0e-4d59-b1f2-7e4a9c3b6d22";
        assertThat(event.patientKey()).isEqualTo(patient);
        assertThat(event.eventType()).isEqualTo("FHIR:transaction");
        assertThat(event.sourceId()).isEqualTo("tx-1");
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2024-03-01T10:15:00Z"));
        assertThat(event.bundle().getEntry()).extracting(entry -> entry.getRequest().getUrl())
                .containsExactly(patient, encounter, "Condition/cond-7");
        assertThat(event.bundle().getEntry()).extracting(BundleEntryComponent::getFullUrl).containsExactly(
                "urn:uuid:6f1c2a9e-8f0b-4b1e-9a57-3c7d2e1f0a11", "urn:uuid:0d7a4c55-2b0e-4d59-b1f2-7e4a9c3b6d22",
                "https://chartbrief.invalid/fhir/Condition/cond-7");

        Encounter enc = (Encounter) event.bundle().getEntry().get(1).getResource();
        assertThat(enc.getSubject().getReference()).isEqualTo(patient);
        assertThat(enc.getServiceProvider().getReference()).startsWith("Organization?identifier=");
        Condition condition = (Condition) event.bundle().getEntry().get(2).getResource();
        assertThat(condition.getSubject().getReference()).isEqualTo(patient);
        assertThat(condition.getEncounter().getReference()).isEqualTo(encounter);
        assertThat(event.warnings()).containsExactly("1 conditional references left unresolved");
    }

    @Test
    void collectionWithoutIdsGetsDeterministicIdsAndIdenticalOutput() throws Exception {
        NormalizedEvent first = normalizer.normalize(fhir("collection-without-ids.json"));
        NormalizedEvent second = new FhirEventNormalizer().normalize(fhir("collection-without-ids.json"));

        IParser json = FhirContexts.r4().newJsonParser();
        assertThat(json.encodeResourceToString(first.bundle()))
                .isEqualTo(json.encodeResourceToString(second.bundle()));
        assertThat(first.sourceId()).isEqualTo(second.sourceId()).startsWith("sha256:");
        assertThat(first.eventType()).isEqualTo("FHIR:collection");

        String patientId = first.bundle().getEntry().get(0).getResource().getIdElement().getIdPart();
        assertThat(patientId).matches("[0-9a-f-]{36}");
        assertThat(first.patientKey()).isEqualTo("Patient/" + patientId);
        assertThat(first.bundle().getEntry().get(0).getFullUrl()).isEqualTo("urn:uuid:" + patientId);
        // Both the relative and the absolute form of the patient's fullUrl now point at the new id.
        assertThat(first.bundle().getEntry().subList(1, 3))
                .extracting(entry -> ((Observation) entry.getResource()).getSubject().getReference())
                .containsOnly("Patient/" + patientId);
        assertThat(first.bundle().getEntry()).extracting(entry -> entry.getResource().getIdElement().getIdPart())
                .doesNotHaveDuplicates();
    }

    @Test
    void messageBundleIsTypedByItsEvent() throws Exception {
        NormalizedEvent event = normalizer.normalize(fhir("message.json"));

        assertThat(event.eventType()).isEqualTo("FHIR:message:admit-notification");
        assertThat(event.patientKey()).isEqualTo("Patient/pat-9");
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2024-03-02T07:00:00Z"));
        assertThat(event.bundle().getEntry()).hasSize(2);
        MessageHeader header = (MessageHeader) event.bundle().getEntry().get(0).getResource();
        assertThat(header.getFocusFirstRep().getReference())
                .isEqualTo("Encounter/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
    }

    @Test
    void documentBundleKeepsItsComposition() throws Exception {
        NormalizedEvent event = normalizer.normalize(fhir("document.json"));

        assertThat(event.eventType()).isEqualTo("FHIR:document");
        assertThat(event.sourceId()).isEqualTo("urn:uuid:c0ffee00-0000-4000-8000-000000000001");
        assertThat(event.patientKey()).isEqualTo("Patient/c0ffee00-0000-4000-8000-000000000003");
        assertThat(event.bundle().getEntry()).extracting(entry -> entry.getResource().fhirType())
                .containsExactly("Composition", "Patient");
    }

    @Test
    void twoUnlinkedPatientsAreRefused() {
        assertThatThrownBy(() -> normalizer.normalize("""
                {"resourceType": "Bundle", "type": "collection", "entry": [
                  {"resource": {"resourceType": "Patient", "id": "a"}},
                  {"resource": {"resourceType": "Patient", "id": "b"}}]}
                """))
                .isInstanceOf(ConversionException.class)
                .isNotInstanceOf(FhirInputException.class)
                .hasMessage("submission holds 2 patients; send one patient per submission");
    }

    @Test
    void linkedPatientsAreKeyedByTheSurvivor() throws Exception {
        NormalizedEvent event = normalizer.normalize("""
                {"resourceType": "Bundle", "type": "transaction", "entry": [
                  {"resource": {"resourceType": "Patient", "id": "old",
                                "link": [{"other": {"reference": "Patient/new"}, "type": "replaced-by"}]}},
                  {"resource": {"resourceType": "Patient", "id": "new",
                                "link": [{"other": {"reference": "Patient/old"}, "type": "replaces"}]}}]}
                """);
        assertThat(event.patientKey()).isEqualTo("Patient/new");
    }

    @Test
    void submissionWithoutPatientIsRefused() {
        assertThatThrownBy(() -> normalizer.normalize("""
                {"resourceType": "Organization", "id": "org-1", "name": "Example Clinic"}
                """))
                .isInstanceOf(ConversionException.class)
                .hasMessage("submission names no patient (no Patient resource and no subject/patient reference)");
    }

    @Test
    void twoEntriesForTheSameResourceAreRefused() {
        assertThatThrownBy(() -> normalizer.normalize("""
                {"resourceType": "Bundle", "type": "collection", "entry": [
                  {"resource": {"resourceType": "Patient", "id": "a"}},
                  {"resource": {"resourceType": "Patient", "id": "a"}}]}
                """))
                .isInstanceOf(ConversionException.class)
                .hasMessage("entries 0 and 1 are the same Patient (same id or fullUrl)");
    }

    @Test
    void refusedInputKeepsItsHttpStatus() {
        assertThatThrownBy(() -> normalizer.normalize("[]"))
                .isInstanceOfSatisfying(FhirInputException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
    }
}
