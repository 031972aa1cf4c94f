package io.chartbrief.fhirserver;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The resource-server half of SMART Backend Services: every request but {@code metadata} needs a bearer token that
 * the authorization server, asked by token introspection (RFC 7662) on each request, says is active; otherwise
 * 401 with {@code WWW-Authenticate: Bearer}. Asking each time (no cache) makes a revocation effective at once.
 */
@Interceptor
public final class BearerIntrospection {

    private static final Pattern ACTIVE = Pattern.compile("\"active\"\\s*:\\s*true");

    private final URI introspectionEndpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger refused = new AtomicInteger();

    public BearerIntrospection(URI introspectionEndpoint) {
        this.introspectionEndpoint = introspectionEndpoint;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void authorize(RequestDetails request) {
        if (request.getRestOperationType() == RestOperationTypeEnum.METADATA) {
            return;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || !active(authorization.substring(7).strip())) {
            refused.incrementAndGet();
            AuthenticationException unauthorized = new AuthenticationException("a valid bearer token is required");
            unauthorized.addAuthenticateHeaderForRealm("chartbrief-fhir-test-server");
            throw unauthorized;
        }
    }

    /** Requests answered 401 so far. */
    public int refused() {
        return refused.get();
    }

    private boolean active(String token) {
        HttpRequest ask = HttpRequest.newBuilder(introspectionEndpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build();
        try {
            HttpResponse<String> answer = http.send(ask, HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 && ACTIVE.matcher(answer.body()).find();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
