package io.chartbrief.interop.smart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * The private key a backend client signs its assertions with, read from a PKCS#8 PEM file or a JWK / JWK Set JSON
 * file (the first key with a private part), with the algorithm it signs with: RS384 for RSA, ES384 for EC (the
 * two the SMART Backend Services profile requires servers to support). The {@code kid} comes from the JWK when
 * it has one, else from configuration.
 *
 * @param key       the private key
 * @param algorithm {@code RS384} or {@code ES384}
 * @param keyId     the {@code kid} header, or null
 */
public record SmartClientKey(PrivateKey key, String algorithm, String keyId) {

    public static final String RS384 = "RS384";
    public static final String ES384 = "ES384";

    /**
     * Reads the key file.
     *
     * @param algorithm {@code RS384}, {@code ES384}, or null to take the one the key type implies
     * @param keyId     the {@code kid} to send, or null to take the JWK's own
     */
    public static SmartClientKey read(Path file, String algorithm, String keyId) throws SmartAuthException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new SmartAuthException("the SMART client key " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        PrivateKey key;
        String jwkKid = null;
        if (text.startsWith("{")) {
            PublicJsonWebKey jwk = privateJwk(file, text);
            key = jwk.getPrivateKey();
            jwkKid = jwk.getKeyId();
        } else {
            key = pem(file, text);
        }
        String implied = key instanceof RSAPrivateKey ? RS384 : key instanceof ECPrivateKey ? ES384 : null;
        String alg = algorithm == null || algorithm.isBlank() ? implied : algorithm.strip();
        if (implied == null || !implied.equals(alg)) {
            throw new SmartAuthException("the SMART client key " + file + " is a " + key.getAlgorithm()
                    + " key; it cannot sign " + alg + " (RS384 needs RSA, ES384 needs EC P-384)");
        }
        return new SmartClientKey(key, alg, keyId != null && !keyId.isBlank() ? keyId : jwkKid);
    }

    private static PublicJsonWebKey privateJwk(Path file, String json) throws SmartAuthException {
        try {
            for (JsonWebKey candidate : json.contains("\"keys\"") ? new JsonWebKeySet(json).getJsonWebKeys()
                    : java.util.List.of(JsonWebKey.Factory.newJwk(json))) {
                if (candidate instanceof PublicJsonWebKey pj && pj.getPrivateKey() != null) {
                    return pj;
                }
            }
        } catch (JoseException e) {
            throw new SmartAuthException("the SMART client key " + file + " is not a JWK or JWK Set");
        }
        throw new SmartAuthException("the SMART client key " + file + " holds no private key (JWK 'd' missing)");
    }

    private static PrivateKey pem(Path file, String pem) throws SmartAuthException {
        if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN EC PRIVATE KEY")) {
            throw new SmartAuthException("the SMART client key " + file + " is PKCS#1/SEC1; convert it to PKCS#8 "
                    + "(openssl pkcs8 -topk8 -nocrypt)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        } catch (IllegalArgumentException e) {
            throw new SmartAuthException("the SMART client key " + file + " is not PEM");
        }
        for (String type : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next key type
            }
        }
        throw new SmartAuthException("the SMART client key " + file + " is not a PKCS#8 RSA or EC private key");
    }
}
