package io.chartbrief.summary.remote;

import io.chartbrief.summary.llama.LlamaConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Settings of the remote engine (a model server speaking the OpenAI-compatible chat-completions API).
 *
 * @param baseUrl               the API base, e.g. {@code http://gpu-box:8080/v1} (llama-server), {@code
 *                              http://vllm:8000/v1}, {@code http://ollama:11434/v1}; requests go to {@code
 *                              {baseUrl}/chat/completions}, in {@link StructuredOutput#OLLAMA} mode to Ollama's
 *                              native {@code /api/chat} beside it (a trailing {@code /v1} is dropped)
 * @param model                 the model name the server serves (OpenAI {@code model})
 * @param apiKey                bearer token sent as {@code Authorization: Bearer …}, or null for none; never logged
 *                              ({@link #toString()} masks it)
 * @param connectTimeout        TCP/TLS connect limit
 * @param requestTimeout        limit of one HTTP exchange (request sent to whole answer read); not retried when
 *                              it passes: a server that hangs is not asked again
 * @param maxConcurrentRequests requests in flight at once; more wait for a free one (within requestTimeout)
 * @param maxRetries            retries after a connection failure or an HTTP 429/5xx (after the first try)
 * @param initialBackoff        first retry delay, doubled per retry; a {@code Retry-After} header replaces it
 * @param maxBackoff            longest wait before a retry; a {@code Retry-After} beyond it ends the retries
 * @param breakerThreshold      consecutive failed summaries (unreachable, timeout, 429/5xx after retries) that open
 *                              the circuit breaker
 * @param breakerCoolDown       how long an open breaker fails fast before one trial request
 * @param structuredOutput      how the output schema is sent ({@link StructuredOutput})
 * @param schemaStrict          {@code json_schema.strict}: llama-server and vLLM enforce the schema either way;
 *                              OpenAI's strict mode rejects schemas with optional fields (set false there)
 * @param contextSize           the server's context per request (tokens; llama-server {@code --ctx-size} divided by
 *                              {@code --parallel}, vLLM {@code --max-model-len}); also sent to Ollama as {@code num_ctx}
 * @param maxOutputTokens       generation limit per summary ({@code max_tokens})
 * @param temperature           sampling temperature
 * @param seed                  sampling seed
 * @param vitalsPerCode         readings of each vital sign in the prompt
 * @param output                size limits of the JSON the model may write (in the schema)
 */
public record RemoteEngineConfig(URI baseUrl, String model, String apiKey, Duration connectTimeout,
        Duration requestTimeout, int maxConcurrentRequests, int maxRetries, Duration initialBackoff,
        Duration maxBackoff, int breakerThreshold, Duration breakerCoolDown, StructuredOutput structuredOutput,
        boolean schemaStrict, int contextSize, int maxOutputTokens, float temperature, int seed, int vitalsPerCode,
        LlamaConfig.OutputLimits output) {

    /** How the server is told to answer in the summary schema. */
    public enum StructuredOutput {
        /**
         * {@code response_format: {type: json_schema, json_schema: {name, strict, schema}}} on {@code
         * /chat/completions}: OpenAI, llama-server, vLLM, TGI, Ollama 0.5+ on {@code /v1}.
         */
        JSON_SCHEMA,
        /**
         * Ollama's native {@code POST /api/chat} with {@code format: <schema>} and {@code options} (incl. {@code
         * num_ctx}: Ollama's {@code /v1} keeps its small default context and cuts longer prompts silently).
         */
        OLLAMA,
        /** No schema sent (a server without structured output): the answer is parsed and verified all the same. */
        NONE;

        /** From a setting: {@code json-schema}, {@code ollama} or {@code none}. */
        public static StructuredOutput of(String setting) {
            return switch (setting.trim().toLowerCase(Locale.ROOT)) {
                case "json-schema" -> JSON_SCHEMA;
                case "ollama" -> OLLAMA;
                case "none" -> NONE;
                default -> throw new IllegalArgumentException(
                        "structured output must be json-schema, ollama or none: " + setting);
            };
        }

        /** The setting's spelling. */
        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Checks the settings. */
    public RemoteEngineConfig {
        if (baseUrl == null || baseUrl.getScheme() == null || !baseUrl.getScheme().matches("https?")) {
            throw new IllegalArgumentException("remote base URL must be http or https");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("remote model name is required");
        }
        if (maxConcurrentRequests < 1 || maxRetries < 0 || contextSize <= maxOutputTokens || maxOutputTokens < 1) {
            throw new IllegalArgumentException("remote engine: need max-concurrent-requests >= 1, max-retries >= 0 "
                    + "and context-size > max-output-tokens >= 1");
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
    }

    /**
     * Defaults: no API key, connect 5 s, request 120 s, 4 concurrent requests, 2 retries from 500 ms up to 10 s,
     * breaker after 5 failures for 30 s, json-schema (strict), 8K context, 1024 output tokens, 0.1, seed 42, 2
     * vitals per code, the default output limits.
     */
    public static RemoteEngineConfig defaults(URI baseUrl, String model) {
        return new RemoteEngineConfig(baseUrl, model, null, Duration.ofSeconds(5), Duration.ofSeconds(120), 4, 2,
                Duration.ofMillis(500), Duration.ofSeconds(10), 5, Duration.ofSeconds(30),
                StructuredOutput.JSON_SCHEMA, true, 8192, 1024, 0.1f, 42, 2, LlamaConfig.OutputLimits.DEFAULT);
    }

    /** A copy with an API key. */
    public RemoteEngineConfig withApiKey(String key) {
        return new RemoteEngineConfig(baseUrl, model, key, connectTimeout, requestTimeout, maxConcurrentRequests,
                maxRetries, initialBackoff, maxBackoff, breakerThreshold, breakerCoolDown, structuredOutput,
                schemaStrict, contextSize, maxOutputTokens, temperature, seed, vitalsPerCode, output);
    }

    /** A copy with other timeouts. */
    public RemoteEngineConfig withTimeouts(Duration connect, Duration request) {
        return new RemoteEngineConfig(baseUrl, model, apiKey, connect, request, maxConcurrentRequests, maxRetries,
                initialBackoff, maxBackoff, breakerThreshold, breakerCoolDown, structuredOutput, schemaStrict,
                contextSize, maxOutputTokens, temperature, seed, vitalsPerCode, output);
    }

    /** A copy with another retry policy. */
    public RemoteEngineConfig withRetries(int retries, Duration initial, Duration max) {
        return new RemoteEngineConfig(baseUrl, model, apiKey, connectTimeout, requestTimeout, maxConcurrentRequests,
                retries, initial, max, breakerThreshold, breakerCoolDown, structuredOutput, schemaStrict, contextSize,
                maxOutputTokens, temperature, seed, vitalsPerCode, output);
    }

    /** A copy with another circuit breaker. */
    public RemoteEngineConfig withBreaker(int threshold, Duration coolDown) {
        return new RemoteEngineConfig(baseUrl, model, apiKey, connectTimeout, requestTimeout, maxConcurrentRequests,
                maxRetries, initialBackoff, maxBackoff, threshold, coolDown, structuredOutput, schemaStrict,
                contextSize, maxOutputTokens, temperature, seed, vitalsPerCode, output);
    }

    /** A copy with another structured-output mode. */
    public RemoteEngineConfig withStructuredOutput(StructuredOutput mode) {
        return new RemoteEngineConfig(baseUrl, model, apiKey, connectTimeout, requestTimeout, maxConcurrentRequests,
                maxRetries, initialBackoff, maxBackoff, breakerThreshold, breakerCoolDown, mode, schemaStrict,
                contextSize, maxOutputTokens, temperature, seed, vitalsPerCode, output);
    }

    /** The endpoint requests are posted to. */
    public URI endpoint() {
        String base = baseUrl.toString().replaceAll("/+$", "");
        if (structuredOutput == StructuredOutput.OLLAMA) {
            return URI.create(base.replaceAll("/v1$", "") + "/api/chat");
        }
        return URI.create(base + "/chat/completions");
    }

    /** The server as {@code host:port}, for logs and health data (no path, no credentials). */
    public String server() {
        return baseUrl.getHost() + (baseUrl.getPort() > 0 ? ":" + baseUrl.getPort() : "");
    }

    /** Never shows the API key. */
    @Override
    public String toString() {
        return "RemoteEngineConfig[" + server() + ", model " + model + ", api key " + (apiKey == null ? "none" : "set")
                + ", " + structuredOutput.code() + ", request timeout " + requestTimeout + ", " + maxConcurrentRequests
                + " concurrent, " + maxRetries + " retries, breaker " + breakerThreshold + "/" + breakerCoolDown + "]";
    }
}
