package io.chartbrief.interop.smart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.chartbrief.testsupport.SmartAuthorizationServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SMART Backend Services client against a verifying authorization server ({@link SmartAuthorizationServer}:
 * signature, kid, iss/sub, aud, exp ≤ 5 min, unique jti) found through a FHIR server's
 * {@code .well-known/smart-configuration}: the token is cached across calls, renewed before it expires, dropped
 * when a FHIR server refused it; keys as PKCS#8 PEM (RS384) and JWK (ES384); a foreign key is refused.
 */
class SmartBackendAuthTest {

    private static final String CLIENT = "chartbrief-outbound";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private final HttpClient http = HttpClient.newHttpClient();
    private SmartAuthorizationServer authorization;
    private HttpServer fhir;

    @AfterEach
    void stop() {
        if (authorization != null) {
            authorization.close();
        }
        if (fhir != null) {
            fhir.stop(0);
        }
    }

    @Test
    void oneTokenServesManyCallsAndTheAssertionPassesAVerifyingServer() throws Exception {
        KeyPair pair = SmartAuthorizationServer.rsaKeyPair();
        Path pem = SmartAuthorizationServer.writePem(pair.getPrivate(), dir.resolve("client.pem"));
        start(pair, "rsa-1", 300);
        SmartBackendAuth auth = new SmartBackendAuth(settings(pem, null, "rsa-1", null), http, clock);

        String first = auth.bearer();
        for (int i = 0; i < 5; i++) {
            assertThat(auth.bearer()).isEqualTo(first);
        }
        assertThat(authorization.tokensIssued()).isEqualTo(1);
        assertThat(authorization.refusals()).isEmpty();
        assertThat(authorization.accepts("Bearer " + first)).isTrue();
        assertThat(authorization.scopesRequested()).containsExactly("system/DocumentReference.write");
        assertThat(auth.tokenEndpoint()).isEqualTo(authorization.tokenEndpoint());
    }

    @Test
    void aTokenIsRenewedShortlyBeforeItExpires() throws Exception {
        KeyPair pair = SmartAuthorizationServer.rsaKeyPair();
        Path pem = SmartAuthorizationServer.writePem(pair.getPrivate(), dir.resolve("client.pem"));
        start(pair, null, 100);
        // assertions of two minutes, so an assertion signed at the advanced clock is still within the server's 5 min
        SmartBackendAuth auth = new SmartBackendAuth(settings(pem, null, null, Duration.ofMinutes(2)), http, clock);

        String first = auth.bearer();
        clock.advance(Duration.ofSeconds(79));   // 100 s token, margin min(30 s, a fifth = 20 s): renew from 80 s
        assertThat(auth.bearer()).isEqualTo(first);
        clock.advance(Duration.ofSeconds(2));
        String second = auth.bearer();

        assertThat(second).isNotEqualTo(first);
        assertThat(authorization.tokensIssued()).isEqualTo(2);
        assertThat(authorization.refusals()).isEmpty();
    }

    @Test
    void aRefusedTokenIsDroppedButOneAlreadyReplacedIsKept() throws Exception {
        KeyPair pair = SmartAuthorizationServer.rsaKeyPair();
        Path pem = SmartAuthorizationServer.writePem(pair.getPrivate(), dir.resolve("client.pem"));
        start(pair, null, 300);
        SmartBackendAuth auth = new SmartBackendAuth(settings(pem, null, null, null), http, clock);

        String first = auth.bearer();
        auth.invalidate(first);
        String second = auth.bearer();
        assertThat(second).isNotEqualTo(first);
        // a slower caller reporting the old token must not throw away the new one
        auth.invalidate(first);
        assertThat(auth.bearer()).isEqualTo(second);
        assertThat(authorization.tokensIssued()).isEqualTo(2);
    }

    @Test
    void anEs384JwkKeySignsWithItsOwnKid() throws Exception {
        KeyPair pair = SmartAuthorizationServer.ecKeyPair();
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
        jwk.setPrivateKey(pair.getPrivate());
        jwk.setKeyId("ec-2026");
        Path file = Files.writeString(dir.resolve("client.jwk.json"),
                "{\"keys\":[" + jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE) + "]}", StandardCharsets.UTF_8);
        start(pair, "ec-2026", 300);

        SmartBackendAuth auth = new SmartBackendAuth(settings(file, null, null, null), http, clock);

        assertThat(authorization.accepts("Bearer " + auth.bearer())).isTrue();
        assertThat(SmartClientKey.read(file, null, null).algorithm()).isEqualTo("ES384");
    }

    @Test
    void anAssertionSignedWithAnotherKeyIsRefused() throws Exception {
        KeyPair registered = SmartAuthorizationServer.rsaKeyPair();
        Path other = SmartAuthorizationServer.writePem(SmartAuthorizationServer.rsaKeyPair().getPrivate(),
                dir.resolve("other.pem"));
        start(registered, null, 300);
        SmartBackendAuth auth = new SmartBackendAuth(settings(other, null, null, null), http, clock);

        assertThatThrownBy(auth::bearer).isInstanceOf(SmartAuthException.class)
                .hasMessage("the token endpoint answered HTTP 401 (invalid_client)");
        assertThat(authorization.refusals()).singleElement().asString().startsWith("assertion refused");
        assertThat(authorization.tokensIssued()).isZero();
    }

    @Test
    void aKeyThatCannotSignTheConfiguredAlgorithmIsAClearError() {
        Path pem = SmartAuthorizationServer.writePem(SmartAuthorizationServer.rsaKeyPair().getPrivate(),
                dir.resolve("client.pem"));
        assertThatThrownBy(() -> SmartClientKey.read(pem, "ES384", null)).isInstanceOf(SmartAuthException.class)
                .hasMessageContaining("is a RSA key; it cannot sign ES384");
    }

    @Test
    void aServerWithoutSmartConfigurationIsAClearError() throws Exception {
        Path pem = SmartAuthorizationServer.writePem(SmartAuthorizationServer.rsaKeyPair().getPrivate(),
                dir.resolve("client.pem"));
        fhir = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        fhir.start();
        SmartBackendAuth auth = new SmartBackendAuth(settings(pem, null, null, null), http, clock);

        assertThatThrownBy(auth::bearer).isInstanceOf(SmartAuthException.class)
                .hasMessage("the SMART configuration answered HTTP 404");
    }

    private void start(KeyPair pair, String kid, long expiresIn) throws IOException {
        authorization = SmartAuthorizationServer.start(CLIENT, pair.getPublic(), kid, expiresIn);
        fhir = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        fhir.createContext("/fhir/.well-known/smart-configuration", exchange -> {
            byte[] body = authorization.smartConfiguration().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        fhir.start();
    }

    private SmartBackendSettings settings(Path key, String algorithm, String kid, Duration assertionLifetime) {
        URI base = URI.create("http://localhost:" + (fhir == null ? 1 : fhir.getAddress().getPort()) + "/fhir");
        return new SmartBackendSettings(base, null, CLIENT, key, algorithm, kid, "system/DocumentReference.write",
                assertionLifetime, Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
