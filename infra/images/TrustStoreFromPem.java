import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes the JRE's trust store (PKCS12, password "changeit", as Debian's ca-certificates-java does) from the PEM
 * certificates of Debian's ca-certificates package. The base image is unpacked without running maintainer scripts,
 * so the trust store ca-certificates-java would generate at install time is made here instead; without it every
 * outbound TLS call (FHIR servers, token endpoints, a remote model server) would fail.
 *
 * <p>Run with the build machine's JDK as a single-file program:
 * {@code java TrustStoreFromPem.java PEM_DIR OUTPUT}.
 */
public final class TrustStoreFromPem {

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java TrustStoreFromPem.java PEM_DIR OUTPUT");
            System.exit(2);
        }
        Path pemDir = Path.of(args[0]);
        Path output = Path.of(args[1]);
        List<Path> pems;
        try (Stream<Path> files = Files.walk(pemDir)) {
            pems = files.filter(p -> p.toString().endsWith(".crt")).sorted().collect(Collectors.toList());
        }
        if (pems.isEmpty()) {
            System.err.println("no .crt files under " + pemDir);
            System.exit(1);
        }
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (Path pem : pems) {
            try (InputStream in = Files.newInputStream(pem)) {
                X509Certificate cert = (X509Certificate) x509.generateCertificate(in);
                String alias = pem.getFileName().toString().replaceFirst("\\.crt$", "").toLowerCase();
                store.setCertificateEntry(alias, cert);
            }
        }
        Files.createDirectories(output.getParent());
        try (OutputStream out = Files.newOutputStream(output)) {
            store.store(out, "changeit".toCharArray());
        }
        System.out.println("trust store: " + pems.size() + " certificates -> " + output);
    }
}
