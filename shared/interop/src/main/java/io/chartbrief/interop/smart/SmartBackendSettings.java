package io.chartbrief.interop.smart;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a ChartBrief service authenticates to one FHIR server as a SMART Backend Services client.
 *
 * @param fhirBaseUrl       the FHIR server; its {@code .well-known/smart-configuration} names the token endpoint
 * @param tokenUrl          the token endpoint, when it is to be used instead of discovery (null: discover)
 * @param clientId          the client id the server registered ChartBrief under ({@code iss} and {@code sub})
 * @param privateKey        PKCS#8 PEM or JWK (Set) file with the private key whose public half the server holds
 * @param algorithm         {@code RS384} or {@code ES384}; null: from the key type
 * @param keyId             the {@code kid} header; null: the JWK's own {@code kid}
 * @param scope             the {@code scope} requested, e.g. {@code system/DocumentReference.write}
 * @param assertionLifetime lifetime of one client assertion (at most five minutes, as the profile requires)
 * @param refreshBefore     a cached token is replaced once less than this (at most a fifth of its life) is left
 * @param timeout           connect and read timeout of discovery and token requests
 */
public record SmartBackendSettings(URI fhirBaseUrl, URI tokenUrl, String clientId, Path privateKey, String algorithm,
        String keyId, String scope, Duration assertionLifetime, Duration refreshBefore, Duration timeout) {

    /** The longest assertion lifetime the profile allows. */
    public static final Duration MAX_ASSERTION_LIFETIME = Duration.ofMinutes(5);

    public SmartBackendSettings {
        if (fhirBaseUrl == null && tokenUrl == null) {
            throw new IllegalArgumentException("a FHIR base URL or a token URL is needed");
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("the SMART client id is not set");
        }
        if (privateKey == null) {
            throw new IllegalArgumentException("the SMART client key file is not set");
        }
        if (assertionLifetime == null || assertionLifetime.compareTo(MAX_ASSERTION_LIFETIME) > 0
                || assertionLifetime.isNegative() || assertionLifetime.isZero()) {
            assertionLifetime = MAX_ASSERTION_LIFETIME;
        }
        refreshBefore = refreshBefore == null ? Duration.ofSeconds(30) : refreshBefore;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    }
}
