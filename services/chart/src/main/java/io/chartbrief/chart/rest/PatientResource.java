package io.chartbrief.chart.rest;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.chartbrief.audit.PhiRead;
import io.chartbrief.audit.ReadAuditContext;
import io.chartbrief.chart.service.SummaryRequestScheduler;
import io.chartbrief.chart.store.ChartQueries;
import io.chartbrief.chart.store.EncounterOrder;
import io.chartbrief.interop.audit.PhiAccess.Interaction;
import io.chartbrief.interop.event.SummaryRequest;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * Chart read API and on-demand summary requests; every call needs a bearer JWT (see {@link ApiRoles}). Every read
 * is audited ({@link PhiRead}): one AuditEvent per patient answered, outcome from the status.
 */
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "A JWT of the identity provider the service is configured with (docs/operations.md, auth)")
@SecurityRequirement(name = "jwt")
@Path("/patients")
@RolesAllowed({ApiRoles.CHART_READ, ApiRoles.CLINICIAN})
@Tag(name = "chart", description = "The current per-patient chart built from ehr.events")
@Blocking
public class PatientResource {

    private static final Logger LOG = Logger.getLogger(PatientResource.class);

    private final ChartQueries queries;
    private final SummaryRequestScheduler scheduler;
    private final ReadAuditContext audit;

    public PatientResource(ChartQueries queries, SummaryRequestScheduler scheduler, ReadAuditContext audit) {
        this.queries = queries;
        this.scheduler = scheduler;
        this.audit = audit;
    }

    @GET
    @Path("/{id}/chart")
    @PhiRead(interaction = Interaction.SEARCH, operation = "GET /patients/{id}/chart")
    @Produces({FhirJson.FHIR_JSON, MediaType.APPLICATION_JSON})
    @Operation(summary = "The patient's current chart as a FHIR searchset Bundle",
            description = "Every current resource of the patient's chart. A merged (retired) patient id answers "
                    + "with the surviving patient's chart.")
    @APIResponse(responseCode = "200", description = "searchset Bundle")
    @APIResponse(responseCode = "400", description = "bad since= value (OperationOutcome)")
    @APIResponse(responseCode = "404", description = "unknown patient (OperationOutcome)")
    public Response chart(@PathParam("id") String id,
            @Parameter(description = "comma-separated resource types, e.g. Observation,Condition")
            @QueryParam("types") String types,
            @Parameter(description = "date (YYYY-MM-DD, UTC) or ISO-8601 date-time: only resources whose event "
                    + "time (else stored time) is at or after it") @QueryParam("since") String since)
            throws SQLException {
        Instant sinceInstant = null;
        if (since != null && !since.isBlank()) {
            sinceInstant = parseSince(since.trim());
            if (sinceInstant == null) {
                return FhirJson.outcome(Response.Status.BAD_REQUEST, "invalid",
                        "since must be a date (YYYY-MM-DD) or an ISO-8601 date-time");
            }
        }
        Optional<String> patient = queries.knownPatient(id);
        if (patient.isEmpty()) {
            return unknownPatient();
        }
        audit.patient("Patient/" + patient.get());
        Set<String> typeSet = new LinkedHashSet<>();
        if (types != null) {
            for (String t : types.split(",")) {
                if (!t.isBlank()) {
                    typeSet.add(t.trim());
                }
            }
        }
        return ok(FhirJson.searchset(queries.chart(patient.get(), typeSet, sinceInstant)));
    }

    @GET
    @Path("/{id}/encounters")
    @PhiRead(interaction = Interaction.SEARCH, operation = "GET /patients/{id}/encounters")
    @Produces({FhirJson.FHIR_JSON, MediaType.APPLICATION_JSON})
    @Operation(summary = "The patient's encounters, newest first (by period.start; no start last)")
    @APIResponse(responseCode = "200", description = "searchset Bundle of Encounters")
    @APIResponse(responseCode = "404", description = "unknown patient (OperationOutcome)")
    public Response encounters(@PathParam("id") String id) throws SQLException {
        Optional<String> patient = queries.knownPatient(id);
        if (patient.isEmpty()) {
            return unknownPatient();
        }
        audit.patient("Patient/" + patient.get());
        return ok(FhirJson.searchset(EncounterOrder.newestFirst(
                queries.chart(patient.get(), List.of("Encounter"), null))));
    }

