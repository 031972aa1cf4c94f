package io.chartbrief.audit;

import io.chartbrief.interop.audit.PhiAccess;
import io.chartbrief.interop.audit.PhiAccess.Interaction;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of a request as an AuditEvent names it: token {@code sub}, client id ({@code azp}, else
 * {@code client_id}), roles (groups) and network address. Nothing else of the token is kept.
 *
 * @param subject       token {@code sub}, null when the request carried no valid token
 * @param clientId      the client the token was issued to, null when the token names none
 * @param roles         the token's groups
 * @param clientAddress first X-Forwarded-For hop, else the connection's remote address
 */
public record AuditCaller(String subject, String clientId, List<String> roles, String clientAddress) {

    /** The caller of a request: its token and its client address (first X-Forwarded-For hop, else the peer). */
    public static AuditCaller of(JsonWebToken token, HttpServerRequest request) {
        return of(token, request == null ? null : clientAddress(request));
    }

    /** The caller of a token ({@code null} or an unauthenticated one gives an anonymous caller). */
    public static AuditCaller of(JsonWebToken token, String clientAddress) {
        if (token == null || token.getRawToken() == null) {
            return new AuditCaller(null, null, List.of(), clientAddress);
        }
        Object azp = token.getClaim("azp");
        if (azp == null) {
            azp = token.getClaim("client_id");
        }
        List<String> roles = token.getGroups() == null ? List.of() : new ArrayList<>(token.getGroups());
        roles.sort(null);
        return new AuditCaller(token.getSubject(), azp == null ? null : azp.toString(), roles, clientAddress);
    }

    /** The client address of a request: the first {@code X-Forwarded-For} hop when present, else the peer address. */
    public static String clientAddress(HttpServerRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            String first = forwarded.split(",")[0].trim();
            if (!first.isEmpty()) {
                return first.length() > 100 ? first.substring(0, 100) : first;
            }
        }
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }

    /**
     * What this caller did.
     *
     * @param operation  the call as a template, e.g. {@code GET /patients/{id}/chart}
     * @param patientKey {@code Patient/<id>} or null
     * @param resource   {@code Type/id} read, or null
     * @param parameters names of the query parameters the call carried
     * @param status     the HTTP status answered
     */
    public PhiAccess access(Interaction interaction, String operation, String patientKey, String resource,
            List<String> parameters, int status) {
        return new PhiAccess(interaction, subject, clientId, roles, clientAddress, patientKey, resource, operation,
                parameters, status);
    }
}
