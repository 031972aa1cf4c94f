package io.chartbrief.summarizer;

import static io.chartbrief.summarizer.SummarizerApi.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.chartbrief.interop.event.EventHeaders;
import io.chartbrief.interop.event.Topics;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.summary.fhir.IpsDocument;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.TestTokens;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.net.URL;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IPS {@code Patient/$summary} over real HTTP, with summaries made from requests on a real broker and PostgreSQL. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "summarizer"))
@WithTestResource(value = FakeChartServiceResource.class, scope = TestResourceScope.GLOBAL)
class PatientSummaryTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @TestHTTPResource("/fhir/r4")
    URL fhirBase;

    private KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    private void summarize(String requestId, String patientId) {
        String patient = "Patient/" + patientId;
        kafka.send(Topics.SUMMARY_REQUESTS, patient, SummarizerFlowTest.request(requestId, patient,
                ChartFixture.encounterRef(patientId), "on-demand"));
        kafka.awaitRecord(Topics.SUMMARIES, SummarizerFlowTest.TIMEOUT,
                r -> requestId.equals(KafkaTestClient.header(r, EventHeaders.SUMMARY_REQUEST_ID)));
    }

    private static Bundle bundle(ExtractableResponse<Response> response) {
        return FhirContexts.r4().newJsonParser().parseResource(Bundle.class, response.asString());
    }

    @Test
    void theLatestVerifiedSummaryIsTheIpsWithItsRequiredSections() {
        String patientId = "ips-" + UUID.randomUUID();
        given().get("/fhir/r4/Patient/" + patientId + "/$summary").then().statusCode(404)
                .contentType(containsString("application/fhir+json")).body("resourceType", equalTo("OperationOutcome"));
        String requestId = UUID.randomUUID().toString();
        summarize(requestId, patientId);

        Bundle ips = bundle(given().get("/fhir/r4/Patient/" + patientId + "/$summary").then().statusCode(200)
                .contentType(containsString("application/fhir+json")).extract());
        assertThat(ips.getType()).isEqualTo(Bundle.BundleType.DOCUMENT);
        assertThat(ips.getIdElement().getIdPart()).isEqualTo(requestId);
        assertThat(ips.getMeta().getProfile()).extracting(p -> p.getValue()).containsExactly(IpsDocument.BUNDLE_PROFILE);
        Composition composition = (Composition) ips.getEntryFirstRep().getResource();
        assertThat(composition.getMeta().getProfile()).extracting(p -> p.getValue())
                .containsExactly(IpsDocument.COMPOSITION_PROFILE);
        assertThat(composition.getType().getCodingFirstRep().getCode()).isEqualTo("60591-5");
        assertThat(composition.getSection()).extracting(s -> s.getCode().getCodingFirstRep().getCode())
                .contains("11450-4", "48765-2", "10160-0");
        assertThat(composition.getSubject().getReference()).isEqualTo("Patient/" + patientId);
        assertThat(ips.getEntry()).anyMatch(e -> e.getResource() instanceof Patient p
                && p.getIdElement().getIdPart().equals(patientId));

        // as a FHIR client sends it ("$" unencoded)
        given().urlEncodingEnabled(false).get("/fhir/r4/Patient/" + patientId + "/$summary").then().statusCode(200);

        // XML on request, by _format or Accept
        String xml = given().queryParam("_format", "xml").get("/fhir/r4/Patient/" + patientId + "/$summary").then()
                .statusCode(200).contentType(containsString("application/fhir+xml")).extract().asString();
        assertThat(FhirContexts.r4().newXmlParser().parseResource(Bundle.class, xml).getIdElement().getIdPart())
                .isEqualTo(requestId);
        given().header("Accept", "application/fhir+xml").get("/fhir/r4/Patient/" + patientId + "/$summary").then()
                .statusCode(200).contentType(containsString("application/fhir+xml"));

        // a newer summary is the IPS from then on
        String newer = UUID.randomUUID().toString();
        summarize(newer, patientId);
        assertThat(bundle(given().get("/fhir/r4/Patient/" + patientId + "/$summary").then().statusCode(200).extract())
                .getIdElement().getIdPart()).isEqualTo(newer);
    }

    @Test
    void aPostAsksTheChartForASummaryAndItsStatusUrlAnswersTheIpsOnceMade() {
        String patientId = "ipsasync-" + UUID.randomUUID();
        ExtractableResponse<Response> accepted = given().post("/fhir/r4/Patient/" + patientId + "/$summary").then()
                .statusCode(202).extract();
        String status = accepted.header("Content-Location");
        String requestId = FakeChartServiceResource.onDemandRequestId(patientId).toString();
        assertThat(status).isEqualTo("/fhir/r4/$summary-status/" + requestId);
        assertThat(accepted.header("Retry-After")).isNotBlank();
        given().get(status).then().statusCode(202).header("Retry-After", equalTo("5"));

        summarize(requestId, patientId); // what the chart service does with the request it took
        Bundle ips = bundle(given().get(status).then().statusCode(200).extract());
        assertThat(ips.getIdElement().getIdPart()).isEqualTo(requestId);
        assertThat(ips.getMeta().getProfile()).extracting(p -> p.getValue()).containsExactly(IpsDocument.BUNDLE_PROFILE);

        OperationOutcome unknown = FhirContexts.r4().newJsonParser().parseResource(OperationOutcome.class,
                given().post("/fhir/r4/Patient/missing-" + patientId + "/$summary").then().statusCode(404).extract()
                        .asString());
        assertThat(unknown.getIssueFirstRep().getDiagnostics()).isEqualTo("unknown patient");
        given().get("/fhir/r4/$summary-status/not-a-uuid").then().statusCode(404);
    }

    /** HAPI FHIR's generic client, as an EHR or interface engine would call the operation. */
    @Test
    void hapisGenericClientGetsTheIpsAndAnOperationOutcomeForAPatientWithout() {
        String patientId = "ipsclient-" + UUID.randomUUID();
        String requestId = UUID.randomUUID().toString();
        summarize(requestId, patientId);
        FhirContext context = FhirContext.forR4();
        context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = context.newRestfulGenericClient(fhirBase.toString());
        client.registerInterceptor(new BearerTokenAuthInterceptor(TestTokens.token(SummarizerApi.AUDIENCE, "summary-read")));

        Bundle ips = client.operation().onInstance(new IdType("Patient", patientId)).named("$summary")
                .withNoParameters(Parameters.class).returnResourceType(Bundle.class).useHttpGet().execute();

        assertThat(ips.getIdElement().getIdPart()).isEqualTo(requestId);
        assertThat(ips.getMeta().getProfile()).extracting(p -> p.getValue()).containsExactly(IpsDocument.BUNDLE_PROFILE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.operation()
                .onInstance(new IdType("Patient", "nobody-" + patientId)).named("$summary")
                .withNoParameters(Parameters.class).returnResourceType(Bundle.class).useHttpGet().execute())
                .isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e -> assertThat(((ResourceNotFoundException) e).getOperationOutcome()).isNotNull());
    }
}
