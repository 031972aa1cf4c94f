package io.chartbrief.inbox.rest;

import io.chartbrief.inbox.config.CdsConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * CORS for the CDS Hooks service alone: browser-based CDS clients (the CDS Hooks sandbox, an EHR's web client) call
 * {@code /cds-services} from another origin, and the spec asks services to allow them. A preflight ({@code OPTIONS}
 * with {@code Access-Control-Request-Method}) from an allowed origin is answered 204 before any authentication (it
 * carries no credentials); other responses to an allowed origin carry {@code Access-Control-Allow-Origin}. Origins
 * not in {@code chartbrief.cds.allowed-origins} get no CORS headers, and the inbox API never does.
 */
public class CdsCors {

    private static final String PATH = "/cds-services";

    @Inject
    CdsConfig config;

    @ServerRequestFilter(preMatching = true)
    public Response preflight(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (!"OPTIONS".equals(request.getMethod()) || request.getHeaderString("Access-Control-Request-Method") == null
                || !cds(request) || !allowed(origin)) {
            return null;
        }
        return Response.noContent()
                .header("Access-Control-Allow-Origin", origin)
                .header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                .header("Access-Control-Allow-Headers", "Authorization, Content-Type")
                .header("Access-Control-Max-Age", "600")
                .header("Vary", "Origin")
                .build();
    }

    @ServerResponseFilter
    public void allowOrigin(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (cds(request) && allowed(origin) && !response.getHeaders().containsKey("Access-Control-Allow-Origin")) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
            response.getHeaders().add("Vary", "Origin");
        }
    }

    private static boolean cds(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    private boolean allowed(String origin) {
        if (origin == null || origin.isBlank()) {
            return false;
        }
        List<String> origins = config.allowedOrigins().orElse(List.of());
        return origins.contains("*") || origins.contains(origin);
    }
}
