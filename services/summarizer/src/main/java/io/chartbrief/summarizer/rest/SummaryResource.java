package io.chartbrief.summarizer.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chartbrief.audit.PhiRead;
import io.chartbrief.audit.ReadAuditContext;
import io.chartbrief.interop.audit.PhiAccess.Interaction;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.summarizer.store.SummaryStore;
import io.chartbrief.summarizer.store.SummaryStore.SummaryRow;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Read API over stored summaries; every call needs a bearer JWT (see {@link ApiRoles}) and is audited
 * ({@link PhiRead}: the summary's patient, its document {@code Bundle/<request id>}, the outcome).
 */
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "A JWT of the identity provider the service is configured with (docs/operations.md, auth)")
@SecurityRequirement(name = "jwt")
@Path("/summaries")
@RolesAllowed({ApiRoles.SUMMARY_READ, ApiRoles.CLINICIAN})
public class SummaryResource {

    static final String FHIR_JSON = "application/fhir+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIST_LIMIT = 100;

    private final SummaryStore store;
    private final ReadAuditContext audit;

    public SummaryResource(SummaryStore store, ReadAuditContext audit) {
        this.store = store;
        this.audit = audit;
    }

    @GET
    @Path("/{requestId}")
    @PhiRead(operation = "GET /summaries/{requestId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A stored summary",
            description = "The row's fields and, under `summary`, the stored summary JSON (docs/summary-schema.md), "
                    + "dropped items included. 404 with an OperationOutcome when the request has no summary.")
    public Response get(@PathParam("requestId") String requestId) throws Exception {
        Optional<UUID> id = uuid(requestId);
        Optional<SummaryRow> row = id.flatMap(store::find);
        if (row.isEmpty()) {
            return notFound(id.isPresent() ? "no summary for request " + requestId : "request id is not a UUID");
        }
        read(row.get());
        ObjectNode body = describe(row.get());
        String summary = store.summaryJson(id.get()).orElse(null);
        body.set("summary", summary == null ? null : JSON.readTree(summary));
        return Response.ok(JSON.writeValueAsString(body), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{requestId}/document")
    @PhiRead(operation = "GET /summaries/{requestId}/document")
    @Produces(FHIR_JSON)
    @Operation(summary = "The FHIR document Bundle published for a summary")
    public Response document(@PathParam("requestId") String requestId) {
        Optional<UUID> id = uuid(requestId);
        id.flatMap(store::find).ifPresent(this::read);
        Optional<String> document = id.flatMap(store::documentJson);
        return document.map(d -> Response.ok(d, FHIR_JSON).build())
                .orElseGet(() -> notFound("no document for this request id"));
    }

    @GET
    @PhiRead(interaction = Interaction.SEARCH, operation = "GET /summaries?patient")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Summaries of a patient, newest first (at most 100; without the summary bodies)")
    public Response list(@Parameter(description = "Patient/<id>") @QueryParam("patient") String patient)
            throws Exception {
        if (patient == null || patient.isBlank()) {
            return outcome(Response.Status.BAD_REQUEST, IssueType.REQUIRED, "query parameter patient is required");
        }
        String ref = patient.startsWith("Patient/") ? patient : "Patient/" + patient;
        audit.patient(ref);
        ArrayNode rows = JSON.createArrayNode();
        store.byPatient(ref, LIST_LIMIT).forEach(r -> rows.add(describe(r)));
        return Response.ok(JSON.writeValueAsString(rows), MediaType.APPLICATION_JSON).build();
    }

    /** Names the summary's patient and document for this read's AuditEvent. */
    private void read(SummaryRow row) {
        audit.patient(row.patient());
        audit.resource("Bundle/" + row.requestId());
    }

    private static ObjectNode describe(SummaryRow row) {
        ObjectNode node = JSON.createObjectNode();
        node.put("requestId", row.requestId().toString());
        node.put("patient", row.patient());
        node.put("encounter", row.encounter());
        node.put("reason", row.reason());
        node.put("engine", row.engine());
        node.put("status", row.status());
        node.put("createdAt", text(row.createdAt()));
        node.put("publishedAt", text(row.publishedAt()));
        node.put("cancelledAt", text(row.cancelledAt()));
        return node;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Response notFound(String diagnostics) {
        return outcome(Response.Status.NOT_FOUND, IssueType.NOTFOUND, diagnostics);
    }

    private static Response outcome(Response.Status status, IssueType type, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
        return Response.status(status).type(FHIR_JSON)
                .entity(FhirContexts.r4().newJsonParser().encodeResourceToString(outcome)).build();
    }
}
