package io.chartbrief.inbox.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * The EHR side of CDS Hooks tests, over real HTTP: a JWK Set URL for one client ({@code ehr}, ES384 key), a JWK Set
 * file for another ({@code clinic}, RS384 key), and a FHIR read endpoint ({@code /fhir/Patient/{id}},
 * {@code /fhir/Encounter/{id}}) answering what a test put there and recording the Authorization headers it got.
 */
public class EhrResource implements QuarkusTestResourceLifecycleManager {

    public static final String EHR_ISSUER = "https://ehr.test/issuer";
    public static final String CLINIC_ISSUER = "https://clinic.test/issuer";
    /** A browser-based CDS client's origin (the CDS Hooks sandbox), allowed across origins. */
    public static final String SANDBOX_ORIGIN = "https://sandbox.cds-hooks.org";
    /** The EHR's MRN system, mapped by configuration to the system the chart's feed uses. */
    public static final String EHR_MRN_SYSTEM = "urn:oid:2.16.840.1.113883.19.5.99";
    public static final String CHART_MRN_SYSTEM = "urn:chartbrief:mrn:RIVERSIDE";

    static PublicJsonWebKey ehrKey;
    static PublicJsonWebKey clinicKey;
    static String baseUrl;
    /** FHIR resources served, by {@code Type/id}. */
    static final Map<String, String> RESOURCES = new ConcurrentHashMap<>();
    /** Authorization headers of the FHIR reads received, in order. */
    static final List<String> FHIR_AUTHORIZATIONS = new CopyOnWriteArrayList<>();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            ehrKey = EcJwkGenerator.generateJwk(EllipticCurves.P384);
            ehrKey.setKeyId("ehr-2026");
            clinicKey = RsaJwkGenerator.generateJwk(3072);
            clinicKey.setKeyId("clinic-1");
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/jwks", exchange -> answer(exchange, 200, "application/json",
                    new JsonWebKeySet(ehrKey).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
            server.createContext("/fhir/", this::fhirRead);
            server.start();
            baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
            Path clinicJwks = Files.createTempFile("clinic-jwks", ".json");
            Files.writeString(clinicJwks, new JsonWebKeySet(clinicKey).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            return Map.of(
                    "chartbrief.cds.clients.ehr.issuer", EHR_ISSUER,
                    "chartbrief.cds.clients.ehr.jwks-url", baseUrl + "/jwks",
                    "chartbrief.cds.clients.ehr.fhir-servers", baseUrl + "/fhir",
                    "chartbrief.cds.clients.clinic.issuer", CLINIC_ISSUER,
                    "chartbrief.cds.clients.clinic.jwks-location", clinicJwks.toString(),
                    "chartbrief.cds.identifier-systems.\"" + EHR_MRN_SYSTEM + "\"", CHART_MRN_SYSTEM,
                    "chartbrief.cds.inbox-url", "https://inbox.test",
                    "chartbrief.cds.allowed-origins", SANDBOX_ORIGIN);
        } catch (JoseException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void fhirRead(HttpExchange exchange) throws IOException {
        FHIR_AUTHORIZATIONS.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        String key = exchange.getRequestURI().getPath().substring("/fhir/".length());
        String body = RESOURCES.get(key);
        if (body == null) {
            answer(exchange, 404, "application/fhir+json", "{\"resourceType\":\"OperationOutcome\"}");
        } else {
            answer(exchange, 200, "application/fhir+json", body);
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
