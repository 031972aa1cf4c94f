package io.chartbrief.inbox.rest;

import io.chartbrief.audit.AuditCaller;
import io.chartbrief.inbox.security.Caller;
import io.chartbrief.inbox.security.CallerResolver;
import io.chartbrief.inbox.service.InboxStream;
import io.chartbrief.inbox.service.ItemAccess;
import io.chartbrief.inbox.store.InboxItem;
import io.chartbrief.inbox.store.InboxStore.Filter;
import io.chartbrief.inbox.store.InboxStore.ItemDetail;
import io.chartbrief.inbox.store.InboxStore.Page;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The clinician inbox API. Every call needs a bearer JWT; a caller sees only items routed to their practitioner
 * identifier or units (any other item answers 404, like a missing one). Opening and changing an item go through
 * {@link ItemAccess}, which checks and audits them.
 */
@Path("/api/inbox")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "inbox")
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "no, invalid, expired or forged token",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
public class InboxResource {

    private static final Set<String> STATES = Set.of("new", "read", "acknowledged");

    private final ItemAccess items;
    private final InboxStream stream;
    private final CallerResolver callers;
    private final JsonWebToken token;
    private final HttpServerRequest request;

    public InboxResource(ItemAccess items, InboxStream stream, CallerResolver callers,
            JsonWebToken token, HttpServerRequest request) {
        this.items = items;
        this.stream = stream;
        this.callers = callers;
        this.token = token;
        this.request = request;
    }

    @GET
    @Operation(summary = "Items routed to the caller, newest first (superseded items hidden unless asked for); audited")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ItemPage.class)))
    @APIResponse(responseCode = "400", description = "bad filter")
    public ItemPage list(
            @QueryParam("state") @Parameter(description = "new, read or acknowledged") String state,
            @QueryParam("patient") @Parameter(description = "Patient/<id>") String patient,
            @QueryParam("since") @Parameter(description = "ISO-8601 instant; items created at or after") String since,
            @QueryParam("superseded") @DefaultValue("false") @Parameter(description = "true or false") String supersededParam,
            @QueryParam("limit") @DefaultValue("50") @Parameter(description = "1..500") String limitParam,
            @QueryParam("offset") @DefaultValue("0") @Parameter(description = "≥ 0") String offsetParam,
            @Context UriInfo uri) throws SQLException {
        // Parameters are read here, not converted by JAX-RS, which would answer a malformed number with 404.
        if (state != null && !STATES.contains(state)) {
            throw new BadRequestException("state must be new, read or acknowledged");
        }
        if (!"true".equals(supersededParam) && !"false".equals(supersededParam)) {
            throw new BadRequestException("superseded must be true or false");
        }
        boolean superseded = Boolean.parseBoolean(supersededParam);
        int limit = integer(limitParam, "limit");
        int offset = integer(offsetParam, "offset");
        if (limit < 1 || limit > 500 || offset < 0) {
            throw new BadRequestException("limit must be 1..500 and offset ≥ 0");
        }
        Instant sinceInstant = null;
        if (since != null) {
            try {
                sinceInstant = Instant.parse(since);
            } catch (DateTimeParseException e) {
                throw new BadRequestException("since must be an ISO-8601 instant");
            }
        }
        Page page = items.list(caller(), AuditCaller.clientAddress(request),
                new Filter(state, patient, sinceInstant, superseded, limit, offset),
                new ArrayList<>(new TreeSet<>(uri.getQueryParameters().keySet())));
        return new ItemPage(page.items(), limit, offset, page.total());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An item with its document and evidence (audited)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ItemDetailView.class)))
    @APIResponse(responseCode = "404", description = "no such item, or not routed to the caller")
    public ItemDetailView detail(@PathParam("id") String id) throws SQLException {
        ItemDetail detail = items.open(caller(), AuditCaller.clientAddress(request), id)
                .orElseThrow(() -> new NotFoundException("no such item"));
        return new ItemDetailView(detail.item(), detail.contentJson(), detail.evidenceJson());
    }

    @POST
    @Path("/{id}/read")
    @Operation(summary = "Marks the item read")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = InboxItem.class)))
    @APIResponse(responseCode = "404", description = "no such item, or not routed to the caller")
    public InboxItem markRead(@PathParam("id") String id) throws SQLException {
        return items.markRead(caller(), AuditCaller.clientAddress(request), id)
                .orElseThrow(() -> new NotFoundException("no such item"));
    }

    @POST
    @Path("/{id}/ack")
    @Operation(summary = "Acknowledges the item (implies read)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = InboxItem.class)))
    @APIResponse(responseCode = "404", description = "no such item, or not routed to the caller")
    public InboxItem acknowledge(@PathParam("id") String id) throws SQLException {
        return items.acknowledge(caller(), AuditCaller.clientAddress(request), id)
                .orElseThrow(() -> new NotFoundException("no such item"));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-sent events: `event: item` (new item routed to the caller), `event: superseded` "
            + "(the replaced item); comment heartbeats")
    @APIResponse(responseCode = "429", description = "the caller, or this replica, holds the most streams allowed")
    public void stream(@Context SseEventSink sink, @Context Sse sse) {
        if (!stream.open(caller(), sink, sse)) {
            throw new TooManyStreamsException();
        }
    }

    /** A stream refused by the stream bounds (429, {@link ErrorMappers}). */
    public static final class TooManyStreamsException extends RuntimeException {
        TooManyStreamsException() {
            super("too many open event streams; close one (another tab?) and retry", null, false, false);
        }
    }

    private static int integer(String value, String name) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be a whole number");
        }
    }

    private Caller caller() {
        return callers.of(token);
    }
}
