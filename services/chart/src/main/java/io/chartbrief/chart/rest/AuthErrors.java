package io.chartbrief.chart.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 (no, bad, expired or foreign token) and 403 (valid token without the endpoint's role): a FHIR
 * OperationOutcome under {@code /fhir/}, a JSON error elsewhere. The reason is not told (it would help an attacker).
 */
public class AuthErrors {

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthorized(UriInfo uri) {
        Response response = fhir(uri)
                ? FhirJson.outcome(Response.Status.UNAUTHORIZED, "login", "a valid bearer token is required")
                : json(401, "unauthorized", "a valid bearer token is required");
        return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper(ForbiddenException.class)
    public Response forbidden(UriInfo uri) {
        return fhir(uri)
                ? FhirJson.outcome(Response.Status.FORBIDDEN, "forbidden", "the token lacks a role for this endpoint")
                : json(403, "forbidden", "the token lacks a role for this endpoint");
    }

    private static boolean fhir(UriInfo uri) {
        return uri.getPath().startsWith("/fhir/") || uri.getPath().startsWith("fhir/");
    }

    private static Response json(int status, String error, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("status", status, "error", error, "message", message)).build();
    }
}
