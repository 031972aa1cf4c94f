package io.chartbrief.summarizer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.chartbrief.summarizer.config.SummarizerConfig.ChartAuth;
import io.chartbrief.testsupport.TestTokens;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The summarizer's chart token: signed from a key file or fetched by client credentials, cached, renewed. */
class ChartTokensTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A settable clock. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** chart-auth settings with the defaults of SummarizerConfig.ChartAuth. */
    static class Settings implements ChartAuth {
        String mode = "signed";
        String keyFile;
        String algorithm = "RS256";
        String keyId;
        String tokenUrl;
        String clientId;
        String clientSecret;

        public String mode() { return mode; }
        public Optional<String> signingKeyLocation() { return Optional.ofNullable(keyFile); }
        public String signingAlgorithm() { return algorithm; }
        public Optional<String> keyId() { return Optional.ofNullable(keyId); }
        public String issuer() { return "chartbrief"; }
        public String subject() { return "chartbrief-summarizer"; }
        public String audience() { return "chartbrief-chart"; }
        public List<String> roles() { return List.of("chart-read", "summary-request"); }
        public Duration tokenLifetime() { return Duration.ofMinutes(5); }
        public Duration refreshBefore() { return Duration.ofSeconds(30); }
        public Optional<String> tokenUrl() { return Optional.ofNullable(tokenUrl); }
        public Optional<String> clientId() { return Optional.ofNullable(clientId); }
        public Optional<String> clientSecret() { return Optional.ofNullable(clientSecret); }
        public Optional<String> clientSecretFile() { return Optional.empty(); }
        public Optional<String> scope() { return Optional.of("chart"); }
    }

    private static JsonNode claims(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    @Test
    void aSignedTokenCarriesIssuerAudienceRolesAndAShortLifeAndIsCachedUntilNearExpiry() throws Exception {
        Settings settings = new Settings();
        settings.keyFile = TestTokens.privateKeyFile().toString();
        settings.keyId = "2026-12";
        TestClock clock = new TestClock();
        ChartTokens tokens = new ChartTokens(settings, clock);

        String first = tokens.bearer();
        String payload = TestTokens.verifiedPayload(first);
        assertThat(payload).as("RS256 by the configured key").isNotNull();
        JsonNode claims = JSON.readTree(payload);
        assertThat(claims.path("iss").asText()).isEqualTo("chartbrief");
        assertThat(claims.path("sub").asText()).isEqualTo("chartbrief-summarizer");
        assertThat(claims.path("aud").toString()).contains("chartbrief-chart");
        assertThat(claims.path("groups").toString()).contains("chart-read", "summary-request");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(300);
        assertThat(new String(Base64.getUrlDecoder().decode(first.split("\\.")[0]), StandardCharsets.UTF_8))
                .contains("\"kid\":\"2026-12\"");

        clock.now = clock.now.plusSeconds(269);
        assertThat(tokens.bearer()).as("cached while more than 30 s are left").isSameAs(first);
        clock.now = clock.now.plusSeconds(2);
        String renewed = tokens.bearer();
        assertThat(renewed).as("renewed 30 s before expiry").isNotEqualTo(first);
        assertThat(claims(renewed).path("iat").asLong()).isEqualTo(clock.now.getEpochSecond());

        tokens.invalidate();
        clock.now = clock.now.plusSeconds(1);
        assertThat(tokens.bearer()).as("a new token after invalidate()").isNotEqualTo(renewed);
    }

    @Test
    void anEcKeySignsEs256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        var pair = generator.generateKeyPair();
        Path file = Files.createTempFile("ec-key", ".pem");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        Settings settings = new Settings();
        settings.keyFile = file.toString();
        settings.algorithm = "ES256";
        String token = new ChartTokens(settings, Clock.systemUTC()).bearer();
        String[] parts = token.split("\\.");
        assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)).contains("ES256");
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(pair.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        Files.delete(file);
    }

    @Test
    void noKeyOrAnUnreadableKeyGivesNoTokenWithTheReason() throws Exception {
        Settings settings = new Settings();
        assertThatThrownBy(() -> new ChartTokens(settings, Clock.systemUTC()).bearer())
                .isInstanceOf(ChartTokens.TokenUnavailableException.class).hasMessageContaining("signing-key-location");
        settings.keyFile = "/nonexistent/key.pem";
        assertThatThrownBy(() -> new ChartTokens(settings, Clock.systemUTC()).bearer())
                .hasMessageContaining("cannot be read");
        Path junk = Files.createTempFile("junk", ".pem");
        Files.writeString(junk, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        settings.keyFile = junk.toString();
        assertThatThrownBy(() -> new ChartTokens(settings, Clock.systemUTC()).bearer())
                .hasMessageContaining("not a PKCS#8");
        settings.mode = "none";
        assertThatThrownBy(() -> new ChartTokens(settings, Clock.systemUTC()).bearer())
                .hasMessageContaining("must be signed or client-credentials");
        Files.delete(junk);
    }

    @Test
    void clientCredentialsAreExchangedAtTheTokenEndpointAndTheTokenIsCached() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> seen = new ArrayList<>();
        HttpServer idp = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        idp.createContext("/token", exchange -> {
            int n = calls.incrementAndGet();
            seen.add(exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = ("{\"access_token\":\"idp-token-" + n + "\",\"token_type\":\"Bearer\",\"expires_in\":120}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(n == 3 ? 401 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        idp.start();
        try {
            Settings settings = new Settings();
            settings.mode = "client-credentials";
            settings.tokenUrl = "http://localhost:" + idp.getAddress().getPort() + "/token";
            settings.clientId = "chartbrief-summarizer";
            settings.clientSecret = "s3cret";
            TestClock clock = new TestClock();
            ChartTokens tokens = new ChartTokens(settings, clock);

            assertThat(tokens.bearer()).isEqualTo("idp-token-1");
            assertThat(tokens.bearer()).isEqualTo("idp-token-1");
            assertThat(calls).hasValue(1);
            assertThat(seen.get(0)).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                    "chartbrief-summarizer:s3cret".getBytes(StandardCharsets.UTF_8))
                    + " grant_type=client_credentials&scope=chart");
            clock.now = clock.now.plusSeconds(97);   // 120 s token, renewed with a fifth (24 s) left
            assertThat(tokens.bearer()).isEqualTo("idp-token-2");
            tokens.invalidate();
            assertThatThrownBy(tokens::bearer).isInstanceOf(ChartTokens.TokenUnavailableException.class)
                    .hasMessageContaining("HTTP 401");
        } finally {
            idp.stop(0);
        }
    }
}
