package io.chartbrief.interop.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import io.chartbrief.interop.audit.PhiAccess.Interaction;
import io.chartbrief.interop.fhir.FhirContexts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.junit.jupiter.api.Test;

class BalpAuditEventTest {

    private static final Instant AT = Instant.parse("2026-12-04T10:15:30Z");
    private static final String ID = "5b0f8a44-3c1e-4b55-9d0e-2f7a9c1d0e11";
    // The fixture patient's identifying values: none may appear in an AuditEvent about a read of their chart.
    private static final String NAME = "TESTPATIENT";
    private static final String BIRTH_DATE = "1970-02-14";
    private static final String MRN = "MRN4711";

    @Test
    void aReadHasTheBalpElements() {
        AuditEvent event = BalpAuditEvent.of(ID, "chartbrief-chart", AT, read(200));

        assertThat(event.getIdPart()).isEqualTo(ID);
        assertThat(event.getType().getSystem()).isEqualTo(BalpAuditEvent.TYPE_SYSTEM);
        assertThat(event.getType().getCode()).isEqualTo("rest");
        assertThat(event.getSubtypeFirstRep().getSystem()).isEqualTo("http://hl7.org/fhir/restful-interaction");
        assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("read");
        assertThat(event.getAction().toCode()).isEqualTo("R");
        assertThat(event.getRecorded().toInstant()).isEqualTo(AT);
        assertThat(event.getOutcome().toCode()).isEqualTo("0");

        assertThat(event.getAgent()).hasSize(2);
        AuditEventAgentComponent client = event.getAgent().get(0);
        assertThat(client.getRequestor()).isTrue();
        assertThat(client.getType().getCodingFirstRep().getCode()).isEqualTo("110153");
        assertThat(client.getWho().getIdentifier().getValue()).isEqualTo("dr-okafor");
        assertThat(client.getAltId()).isEqualTo("inbox-web");
        assertThat(client.getRole()).extracting(r -> r.getCodingFirstRep().getCode()).containsExactly("clinician");
        assertThat(client.getNetwork().getAddress()).isEqualTo("10.1.2.3");
        AuditEventAgentComponent server = event.getAgent().get(1);
        assertThat(server.getRequestor()).isFalse();
        assertThat(server.getType().getCodingFirstRep().getCode()).isEqualTo("110152");
        assertThat(server.getWho().getType()).isEqualTo("Device");
        assertThat(server.getWho().getIdentifier().getValue()).isEqualTo("chartbrief-chart");

        assertThat(event.getSource().getObserver().getIdentifier().getValue()).isEqualTo("chartbrief-chart");
        assertThat(event.getSource().getTypeFirstRep().getCode()).isEqualTo("4");

        AuditEventEntityComponent patient = event.getEntity().get(0);
        assertThat(patient.getWhat().getReference()).isEqualTo("Patient/81aa1db6-0c3e-4f7a-9d51-0e5f7b2d3c10");
        assertThat(patient.getRole().getCode()).isEqualTo("1");
        assertThat(patient.getType().getCode()).isEqualTo("1");
        AuditEventEntityComponent what = event.getEntity().get(1);
        assertThat(what.getWhat().getReference()).isEqualTo("Composition/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b");
        assertThat(what.getDescription()).isEqualTo("GET /summaries/{requestId}");
        assertThat(what.hasQuery()).isFalse();
    }

    @Test
    void aSearchIsActionExecuteWithOnlyTheParameterNamesAsItsQuery() {
        PhiAccess search = new PhiAccess(Interaction.SEARCH, "svc-summarizer", null, List.of("chart-read"), null,
                "Patient/p1", null, "GET /patients?identifier", List.of("identifier", "_count"), 200);
        AuditEvent event = BalpAuditEvent.of(ID, "chartbrief-chart", AT, search);

        assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("search");
        assertThat(event.getAction().toCode()).isEqualTo("E");
        AuditEventEntityComponent query = event.getEntity().get(1);
        assertThat(query.getRole().getCode()).isEqualTo("24");
        assertThat(new String(query.getQuery(), StandardCharsets.UTF_8)).isEqualTo("identifier&_count");
    }

    @Test
    void theOutcomeFollowsTheStatus() {
        assertThat(BalpAuditEvent.of(ID, "s", AT, read(404)).getOutcome().toCode()).isEqualTo("4");
        assertThat(BalpAuditEvent.of(ID, "s", AT, read(403)).getOutcome().toCode()).isEqualTo("4");
        assertThat(BalpAuditEvent.of(ID, "s", AT, read(503)).getOutcome().toCode()).isEqualTo("8");
        assertThat(BalpAuditEvent.of(ID, "s", AT, read(503)).getOutcomeDesc()).isEqualTo("HTTP 503");
    }

    @Test
    void whatIsNotAReferenceOrAParameterNameIsLeftOut() {
        // A caller can put anything in a path or query: a patient "id" that is a name, a parameter that is a value.
        PhiAccess odd = new PhiAccess(Interaction.SEARCH, null, null, List.of(), null,
                "Patient/" + NAME + " " + BIRTH_DATE, "Patient/" + MRN + "^^^MR", "GET /patients/{id}/chart",
                List.of("identifier", "family=" + NAME, BIRTH_DATE + " x"), 404);
        String json = BalpAuditEvent.json(ID, "chartbrief-chart", AT, odd);

        assertThat(json).doesNotContain(NAME).doesNotContain(BIRTH_DATE).doesNotContain(MRN);
        AuditEvent event = BalpAuditEvent.of(ID, "chartbrief-chart", AT, odd);
        assertThat(event.getEntity()).hasSize(1);
        assertThat(event.getEntity().get(0).hasWhat()).isFalse();
        assertThat(new String(event.getEntity().get(0).getQuery(), StandardCharsets.UTF_8)).isEqualTo("identifier");
        assertThat(event.getAgent().get(0).getWho().getDisplay()).isEqualTo("unauthenticated caller");
    }

    @Test
    void theJsonIsAValidR4AuditEvent() {
        FhirContext context = FhirContexts.r4();
        ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(context),
                new InMemoryTerminologyServerValidationSupport(context), new CommonCodeSystemsTerminologyService(context));
        FhirValidator validator = context.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(support));

        for (PhiAccess access : List.of(read(200), read(404).forPatient(null),
                new PhiAccess(Interaction.SEARCH, "s", null, List.of(), null, "Patient/p1", null, "GET /x",
                        List.of("_type"), 200))) {
            ValidationResult result = validator.validateWithResult(BalpAuditEvent.json(ID, "chartbrief-chart", AT,
                    access));
            assertThat(result.getMessages())
                    .filteredOn(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                    .as("validation errors").isEmpty();
        }
    }

    private static PhiAccess read(int status) {
        return new PhiAccess(Interaction.READ, "dr-okafor", "inbox-web", List.of("clinician"), "10.1.2.3",
                "Patient/81aa1db6-0c3e-4f7a-9d51-0e5f7b2d3c10", "Composition/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
                "GET /summaries/{requestId}", List.of(), status);
    }
}
