package io.chartbrief.interop.smart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * A SMART Backend Services client (hl7.org/fhir/smart-app-launch/backend-services.html): finds the token endpoint
 * in {@code {base}/.well-known/smart-configuration}, asks it for an access token with the client-credentials grant
 * and a signed client assertion ({@code private_key_jwt}: {@code iss = sub = client id}, {@code aud} = the token
 * endpoint, {@code exp} at most five minutes ahead, a fresh {@code jti}, {@code kid} header; RS384 or ES384), and
 * caches the token for all callers until shortly before its {@code expires_in}. A caller whose request the FHIR
 * server answered 401 calls {@link #invalidate(String)} and asks again once. No Quarkus here: the outbound service and
 * the summarizer both use it. Tokens and assertions are never logged. Thread-safe.
 */
public final class SmartBackendAuth {

    /** The {@code client_assertion_type} of a JWT client assertion (RFC 7523). */
    public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** Lifetime assumed when the token endpoint does not say ({@code expires_in} absent). */
    private static final Duration UNSTATED_LIFETIME = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SmartBackendSettings settings;
    private final HttpClient http;
    private final Clock clock;
    private URI tokenEndpoint;
    private String token;
    private Instant renewAt = Instant.MIN;

    public SmartBackendAuth(SmartBackendSettings settings) {
        this(settings, HttpClient.newBuilder().connectTimeout(settings.timeout()).build(), Clock.systemUTC());
    }

    public SmartBackendAuth(SmartBackendSettings settings, HttpClient http, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        this.tokenEndpoint = settings.tokenUrl();
    }

    /** The current access token: the cached one, or a new one when none is cached or it is about to expire. */
    public synchronized String bearer() throws SmartAuthException {
        Instant now = clock.instant();
        if (token != null && now.isBefore(renewAt)) {
            return token;
        }
        token = null;
        SmartClientKey key = SmartClientKey.read(settings.privateKey(), settings.algorithm(), settings.keyId());
        URI endpoint = tokenEndpoint();
        JsonNode answer;
        try {
            answer = requestToken(endpoint, assertion(key, endpoint, now));
        } catch (SmartAuthException e) {
            if (settings.tokenUrl() == null) {
                tokenEndpoint = null;   // discovered: look again next time (the server may have moved it)
            }
            throw e;
        }
        String accessToken = answer.path("access_token").asText("");
        if (accessToken.isEmpty()) {
            throw new SmartAuthException("the token endpoint answered no access_token");
        }
        Duration lifetime = answer.path("expires_in").canConvertToLong() && answer.path("expires_in").asLong() > 0
                ? Duration.ofSeconds(answer.path("expires_in").asLong()) : UNSTATED_LIFETIME;
        Duration margin = settings.refreshBefore().compareTo(lifetime.dividedBy(5)) < 0
                ? settings.refreshBefore() : lifetime.dividedBy(5);
        token = accessToken;
        renewAt = now.plus(lifetime).minus(margin);
        return token;
    }

    /**
     * Drops the cached token when it is {@code refused} (a FHIR server answered 401 to it), so the next
     * {@link #bearer()} asks for a new one; a token another caller already replaced is kept.
     */
    public synchronized void invalidate(String refused) {
        if (refused == null || refused.equals(token)) {
            token = null;
        }
    }

    /** The token endpoint: configured, or read from the server's SMART configuration (and remembered). */
    synchronized URI tokenEndpoint() throws SmartAuthException {
        if (tokenEndpoint != null) {
            return tokenEndpoint;
        }
        String base = settings.fhirBaseUrl().toString();
        URI discovery = URI.create((base.endsWith("/") ? base : base + "/") + ".well-known/smart-configuration");
        HttpResponse<String> response = send(HttpRequest.newBuilder(discovery).timeout(settings.timeout())
                .header("Accept", "application/json").GET().build(), "the SMART configuration");
        if (response.statusCode() != 200) {
            throw new SmartAuthException("the SMART configuration answered HTTP " + response.statusCode());
        }
        String endpoint;
        try {
            endpoint = JSON.readTree(response.body()).path("token_endpoint").asText("");
        } catch (IOException e) {
            throw new SmartAuthException("the SMART configuration is not JSON");
        }
        if (endpoint.isEmpty()) {
            throw new SmartAuthException("the SMART configuration names no token_endpoint");
        }
        try {
            tokenEndpoint = discovery.resolve(endpoint);
        } catch (IllegalArgumentException e) {
            throw new SmartAuthException("the SMART configuration's token_endpoint is not a URL");
        }
        return tokenEndpoint;
    }

    private String assertion(SmartClientKey key, URI endpoint, Instant now) throws SmartAuthException {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(settings.clientId());
        claims.setSubject(settings.clientId());
        claims.setAudience(endpoint.toString());
        claims.setExpirationTime(NumericDate.fromMilliseconds(now.plus(settings.assertionLifetime()).toEpochMilli()));
        claims.setIssuedAt(NumericDate.fromMilliseconds(now.toEpochMilli()));
        claims.setJwtId(UUID.randomUUID().toString());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.key());
        jws.setAlgorithmHeaderValue(key.algorithm());
        jws.setHeader("typ", "JWT");
        if (key.keyId() != null) {
            jws.setKeyIdHeaderValue(key.keyId());
        }
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new SmartAuthException("the client assertion could not be signed (" + e.getMessage() + ")");
        }
    }

    private JsonNode requestToken(URI endpoint, String assertion) throws SmartAuthException {
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        if (settings.scope() != null && !settings.scope().isBlank()) {
            form.append("&scope=").append(encode(settings.scope().strip()));
        }
        form.append("&client_assertion_type=").append(encode(ASSERTION_TYPE));
        form.append("&client_assertion=").append(encode(assertion));
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint).timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), "the token endpoint");
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (response.statusCode() != 200) {
            // RFC 6749 error codes only: error_description could echo request details
            String error = body == null ? "" : body.path("error").asText("");
            throw new SmartAuthException("the token endpoint answered HTTP " + response.statusCode()
                    + (error.isEmpty() ? "" : " (" + error + ")"));
        }
        if (body == null) {
            throw new SmartAuthException("the token endpoint answered no JSON");
        }
        return body;
    }

    private HttpResponse<String> send(HttpRequest request, String what) throws SmartAuthException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SmartAuthException(what + " is unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmartAuthException("interrupted");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
