package io.chartbrief.summarizer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.testsupport.SmartAuthorizationServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;

/**
 * A FHIR chart source protected by SMART Backend Services, for {@code chartbrief.summarizer.fhir-base-url}: real HTTP
 * on a random port. {@code GET /fhir/Patient/{id}/$everything} answers {@link ChartFixture} in two pages (the
 * second through a {@code next} link), each only with a bearer token of a verifying {@link SmartAuthorizationServer}
 * (401 otherwise); {@code /fhir/.well-known/smart-configuration} names its token endpoint. The summarizer is
 * configured with the client's private key (a PKCS#8 PEM file written here). Its counters and a revocation are
 * reached over HTTP ({@code GET /stats}: {@code tokens unauthorized refusals}; {@code POST /revoke}), so the test
 * needs no shared class loader.
 */
public class SmartFhirSourceResource implements QuarkusTestResourceLifecycleManager {

    static final String CLIENT_ID = "chartbrief-summarizer-test";
    private static final Pattern CHART = Pattern.compile("/fhir/Patient/([^/]+)/[$]everything");

    private HttpServer server;
    private SmartAuthorizationServer authorization;
    private final AtomicInteger unauthorized = new AtomicInteger();

    @Override
    public Map<String, String> start() {
        KeyPair client = SmartAuthorizationServer.ecKeyPair();
        Path key;
        try {
            key = Files.createTempFile("summarizer-smart-client", ".pem");
            key.toFile().deleteOnExit();
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        SmartAuthorizationServer.writePem(client.getPrivate(), key);
        authorization = SmartAuthorizationServer.start(CLIENT_ID, client.getPublic(), "summarizer-1", 300);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        String base = "http://localhost:" + server.getAddress().getPort() + "/fhir";
        return Map.of("chartbrief.summarizer.fhir-base-url", base,
                "chartbrief.summarizer.fhir-auth.mode", "smart-backend",
                "chartbrief.summarizer.fhir-auth.client-id", CLIENT_ID,
                "chartbrief.summarizer.fhir-auth.key-id", "summarizer-1",
                "chartbrief.summarizer.fhir-auth.private-key-location", key.toString());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/stats")) {
                answer(exchange, 200, "text/plain", authorization.tokensIssued() + " " + unauthorized.get() + " "
                        + authorization.refusals().size());
                return;
            }
            if (path.equals("/revoke")) {
                authorization.revokeAll();
                answer(exchange, 204, "text/plain", null);
                return;
            }
            if (path.equals("/fhir/.well-known/smart-configuration")) {
                answer(exchange, 200, "application/json", authorization.smartConfiguration());
                return;
            }
            Matcher chart = CHART.matcher(path);
            if (!chart.matches()) {
                answer(exchange, 404, "application/fhir+json", null);
                return;
            }
            if (!authorization.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized.incrementAndGet();
                answer(exchange, 401, "application/fhir+json", "{\"resourceType\":\"OperationOutcome\",\"issue\":"
                        + "[{\"severity\":\"error\",\"code\":\"login\",\"diagnostics\":\"bearer token required\"}]}");
                return;
            }
            String id = chart.group(1);
            String query = exchange.getRequestURI().getRawQuery();
            Bundle all = FhirContexts.r4().newJsonParser().parseResource(Bundle.class, ChartFixture.searchsetJson(id));
            Bundle page = new Bundle().setType(Bundle.BundleType.SEARCHSET);
            boolean first = query == null || !query.contains("page=2");
            int half = all.getEntry().size() / 2;
            (first ? all.getEntry().subList(0, half) : all.getEntry().subList(half, all.getEntry().size()))
                    .forEach(page::addEntry);
            if (first) {
                page.addLink().setRelation(Bundle.LINK_NEXT).setUrl("http://localhost:" + server.getAddress().getPort()
                        + path + "?page=2");
            }
            answer(exchange, 200, "application/fhir+json", FhirContexts.r4().newJsonParser().encodeResourceToString(page));
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (authorization != null) {
            authorization.close();
        }
    }
}
