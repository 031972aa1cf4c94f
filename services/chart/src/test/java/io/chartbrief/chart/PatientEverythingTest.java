package io.chartbrief.chart;

import static io.chartbrief.chart.ChartTestSupport.id;
import static io.chartbrief.chart.ChartTestSupport.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.chartbrief.interop.event.NormalizedEvent;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.chartbrief.testsupport.TestTokens;
import io.chartbrief.testsupport.KafkaTestClient;
import io.chartbrief.testsupport.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code Patient/$everything} read by HAPI FHIR's generic client, page by page, against the chart API. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "chart"))
class PatientEverythingTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    DataSource dataSource;
    @TestHTTPResource("/fhir/r4")
    URL fhirBase;

    private KafkaTestClient kafka;
    private ChartTestSupport chart;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(bootstrapServers);
        chart = new ChartTestSupport(kafka, dataSource);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    private IGenericClient client() {
        FhirContext context = FhirContext.forR4();
        context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = context.newRestfulGenericClient(fhirBase.toString());
        client.registerInterceptor(new BearerTokenAuthInterceptor(TestTokens.token(ChartTestSupport.AUDIENCE, "chart-read")));
        return client;
    }

    private static List<String> references(Bundle bundle) {
        List<String> out = new ArrayList<>();
        bundle.getEntry().forEach(e -> out.add(e.getResource().fhirType() + "/" + e.getResource().getIdElement().getIdPart()));
        return out;
    }

    @Test
    void theWholeChartComesPageByPageInTheChartApisOrder() {
        String mrn = "EVR" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        NormalizedEvent visit = chart.publishHl7(Hl7Fixtures.adt("A04", "A" + mrn, mrn, "V1" + mrn, "O",
                "20260301101400", "20260301100000", null));
        chart.publishHl7(Hl7Fixtures.oru("B" + mrn, mrn, "R" + mrn, "5.0", "20260402120000"));
        chart.publishHl7(Hl7Fixtures.oru("C" + mrn, mrn, "S" + mrn, "4.1", "20260403120000"));
        chart.sync();
        String patientId = id(visit.patientKey());
        Bundle whole = client().search().byUrl(fhirBase + "/../../patients/" + patientId + "/chart")
                .returnBundle(Bundle.class).execute();
        List<String> expected = references(whole);
        assertThat(expected.size()).isGreaterThan(4);

        IGenericClient client = client();
        Bundle page = client.operation().onInstance(new IdType("Patient", patientId)).named("$everything")
                .withParameter(Parameters.class, "_count", new StringType("2")).useHttpGet()
                .returnResourceType(Bundle.class).execute();
        assertThat(page.getTotal()).isEqualTo(expected.size());
        List<String> read = new ArrayList<>(references(page));
        int pages = 1;
        while (page.getLink(Bundle.LINK_NEXT) != null) {
            assertThat(page.getEntry()).hasSize(2);
            page = client.loadPage().next(page).execute();
            read.addAll(references(page));
            pages++;
        }
        assertThat(read).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo((expected.size() + 1) / 2);

        // _type narrows, the total with it
        Bundle results = client.operation().onInstance(new IdType("Patient", patientId)).named("$everything")
                .withParameter(Parameters.class, "_type", new StringType("Observation,DiagnosticReport")).useHttpGet()
                .returnResourceType(Bundle.class).execute();
        assertThat(references(results)).hasSize(4).allMatch(r -> r.startsWith("Observation/") || r.startsWith("DiagnosticReport/"));
        assertThat(results.getTotal()).isEqualTo(4);
        assertThat(results.getLink(Bundle.LINK_NEXT)).isNull();
    }

    @Test
    void anUnknownPatientOrABadCountIsAnOperationOutcome() {
        IGenericClient client = client();
        assertThatThrownBy(() -> client.operation().onInstance(new IdType("Patient", "nobody-" + UUID.randomUUID()))
                .named("$everything").withNoParameters(Parameters.class).useHttpGet().returnResourceType(Bundle.class)
                .execute()).isInstanceOf(ResourceNotFoundException.class);
        given().queryParam("_count", "many").get("/fhir/r4/Patient/x/$everything").then().statusCode(400);
        assertThatThrownBy(() -> client.operation().onInstance(new IdType("Patient", "x")).named("$everything")
                .withParameter(Parameters.class, "_since", new StringType("yesterday")).useHttpGet()
                .returnResourceType(Bundle.class).execute()).isInstanceOf(InvalidRequestException.class);
    }
}
