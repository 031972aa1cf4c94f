package io.chartbrief.summarizer.rest;

import ca.uhn.fhir.parser.IParser;
import io.chartbrief.audit.PhiRead;
import io.chartbrief.audit.ReadAuditContext;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.summarizer.service.ChartClient;
import io.chartbrief.summary.fhir.IpsDocument;
import io.chartbrief.summarizer.store.SummaryStore;
import io.chartbrief.summarizer.store.SummaryStore.SummaryRow;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.jboss.logging.Logger;

/**
 * The IPS operation {@code Patient/$summary} (HL7 FHIR IG International Patient Summary): the patient's latest
 * summary the verifier stood behind, as an IPS document ({@link IpsDocument}); {@code POST} asks for a new one in
 * the FHIR asynchronous pattern ({@code 202} + {@code Content-Location} of a status URL that answers {@code 202}
 * until the summary is stored, then the IPS document). JSON by default; {@code _format=xml} or
 * {@code Accept: application/fhir+xml} for XML. Errors are OperationOutcomes. Every read is audited ({@link PhiRead}).
 */
@SecurityRequirement(name = "jwt")
@Path("/fhir/r4")
@RolesAllowed({ApiRoles.SUMMARY_READ, ApiRoles.CLINICIAN})
// "$" as [$] (a path template is a regular expression) or %24, as some clients encode it
public class PatientSummaryResource {

    private static final Logger LOG = Logger.getLogger(PatientSummaryResource.class);
    static final String FHIR_XML = "application/fhir+xml";
    /** Seconds a client should wait before polling the status URL again. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final SummaryStore store;
    private final ChartClient chart;
    private final ReadAuditContext audit;

    public PatientSummaryResource(SummaryStore store, ChartClient chart, ReadAuditContext audit) {
        this.store = store;
        this.chart = chart;
        this.audit = audit;
    }

    @GET
    @Path("/Patient/{id}/{operation:(?:[$]|%24)summary}")
    @PhiRead(operation = "GET /fhir/r4/Patient/{id}/$summary")
    @Operation(summary = "IPS of the patient: the latest verified summary as an IPS document Bundle")
    @APIResponse(responseCode = "200", description = "IPS document Bundle")
    @APIResponse(responseCode = "404", description = "no verified summary of this patient (OperationOutcome)")
    public Response summary(@PathParam("id") String id, @QueryParam("_format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        Optional<SummaryRow> row = store.latestVerified("Patient/" + id);
        if (row.isEmpty()) {
            return outcome(Response.Status.NOT_FOUND, IssueType.NOTFOUND,
                    "no verified summary of this patient; POST to this URL asks for one", format, accept);
        }
        return ips(row.get(), format, accept);
    }

    @POST
    @Path("/Patient/{id}/{operation:(?:[$]|%24)summary}")
    @RolesAllowed({ApiRoles.SUMMARY_REQUEST, ApiRoles.CLINICIAN})
    @Operation(summary = "Ask for a new IPS of the patient (asynchronous: 202 + Content-Location to poll)")
    @APIResponse(responseCode = "202", description = "accepted; poll the Content-Location")
    @APIResponse(responseCode = "404", description = "unknown patient (OperationOutcome)")
    @APIResponse(responseCode = "503", description = "the chart service could not take the request (OperationOutcome)")
    public Response request(@PathParam("id") String id, @QueryParam("_format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        UUID requestId;
        try {
            requestId = chart.requestSummary(id);
        } catch (ChartClient.ChartNotFoundException e) {
            return outcome(Response.Status.NOT_FOUND, IssueType.NOTFOUND, "unknown patient", format, accept);
        } catch (ChartClient.ChartUnavailableException e) {
            LOG.warnf("IPS request not taken by the chart service: %s", e.getMessage());
            return outcome(Response.Status.SERVICE_UNAVAILABLE, IssueType.TRANSIENT,
                    "the summary could not be requested; retry later", format, accept);
        }
        return Response.accepted().header("Content-Location", "/fhir/r4/$summary-status/" + requestId)
                .header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    @GET
    @Path("/{operation:(?:[$]|%24)summary-status}/{requestId}")
    @PhiRead(operation = "GET /fhir/r4/$summary-status/{requestId}")
    @Operation(summary = "Status of an asked-for IPS: 202 while it is being made, then the IPS document")
    @APIResponse(responseCode = "200", description = "IPS document Bundle")
    @APIResponse(responseCode = "202", description = "still being made; poll again after Retry-After")
    @APIResponse(responseCode = "410", description = "the request was cancelled (OperationOutcome)")
    @APIResponse(responseCode = "422", description = "the verifier did not stand behind the summary (OperationOutcome)")
    public Response status(@PathParam("requestId") String requestId, @QueryParam("_format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        Optional<SummaryRow> row;
        try {
            row = store.find(UUID.fromString(requestId));
        } catch (IllegalArgumentException e) {
            return outcome(Response.Status.NOT_FOUND, IssueType.NOTFOUND, "request id is not a UUID", format, accept);
        }
        row.ifPresent(r -> audit.patient(r.patient()));
        if (row.isEmpty() || (!row.get().cancelled() && row.get().documentId() == null)) {
            return Response.accepted().header("Retry-After", RETRY_AFTER_SECONDS).header("X-Progress", "in progress")
                    .build();
        }
        if (row.get().cancelled()) {
            return outcome(Response.Status.GONE, IssueType.NOTFOUND, "the summary request was cancelled", format,
                    accept);
        }
        if ("unverified".equals(row.get().status())) {
            return outcome(Response.Status.fromStatusCode(422), IssueType.PROCESSING,
                    "the verifier could not stand behind this summary; no IPS is made from it", format, accept);
        }
        return ips(row.get(), format, accept);
    }

    private Response ips(SummaryRow row, String format, String accept) {
        audit.patient(row.patient());
        audit.resource("Bundle/" + row.requestId());
        Optional<String> document = store.documentJson(row.requestId());
        if (document.isEmpty()) {
            return outcome(Response.Status.NOT_FOUND, IssueType.NOTFOUND, "the summary has no document", format, accept);
        }
        return fhir(Response.ok(), IpsDocument.of(document.get()), format, accept);
    }

    static Response outcome(Response.Status status, IssueType type, String diagnostics, String format,
            String accept) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
        return fhir(Response.status(status), outcome, format, accept);
    }

    private static Response fhir(Response.ResponseBuilder response, Resource resource, String format, String accept) {
        boolean xml = wantsXml(format, accept);
        IParser parser = xml ? FhirContexts.r4().newXmlParser() : FhirContexts.r4().newJsonParser();
        return response.type(xml ? FHIR_XML : SummaryResource.FHIR_JSON).entity(parser.encodeResourceToString(resource))
                .build();
    }

    /** {@code _format} (xml, text/xml, application/fhir+xml, …) wins over {@code Accept}; JSON otherwise. */
    static boolean wantsXml(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return format.toLowerCase(Locale.ROOT).contains("xml");
        }
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        int xml = a.indexOf("xml");
        int json = a.indexOf("json");
        return xml >= 0 && (json < 0 || xml < json);
    }
}
