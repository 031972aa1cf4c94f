package io.chartbrief.inbox.service;

import ca.uhn.fhir.parser.DataFormatException;
import io.chartbrief.inbox.config.CdsConfig;
import io.chartbrief.interop.fhir.FhirContexts;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Resource;
import org.jboss.logging.Logger;

/**
 * Reads a Patient or Encounter from the EHR's FHIR server when a hook call carries no prefetch (CDS Hooks 2.0:
 * the service may then fetch with the {@code fhirAuthorization} token). Only servers on the client's
 * {@code fhir-servers} allow-list are contacted, so a request can never make the service call a URL of its choosing.
 */
@ApplicationScoped
public class EhrFhirReader {

    private static final Logger LOG = Logger.getLogger(EhrFhirReader.class);
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final CdsConfig config;
    private final HttpClient http;

    public EhrFhirReader(CdsConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.fhirReadTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * {@code type/id} from {@code fhirServer}, or empty when the server is not allowed for the client, the id is not
     * a FHIR id, or the read fails (the call then goes on without it).
     */
    public <T extends Resource> Optional<T> read(String clientName, String fhirServer, String accessToken,
            Class<T> type, String id) {
        List<String> allowed = Optional.ofNullable(config.clients().get(clientName))
                .flatMap(CdsConfig.Client::fhirServers).orElse(List.of());
        if (fhirServer == null || id == null || !FHIR_ID.matcher(id).matches()
                || allowed.stream().noneMatch(fhirServer::startsWith)) {
            return Optional.empty();
        }
        String base = fhirServer.endsWith("/") ? fhirServer : fhirServer + "/";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + type.getSimpleName() + "/" + id))
                .timeout(config.fhirReadTimeout()).header("Accept", "application/fhir+json").GET();
        if (accessToken != null && !accessToken.isBlank()) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        try {
            HttpResponse<String> answer = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (answer.statusCode() != 200) {
                LOG.infof("CDS client %s: FHIR read of a %s answered %d", clientName, type.getSimpleName(),
                        answer.statusCode());
                return Optional.empty();
            }
            return Optional.of(FhirContexts.r4().newJsonParser().parseResource(type, answer.body()));
        } catch (IOException | DataFormatException | ClassCastException | IllegalArgumentException e) {
            LOG.infof("CDS client %s: FHIR read of a %s failed (%s)", clientName, type.getSimpleName(),
                    e.getClass().getSimpleName());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
