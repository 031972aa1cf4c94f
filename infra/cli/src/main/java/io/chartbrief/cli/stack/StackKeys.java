package io.chartbrief.cli.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The local stack's service-token key: an RSA pair in {@code <run>/keys} made by the first {@code up} (the private
 * key readable by the owner only) and reused after. The chart and the summarizer verify with the public key; the
 * summarizer signs its chart token with the private one, and {@link #sign} makes tokens for commands and people
 * calling those APIs. Only for the local stack: production mounts keys of its own (docs/operations.md).
 */
public final class StackKeys {

    /** Issuer of local stack tokens (the services' default {@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "chartbrief";

    private final Path privateKey;
    private final Path publicKey;

    private StackKeys(Path privateKey, Path publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** The keys in {@code runDir/keys}, generated when either file is missing. */
    public static StackKeys ensure(Path runDir) throws IOException {
        Path dir = runDir.resolve("keys");
        Path privateKey = dir.resolve("service-token-private.pem");
        Path publicKey = dir.resolve("service-token-public.pem");
        if (!Files.isRegularFile(privateKey) || !Files.isRegularFile(publicKey)) {
            Files.createDirectories(dir);
            KeyPair pair = generate();
            Files.deleteIfExists(privateKey);
            Files.createFile(privateKey);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        }
        return new StackKeys(privateKey, publicKey);
    }

    /** PKCS#8 PEM private key file. */
    public Path privateKey() {
        return privateKey;
    }

    /** X.509 PEM public key file. */
    public Path publicKey() {
        return publicKey;
    }

    /** An RS256 token of {@link #ISSUER} for {@code audience} with {@code roles}, valid for {@code lifetime}. */
    public String sign(String subject, String audience, List<String> roles, Duration lifetime) throws IOException {
        Instant now = Instant.now();
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + json(subject) + "\",\"aud\":\"" + json(audience)
                + "\",\"groups\":[" + roles.stream().map(r -> "\"" + json(r) + "\"").collect(Collectors.joining(","))
                + "],\"iat\":" + now.getEpochSecond() + ",\"exp\":" + now.plus(lifetime).getEpochSecond()
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String input = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(privateKey)
                    .replaceAll("-----[A-Z ]+-----", ""));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + url.encodeToString(signer.sign());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(privateKey + " is not a PKCS#8 RSA private key; delete " + privateKey.getParent()
                    + " and run up again", e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
