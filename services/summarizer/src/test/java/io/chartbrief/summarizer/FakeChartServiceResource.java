package io.chartbrief.summarizer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the chart service's HTTP API (another process), real HTTP on a random port:
 * {@code GET /fhir/r4/Patient/{id}/$everything} (as the chart service serves it; one page) answers {@link ChartFixture} for any id, except ids starting {@code missing-}
 * (404), {@code flaky-} (503 twice, then the chart), {@code absent-} (the chart with value-less primitives,
 * {@link ChartFixture#searchsetWithDataAbsentJson}) and {@code pair-} (held until two {@code pair-} fetches are in
 * flight at once, at most {@value #PAIR_WAIT_MS} ms, then the chart). {@code POST /patients/{id}/summaries} answers
 * 202 with {@link #onDemandRequestId} (404 for {@code missing-}); publishing the request is left to the test.
 * {@code GET /stats/pair-max-in-flight} answers
 * the most {@code pair-} fetches seen in flight at once. Handlers run on a pool so fetches can overlap. Stateless
 * apart from these counters, so it needs no coordination with the test classes' class loader.
 *
 * <p>Like the chart, it answers 401 to a request without a valid service token: RS256 by the test key
 * ({@link TestTokens}), issuer {@code chartbrief}, audience {@code chartbrief-chart}, not expired, with role
 * {@code chart-read} (reads) or {@code summary-request} (on-demand requests). It hands the summarizer the test key to
 * sign with ({@code chartbrief.summarizer.chart-auth.signing-key-location}).
 */
public class FakeChartServiceResource implements QuarkusTestResourceLifecycleManager {

    private static final Pattern CHART = Pattern.compile("/fhir/r4/Patient/([^/]+)/[$]everything");
    private static final Pattern SUMMARIES = Pattern.compile("/patients/([^/]+)/summaries");

    /** The request id this fake answers to {@code POST /patients/{id}/summaries}. */
    static java.util.UUID onDemandRequestId(String patientId) {
        return java.util.UUID.nameUUIDFromBytes(("on-demand/" + patientId).getBytes(StandardCharsets.UTF_8));
    }

    private HttpServer server;
    /** Longest a {@code pair-} fetch waits for its partner (below the client's chart timeout). */
    static final long PAIR_WAIT_MS = 3000;

    private final Map<String, AtomicInteger> flaky = new ConcurrentHashMap<>();
    /** {@code reject-once-} ids answered 401 once (as after a key rotation), then served. */
    private final java.util.Set<String> rejectedOnce = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pairsInFlight = new AtomicInteger();
    private final AtomicInteger pairsMaxInFlight = new AtomicInteger();

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return Map.of("chartbrief.summarizer.chart-url", "http://localhost:" + server.getAddress().getPort(),
                "chartbrief.summarizer.chart-auth.signing-key-location", TestTokens.privateKeyFile().toString());
    }

    /** Whether the request carries a valid chart service token with {@code role}. */
    static boolean authorized(HttpExchange exchange, String role) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String payload = header == null || !header.startsWith("Bearer ") ? null
                : TestTokens.verifiedPayload(header.substring("Bearer ".length()));
        if (payload == null) {
            return false;
        }
        try {
            JsonNode claims = new ObjectMapper().readTree(payload);
            boolean audience = claims.path("aud").isArray()
                    ? claims.path("aud").toString().contains("\"chartbrief-chart\"")
                    : "chartbrief-chart".equals(claims.path("aud").asText());
            return audience && "chartbrief".equals(claims.path("iss").asText())
                    && claims.path("exp").asLong() > System.currentTimeMillis() / 1000
                    && claims.path("groups").toString().contains("\"" + role + "\"");
        } catch (IOException e) {
            return false;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        if ("/stats/pair-max-in-flight".equals(exchange.getRequestURI().getPath())) {
            answer(exchange, 200, Integer.toString(pairsMaxInFlight.get()));
            return;
        }
        boolean post = "POST".equals(exchange.getRequestMethod());
        Matcher rejected = CHART.matcher(exchange.getRequestURI().getPath());
        if (!authorized(exchange, post ? "summary-request" : "chart-read") || (rejected.matches()
                && rejected.group(1).startsWith("reject-once-") && rejectedOnce.add(rejected.group(1)))) {
            answer(exchange, 401, "{\"resourceType\":\"OperationOutcome\"}");
            return;
        }
        Matcher asked = SUMMARIES.matcher(exchange.getRequestURI().getPath());
        if ("POST".equals(exchange.getRequestMethod()) && asked.matches()) {
            // the chart would publish the request on ehr.summary.requests: a test does that with this id
            answer(exchange, asked.group(1).startsWith("missing-") ? 404 : 202, asked.group(1).startsWith("missing-")
                    ? "{\"resourceType\":\"OperationOutcome\"}"
                    : "{\"requestId\":\"" + onDemandRequestId(asked.group(1)) + "\"}");
            return;
        }
        Matcher m = CHART.matcher(exchange.getRequestURI().getPath());
        if (!"GET".equals(exchange.getRequestMethod()) || !m.matches()) {
            answer(exchange, 404, "{\"resourceType\":\"OperationOutcome\"}");
            return;
        }
        String id = m.group(1);
        if (id.startsWith("missing-")) {
            answer(exchange, 404, "{\"resourceType\":\"OperationOutcome\"}");
        } else if (id.startsWith("nul-")) {
            // valid FHIR JSON whose problem name holds U+0000, which PostgreSQL's jsonb cannot store
            answer(exchange, 200, ChartFixture.searchsetJson(id).replace("\"Pneumonia\"", "\"Pneu\\u0000monia\""));
        } else if (id.startsWith("absent-")) {
            answer(exchange, 200, ChartFixture.searchsetWithDataAbsentJson(id));
        } else if (id.startsWith("pair-")) {
            int now = pairsInFlight.incrementAndGet();
            pairsMaxInFlight.accumulateAndGet(now, Math::max);
            try {
                long deadline = System.nanoTime() + PAIR_WAIT_MS * 1_000_000;
                while (pairsMaxInFlight.get() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                pairsInFlight.decrementAndGet();
            }
            answer(exchange, 200, ChartFixture.searchsetJson(id));
        } else if (id.startsWith("flaky-") && flaky.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() <= 2) {
            answer(exchange, 503, "");
        } else {
            answer(exchange, 200, ChartFixture.searchsetJson(id));
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
