package io.chartbrief.outbound.service;

import ca.uhn.fhir.parser.DataFormatException;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.interop.smart.SmartAuthException;
import io.chartbrief.interop.smart.SmartBackendAuth;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * HTTP to the write-back FHIR server: JSON in and out, the SMART access token on every request when configured, and
 * one resend with a new token when the server answers 401 (an expired or revoked token). Answers are
 * {@link Answer}s; a request that got no answer is {@link Unanswered}.
 */
final class FhirServerClient {

    static final String FHIR_JSON = "application/fhir+json";
    private static final int REASON_LIMIT = 300;

    private final String base;
    private final Duration timeout;
    private final SmartBackendAuth auth;
    private final HttpClient http;

    FhirServerClient(String baseUrl, Duration timeout, SmartBackendAuth auth) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.auth = auth;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** An HTTP answer of the server. */
    record Answer(int status, String body, Map<String, String> headers) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** 5xx, 408 and 429 (and a 401 that a fresh token did not cure): worth sending again later. */
        boolean transientFailure() {
            return status >= 500 || status == 408 || status == 429 || status == 401;
        }

        /** The status and the OperationOutcome's diagnostics (or issue texts), shortened. */
        String reason() {
            String detail = diagnostics(body);
            return "HTTP " + status + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    /** No answer: no connection, timeout, or no token could be had. */
    static final class Unanswered extends Exception {
        Unanswered(String message) {
            super(message);
        }
    }

    /** {@code GET {base}/{path}}. */
    Answer get(String path) throws Unanswered {
        return send(path, b -> b.GET(), Map.of());
    }

    /** {@code POST {base}/{path}} with a FHIR JSON body. */
    Answer post(String path, String json, Map<String, String> headers) throws Unanswered {
        return send(path, b -> b.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .header("Content-Type", FHIR_JSON + "; charset=UTF-8"), headers);
    }

    /** {@code PUT {base}/{path}} with a FHIR JSON body. */
    Answer put(String path, String json, Map<String, String> headers) throws Unanswered {
        return send(path, b -> b.PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .header("Content-Type", FHIR_JSON + "; charset=UTF-8"), headers);
    }

    private Answer send(String path, java.util.function.UnaryOperator<HttpRequest.Builder> method,
            Map<String, String> headers) throws Unanswered {
        String token = token();
        Answer answer = once(path, method, headers, token);
        if (answer.status() == 401 && auth != null) {
            auth.invalidate(token);   // expired early or revoked: one resend with a new token
            answer = once(path, method, headers, token());
        }
        return answer;
    }

    private Answer once(String path, java.util.function.UnaryOperator<HttpRequest.Builder> method,
            Map<String, String> headers, String token) throws Unanswered {
        HttpRequest.Builder request = method.apply(HttpRequest.newBuilder(URI.create(base + "/" + path))
                .timeout(timeout).header("Accept", FHIR_JSON));
        headers.forEach(request::header);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, String> answerHeaders = response.headers().map().entrySet().stream()
                    .filter(e -> !e.getValue().isEmpty())
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(java.util.Locale.ROOT),
                            e -> e.getValue().get(0), (a, b) -> a));
            return new Answer(response.statusCode(), response.body(), answerHeaders);
        } catch (IOException e) {
            throw new Unanswered("no answer from the FHIR server (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unanswered("interrupted");
        }
    }

    private String token() throws Unanswered {
        if (auth == null) {
            return null;
        }
        try {
            return auth.bearer();
        } catch (SmartAuthException e) {
            throw new Unanswered("no SMART access token: " + e.getMessage());
        }
    }

    private static String diagnostics(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            OperationOutcome outcome = FhirContexts.r4().newJsonParser().parseResource(OperationOutcome.class, body);
            String text = outcome.getIssue().stream()
                    .map(i -> i.hasDiagnostics() ? i.getDiagnostics() : i.getDetails().getText())
                    .filter(t -> t != null && !t.isBlank()).collect(Collectors.joining("; "));
            return text.length() > REASON_LIMIT ? text.substring(0, REASON_LIMIT) + "…" : text;
        } catch (DataFormatException | ClassCastException e) {
            return "";
        }
    }
}
