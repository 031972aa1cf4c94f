package io.chartbrief.chart.rest;

import io.chartbrief.audit.PhiRead;
import io.chartbrief.audit.ReadAuditContext;
import io.chartbrief.chart.store.ChartQueries;
import io.chartbrief.chart.store.ChartQueries.ChartPage;
import io.chartbrief.interop.audit.PhiAccess.Interaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The chart in FHIR's shape: {@code GET /fhir/r4/Patient/{id}/$everything} (FHIR R4 operation on Patient), paged
 * searchset Bundles in the order of {@code /patients/{id}/chart} (type, id) with {@code self} and {@code next}
 * links; {@code _type}, {@code _since} (on each resource's event time, else the time it was stored) and
 * {@code _count}. A merged (retired) id answers with the survivor's chart. Needs a bearer JWT (see {@link ApiRoles});
 * every page is audited ({@link PhiRead}).
 */
@SecurityRequirement(name = "jwt")
@Path("/fhir/r4/Patient")
@RolesAllowed({ApiRoles.CHART_READ, ApiRoles.CLINICIAN})
public class PatientEverythingResource {

    /** Page size without {@code _count}. */
    static final int DEFAULT_COUNT = 1000;
    /** Largest page. */
    static final int MAX_COUNT = 5000;

    private final ChartQueries queries;
    private final ReadAuditContext audit;

    public PatientEverythingResource(ChartQueries queries, ReadAuditContext audit) {
        this.queries = queries;
        this.audit = audit;
    }

    @GET
    // "$" as [$] (a path template is a regular expression) or %24, as some clients encode it
    @Path("/{id}/{operation:(?:[$]|%24)everything}")
    @PhiRead(interaction = Interaction.SEARCH, operation = "GET /fhir/r4/Patient/{id}/$everything")
    @Produces({FhirJson.FHIR_JSON, MediaType.APPLICATION_JSON})
    @Operation(summary = "Patient/$everything: the patient's chart as paged searchset Bundles")
    @APIResponse(responseCode = "200", description = "searchset Bundle (total, self and next links)")
    @APIResponse(responseCode = "400", description = "bad _since or _count (OperationOutcome)")
    @APIResponse(responseCode = "404", description = "unknown patient (OperationOutcome)")
    public Response everything(@PathParam("id") String id,
            @Parameter(description = "comma-separated resource types") @QueryParam("_type") String type,
            @Parameter(description = "instant or date: resources changed at or after it") @QueryParam("_since") String since,
            @Parameter(description = "page size (default 1000, at most 5000)") @QueryParam("_count") String count,
            @Parameter(description = "paging position (from a next link)") @QueryParam("_offset") String offset,
            @Context UriInfo uri) throws SQLException {
        Instant sinceInstant = null;
        if (since != null && !since.isBlank()) {
            sinceInstant = PatientResource.parseSince(since.trim());
            if (sinceInstant == null) {
                return FhirJson.outcome(Response.Status.BAD_REQUEST, "invalid",
                        "_since must be a FHIR instant or date");
            }
        }
        Integer pageSize = number(count, DEFAULT_COUNT);
        Integer from = number(offset, 0);
        if (pageSize == null || pageSize < 1 || from == null) {
            return FhirJson.outcome(Response.Status.BAD_REQUEST, "invalid",
                    "_count must be a positive number and _offset a number");
        }
        pageSize = Math.min(pageSize, MAX_COUNT);
        Optional<String> patient = queries.knownPatient(id);
        if (patient.isEmpty()) {
            return FhirJson.outcome(Response.Status.NOT_FOUND, "not-found", "unknown patient");
        }
        audit.patient("Patient/" + patient.get());
        Set<String> types = new LinkedHashSet<>();
        if (type != null) {
            for (String t : type.split(",")) {
                if (!t.isBlank()) {
                    types.add(t.trim());
                }
            }
        }
        ChartPage page = queries.chartPage(patient.get(), types, sinceInstant, from, pageSize);
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", page(uri, from, pageSize));
        if (from + page.resources().size() < page.total()) {
            links.put("next", page(uri, from + page.resources().size(), pageSize));
        }
        return Response.ok(FhirJson.searchset(page.resources(), page.total(), links), FhirJson.FHIR_JSON).build();
    }

    /** The request's URL with the page's {@code _count} and {@code _offset} (other parameters as they came). */
    private static String page(UriInfo uri, int offset, int count) {
        UriBuilder builder = uri.getRequestUriBuilder();
        builder.replaceQueryParam("_count", count).replaceQueryParam("_offset", offset);
        return builder.build().toString();
    }

    private static Integer number(String text, int absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text.trim());
            return value < 0 ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