    @GET
    @PhiRead(interaction = Interaction.SEARCH, operation = "GET /patients?identifier")
    @Produces({FhirJson.FHIR_JSON, MediaType.APPLICATION_JSON})
    @Operation(summary = "Patients by identifier",
            description = "identifier=system|value (or value alone, any system): a searchset Bundle of the "
                    + "matching Patient resources (possibly empty).")
    @APIResponse(responseCode = "200", description = "searchset Bundle of Patients")
    @APIResponse(responseCode = "400", description = "identifier missing (OperationOutcome)")
    public Response search(@Parameter(description = "system|value") @QueryParam("identifier") String identifier)
            throws SQLException {
        if (identifier == null || identifier.isBlank()) {
            return FhirJson.outcome(Response.Status.BAD_REQUEST, "required",
                    "identifier is required (system|value)");
        }
        String system = null;
        String value = identifier;
        int bar = identifier.indexOf('|');
        if (bar >= 0) {
            system = identifier.substring(0, bar);
            value = identifier.substring(bar + 1);
        }
        if (value.isEmpty()) {
            return FhirJson.outcome(Response.Status.BAD_REQUEST, "required", "identifier value is empty");
        }
        StringBuilder json = new StringBuilder("{");
        if (system != null && !system.isEmpty()) {
            json.append("\"system\":\"").append(quote(system)).append("\",");
        }
        json.append("\"value\":\"").append(quote(value)).append("\"}");
        List<ChartQueries.StoredResource> patients = new ArrayList<>(queries.patientsByIdentifier(json.toString()));
        // One AuditEvent per matched patient (none matched: one naming no patient); the identifier value is PHI
        // and stays out of them.
        audit.patients(patients.stream().map(p -> "Patient/" + p.id()).toList());
        return ok(FhirJson.searchset(patients));
    }

    @POST
    @Path("/{id}/summaries")
    @RolesAllowed({ApiRoles.SUMMARY_REQUEST, ApiRoles.CLINICIAN})
    @Produces({MediaType.APPLICATION_JSON, FhirJson.FHIR_JSON})
    @Operation(summary = "Request a summary now",
            description = "Publishes a summary request (reason on-demand) to ehr.summary.requests after the broker "
                    + "acknowledged it. Without encounter= the newest encounter is named (none when there is none).")
    @APIResponse(responseCode = "202", description = "{\"requestId\": \"<uuid>\"}")
    @APIResponse(responseCode = "404", description = "unknown patient or encounter (OperationOutcome)")
    @APIResponse(responseCode = "503", description = "the broker did not acknowledge (OperationOutcome)")
    public Response requestSummary(@PathParam("id") String id,
            @Parameter(description = "Encounter id of this patient") @QueryParam("encounter") String encounter)
            throws SQLException {
        Optional<SummaryRequest> request;
        try {
            request = scheduler.requestOnDemand(id, encounter);
        } catch (RuntimeException e) {
            LOG.warnf("On-demand summary request not acknowledged by the broker: %s", e.getClass().getSimpleName());
            return FhirJson.outcome(Response.Status.SERVICE_UNAVAILABLE, "transient",
                    "the summary request could not be published; retry later");
        }
        if (request.isEmpty()) {
            return FhirJson.outcome(Response.Status.NOT_FOUND, "not-found",
                    encounter == null ? "unknown patient" : "unknown patient or encounter");
        }
        return Response.accepted(Map.of("requestId", request.get().requestId().toString()))
                .type(MediaType.APPLICATION_JSON).build();
    }

    private static Response ok(String bundle) {
        return Response.ok(bundle, FhirJson.FHIR_JSON).build();
    }

    private static Response unknownPatient() {
        return FhirJson.outcome(Response.Status.NOT_FOUND, "not-found", "unknown patient");
    }

    private static String quote(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    static Instant parseSince(String since) {
        try {
            return LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(since).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return Instant.parse(since);
                } catch (DateTimeParseException e3) {
                    return null;
                }
            }
        }
    }
}
