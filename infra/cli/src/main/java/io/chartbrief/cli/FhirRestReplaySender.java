package io.chartbrief.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** FHIR JSON files POSTed to the intake (a Bundle or a single resource per file). */
final class FhirRestReplaySender implements ReplaySender {

    private static final Pattern DIAGNOSTICS = Pattern.compile("\"diagnostics\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final URI url;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    FhirRestReplaySender(String url, String token, int timeoutSeconds) {
        this.url = URI.create(url);
        this.token = token;
        this.timeout = Duration.ofSeconds(timeoutSeconds);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Outcome send(Path file) throws UnreachableException {
        byte[] bytes;
        try {
            bytes = ReplaySender.read(file);
        } catch (IOException e) {
            return new Outcome("unreadable", e.getClass().getSimpleName());
        }
        if (!ReplaySender.isJson(bytes)) {
            return new Outcome("skipped", "(not FHIR JSON; use --mllp or --kafka)");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String detail = "";
            if (response.statusCode() >= 300) {
                Matcher m = DIAGNOSTICS.matcher(response.body());
                detail = m.find() ? m.group(1) : "";
            }
            return new Outcome(Integer.toString(response.statusCode()), detail);
        } catch (ConnectException e) {
            throw new UnreachableException("cannot connect to " + url + " (connection refused)", e);
        } catch (IOException e) {
            return new Outcome("no-response", e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("interrupted", e);
        }
    }

    @Override
    public void close() {
        // HttpClient needs no explicit close on Java 17
    }
}
