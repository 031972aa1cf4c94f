package io.chartbrief.summarizer.service;

import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.interop.fhir.FhirContexts;
import io.chartbrief.interop.smart.SmartAuthException;
import io.chartbrief.summarizer.config.SummarizerConfig;
import io.chartbrief.summarizer.security.ChartTokens;
import io.chartbrief.summarizer.security.ChartTokens.TokenUnavailableException;
import io.chartbrief.summarizer.security.FhirSourceTokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.hl7.fhir.r4.model.Bundle;
import org.jboss.logging.Logger;

/**
 * Fetches a patient's chart as a FHIR Bundle: {@code Patient/{id}/$everything}, next pages followed, from the chart
 * service ({@code {chart-url}/fhir/r4}) or, when {@code fhir-base-url} is set, from that FHIR server. Connection failures and 5xx are retried with exponential backoff; then
 * {@link ChartUnavailableException}. 404 is {@link ChartNotFoundException} (not retried). Requests to the chart
 * service carry the summarizer's service token ({@link ChartTokens}); a 401 drops the cached token and retries with a
 * new one (a rotated key). A {@code fhir-base-url} server gets a SMART Backend Services token when
 * {@code fhir-auth.mode=smart-backend} ({@link FhirSourceTokens}; a 401 drops it likewise), else none.
 */
