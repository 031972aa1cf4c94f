package io.chartbrief.inbox.security;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Demo mode's signing key: when {@code chartbrief.inbox.demo.enabled=true} (and the profile is not {@code prod}),
 * generates an RSA key pair for this process and supplies it as configuration — {@code mp.jwt.verify.publickey}
 * (SmallRye JWT verifies with it) and {@code smallrye.jwt.sign.key} (the demo token endpoint signs with it). The key
 * lives only in memory: nothing is committed or written, and a restart invalidates every demo token. Registered in
 * {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}.
 */
public class DemoKeySource implements ConfigSourceFactory {

    /** Ordinal above application.properties and environment, below system properties. */
    static final int ORDINAL = 275;

    private static KeyPair keys;

    @Override
    public Iterable<org.eclipse.microprofile.config.spi.ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue enabled = context.getValue("chartbrief.inbox.demo.enabled");
        boolean demo = enabled != null && Boolean.parseBoolean(enabled.getValue());
        if (!demo || context.getProfiles().contains("prod")) {
            return List.of();
        }
        KeyPair pair = keys();
        return List.of(new MapBackedConfigSource("chartbrief-inbox-demo-key", Map.of(
                "mp.jwt.verify.publickey", pem("PUBLIC KEY", pair.getPublic().getEncoded()),
                "smallrye.jwt.sign.key", pem("PRIVATE KEY", pair.getPrivate().getEncoded())), ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static synchronized KeyPair keys() {
        if (keys == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keys = generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("RSA is not available", e);
            }
        }
        return keys;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----";
    }
}
