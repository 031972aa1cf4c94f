package io.chartbrief.summary.remote;

import io.chartbrief.summary.SummaryEngine;
import io.chartbrief.summary.SummaryEngineException;
import io.chartbrief.summary.SummaryEngineException.Reason;
import io.chartbrief.summary.answer.ModelAnswer;
import io.chartbrief.summary.answer.OutputSchema;
import io.chartbrief.summary.chart.ClinicalChart;
import io.chartbrief.summary.images.ChartImage;
import io.chartbrief.summary.images.ChartImages;
import io.chartbrief.summary.images.ImageLimits;
import io.chartbrief.summary.model.EngineInfo;
import io.chartbrief.summary.model.PatientSummary;
import io.chartbrief.summary.model.Timings;
import io.chartbrief.summary.model.TokenCounts;
import io.chartbrief.summary.prompt.ChartPrompt;
import io.chartbrief.summary.prompt.PromptBuilder;
import io.chartbrief.summary.prompt.TokenCounter;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A summary from a model server over the OpenAI-compatible chat-completions API (llama.cpp {@code llama-server},
 * vLLM, TGI, Ollama, managed endpoints): MedGemma 27B or a GPU box without the in-process binding's limits. Same
 * prompt as the in-process engine ({@link PromptBuilder}; the instructions and facts form one {@code user} message,
 * Gemma having no system role), same per-prompt JSON schema ({@link OutputSchema}) sent as the server's structured
 * output, same answer reading ({@link ModelAnswer}: thinking blocks stripped, aliases resolved). The draft it
 * returns is not yet verified ({@link io.chartbrief.summary.Summarizer} verifies it and falls back to extractive
 * when this engine throws).
 *
 * <p>No local tokenizer: the prompt budget is counted with {@link #ESTIMATE}, one token per {@value
 * #CHARS_PER_TOKEN} characters — Gemma's tokenizer averages about four characters per token on English chart
 * lines, so this over-counts — and a margin of 5% of the server's context (at least 64 tokens) plus {@value
 * #TEMPLATE_TOKENS} tokens of chat template stays free. The prompt and output token counts of the summary come from
 * the server's {@code usage} (Ollama: {@code prompt_eval_count}, {@code eval_count}), estimated only when absent.
 *
 * <p>Failures: connection failures and HTTP 429/408/5xx are retried with exponential back-off (a {@code
 * Retry-After} header is honoured; one longer than the back-off cap ends the retries); a request that passes the
 * request timeout is cancelled and not retried. After {@code breakerThreshold} failed summaries in a row (server
 * unreachable, timed out, 429/5xx after the retries) the {@link CircuitBreaker} fails further summaries fast for the
 * cool-down, then lets one trial through. Every failure is a {@link SummaryEngineException} with a one-line reason
 * naming no chart content (the server's error text is not copied: it may echo the prompt). Thread-safe; at most
 * {@code maxConcurrentRequests} requests in flight.
 */
public final class RemoteEngine implements SummaryEngine {

    /** Characters per token of the prompt estimate. */
    public static final int CHARS_PER_TOKEN = 3;
    /** The prompt-budget token estimate (rounded up). */
    public static final TokenCounter ESTIMATE = text -> (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    /** Chat-template tokens around the user turn ({@code <start_of_turn>user … <start_of_turn>model}). */
    static final int TEMPLATE_TOKENS = 16;
    private static final int MIN_MARGIN_TOKENS = 64;

    /** How one summary's request ended (for metrics). */
    public enum Outcome {
        /** The server answered with a summary JSON. */
        OK,
        /** Not reachable, or HTTP 429/5xx after the retries. */
        UNAVAILABLE,
        /** No answer within the request timeout (or no free request slot). */
        TIMEOUT,
        /** HTTP 4xx other than 408/429: a request the server will not take (auth, model name, context size). */
        REJECTED,
        /** The answer was not the summary JSON (malformed body or content, cut at the output limit). */
        UNPARSEABLE,
        /** The model refused, or answered nothing but (perhaps) a thinking block. */
        REFUSED,
        /** The circuit breaker is open: no request was made. */
        BREAKER_OPEN,
        /** Anything else (interrupted, a too small context). */
        ERROR;

        /** Lower-case code for a metric tag, e.g. {@code breaker-open}. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** Told about each summary's outcome and each retry (the service counts them); must not throw. */
    public interface Observer {
        /** Observes nothing. */
        Observer NONE = new Observer() {
        };

        /** A summary request ended so. */
        default void outcome(Outcome outcome) {
        }

        /** An HTTP request is sent again after a retryable failure. */
        default void retried() {
        }
    }

    /** Tokens one image costs in the context (Gemma 3 / MedGemma: 256 soft tokens per image, plus its markers). */
    static final int IMAGE_TOKENS = 260;
    /** Heading of the prompt's image list. */
    static final String IMAGES_HEADING = "Images (attached after this text, in this order; cite an image's alias for"
            + " what you see in it, and state only what the image itself shows)";
    /** Why a server not declared to read images gets none. */
    public static final String NO_VISION = "not read: the remote model is not declared to read images";

    private final RemoteEngineConfig config;
    private final ImageLimits images;
    private final Observer observer;
    private final HttpClient http;
    private final Semaphore slots;
    private final CircuitBreaker breaker;

    /** An engine with these settings; nothing is sent until the first summary. */
    public RemoteEngine(RemoteEngineConfig config) {
        this(config, Observer.NONE);
    }

    /** As above, telling {@code observer} about outcomes and retries. */
    public RemoteEngine(RemoteEngineConfig config, Observer observer) {
        this(config, null, observer);
    }

    /**
     * An engine for a server whose model reads images (multimodal MedGemma): the chart's JPEG/PNG attachments within
     * {@code images} go with each summary request as image parts; {@code null} for a text-only model.
     */
    public RemoteEngine(RemoteEngineConfig config, ImageLimits images, Observer observer) {
        this.config = config;
        this.images = images;
        this.observer = observer;
        // HTTP/1.1: plain-http model servers (uvicorn, llama-server) gain nothing from an h2c upgrade attempt.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        this.slots = new Semaphore(config.maxConcurrentRequests(), true);
        this.breaker = new CircuitBreaker(config.breakerThreshold(), config.breakerCoolDown());
    }

    @Override
    public String kind() {
        return EngineInfo.REMOTE;
    }

    /** The settings (the API key masked in their {@code toString}). */
    public RemoteEngineConfig config() {
        return config;
    }

    /** The circuit breaker's state. */
    public CircuitBreaker.State breakerState() {
        return breaker.state();
    }

    /** Failed summaries in a row (what opens the breaker). */
    public int consecutiveFailures() {
        return breaker.consecutiveFailures();
    }

    /** The prompt for a chart, its facts fitted to the server's context by {@link #ESTIMATE}. */
    public ChartPrompt prompt(ClinicalChart chart) throws SummaryEngineException {
        return prompt(chart, List.of());
    }

    /**
     * The prompt with {@code attached} images: their context cost ({@value #IMAGE_TOKENS} tokens each and a line)
     * comes off the facts' budget, and each image's line and alias ({@code I1} → the resource holding it) follow
     * the facts, so an item about an image cites that resource.
     */
    ChartPrompt prompt(ClinicalChart chart, List<ChartImage> attached) throws SummaryEngineException {
        int margin = Math.max(MIN_MARGIN_TOKENS, config.contextSize() / 20);
        StringBuilder imageText = new StringBuilder();
        Map<String, List<String>> imageAliases = new LinkedHashMap<>();
        if (!attached.isEmpty()) {
            imageText.append("\n\n").append(IMAGES_HEADING).append(":");
            for (ChartImage image : attached) {
                imageText.append('\n').append(image.promptLine());
                imageAliases.put(image.alias(), List.of(image.resource()));
            }
        }
        int budget = config.contextSize() - config.maxOutputTokens() - margin - TEMPLATE_TOKENS
                - ESTIMATE.count(PromptBuilder.SYSTEM_TEXT + "\n\n") - ESTIMATE.count(imageText.toString())
                - IMAGE_TOKENS * attached.size();
        if (budget <= 0) {
            throw new SummaryEngineException(Reason.ERROR, "context too small for instructions, images and output");
        }
        ChartPrompt facts = new PromptBuilder(ESTIMATE, config.vitalsPerCode()).build(chart, budget);
        if (attached.isEmpty()) {
            return facts;
        }
        Map<String, List<String>> aliases = new LinkedHashMap<>(facts.aliases());
        aliases.putAll(imageAliases);
        return new ChartPrompt(facts.systemText(), facts.factsText() + imageText, Collections.unmodifiableMap(aliases),
                facts.facts(), facts.factTokens() + ESTIMATE.count(imageText.toString()), facts.budgetTokens(),
                facts.omitted(), facts.passages());
    }

    /** The schema sent for a prompt (its aliases are the only evidence allowed). */
    public String outputSchema(ChartPrompt prompt) {
        return OutputSchema.of(config.output(), prompt.aliases().keySet(), prompt.passages().keySet());
    }

    @Override
    public PatientSummary summarize(ClinicalChart chart) throws SummaryEngineException {
        long start = System.nanoTime();
        ChartImages.Selection selection = images == null ? null : ChartImages.select(chart, images);
        List<ChartImage> attached = selection == null ? List.of() : selection.images();
        ChartPrompt prompt = prompt(chart, attached);
        if (prompt.aliases().isEmpty()) {
            throw new SummaryEngineException(Reason.ERROR, "no chart facts fit the prompt");
        }
        String body = ChatRequestBody.of(config, prompt.userMessage(), outputSchema(prompt), attached);
        long promptMs = millisSince(start);

        long generationStart = System.nanoTime();
        ChatAnswer answer = call(body);
        long generationMs = millisSince(generationStart);

        ModelAnswer parsed = read(answer, prompt);
        observer.outcome(Outcome.OK);
        int promptTokens = answer.promptTokens() >= 0 ? answer.promptTokens()
                : ESTIMATE.count(prompt.userMessage()) + TEMPLATE_TOKENS;
        int outputTokens = answer.outputTokens() >= 0 ? answer.outputTokens() : ESTIMATE.count(answer.content());
        TokenCounts tokens = new TokenCounts(promptTokens, outputTokens, prompt.budgetTokens(), prompt.facts().size(),
                prompt.omittedCount(), prompt.omittedSummary());
        String model = answer.model() != null ? answer.model() : config.model();
        EngineInfo.Images imageRecord = selection != null ? selection.record() : ChartImages.notRead(chart, NO_VISION);
        return parsed.toSummary(chart, new EngineInfo(EngineInfo.REMOTE, model, null, null, imageRecord),
                new Timings(promptMs, generationMs, 0, promptMs + generationMs), tokens);
    }

    /** One summary's exchange: a request slot, the breaker, the retries. */
    private ChatAnswer call(String body) throws SummaryEngineException {
        try {
            if (!slots.tryAcquire(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw failed(Outcome.TIMEOUT, Reason.TIMEOUT, "no free request slot within "
                        + config.requestTimeout().toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(Outcome.ERROR, Reason.ERROR, "interrupted while waiting for a request slot");
        }
        try {
            if (!breaker.tryAcquire()) {
                throw failed(Outcome.BREAKER_OPEN, Reason.UNAVAILABLE, "circuit breaker open after "
                        + breaker.consecutiveFailures() + " failed requests (trial in " + breaker.retryInMillis()
                        + " ms)");
            }
            try {
                ChatAnswer answer = exchange(body);
                breaker.success();
                return answer;
            } catch (SummaryEngineException e) {
                boolean serverFault = e.reason() == Reason.TIMEOUT || e.reason() == Reason.UNAVAILABLE;
                if (serverFault) {
                    breaker.failure();
                } else {
                    breaker.success(); // it answered: a bad request or body is no sign of an unhealthy server
                }
                throw e;
            } catch (RuntimeException e) {
                breaker.success(); // not the server's fault; the trial (if any) must end
                throw e;
            }
        } finally {
            slots.release();
        }
    }

    /** Sends the request, retrying connection failures and 429/408/5xx. */
    private ChatAnswer exchange(String body) throws SummaryEngineException {
        HttpRequest.Builder request = HttpRequest.newBuilder(config.endpoint())
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (config.apiKey() != null) {
            request.header("Authorization", "Bearer " + config.apiKey());
        }
        HttpRequest built = request.build();
        Duration backoff = config.initialBackoff();
        for (int attempt = 0; ; attempt++) {
            boolean last = attempt >= config.maxRetries();
            HttpResponse<String> response;
            try {
                response = send(built);
            } catch (IOException e) {
                if (last) {
                    throw failed(Outcome.UNAVAILABLE, Reason.UNAVAILABLE, "server unreachable ("
                            + e.getClass().getSimpleName() + ") after " + attempts(attempt + 1));
                }
                backoff = pause(backoff, Optional.empty());
                continue;
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return answer(response.body());
            }
            if (status == 429 || status == 408 || status >= 500) {
                Optional<Duration> retryAfter = retryAfter(response);
                if (retryAfter.isPresent() && retryAfter.get().compareTo(config.maxBackoff()) > 0) {
                    throw failed(Outcome.UNAVAILABLE, Reason.UNAVAILABLE, "HTTP " + status + ", server asks to retry"
                            + " after " + retryAfter.get().toSeconds() + " s (longer than the back-off cap)");
                }
                if (last) {
                    throw failed(Outcome.UNAVAILABLE, Reason.UNAVAILABLE, "HTTP " + status + " after "
                            + attempts(attempt + 1));
                }
                backoff = pause(backoff, retryAfter);
                continue;
            }
            throw failed(Outcome.REJECTED, Reason.ERROR, "server rejected the request (HTTP " + status + ")");
        }
    }

    /**
     * One HTTP exchange within the request timeout, the body included ({@link HttpRequest#timeout()} alone ends at
     * the response headers: a server that stalls mid-body would hold the request forever).
     */
    private HttpResponse<String> send(HttpRequest request) throws IOException, SummaryEngineException {
        CompletableFuture<HttpResponse<String>> future = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            return future.get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timeout();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw failed(Outcome.ERROR, Reason.ERROR, "interrupted while waiting for the server");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
                throw timeout();
            }
            if (cause instanceof IOException io) {
                throw io; // refused, reset, connect timeout, TLS: retried
            }
            throw failed(Outcome.ERROR, Reason.ERROR, "request failed (" + cause.getClass().getSimpleName() + ")");
        }
    }

    private SummaryEngineException timeout() {
        return failed(Outcome.TIMEOUT, Reason.TIMEOUT, "no answer within " + config.requestTimeout().toMillis()
                + " ms");
    }

    private ChatAnswer answer(String body) throws SummaryEngineException {
        try {
            return ChatAnswer.parse(body);
        } catch (SummaryEngineException e) {
            throw failed(Outcome.UNPARSEABLE, e.reason(), e.getMessage());
        }
    }

    /** The summary JSON out of an answer, or why there is none. */
    private ModelAnswer read(ChatAnswer answer, ChartPrompt prompt) throws SummaryEngineException {
        if (answer.refusal() != null) {
            throw failed(Outcome.REFUSED, Reason.UNPARSEABLE, "model refused to answer");
        }
        if (ModelAnswer.stripThinking(answer.content()).isBlank()) {
            throw failed(Outcome.REFUSED, Reason.UNPARSEABLE, "empty answer");
        }
        try {
            return ModelAnswer.parse(answer.content(), prompt);
        } catch (SummaryEngineException e) {
            if ("length".equals(answer.finishReason())) {
                throw failed(Outcome.UNPARSEABLE, Reason.UNPARSEABLE, "answer cut at max-output-tokens ("
                        + config.maxOutputTokens() + ")");
            }
            throw failed(Outcome.UNPARSEABLE, e.reason(), e.getMessage());
        }
    }

    /** Waits before a retry; returns the next back-off. */
    private Duration pause(Duration backoff, Optional<Duration> retryAfter) throws SummaryEngineException {
        observer.retried();
        Duration wait = retryAfter.orElse(backoff);
        try {
            Thread.sleep(Math.min(wait.toMillis(), config.maxBackoff().toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(Outcome.ERROR, Reason.ERROR, "interrupted while waiting to retry");
        }
        Duration next = backoff.multipliedBy(2);
        return next.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : next;
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date; empty when absent or unreadable. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After").map(String::trim);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get();
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Duration until = Duration.between(ZonedDateTime.now(),
                    ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private SummaryEngineException failed(Outcome outcome, Reason reason, String message) {
        observer.outcome(outcome);
        return new SummaryEngineException(reason, message);
    }

    private static String attempts(int n) {
        return n + (n == 1 ? " attempt" : " attempts");
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