@ApplicationScoped
public class ChartClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(ChartClient.class);
    private static final String FHIR_JSON = "application/fhir+json";
    private static final int MAX_PAGES = 100;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final SummarizerConfig config;
    private final ChartTokens tokens;
    private final FhirSourceTokens fhirTokens;
    private final HttpClient http;

    /** Whose token a request carries: the chart service's, the FHIR source's, or none (another origin). */
    private enum Audience { CHART_SERVICE, FHIR_SOURCE, NONE }

    public ChartClient(SummarizerConfig config, ChartTokens tokens, FhirSourceTokens fhirTokens) {
        this.config = config;
        this.tokens = tokens;
        this.fhirTokens = fhirTokens;
        this.http = HttpClient.newBuilder().connectTimeout(config.chartTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The chart of {@code Patient/<id>}. */
    public Bundle fetch(String patientId) throws ChartNotFoundException, ChartUnavailableException {
        String id = URLEncoder.encode(patientId, StandardCharsets.UTF_8);
        if (config.fhirBaseUrl().isPresent()) {
            return everything(trimSlash(config.fhirBaseUrl().get()) + "/Patient/" + id + "/$everything",
                    config.fhirBaseUrl().get(), fhirTokens.enabled() ? Audience.FHIR_SOURCE : Audience.NONE);
        }
        return everything(trimSlash(config.chartUrl()) + "/fhir/r4/Patient/" + id + "/$everything",
                config.chartUrl(), Audience.CHART_SERVICE);
    }

    private Bundle everything(String url, String origin, Audience audience)
            throws ChartNotFoundException, ChartUnavailableException {
        Bundle all = get(url, audience);
        Bundle page = all;
        for (int i = 0; i < MAX_PAGES && page.getLink(Bundle.LINK_NEXT) != null; i++) {
            String next = page.getLink(Bundle.LINK_NEXT).getUrl();
            // a token goes to the origin it is for only, whatever a next link names
            page = get(next, sameOrigin(next, origin) ? audience : Audience.NONE);
            page.getEntry().forEach(all::addEntry);
        }
        all.getLink().clear();
        return all;
    }

    private Bundle get(String url, Audience audience) throws ChartNotFoundException, ChartUnavailableException {
        Duration backoff = config.chartRetryBackoff();
        String last = "no attempt";
        for (int attempt = 0; attempt <= config.chartRetries(); attempt++) {
            if (attempt > 0) {
                LOG.warnf("Chart fetch failed (%s); retry %d of %d in %d ms", last, attempt, config.chartRetries(),
                        backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(config.chartTimeout())
                    .header("Accept", FHIR_JSON + ", application/json").GET();
            String fhirToken = null;
            if (audience == Audience.CHART_SERVICE) {
                authorize(request);
            } else if (audience == Audience.FHIR_SOURCE) {
                fhirToken = fhirBearer();
                request.header("Authorization", "Bearer " + fhirToken);
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChartUnavailableException("interrupted");
            }
            int status = response.statusCode();
            if (status == 404 || status == 410) {
                throw new ChartNotFoundException("chart source answered " + status + " for the patient");
            }
            if (status >= 500 || status == 429 || status == 408) {
                last = "HTTP " + status;
                continue;
            }
            if (status == 401 && audience == Audience.CHART_SERVICE) {
                tokens.invalidate();
                last = "HTTP 401 (service token refused)";
                continue;
            }
            if (status == 401 && audience == Audience.FHIR_SOURCE) {
                fhirTokens.invalidate(fhirToken);
                last = "HTTP 401 (SMART access token refused)";
                continue;
            }
            if (status != 200) {
                throw new ChartUnavailableException("chart source answered HTTP " + status);
            }
            try {
                return FhirContexts.r4().newJsonParser().parseResource(Bundle.class, response.body());
            } catch (DataFormatException | ClassCastException e) {
                throw new ChartNotFoundException("chart source did not answer a FHIR Bundle");
            }
        }
        throw new ChartUnavailableException("chart source unavailable after " + (config.chartRetries() + 1)
                + " tries (" + last + ")");
    }

    /**
     * Asks the chart service for an on-demand summary of the patient ({@code POST {chart-url}/patients/{id}/summaries},
     * which publishes the request once the broker acknowledged it); returns its request id.
     */
    public java.util.UUID requestSummary(String patientId) throws ChartNotFoundException, ChartUnavailableException {
        String url = trimSlash(config.chartUrl()) + "/patients/" + URLEncoder.encode(patientId, StandardCharsets.UTF_8)
                + "/summaries";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(config.chartTimeout())
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody());
        authorize(request);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ChartUnavailableException("chart service unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChartUnavailableException("interrupted");
        }
        if (response.statusCode() == 404) {
            throw new ChartNotFoundException("the chart service knows no such patient");
        }
        if (response.statusCode() == 401) {
            tokens.invalidate();
        }
        if (response.statusCode() != 202) {
            throw new ChartUnavailableException("chart service answered HTTP " + response.statusCode());
        }
        try {
            return java.util.UUID.fromString(JSON.readTree(response.body()).path("requestId").asText());
        } catch (IOException | IllegalArgumentException e) {
            throw new ChartUnavailableException("chart service answered no request id");
        }
    }

    private void authorize(HttpRequest.Builder request) throws ChartUnavailableException {
        try {
            request.header("Authorization", "Bearer " + tokens.bearer());
        } catch (TokenUnavailableException e) {
            throw new ChartUnavailableException("no service token for the chart API: " + e.getMessage());
        }
    }

    private String fhirBearer() throws ChartUnavailableException {
        try {
            return fhirTokens.bearer();
        } catch (SmartAuthException e) {
            throw new ChartUnavailableException("no SMART access token for the FHIR chart source: " + e.getMessage());
        }
    }

    private static void sleep(Duration delay) throws ChartUnavailableException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChartUnavailableException("interrupted");
        }
    }

    private static boolean sameOrigin(String url, String base) {
        try {
            URI a = URI.create(url);
            URI b = URI.create(base);
            return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                    && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The chart source has no chart for the patient (or answered something that is not a Bundle). */
    public static final class ChartNotFoundException extends Exception {
        public ChartNotFoundException(String message) {
            super(message);
        }
    }

    /** The chart source could not be reached after the retries; the request must be retried later. */
    public static final class ChartUnavailableException extends Exception {
        public ChartUnavailableException(String message) {
            super(message);
        }
    }
}
