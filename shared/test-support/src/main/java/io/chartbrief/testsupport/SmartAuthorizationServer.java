package io.chartbrief.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;

/**
 * A SMART Backend Services authorization server for tests, on the JDK's HTTP server: {@code POST /token} takes the
 * client-credentials grant with a JWT client assertion and VERIFIES it as a real server must (signature with the
 * registered public key, RS384/ES384 only, {@code kid}, {@code iss = sub =} client id, {@code aud} = this endpoint,
 * {@code exp} present and at most five minutes ahead, a {@code jti} never seen before); then issues an opaque token
 * with {@code expires_in}. FHIR servers of the tests publish {@link #smartConfiguration()} under
 * {@code .well-known/smart-configuration} and check bearers with {@link #accepts(String)}, or, from another class
 * loader or process, with token introspection (RFC 7662: {@code POST /introspect}, form {@code token=…}, answered
 * {@code {"active":true|false}}).
 */
public final class SmartAuthorizationServer implements AutoCloseable {

    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final HttpServer server;
    private final String clientId;
    private final PublicKey clientKey;
    private final String keyId;
    private volatile long expiresInSeconds;
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Set<String> seenJti = ConcurrentHashMap.newKeySet();
    private final List<String> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> scopes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();

    private SmartAuthorizationServer(String clientId, PublicKey clientKey, String keyId, long expiresInSeconds)
            throws IOException {
        this.clientId = clientId;
        this.clientKey = clientKey;
        this.keyId = keyId;
        this.expiresInSeconds = expiresInSeconds;
        this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/introspect", this::introspect);
        server.start();
    }

    /** Starts a server that knows one client by its id, public key and {@code kid}, issuing tokens for {@code expiresIn} s. */
    public static SmartAuthorizationServer start(String clientId, PublicKey clientKey, String keyId, long expiresIn) {
        try {
            return new SmartAuthorizationServer(clientId, clientKey, keyId, expiresIn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The token endpoint ({@code aud} of the assertions). */
    public URI tokenEndpoint() {
        return URI.create("http://localhost:" + server.getAddress().getPort() + "/token");
    }

    /** The token introspection endpoint (RFC 7662) resource servers ask whether a bearer token is active. */
    public URI introspectionEndpoint() {
        return URI.create("http://localhost:" + server.getAddress().getPort() + "/introspect");
    }

    /** The SMART configuration document naming this token endpoint and the backend-services capabilities. */
    public String smartConfiguration() {
        return "{\"token_endpoint\":\"" + tokenEndpoint() + "\",\"grant_types_supported\":[\"client_credentials\"],"
                + "\"token_endpoint_auth_methods_supported\":[\"private_key_jwt\"],"
                + "\"token_endpoint_auth_signing_alg_values_supported\":[\"RS384\",\"ES384\"],"
                + "\"scopes_supported\":[\"system/*.read\",\"system/DocumentReference.write\"],"
                + "\"introspection_endpoint\":\"" + introspectionEndpoint() + "\","
                + "\"capabilities\":[\"client-confidential-asymmetric\"]}";
    }

    /** Whether {@code authorization} ({@code Bearer …} header value) carries a token issued here, unexpired, not revoked. */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        Instant expires = tokens.get(authorization.substring(7).strip());
        return expires != null && Instant.now().isBefore(expires);
    }

    /**
     * A token issued without a grant, for the test's own inspection requests (an EHR's tooling searching its
     * server); not counted by {@link #tokensIssued()}.
     */
    public String issueDirectly() {
        String token = UUID.randomUUID().toString();
        tokens.put(token, Instant.now().plusSeconds(3600));
        return token;
    }

    /** Tokens issued so far. */
    public int tokensIssued() {
        return issued.get();
    }

    /** Why each refused token request was refused. */
    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    /** The {@code scope} of each token request. */
    public List<String> scopesRequested() {
        return List.copyOf(scopes);
    }

    /** Forgets every issued token, as a server does after a restart or a revocation: bearers get 401 from then on. */
    public void revokeAll() {
        tokens.clear();
    }

    /** The {@code expires_in} of tokens issued from now on. */
    public void expiresIn(long seconds) {
        this.expiresInSeconds = seconds;
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, "{\"error\":\"invalid_request\"}");
                return;
            }
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String problem = check(form);
            if (problem != null) {
                refusals.add(problem);
                answer(exchange, problem.startsWith("grant") ? 400 : 401,
                        "{\"error\":\"" + (problem.startsWith("grant") ? "unsupported_grant_type" : "invalid_client")
                                + "\",\"error_description\":\"" + problem.replace("\"", "'") + "\"}");
                return;
            }
            String token = UUID.randomUUID().toString();
            tokens.put(token, Instant.now().plusSeconds(expiresInSeconds));
            issued.incrementAndGet();
            String scope = form.getOrDefault("scope", "");
            scopes.add(scope);
            answer(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":"
                    + expiresInSeconds + ",\"scope\":\"" + scope + "\"}");
        }
    }

    private void introspect(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, "{\"error\":\"invalid_request\"}");
                return;
            }
            String token = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).get("token");
            answer(exchange, 200, "{\"active\":" + (token != null && accepts("Bearer " + token)) + "}");
        }
    }

    private String check(Map<String, String> form) {
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return "grant_type is not client_credentials";
        }
        if (!ASSERTION_TYPE.equals(form.get("client_assertion_type"))) {
            return "client_assertion_type is not jwt-bearer";
        }
        String assertion = form.get("client_assertion");
        if (assertion == null) {
            return "no client_assertion";
        }
        JwtConsumer consumer = new JwtConsumerBuilder().setRequireExpirationTime().setMaxFutureValidityInMinutes(5)
                .setAllowedClockSkewInSeconds(5).setRequireJwtId().setExpectedIssuer(clientId)
                .setExpectedSubject(clientId).setExpectedAudience(tokenEndpoint().toString())
                .setVerificationKey(clientKey)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "RS384", "ES384").build();
        JwtContext context;
        try {
            context = consumer.process(assertion);
        } catch (InvalidJwtException e) {
            return "assertion refused: " + e.getMessage();
        }
        String kid = context.getJoseObjects().get(0).getKeyIdHeaderValue();
        if (keyId != null && !keyId.equals(kid)) {
            return "assertion kid " + kid + " is not the registered key " + keyId;
        }
        JwtClaims claims = context.getJwtClaims();
        try {
            if (!seenJti.add(claims.getJwtId())) {
                return "assertion jti replayed";
            }
        } catch (org.jose4j.jwt.MalformedClaimException e) {
            return "assertion jti malformed";
        }
        return null;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // --- client keys ---

    /** A fresh RSA 2048 key pair (the test client's; nothing committed). */
    public static KeyPair rsaKeyPair() {
        return keyPair("RSA", null);
    }

    /** A fresh EC P-384 key pair (ES384). */
    public static KeyPair ecKeyPair() {
        return keyPair("EC", "secp384r1");
    }

    private static KeyPair keyPair(String type, String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
            if (curve == null) {
                generator.initialize(2048);
            } else {
                generator.initialize(new ECGenParameterSpec(curve));
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@code key} as a PKCS#8 PEM file (what a mounted Secret holds) and returns its path. */
    public static Path writePem(PrivateKey key, Path file) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        try {
            return Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The public key of the RSA PKCS#8 PEM private key in {@code file}: lets a test resource and the test share one
     * client key through a file path alone (they may run in different class loaders).
     */
    public static PublicKey rsaPublicKeyOf(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
            return rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

}
