package io.chartbrief.summary.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chat-completions test server (JDK HttpServer on a free loopback port) for the remote engine's protocol tests:
 * it records every request (path, headers, JSON body) and answers each from a queue of scripted {@link Reply}s,
 * else from the default reply. Response bodies are shaped as llama-server, vLLM and Ollama document them. Shared
 * with the summarizer service's tests through the test-jar; a test in another class loader (a Quarkus test resource
 * runs the server) steers it over HTTP: {@code POST /control/fail/503} answers every later request with that
 * status, {@code POST /control/reset} restores the default, {@code GET /control/requests} lists the requests
 * received ({@code path}, {@code authorization}, {@code body}).
 */
public final class ChatCompletionsServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A fact line of the prompt: {@code [C1] Pneumonia …}. */
    private static final Pattern FACT_LINE = Pattern.compile("(?m)^\\[([A-Z]\\d+)] (.+)$");

    /** One recorded request. */
    public record Request(String method, String path, Map<String, List<String>> headers, JsonNode body) {

        /** A header's first value, or null. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        /** The single user message's text. */
        public String userMessage() {
            return body.path("messages").path(0).path("content").asText();
        }
    }

    /** An answer: status, headers, body, and a delay before it (a hang is a long delay). */
    public record Reply(int status, String contentType, Map<String, String> headers, String body, long delayMillis) {

        /** 200 with a JSON body. */
        public static Reply json(String body) {
            return new Reply(200, "application/json", Map.of(), body, 0);
        }

        /** 200 with a server-sent-event stream. */
        public static Reply events(String body) {
            return new Reply(200, "text/event-stream", Map.of(), body, 0);
        }

        /** An error status with an OpenAI-style error body. */
        public static Reply error(int status, Map<String, String> headers) {
            return new Reply(status, "application/json", headers, "{\"error\":{\"code\":" + status
                    + ",\"message\":\"Patient Jane Doe overloaded\",\"type\":\"server_error\"}}", 0);
        }

        /** The same reply after a delay. */
        public Reply after(long millis) {
            return new Reply(status, contentType, headers, body, millis);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Function<Request, Reply>> script = new ConcurrentLinkedQueue<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();
    /** The default reply: a vLLM-shaped completion of {@link #verifiableAnswer} with usage. */
    private static final Function<Request, Reply> DEFAULT = request -> Reply.json(openAiCompletion(
            verifiableAnswer(request.userMessage()), "medgemma-27b-it", 1234, 56));
    private volatile Function<Request, Reply> fallback = DEFAULT;

    /** Starts on a free port of the loopback address. */
    public ChatCompletionsServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.createContext("/control/", this::control);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "chat-completions-test-server");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** The OpenAI-style API base, {@code http://127.0.0.1:port/v1}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** Answers the next request so (then the following scripted reply, then the default). */
    public ChatCompletionsServer then(Reply reply) {
        script.add(request -> reply);
        return this;
    }

    /** Answers the next request with a reply made from it. */
    public ChatCompletionsServer then(Function<Request, Reply> reply) {
        script.add(reply);
        return this;
    }

    /** Replaces the default reply (used once the script is exhausted). */
    public void otherwise(Function<Request, Reply> reply) {
        fallback = reply;
    }

    /** The requests received so far. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The most requests seen in flight at once. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body);
            requests.add(request);
            Function<Request, Reply> next = script.poll();
            Reply reply = (next != null ? next : fallback).apply(request);
            if (reply.delayMillis() > 0 && closing.await(reply.delayMillis(), TimeUnit.MILLISECONDS)) {
                return; // closed while hanging
            }
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", reply.contentType());
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(reply.status(), out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void control(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String answer = "{}";
            if (path.startsWith("/control/fail/")) {
                int status = Integer.parseInt(path.substring("/control/fail/".length()));
                otherwise(request -> Reply.error(status, Map.of()));
            } else if (path.equals("/control/reset")) {
                otherwise(DEFAULT);
            } else if (path.equals("/control/requests")) {
                ArrayNode list = JSON.createArrayNode();
                for (Request r : requests) {
                    list.addObject().put("path", r.path()).put("authorization", r.header("Authorization"))
                            .set("body", r.body());
                }
                answer = list.toString();
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }

    /**
     * A summary JSON that verifies against the prompt it answers: one problem item per condition fact line ({@code
     * [C…]}), naming the condition as the fact line does (up to its first parenthesis or comma), and a narrative
     * citing the first of them.
     */
    public static String verifiableAnswer(String userMessage) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode problems = JSON.createArrayNode();
        Matcher m = FACT_LINE.matcher(userMessage);
        String first = null;
        String firstName = null;
        while (m.find()) {
            if (!m.group(1).startsWith("C")) {
                continue;
            }
            String name = m.group(2).split("[(,;:]")[0].trim();
            ObjectNode item = problems.addObject();
            item.put("text", name);
            item.putArray("evidence").add(m.group(1));
            item.putObject("claim").put("about", m.group(1));
            if (first == null) {
                first = m.group(1);
                firstName = name;
            }
        }
        root.put("narrative", firstName == null ? "" : "Admitted with " + firstName + ".");
        ArrayNode narrativeEvidence = root.putArray("narrativeEvidence");
        if (first != null) {
            narrativeEvidence.add(first);
        }
        root.set("problems", problems);
        for (String section : List.of("medications", "allergies", "results", "vitals", "notes", "recommendations")) {
            root.putArray(section);
        }
        return root.toString();
    }

    /** A non-streamed OpenAI {@code chat.completion} as llama-server writes it (with its {@code timings}). */
    public static String llamaServerCompletion(String content, int promptTokens, int outputTokens) {
        ObjectNode root = completion(content, "gpt-3.5-turbo", promptTokens, outputTokens);
        root.put("system_fingerprint", "b4916-4375415b");
        ObjectNode timings = root.putObject("timings");
        timings.put("prompt_n", promptTokens).put("prompt_ms", 812.4).put("predicted_n", outputTokens)
                .put("predicted_ms", 3011.9);
        return root.toString();
    }

    /** A non-streamed {@code chat.completion} as vLLM writes it. */
    public static String openAiCompletion(String content, String model, int promptTokens, int outputTokens) {
        return completion(content, model, promptTokens, outputTokens).toString();
    }

    private static ObjectNode completion(String content, String model, int promptTokens, int outputTokens) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-8f2c").put("object", "chat.completion").put("created", 1_733_000_000)
                .put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant").put("content", content);
        message.putNull("refusal");
        message.putNull("reasoning_content");
        message.putArray("tool_calls");
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        choice.putNull("stop_reason");
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", promptTokens).put("total_tokens", promptTokens + outputTokens)
                .put("completion_tokens", outputTokens);
        usage.putNull("prompt_tokens_details");
        root.putNull("prompt_logprobs");
        return root;
    }

    /**
     * A streamed answer as llama-server and vLLM send it: {@code chat.completion.chunk} events in pieces of {@code
     * pieceLength} characters, a last chunk with the finish reason and usage, then {@code [DONE]}.
     */
    public static String eventStream(String content, int pieceLength, int promptTokens, int outputTokens) {
        StringBuilder out = new StringBuilder();
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < content.length(); i += pieceLength) {
            pieces.add(content.substring(i, Math.min(content.length(), i + pieceLength)));
        }
        out.append("data: ").append(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null, null)).append("\n\n");
        for (String piece : pieces) {
            ObjectNode delta = JSON.createObjectNode().put("content", piece);
            out.append("data: ").append(chunk(delta.toString(), null, null)).append("\n\n");
        }
        out.append("data: ").append(chunk("{}", "stop", "{\"prompt_tokens\":" + promptTokens
                + ",\"completion_tokens\":" + outputTokens + ",\"total_tokens\":" + (promptTokens + outputTokens)
                + "}")).append("\n\n");
        out.append("data: [DONE]\n\n");
        return out.toString();
    }

    private static String chunk(String delta, String finish, String usage) {
        return "{\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"created\":1733000000,"
                + "\"model\":\"google/medgemma-27b-it\",\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"logprobs\":null,\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}]"
                + (usage == null ? "" : ",\"usage\":" + usage) + "}";
    }

    /** Ollama's native {@code /api/chat} answer ({@code stream: false}). */
    public static String ollamaChat(String content, int promptTokens, int outputTokens) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", "medgemma:27b").put("created_at", "2026-12-03T14:13:43.416799Z");
        root.putObject("message").put("role", "assistant").put("content", content);
        root.put("done_reason", "stop").put("done", true).put("total_duration", 5_191_566_416L)
                .put("load_duration", 2_154_458).put("prompt_eval_count", promptTokens)
                .put("prompt_eval_duration", 383_809_000).put("eval_count", outputTokens)
                .put("eval_duration", 4_799_921_000L);
        return root.toString();
    }
}
