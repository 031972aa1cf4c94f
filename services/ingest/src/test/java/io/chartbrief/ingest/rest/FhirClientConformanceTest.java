package io.chartbrief.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import io.chartbrief.ingest.Fixtures;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.KafkaTestClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** HAPI FHIR's own generic client against the running intake (a real peer: what Mirth/HAPI users run). */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class FhirClientConformanceTest {

    private static final FhirContext CLIENT_CONTEXT = FhirContext.forR4();

    @TestHTTPResource("/fhir/r4")
    URL fhirBase;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** HAPI's defaults (JSON requests, server validation on: it reads metadata before the first call). */
    private IGenericClient client(boolean withToken) {
        IGenericClient client = CLIENT_CONTEXT.newRestfulGenericClient(fhirBase.toString());
        if (withToken) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(Fixtures.intakeToken()));
        }
        return client;
    }

    @Test
    void capabilityStatementIsReadWithoutATokenAndSaysWhatTheIntakeDoes() {
        CapabilityStatement statement = client(false).capabilities().ofType(CapabilityStatement.class).execute();

        assertThat(statement.getStatus()).isEqualTo(PublicationStatus.ACTIVE);
        assertThat(statement.getKind()).isEqualTo(CapabilityStatementKind.INSTANCE);
        assertThat(statement.getFhirVersion()).isEqualTo(FHIRVersion._4_0_1);
        assertThat(statement.getFormat()).extracting(code -> code.getValue()).contains("json");
        CapabilityStatementRestComponent rest = statement.getRestFirstRep();
        assertThat(rest.getMode().toCode()).isEqualTo("server");
        assertThat(rest.getInteraction()).extracting(i -> i.getCode())
                .containsExactlyInAnyOrder(SystemRestfulInteraction.TRANSACTION, SystemRestfulInteraction.BATCH);
        assertThat(rest.getResource()).filteredOn(r -> r.getType().equals("Patient")).singleElement()
                .satisfies(r -> assertThat(r.getInteraction()).extracting(i -> i.getCode())
                        .containsExactly(TypeRestfulInteraction.CREATE));
        assertThat(rest.getResource()).extracting(r -> r.getType()).doesNotContain("Bundle");
        assertThat(rest.getSecurity().getServiceFirstRep().getCodingFirstRep().getCode()).isEqualTo("OAuth");
        assertThat(statement.getImplementation().getUrl()).isEqualTo(fhirBase.toString());
    }

    @Test
    void formatAndAcceptChooseTheAnswerEncoding() {
        given().queryParam("_format", "xml").get("/fhir/r4/metadata")
                .then().statusCode(200).contentType(startsWith("application/fhir+xml"))
                .body(startsWith("<CapabilityStatement"));
        given().queryParam("_format", "application/fhir+json").accept("application/fhir+xml")
                .get("/fhir/r4/metadata")
                .then().statusCode(200).contentType(startsWith("application/fhir+json"))
                .body("resourceType", equalTo("CapabilityStatement"));
        given().accept("application/fhir+xml").get("/fhir/r4/metadata")
                .then().statusCode(200).contentType(startsWith("application/fhir+xml"));
        given().accept("application/fhir+xml;q=0.5, application/fhir+json").get("/fhir/r4/metadata")
                .then().statusCode(200).contentType(startsWith("application/fhir+json"));
        given().queryParam("_format", "turtle").get("/fhir/r4/metadata")
                .then().statusCode(406).body("resourceType", equalTo("OperationOutcome"));
        // errors follow the requested format too
        given().auth().oauth2(Fixtures.intakeToken()).contentType("application/fhir+json")
                .queryParam("_format", "xml").body("{\"resourceType\":\"Patient\",\"id\":\"p1\",\"birthDate\":\"x\"}")
                .post("/fhir/r4/Patient")
                .then().statusCode(422).contentType(startsWith("application/fhir+xml"))
                .body(startsWith("<OperationOutcome"));
        // a client that can read metadata still needs a token for everything else
        assertThatThrownBy(() -> client(false).transaction().withBundle(transaction(UUID.randomUUID())).execute())
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void transactionIsAnsweredWithTheIdsTheEventCarries() {
        UUID patient = UUID.randomUUID();
        Bundle response = client(true).transaction().withBundle(transaction(patient)).execute();

        assertThat(response.getType()).isEqualTo(BundleType.TRANSACTIONRESPONSE);
        assertThat(response.getEntry()).extracting(e -> e.getResponse().getStatus())
                .containsExactly("201 Created", "201 Created", "200 OK");
        List<String> locations = response.getEntry().stream().map(e -> e.getResponse().getLocation()).toList();
        assertThat(locations.get(0)).isEqualTo("Patient/" + patient);
        assertThat(locations.get(2)).isEqualTo("Observation/obs-" + patient);
        assertThat(locations).allMatch(location -> location.matches("[A-Za-z]+/[A-Za-z0-9\\-.]{1,64}"));
        assertThat(eventLocations("Patient/" + patient)).containsExactlyElementsOf(locations);
    }

    @Test
    void batchIsAnsweredWithABatchResponse() {
        UUID patient = UUID.randomUUID();
        Bundle batch = transaction(patient).setType(BundleType.BATCH);
        Bundle response = client(true).transaction().withBundle(batch).execute();

        assertThat(response.getType()).isEqualTo(BundleType.BATCHRESPONSE);
        assertThat(response.getEntry()).hasSize(3);
        assertThat(eventLocations("Patient/" + patient))
                .containsExactlyElementsOf(response.getEntry().stream().map(e -> e.getResponse().getLocation())
                        .toList());
    }

    @Test
    void badBundleReachesTheClientAsAnOperationOutcome() {
        Bundle bad = transaction(UUID.randomUUID());
        bad.addEntry().getRequest().setMethod(HTTPVerb.DELETE).setUrl("Patient/gone");

        assertThatThrownBy(() -> client(true).transaction().withBundle(bad).execute())
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
                    OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
                    assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("deletes are not supported");
                    assertThat(outcome.getIssueFirstRep().getExpression().get(0).getValue())
                            .isEqualTo("Bundle.entry[3].request.method");
                });
    }

    @Test
    void otherBundleTypesKeepTheAcceptedOperationOutcome() {
        String collection = Fixtures.fhirTransaction(UUID.randomUUID().toString(), UUID.randomUUID().toString())
                .replace("\"type\":\"transaction\"", "\"type\":\"collection\"");
        given().auth().oauth2(Fixtures.intakeToken()).contentType("application/fhir+json").body(collection)
                .post("/fhir/r4")
                .then().statusCode(202).body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void respondAsyncPointsAtAStatusUrlThatAnswersTheTransactionResponse() {
        UUID patient = UUID.randomUUID();
        String body = CLIENT_CONTEXT.newJsonParser().encodeResourceToString(transaction(patient));
        String status = given().auth().oauth2(Fixtures.intakeToken()).contentType("application/fhir+json")
                .header("Prefer", "respond-async").body(body)
                .post("/fhir/r4")
                .then().statusCode(202).body("resourceType", equalTo("OperationOutcome"))
                .extract().header("Content-Location");
        assertThat(status).startsWith(fhirBase + "/_async/");

        // the record is on Kafka before the 202: the status is complete on the first poll
        Bundle response = client(true).fetchResourceFromUrl(Bundle.class, status);
        assertThat(response.getType()).isEqualTo(BundleType.TRANSACTIONRESPONSE);
        assertThat(eventLocations("Patient/" + patient)).containsExactlyElementsOf(
                response.getEntry().stream().map(e -> e.getResponse().getLocation()).toList());
        given().auth().oauth2(Fixtures.intakeToken()).queryParam("_format", "xml").get(status)
                .then().statusCode(200).body(containsString("transaction-response"));

        given().get(status).then().statusCode(401);
        given().auth().oauth2(Fixtures.intakeToken()).delete(status).then().statusCode(202);
        given().auth().oauth2(Fixtures.intakeToken()).get(status)
                .then().statusCode(404).body("resourceType", equalTo("OperationOutcome"));
    }

    /** A transaction as a client builds it: urn:uuid fullUrls and no ids for POSTs, an own id for a PUT. */
    private static Bundle transaction(UUID patientUuid) {
        Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
        Patient patient = new Patient();
        patient.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.19.5").setValue("MRN-" + patientUuid);
        patient.addName().setFamily("Testpatient").addGiven("Robin");
        bundle.addEntry().setFullUrl("urn:uuid:" + patientUuid).setResource(patient)
                .getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");
        Encounter encounter = new Encounter().setStatus(Encounter.EncounterStatus.INPROGRESS)
                .setSubject(new Reference("urn:uuid:" + patientUuid));
        encounter.getClass_().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode("IMP");
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(encounter)
                .getRequest().setMethod(HTTPVerb.POST).setUrl("Encounter");
        Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setSubject(new Reference("urn:uuid:" + patientUuid));
        observation.setId("obs-" + patientUuid);
        observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
        bundle.addEntry().setResource(observation)
                .getRequest().setMethod(HTTPVerb.PUT).setUrl("Observation/obs-" + patientUuid);
        return bundle;
    }

    /** {@code Type/id} of each entry of the patient's event on ehr.events, in order. */
    private List<String> eventLocations(String patientKey) {
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers)) {
            ConsumerRecord<String, String> event = kafka.awaitRecord(Topics.EVENTS, Duration.ofSeconds(30),
                    r -> patientKey.equals(r.key()));
            Bundle bundle = CLIENT_CONTEXT.newJsonParser().parseResource(Bundle.class, event.value());
            return bundle.getEntry().stream().map(BundleEntryComponent::getRequest).map(r -> r.getUrl()).toList();
        }
    }
}
