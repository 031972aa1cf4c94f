package io.chartbrief.inbox.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** JSON answers for authentication failures, bad filters and missing items (the SSE endpoint included). */
public class ErrorMappers {

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthorized() {
        return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(new ErrorBody(401, "unauthorized", "a valid bearer token is required")).build();
    }

    @ServerExceptionMapper(ForbiddenException.class)
    public Response forbidden() {
        return Response.status(403).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(403, "forbidden", "not allowed")).build();
    }

    @ServerExceptionMapper(BadRequestException.class)
    public Response badRequest(BadRequestException e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(400, "bad-request", e.getMessage() == null ? "bad request" : e.getMessage()))
                .build();
    }

    @ServerExceptionMapper(InboxResource.TooManyStreamsException.class)
    public Response tooManyStreams(InboxResource.TooManyStreamsException e) {
        return Response.status(429).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", "30")
                .entity(new ErrorBody(429, "too-many-streams", e.getMessage())).build();
    }

    @ServerExceptionMapper(NotFoundException.class)
    public Response notFound(NotFoundException e) {
        return Response.status(404).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(404, "not-found", e.getMessage() == null ? "not found" : e.getMessage())).build();
    }
}
