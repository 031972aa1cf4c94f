package io.chartbrief.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inbox REST API as the demo uses it (docs/api.md): demo clinicians and their tokens ({@code /demo/*}, only
 * when the inbox runs with demo mode on), then {@code GET /api/inbox} and {@code GET /api/inbox/{id}} per clinician.
 */
final class InboxClient {

    /** A demo clinician and the bearer token issued for them. */
    record Clinician(String login, String name, String token) {
    }

    /** An inbox item as listed, with the login of a clinician who sees it. */
    record Item(String id, JsonNode json, String seenBy) {
        String encounter() {
            return json.path("encounter").asText("");
        }

        String verification() {
            return json.path("verification").asText("");
        }
    }

    /** The inbox answered something the demo cannot work with (demo mode off, an error status). */
    static final class InboxException extends IOException {
        InboxException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Clinician> clinicians = new LinkedHashMap<>();

    InboxClient(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    }

    /** Logs in every demo clinician ({@code GET /demo/clinicians}, {@code POST /demo/token} each). */
    List<Clinician> loginAll() throws IOException, InterruptedException {
        JsonNode list = send(HttpRequest.newBuilder(base.resolve("demo/clinicians")).GET(), null);
        clinicians.clear();
        for (JsonNode c : list) {
            String login = c.path("login").asText();
            clinicians.put(login, new Clinician(login, c.path("name").asText(login), token(login)));
        }
        if (clinicians.isEmpty()) {
            throw new InboxException("the inbox lists no demo clinicians");
        }
        return List.copyOf(clinicians.values());
    }

    private String token(String login) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("login", login).toString();
        JsonNode answer = send(HttpRequest.newBuilder(base.resolve("demo/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), null);
        String token = answer.path("token").asText("");
        if (token.isEmpty()) {
            throw new InboxException("POST /demo/token gave no token for " + login);
        }
        return token;
    }

    /** The current (not superseded) items every demo clinician sees, newest first, each once. */
    List<Item> items() throws IOException, InterruptedException {
        Map<String, Item> byId = new LinkedHashMap<>();
        for (Clinician c : clinicians.values()) {
            int offset = 0;
            while (true) {
                JsonNode page = send(HttpRequest.newBuilder(base.resolve("api/inbox?limit=100&offset=" + offset)).GET(),
                        c.token());
                JsonNode items = page.path("items");
                for (JsonNode item : items) {
                    byId.putIfAbsent(item.path("id").asText(), new Item(item.path("id").asText(), item, c.login()));
                }
                offset += items.size();
                if (items.size() == 0 || offset >= page.path("total").asInt(0)) {
                    break;
                }
            }
        }
        return new ArrayList<>(byId.values());
    }

    /** {@code GET /api/inbox/{id}} as a clinician who sees the item. */
    JsonNode detail(Item item) throws IOException, InterruptedException {
        Clinician c = clinicians.get(item.seenBy());
        return send(HttpRequest.newBuilder(base.resolve("api/inbox/" + item.id())).GET(), c.token());
    }

    private JsonNode send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
        request.timeout(Duration.ofSeconds(15)).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpRequest built = request.build();
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404 && built.uri().getPath().startsWith("/demo/")) {
            throw new InboxException("the inbox at " + base + " has demo mode off (" + built.uri().getPath()
                    + " → 404); run it with chartbrief.inbox.demo.enabled=true");
        }
        if (response.statusCode() / 100 != 2) {
            throw new InboxException(built.method() + " " + built.uri().getPath() + " → HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }
}
