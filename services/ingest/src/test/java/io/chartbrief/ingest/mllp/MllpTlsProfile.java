package io.chartbrief.ingest.mllp;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.smallrye.certs.CertificateGenerator;
import io.smallrye.certs.CertificateRequest;
import io.smallrye.certs.Format;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The MLLP TLS listener with mutual TLS: the server's own certificate, and two client certificates its trust
 * store accepts ("mirth", allowed; "rogue", trusted but not on the subject allow-list). Certificates are made
 * fresh for the run (self-signed, so each is its own trust anchor).
 */
public class MllpTlsProfile implements QuarkusTestProfile {

    static final String PASSWORD = "changeit";
    static final Path CERTS = Path.of("target", "mllp-tls-certs").toAbsolutePath();

    static {
        try {
            Files.createDirectories(CERTS);
            CertificateGenerator generator = new CertificateGenerator(CERTS, true);
            for (String name : List.of("server", "mirth", "rogue")) {
                generator.generate(new CertificateRequest().withName(name)
                        .withCN(name.equals("server") ? "localhost" : name)
                        .withPassword(PASSWORD)
                        .withFormats(List.of(Format.PEM, Format.PKCS12)));
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the MLLP TLS test certificates", e);
        }
    }

    static Path file(String name) {
        return CERTS.resolve(name);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.tls.mllp.key-store.pem.server.cert", file("server.crt").toString(),
                "quarkus.tls.mllp.key-store.pem.server.key", file("server.key").toString(),
                "quarkus.tls.mllp.trust-store.pem.certs", file("mirth.crt") + "," + file("rogue.crt"),
                "chartbrief.ingest.mllp.tls.enabled", "true",
                "chartbrief.ingest.mllp.tls.port", "0",
                "chartbrief.ingest.mllp.tls.tls-configuration-name", "mllp",
                "chartbrief.ingest.mllp.tls.client-auth", "REQUIRED",
                "chartbrief.ingest.mllp.tls.allowed-subjects", "mirth",
                "chartbrief.ingest.mllp.allowed-senders", "127.0.0.1/32,::1");
    }
}
