package io.chartbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.cli.stack.StackKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack's service-token key ({@link StackKeys}) and {@code chartbrief token}. */
class TokenCommandTest {

    @TempDir
    Path runDir;

    @Test
    void theKeyIsMadeOnceOwnerReadableAndReused() throws Exception {
        StackKeys first = StackKeys.ensure(runDir);
        String privatePem = Files.readString(first.privateKey());
        assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(first.publicKey())).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.privateKey())))
                .isEqualTo("rw-------");
        assertThat(Files.readString(StackKeys.ensure(runDir).privateKey())).as("reused by the next up")
                .isEqualTo(privatePem);
    }

    @Test
    void aTokenForTheChartIsSignedByTheStackKeyWithTheChartsAudienceAndRoles() throws Exception {
        StackKeys keys = StackKeys.ensure(runDir);
        CliRun run = CliRun.of("token", "chart", "--run-dir", runDir.toString(), "--ttl", "PT2M");
        assertThat(run.exit).as(run.err()).isZero();
        String[] parts = run.out().strip().split("\\.");
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder()
                .decode(Files.readString(keys.publicKey()).replaceAll("-----[A-Z ]+-----", "")))));
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.path("iss").asText()).isEqualTo("chartbrief");
        assertThat(claims.path("aud").asText()).isEqualTo("chartbrief-chart");
        assertThat(claims.path("groups").toString()).isEqualTo("[\"chart-read\",\"summary-request\"]");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(120);

        CliRun clinician = CliRun.of("token", "summarizer", "--run-dir", runDir.toString(), "--role", "clinician");
        JsonNode other = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(clinician.out().strip().split("\\.")[1]));
        assertThat(other.path("aud").asText()).isEqualTo("chartbrief-summarizer");
        assertThat(other.path("groups").toString()).isEqualTo("[\"clinician\"]");
    }

    @Test
    void withoutAStackKeyItMakesOneAndSaysSo() throws Exception {
        Path fresh = runDir.resolve("fresh");
        CliRun run = CliRun.of("token", "chart", "--run-dir", fresh.toString());
        assertThat(run.exit).isZero();
        assertThat(run.err()).contains("made the local stack key in " + fresh.resolve("keys"));
        assertThat(run.out().strip().split("\\.")).hasSize(3);
        assertThat(fresh.resolve("keys/service-token-public.pem")).exists();
        assertThat(CliRun.of("token", "chart", "--run-dir", fresh.toString()).err()).as("only the first time").isEmpty();
    }

    @Test
    void anUnreadableKeyIsExit1WithTheReason() throws Exception {
        StackKeys keys = StackKeys.ensure(runDir);
        Files.writeString(keys.privateKey(), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        CliRun run = CliRun.of("token", "chart", "--run-dir", runDir.toString());
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.err()).contains("not a PKCS#8 RSA private key");
        assertThat(run.out()).isEmpty();
    }
}
