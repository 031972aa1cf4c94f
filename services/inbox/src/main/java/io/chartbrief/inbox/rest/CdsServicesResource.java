package io.chartbrief.inbox.rest;

import io.chartbrief.audit.AuditCaller;
import io.chartbrief.inbox.config.CdsConfig;
import io.chartbrief.inbox.security.EhrTokenVerifier;
import io.chartbrief.inbox.security.EhrTokenVerifier.EhrCaller;
import io.chartbrief.inbox.security.EhrTokenVerifier.RejectedToken;
import io.chartbrief.inbox.service.CdsHooksJson.Discovery;
import io.chartbrief.inbox.service.CdsHooksJson.FeedbackRequest;
import io.chartbrief.inbox.service.CdsHooksJson.HookRequest;
import io.chartbrief.inbox.service.CdsSummaryService;
import io.chartbrief.inbox.service.CdsSummaryService.InvalidHookRequest;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * CDS Hooks 2.0 endpoints (docs/api.md#cds-hooks): discovery (open), the hook services and their feedback
 * (each call authenticated by the EHR's JWT, {@link EhrTokenVerifier}). Errors answer JSON: 401 for a refused
 * token, 400 for a request the service cannot answer, 404 for an unknown service.
 */
@Path("/cds-services")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cds-hooks")
public class CdsServicesResource {

    private final CdsSummaryService service;
    private final EhrTokenVerifier tokens;
    private final CdsConfig config;
    private final HttpServerRequest request;

    public CdsServicesResource(CdsSummaryService service, EhrTokenVerifier tokens, CdsConfig config,
            HttpServerRequest request) {
        this.service = service;
        this.tokens = tokens;
        this.config = config;
        this.request = request;
    }

    @GET
    @Operation(summary = "CDS Hooks discovery: the services this endpoint offers")
    public Discovery discovery() {
        return new Discovery(service.services());
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A hook call: the patient's current summary as a card (no card when none is known)")
    @APIResponse(responseCode = "200", description = "{\"cards\": [...]}")
    public Response call(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uri, HookRequest hook) throws SQLException {
        EhrCaller caller;
        try {
            caller = tokens.verify(authorization, audiences(uri, id));
        } catch (RejectedToken e) {
            return unauthorized(e.getMessage());
        }
        if (service.hookOf(id).isEmpty()) {
            return error(404, "not-found", "no such CDS service");
        }
        try {
            return Response.ok(service.call(caller, id, hook, AuditCaller.clientAddress(request), inboxUrl(uri))).build();
        } catch (InvalidHookRequest e) {
            return error(400, "bad-request", e.getMessage());
        }
    }

    @POST
    @Path("{id}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "What the clinician did with this service's cards (accepted / overridden), stored")
    public Response feedback(@PathParam("id") String id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context UriInfo uri, FeedbackRequest feedback) throws SQLException {
        EhrCaller caller;
        try {
            caller = tokens.verify(authorization, audiences(uri, id));
        } catch (RejectedToken e) {
            return unauthorized(e.getMessage());
        }
        if (service.hookOf(id).isEmpty()) {
            return error(404, "not-found", "no such CDS service");
        }
        try {
            service.feedback(caller, id, feedback == null ? null : feedback.feedback());
            return Response.ok("{}").build();
        } catch (InvalidHookRequest e) {
            return error(400, "bad-request", e.getMessage());
        }
    }

    /** The service's URL as discovery names it, and the discovery URL itself (both are seen as {@code aud}). */
    private List<String> audiences(UriInfo uri, String id) {
        String base = base(uri) + "/cds-services";
        return List.of(base + "/" + id, base);
    }

    private String base(UriInfo uri) {
        String base = config.serviceBaseUrl().orElse(uri.getBaseUri().toString());
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private String inboxUrl(UriInfo uri) {
        return config.inboxUrl().orElse(base(uri));
    }

    private static Response unauthorized(String reason) {
        return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .entity(new ErrorBody(401, "unauthorized", reason)).build();
    }

    private static Response error(int status, String error, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(status, error, message)).build();
    }
}
