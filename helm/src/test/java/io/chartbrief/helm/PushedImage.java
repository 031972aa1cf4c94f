package io.chartbrief.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An image as a registry serves it (Docker Registry HTTP API v2, plain HTTP on loopback): its layer digests in order
 * and its configuration ({@code config} of the image config blob: User, Entrypoint, Env, ExposedPorts, Labels).
 */
record PushedImage(String registry, String repository, List<String> layers, JsonNode config) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String MANIFEST_TYPES =
            "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json";

    /** The image a chart reference ({@code host/repository:tag}) names, fetched from {@code registry} instead. */
    static PushedImage fetch(String registry, String reference) {
        int slash = reference.indexOf('/');
        int colon = reference.lastIndexOf(':');
        assertThat(slash).as(reference).isPositive();
        assertThat(colon).as(reference + " has a tag").isGreaterThan(slash);
        String repository = reference.substring(slash + 1, colon);
        String tag = reference.substring(colon + 1);
        assertThat(tag).as(reference).isNotEqualTo("latest");
        HttpResponse<String> manifest = get(URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + tag),
                HttpResponse.BodyHandlers.ofString());
        assertThat(manifest.statusCode()).as(repository + ":" + tag + " in " + registry).isEqualTo(200);
        JsonNode body = read(manifest.body());
        List<String> layers = new ArrayList<>();
        body.path("layers").forEach(layer -> layers.add(layer.path("digest").asText()));
        PushedImage image = new PushedImage(registry, repository, layers, null);
        HttpResponse<String> config = get(image.blob(body.path("config").path("digest").asText()),
                HttpResponse.BodyHandlers.ofString());
        assertThat(config.statusCode()).as(repository + " config").isEqualTo(200);
        return new PushedImage(registry, repository, layers, read(config.body()).path("config"));
    }

    /** The last path element of the repository: {@code chartbrief-ingest}. */
    String name() {
        return repository.substring(repository.lastIndexOf('/') + 1);
    }

    /** Downloads one layer blob to a file. */
    void download(String digest, Path file) {
        HttpResponse<Path> response = get(blob(digest), HttpResponse.BodyHandlers.ofFile(file));
        assertThat(response.statusCode()).as(repository + " layer " + digest).isEqualTo(200);
    }

    private URI blob(String digest) {
        return URI.create("http://" + registry + "/v2/" + repository + "/blobs/" + digest);
    }

    private static <T> HttpResponse<T> get(URI uri, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).header("Accept", MANIFEST_TYPES).build(), handler);
        } catch (IOException e) {
            throw new AssertionError("registry " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + e, e);
        }
    }
}
