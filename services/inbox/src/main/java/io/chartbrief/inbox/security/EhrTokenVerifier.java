package io.chartbrief.inbox.security;

import io.chartbrief.inbox.config.CdsConfig;
import io.chartbrief.inbox.config.CdsConfig.Client;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * Authenticates an EHR calling a CDS Hooks service (CDS Hooks 2.0, "Trusting CDS Clients"): a bearer JWT signed
 * ES384 or RS384 by a configured client — issuer on the allow-list, key from the client's configured JWK Set file,
 * its JWK Set URL, or a {@code jku} header URL on its allow-list; {@code aud} this service's URL; {@code exp},
 * {@code iat}, {@code sub} and {@code jti} present; lifetime at most {@code max-token-lifetime}; a {@code jti} seen
 * before (on this replica) is a replay.
 */
@ApplicationScoped
public class EhrTokenVerifier {

    private static final Logger LOG = Logger.getLogger(EhrTokenVerifier.class);
    private static final AlgorithmConstraints ALGORITHMS = new AlgorithmConstraints(ConstraintType.PERMIT,
            AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384, AlgorithmIdentifiers.RSA_USING_SHA384);
    private static final JwtConsumer UNVERIFIED = new JwtConsumerBuilder().setSkipAllValidators()
            .setDisableRequireSignature().setSkipSignatureVerification().build();

    private final CdsConfig config;
    private final Map<String, VerificationKeyResolver> urlResolvers = new ConcurrentHashMap<>();
    private final Map<String, VerificationKeyResolver> fileResolvers = new ConcurrentHashMap<>();
    private final Map<String, Instant> seenTokenIds = new ConcurrentHashMap<>();

    public EhrTokenVerifier(CdsConfig config) {
        this.config = config;
    }

    /** The authenticated EHR: the configured client name, its issuer and the token subject (its client id). */
    public record EhrCaller(String client, String issuer, String subject) {
    }

    /** A refused token; the message says why without repeating the token. */
    public static final class RejectedToken extends Exception {
        public RejectedToken(String message) {
            super(message);
        }
    }

    /**
     * Verifies the {@code Authorization} header of a hook call.
     *
     * @param authorization the header value, may be null
     * @param audiences     the URLs this call may name as {@code aud}
     */
    public EhrCaller verify(String authorization, List<String> audiences) throws RejectedToken {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new RejectedToken("a bearer token is required");
        }
        String token = authorization.substring(7).trim();
        JwtContext unverified;
        String issuer;
        try {
            unverified = UNVERIFIED.process(token);
            issuer = unverified.getJwtClaims().getIssuer();
        } catch (InvalidJwtException | MalformedClaimException e) {
            throw new RejectedToken("not a JWT");
        }
        Map.Entry<String, Client> client = config.clients().entrySet().stream()
                .filter(c -> c.getValue().issuer().equals(issuer)).findFirst()
                .orElseThrow(() -> new RejectedToken("issuer is not an allowed CDS client"));
        String jku = unverified.getJoseObjects().isEmpty() ? null
                : unverified.getJoseObjects().get(0).getHeaders().getStringHeaderValue("jku");
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setExpectedIssuer(issuer)
                .setExpectedAudience(true, audiences.toArray(String[]::new))
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds((int) config.clockSkew().toSeconds())
                .setJwsAlgorithmConstraints(ALGORITHMS)
                .setVerificationKeyResolver(keys(client.getKey(), client.getValue(), jku))
                .build();
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
            checkLifetime(claims);
            remember(claims);
            return new EhrCaller(client.getKey(), issuer, claims.getSubject());
        } catch (InvalidJwtException e) {
            LOG.debugf("CDS client %s token refused: %s", client.getKey(), e.getMessage());
            throw new RejectedToken(reason(e));
        } catch (MalformedClaimException e) {
            throw new RejectedToken("malformed claims");
        }
    }

    private void checkLifetime(JwtClaims claims) throws MalformedClaimException, RejectedToken {
        NumericDate issued = claims.getIssuedAt();
        NumericDate expires = claims.getExpirationTime();
        long lifetime = expires.getValue() - issued.getValue();
        if (lifetime > config.maxTokenLifetime().toSeconds()) {
            throw new RejectedToken("token lifetime over " + config.maxTokenLifetime().toSeconds() + " s");
        }
        if (issued.getValue() > Instant.now().plus(config.clockSkew()).getEpochSecond()) {
            throw new RejectedToken("token issued in the future");
        }
    }

    /** One use per {@code jti}, kept until the token expires (this replica only; see docs/operations.md). */
    private void remember(JwtClaims claims) throws MalformedClaimException, RejectedToken {
        Instant now = Instant.now();
        seenTokenIds.values().removeIf(expiry -> expiry.isBefore(now.minus(config.clockSkew())));
        Instant expiry = Instant.ofEpochSecond(claims.getExpirationTime().getValue());
        if (seenTokenIds.putIfAbsent(claims.getIssuer() + " " + claims.getJwtId(), expiry) != null) {
            throw new RejectedToken("token replayed (jti already used)");
        }
    }

    private VerificationKeyResolver keys(String name, Client client, String jku) throws RejectedToken {
        if (jku != null) {
            boolean allowed = client.jwksUrl().filter(jku::equals).isPresent()
                    || client.jkuAllowed().orElse(List.of()).contains(jku);
            if (!allowed) {
                throw new RejectedToken("jku is not an allowed JWK Set URL of this client");
            }
            return urlResolver(jku);
        }
        Optional<String> location = client.jwksLocation();
        if (location.isPresent()) {
            return fileResolvers.computeIfAbsent(name, n -> new JwksVerificationKeyResolver(readKeys(location.get())
                    .getJsonWebKeys()));
        }
        if (client.jwksUrl().isPresent()) {
            return urlResolver(client.jwksUrl().get());
        }
        throw new RejectedToken("no key is configured for this client");
    }

    /** Keys of a JWK Set URL, cached (refreshed by jose4j when a token names an unknown key id). */
    private VerificationKeyResolver urlResolver(String url) {
        return urlResolvers.computeIfAbsent(url, u -> {
            HttpsJwks jwks = new HttpsJwks(u);
            jwks.setDefaultCacheDuration(3600);
            return new HttpsJwksVerificationKeyResolver(jwks);
        });
    }

    private static JsonWebKeySet readKeys(String location) {
        try {
            Path path = Path.of(location);
            String json;
            if (Files.isRegularFile(path)) {
                json = Files.readString(path, StandardCharsets.UTF_8);
            } else {
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location)) {
                    if (in == null) {
                        throw new IllegalStateException("CDS client JWK Set not found: " + location);
                    }
                    json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return new JsonWebKeySet(json);
        } catch (IOException | JoseException e) {
            throw new IllegalStateException("CDS client JWK Set unreadable: " + location, e);
        }
    }

    private static String reason(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "token expired";
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "aud is not this service";
        }
        if (e.hasErrorCode(ErrorCodes.JWT_ID_MISSING) || e.hasErrorCode(ErrorCodes.SUBJECT_MISSING)
                || e.hasErrorCode(ErrorCodes.ISSUED_AT_MISSING) || e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return "exp, iat, sub and jti are required";
        }
        // A bad signature, an unknown key id or a disallowed algorithm.
        return "signature not verified by the client's keys";
    }
}
