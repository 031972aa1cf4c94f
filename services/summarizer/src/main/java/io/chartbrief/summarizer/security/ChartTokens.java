package io.chartbrief.summarizer.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.summarizer.config.SummarizerConfig;
import io.chartbrief.summarizer.config.SummarizerConfig.ChartAuth;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import org.jboss.logging.Logger;

/**
 * The summarizer's bearer token for the chart API ({@code chartbrief.summarizer.chart-auth.*}): a short-lived service
 * token signed from a mounted private key, or a client-credentials token from an identity provider. One token is
 * cached and shared by all callers until shortly before it expires; {@link #invalidate()} drops it (the chart
 * answered 401, e.g. after a key rotation). Tokens are never logged.
 */
@ApplicationScoped
public class ChartTokens {

    private static final Logger LOG = Logger.getLogger(ChartTokens.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Lifetime assumed when a token endpoint does not say ({@code expires_in} absent). */
    private static final Duration UNSTATED_LIFETIME = Duration.ofMinutes(5);

    private final ChartAuth config;
    private final Clock clock;
    private final HttpClient http;
    private String token;
    private Instant renewAt = Instant.MIN;

    @Inject
    public ChartTokens(SummarizerConfig config) {
        this(config.chartAuth(), Clock.systemUTC());
    }

    ChartTokens(ChartAuth config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    void check(@Observes StartupEvent event) {
        String problem = misconfiguration();
        if (problem != null) {
            // Not fatal: the consumer keeps retrying and readiness data shows the failure; the chart stays closed.
            LOG.warnf("Chart API auth is not usable: %s; every chart fetch will fail until it is fixed", problem);
        }
    }

    /** The current bearer token, fetched or signed when none is cached or it is about to expire. */
    public synchronized String bearer() throws TokenUnavailableException {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(renewAt)) {
            String problem = misconfiguration();
            if (problem != null) {
                throw new TokenUnavailableException(problem);
            }
            Issued issued = "client-credentials".equals(config.mode()) ? fromTokenEndpoint() : signed(now);
            Duration lifetime = Duration.between(now, issued.expiresAt());
            Duration margin = config.refreshBefore().compareTo(lifetime.dividedBy(5)) < 0
                    ? config.refreshBefore() : lifetime.dividedBy(5);
            token = issued.token();
            renewAt = issued.expiresAt().minus(margin);
        }
        return token;
    }

    /** Drops the cached token: the next {@link #bearer()} gets a new one. */
    public synchronized void invalidate() {
        token = null;
    }

    private String misconfiguration() {
        return switch (config.mode()) {
            case "signed" -> config.signingKeyLocation().isEmpty()
                    ? "chartbrief.summarizer.chart-auth.signing-key-location is not set" : null;
            case "client-credentials" -> config.tokenUrl().isEmpty() || config.clientId().isEmpty()
                    ? "client-credentials needs chartbrief.summarizer.chart-auth.token-url and client-id" : null;
            default -> "chartbrief.summarizer.chart-auth.mode must be signed or client-credentials, not '"
                    + config.mode() + "'";
        };
    }

    private Issued signed(Instant now) throws TokenUnavailableException {
        SignatureAlgorithm algorithm = "ES256".equals(config.signingAlgorithm())
                ? SignatureAlgorithm.ES256 : SignatureAlgorithm.RS256;
        PrivateKey key = readKey(Path.of(config.signingKeyLocation().orElseThrow()), algorithm);
        Instant expires = now.plus(config.tokenLifetime());
        var signature = Jwt.issuer(config.issuer()).subject(config.subject()).audience(config.audience())
                .groups(new LinkedHashSet<>(config.roles())).issuedAt(now).expiresAt(expires)
                .jws().algorithm(algorithm);
        config.keyId().ifPresent(signature::keyId);
        return new Issued(signature.sign(key), expires);
    }

    private static PrivateKey readKey(Path file, SignatureAlgorithm algorithm) throws TokenUnavailableException {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN EC PRIVATE KEY")) {
                throw new TokenUnavailableException("the signing key " + file + " is PKCS#1/SEC1; convert it to "
                        + "PKCS#8 (openssl pkcs8 -topk8 -nocrypt)");
            }
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            String type = algorithm == SignatureAlgorithm.ES256 ? "EC" : "RSA";
            return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new TokenUnavailableException("the signing key " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new TokenUnavailableException("the signing key " + file + " is not a PKCS#8 PEM "
                    + (algorithm == SignatureAlgorithm.ES256 ? "EC" : "RSA") + " private key");
        }
    }

    private Issued fromTokenEndpoint() throws TokenUnavailableException {
        String form = "grant_type=client_credentials"
                + config.scope().map(s -> "&scope=" + URLEncoder.encode(s, StandardCharsets.UTF_8)).orElse("");
        String basic = URLEncoder.encode(config.clientId().orElseThrow(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(clientSecret(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.tokenUrl().orElseThrow()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        basic.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TokenUnavailableException("token endpoint unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenUnavailableException("interrupted");
        }
        if (response.statusCode() != 200) {
            throw new TokenUnavailableException("token endpoint answered HTTP " + response.statusCode());
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            String accessToken = body.path("access_token").asText("");
            if (accessToken.isEmpty()) {
                throw new TokenUnavailableException("token endpoint answered no access_token");
            }
            Duration lifetime = body.hasNonNull("expires_in")
                    ? Duration.ofSeconds(body.path("expires_in").asLong()) : UNSTATED_LIFETIME;
            return new Issued(accessToken, clock.instant().plus(lifetime));
        } catch (IOException e) {
            throw new TokenUnavailableException("token endpoint answered no JSON");
        }
    }

    private String clientSecret() throws TokenUnavailableException {
        if (config.clientSecret().isPresent()) {
            return config.clientSecret().get();
        }
        if (config.clientSecretFile().isPresent()) {
            try {
                return Files.readString(Path.of(config.clientSecretFile().get()), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new TokenUnavailableException("client-secret-file cannot be read");
            }
        }
        throw new TokenUnavailableException("client-credentials needs client-secret or client-secret-file");
    }

    private record Issued(String token, Instant expiresAt) {
    }

    /** No token could be had (configuration, key file, token endpoint); the chart call must wait. */
    public static final class TokenUnavailableException extends Exception {
        public TokenUnavailableException(String message) {
            super(message);
        }
    }
}
