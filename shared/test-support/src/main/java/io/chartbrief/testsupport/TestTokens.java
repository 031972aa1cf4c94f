package io.chartbrief.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bearer JWTs for service tests, signed with an RSA key the test JVM generates (nothing committed). Services under
 * test verify with its public key, supplied by {@link KeyResource}. {@link #token(String, String...)} is a valid
 * token; {@link #builder(String)} makes every kind of bad one (expired, foreign issuer or audience, alg=none, HS256
 * with a foreign secret or with the public key as the secret, another RSA key).
 *
 * <p>The key pair is kept in system properties (PEM) so that every class loader of the JVM — the test's and
 * Quarkus's — signs and verifies with the same key.
 */
public final class TestTokens {

    /** The issuer services expect by default (service tokens of the platform). */
    public static final String ISSUER = "chartbrief";

    private static final String PRIVATE_PROPERTY = "chartbrief.test-tokens.private-pem";
    private static final String PUBLIC_PROPERTY = "chartbrief.test-tokens.public-pem";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private TestTokens() {
    }

    /** A valid RS256 token of {@link #ISSUER} for {@code audience} with {@code roles} in {@code groups}, 5 minutes. */
    public static String token(String audience, String... roles) {
        return builder(audience).roles(roles).sign();
    }

    /** Claims for {@code audience}: issuer {@link #ISSUER}, subject {@code test-client}, no roles, 5 minutes. */
    public static Builder builder(String audience) {
        return new Builder(audience);
    }

    /** The test public key (X.509 SubjectPublicKeyInfo PEM), as {@code mp.jwt.verify.publickey} takes it. */
    public static String publicKeyPem() {
        ensureKeys();
        return System.getProperty(PUBLIC_PROPERTY);
    }

    /** The test private key (PKCS#8 PEM). */
    public static String privateKeyPem() {
        ensureKeys();
        return System.getProperty(PRIVATE_PROPERTY);
    }

    /** The test private key written to a temporary file (deleted on exit), for a service that signs its own tokens. */
    public static Path privateKeyFile() {
        try {
            Path file = Files.createTempFile("chartbrief-test-signing-key", ".pem");
            file.toFile().deleteOnExit();
            Files.writeString(file, privateKeyPem());
            return file;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The payload JSON of an RS256 token signed with the test key, or null when the header is not RS256 or the
     * signature does not verify (claims are left to the caller). For stand-ins of services that check tokens.
     */
    public static String verifiedPayload(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
            if (!header.replace(" ", "").contains("\"alg\":\"RS256\"")) {
                return null;
            }
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(publicKey(publicKeyPem()));
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return null;
            }
            return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Tokens a service must answer 401 to, by what is wrong with them; each carries {@code roles} (the endpoint's
     * role), so only the named defect can be the reason. A null value stands for "no Authorization header".
     */
    public static Map<String, String> rejected(String audience, String... roles) {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("no token", null);
        tokens.put("not a JWT", "not-a-jwt");
        tokens.put("alg=none", builder(audience).roles(roles).unsigned());
        tokens.put("HS256 with a foreign secret", builder(audience).roles(roles)
                .signHs256("a-foreign-shared-secret-of-32-bytes!".getBytes(StandardCharsets.UTF_8)));
        tokens.put("HS256 with the public key as the secret", builder(audience).roles(roles)
                .signHs256(publicKeyPem().getBytes(StandardCharsets.US_ASCII)));
        tokens.put("HS256 with the public key's DER as the secret", builder(audience).roles(roles)
                .signHs256(der(publicKeyPem())));
        tokens.put("RS256 with a foreign key", builder(audience).roles(roles)
                .signRs256(foreignKeyPair().getPrivate()));
        tokens.put("expired", builder(audience).roles(roles)
                .expired(Duration.ofHours(2), Duration.ofMinutes(10)).sign());
        tokens.put("wrong issuer", builder(audience).roles(roles).issuer("https://idp.example.org/foreign").sign());
        tokens.put("wrong audience", builder("chartbrief-other").roles(roles).sign());
        tokens.put("no audience", builder(null).roles(roles).sign());
        String valid = builder(audience).roles(roles).sign();
        tokens.put("tampered claims", valid.substring(0, valid.indexOf('.') + 1)
                + encode(json(builder(audience).roles(roles).subject("someone-else").claims))
                + valid.substring(valid.lastIndexOf('.')));
        return tokens;
    }

    /** A fresh RSA key pair that services do not trust (a foreign issuer's key). */
    public static KeyPair foreignKeyPair() {
        return rsa();
    }

    /** Claims and header of one token; {@code sign*} methods produce the compact JWT. */
    public static final class Builder {
        private final Map<String, Object> claims = new LinkedHashMap<>();

        private Builder(String audience) {
            Instant now = Instant.now();
            claims.put("iss", ISSUER);
            claims.put("sub", "test-client");
            if (audience != null) {
                claims.put("aud", audience);
            }
            claims.put("iat", now.getEpochSecond());
            claims.put("exp", now.plus(Duration.ofMinutes(5)).getEpochSecond());
            claims.put("groups", List.of());
        }

        public Builder issuer(String issuer) {
            return claim("iss", issuer);
        }

        public Builder subject(String subject) {
            return claim("sub", subject);
        }

        public Builder roles(String... roles) {
            return claim("groups", List.of(roles));
        }

        /** Issued {@code ago} before now and expired {@code expiredFor} ago. */
        public Builder expired(Duration ago, Duration expiredFor) {
            Instant now = Instant.now();
            claims.put("iat", now.minus(ago).getEpochSecond());
            return claim("exp", now.minus(expiredFor).getEpochSecond());
        }

        /** Sets (or, with null, removes) a claim: String, Number, Boolean or a List of those. */
        public Builder claim(String name, Object value) {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value);
            }
            return this;
        }

        /** RS256 with the test key (valid unless the claims say otherwise). */
        public String sign() {
            return signRs256(privateKey(privateKeyPem()));
        }

        /** RS256 with another private key (e.g. {@link #foreignKeyPair()}). */
        public String signRs256(PrivateKey key) {
            String input = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + encode(json(claims));
            try {
                Signature signer = Signature.getInstance("SHA256withRSA");
                signer.initSign(key);
                signer.update(input.getBytes(StandardCharsets.US_ASCII));
                return input + "." + URL.encodeToString(signer.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** HS256 with {@code secret} as the HMAC key (a foreign secret, or the public key's bytes). */
        public String signHs256(byte[] secret) {
            String input = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + encode(json(claims));
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                return input + "." + URL.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** An unsecured JWT ({@code alg: none}, empty signature). */
        public String unsigned() {
            return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode(json(claims)) + ".";
        }
    }

    /**
     * Supplies the test public key to the service under test ({@code mp.jwt.verify.publickey}); use it with
     * {@code @WithTestResource(value = TestTokens.KeyResource.class, scope = TestResourceScope.GLOBAL)}.
     */
    public static final class KeyResource implements io.quarkus.test.common.QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("mp.jwt.verify.publickey", publicKeyPem());
        }

        @Override
        public void stop() {
        }
    }

    private static void ensureKeys() {
        // System properties are shared by every class loader of the JVM; lock on that one object too.
        synchronized (System.getProperties()) {
            if (System.getProperty(PRIVATE_PROPERTY) == null) {
                KeyPair pair = rsa();
                System.setProperty(PRIVATE_PROPERTY, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                System.setProperty(PUBLIC_PROPERTY, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            }
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicKey publicKey(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Map<String, Object> claims) {
        List<String> fields = new ArrayList<>();
        claims.forEach((name, value) -> fields.add(quote(name) + ":" + value(value)));
        return "{" + String.join(",", fields) + "}";
    }

    private static String value(Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(value(item)));
            return "[" + String.join(",", items) + "]";
        }
        return quote(String.valueOf(value));
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
