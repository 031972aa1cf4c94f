package io.chartbrief.summarizer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Summarizer settings ({@code chartbrief.summarizer.*}); defaults documented in docs/operations.md. */
@ConfigMapping(prefix = "chartbrief.summarizer")
public interface SummarizerConfig {

    /** Chart service base URL: {@code GET {chart-url}/patients/{id}/chart} (set by {@code chartbrief up}). */
    @WithDefault("http://localhost:8082")
    String chartUrl();

    /**
     * Alternative chart source: a FHIR R4 server base URL ({@code GET {base}/Patient/{id}/$everything}, next pages
     * followed). When set it is used instead of the chart service.
     */
    Optional<String> fhirBaseUrl();

    /** Connect and read timeout of one chart request. */
    @WithDefault("30s")
    Duration chartTimeout();

    /** Retries of a chart fetch that failed to connect or got a 5xx (after the first try). */
    @WithDefault("4")
    int chartRetries();

    /** First retry delay; doubled per retry (capped at 30 s). */
    @WithDefault("1s")
    Duration chartRetryBackoff();

    /**
     * {@code llama}, {@code remote} or {@code extractive}; unset: llama when model-path names an existing file, else
     * extractive.
     */
    Optional<String> engine();

    /** MedGemma (or other chat) GGUF file. */
    Optional<String> modelPath();

    /** Total context (tokens), shared equally by the parallel slots. */
    @WithDefault("8192")
    int contextSize();

    /**
     * Generation threads; 0 = chosen by model size and the CPUs the pod may use (2 / 2 for a 4B model on 2 vCPUs,
     * see docs/performance.md, "llama.cpp engine").
     */
    @WithDefault("0")
    int threads();

    /** Prompt-processing threads; 0 = chosen as for {@link #threads()}. */
    @WithDefault("0")
    int batchThreads();

    /**
     * Model layers offloaded to the GPU (llama.cpp {@code --gpu-layers}): 0 = CPU only, 999 = all. Needs a CUDA build
     * of libjllama ({@code -Dde.kherud.llama.lib.path}); the bundled library is CPU-only and ignores it (a WARN at
     * model load says so). See docs/model.md, "GPU".
     */
    @WithDefault("0")
    int gpuLayers();

    /** Summaries run at once (llama.cpp slots and the request worker pool). */
    @WithDefault("1")
    int parallelSlots();

    /** Generation limit per summary (tokens). */
    @WithDefault("1024")
    int maxOutputTokens();

    /** Sampling temperature (low: summaries should not be creative). */
    @WithDefault("0.1")
    float temperature();

    /** Sampling seed. */
    @WithDefault("42")
    int seed();

    /** Per-request generation limit; the generation is cancelled and the extractive summary used. */
    @WithDefault("120s")
    Duration timeout();

    /** Readings of each vital sign in the prompt. */
    @WithDefault("2")
    int vitalsPerCode();

    /** The remote engine ({@code engine=remote}): a model server speaking the OpenAI-compatible chat API. */
    Remote remote();

    /** {@code chartbrief.summarizer.remote.*}; the sampling settings above (max-output-tokens, temperature, seed,
     * vitals-per-code) apply to it too. */
    interface Remote {

        /** API base, e.g. {@code http://gpu-box:8080/v1}; requests go to {@code {base-url}/chat/completions}. */
        Optional<String> baseUrl();

        /** The model name the server serves. */
        Optional<String> model();

        /** Bearer token (or env {@code CHARTBRIEF_SUMMARIZER_REMOTE_API_KEY}); never logged. */
        Optional<String> apiKey();

        /** A file holding the bearer token (a mounted secret); used when api-key is unset. */
        Optional<String> apiKeyFile();

        /** {@code json-schema} (OpenAI, llama-server, vLLM, TGI), {@code ollama} (native /api/chat) or {@code none}. */
        @WithDefault("json-schema")
        String structuredOutput();

        /** {@code json_schema.strict} (OpenAI's strict mode rejects the schema's optional fields: false there). */
        @WithDefault("true")
        boolean schemaStrict();

        /** The server's context per request (tokens): the prompt is fitted to it with a margin. */
        @WithDefault("8192")
        int contextSize();

        /** Connect limit. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Limit of one HTTP exchange; a request that passes it is cancelled and not retried. */
        @WithDefault("120s")
        Duration requestTimeout();

        /** Requests in flight at once. */
        @WithDefault("4")
        int maxConcurrentRequests();

        /** Retries after a connection failure or HTTP 429/408/5xx. */
        @WithDefault("2")
        int maxRetries();

        /** First retry delay, doubled per retry; Retry-After replaces it. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** Longest retry delay; a longer Retry-After ends the retries. */
        @WithDefault("10s")
        Duration maxBackoff();

        /** Failed summaries in a row that open the circuit breaker. */
        @WithDefault("5")
        int breakerThreshold();

        /** How long an open breaker fails fast before one trial request. */
        @WithDefault("30s")
        Duration breakerCoolDown();

        /**
         * Whether the served model reads images (multimodal MedGemma with its mmproj): the chart's JPEG/PNG
         * attachments then go with each request as image parts, within the {@code images.*} caps.
         */
        @WithDefault("false")
        boolean vision();

        /** {@code chartbrief.summarizer.remote.images.*}: caps on the images sent per summary. */
        Images images();
    }

    /** Caps on the chart images sent to a model that reads them. */
    interface Images {

        /** Images per summary (newest first). */
        @WithDefault("4")
        int maxCount();

        /** Encoded size of one image. */
        @WithDefault("8M")
        io.quarkus.runtime.configuration.MemorySize maxBytes();

        /** Width × height of one image. */
        @WithDefault("25000000")
        long maxPixels();
    }

    /** How the summarizer authenticates to the chart API ({@code chartbrief.summarizer.chart-auth.*}). */
    ChartAuth chartAuth();

    /**
     * {@code chartbrief.summarizer.chart-auth.*}: the bearer token sent to {@code chart-url} (never to
     * {@code fhir-base-url}). Either a service token signed here from a mounted private key ({@code signed}) or one
     * from an identity provider's token endpoint ({@code client-credentials}); cached until shortly before it expires.
     */
    interface ChartAuth {

        /** {@code signed} or {@code client-credentials}. */
        @WithDefault("signed")
        String mode();

        /** signed: PKCS#8 PEM private key file (re-read for every new token, so a rotated Secret takes effect). */
        Optional<String> signingKeyLocation();

        /** signed: {@code RS256} (RSA key) or {@code ES256} (EC P-256 key). */
        @WithDefault("RS256")
        String signingAlgorithm();

        /** signed: the {@code kid} header (lets verifiers pick the key from a JWK Set during a rotation). */
        Optional<String> keyId();

        /** signed: the token's {@code iss}; the chart's {@code mp.jwt.verify.issuer} must be the same. */
        @WithDefault("chartbrief")
        String issuer();

        /** signed: the token's {@code sub}. */
        @WithDefault("chartbrief-summarizer")
        String subject();

        /** signed: the token's {@code aud}; the chart's {@code mp.jwt.verify.audiences}. */
        @WithDefault("chartbrief-chart")
        String audience();

        /** signed: the roles ({@code groups} claim): chart reads and on-demand summary requests. */
        @WithDefault("chart-read,summary-request")
        java.util.List<String> roles();

        /** signed: lifetime of one token (short: a leaked one is soon useless). */
        @WithDefault("5m")
        Duration tokenLifetime();

        /** A cached token is replaced once less than this (at most a fifth of its lifetime) is left. */
        @WithDefault("30s")
        Duration refreshBefore();

        /** client-credentials: the identity provider's token endpoint. */
        Optional<String> tokenUrl();

        /** client-credentials: the client id (HTTP Basic to the token endpoint). */
        Optional<String> clientId();

        /** client-credentials: the client secret (or env {@code CHARTBRIEF_SUMMARIZER_CHART_AUTH_CLIENT_SECRET}). */
        Optional<String> clientSecret();

        /** client-credentials: a file holding the client secret (a mounted Secret); used when client-secret is unset. */
        Optional<String> clientSecretFile();

        /** client-credentials: the {@code scope} parameter, when the provider needs one. */
        Optional<String> scope();
    }

    /** How the summarizer authenticates to {@code fhir-base-url} ({@code chartbrief.summarizer.fhir-auth.*}). */
    FhirAuth fhirAuth();

    /**
     * {@code chartbrief.summarizer.fhir-auth.*}: the bearer token sent to {@code fhir-base-url} (never to
     * {@code chart-url}): none, or SMART Backend Services (client credentials with a signed JWT assertion; token
     * endpoint from {@code {fhir-base-url}/.well-known/smart-configuration}; cached until shortly before it expires).
     */
    interface FhirAuth {

        /** {@code none} or {@code smart-backend}. */
        @WithDefault("none")
        String mode();

        /** smart-backend: the client id the FHIR server registered ChartBrief under. */
        Optional<String> clientId();

        /** smart-backend: PKCS#8 PEM or JWK (Set) file with the private key (re-read for every new token). */
        Optional<String> privateKeyLocation();

        /** smart-backend: {@code RS384} or {@code ES384}; unset: from the key type. */
        Optional<String> algorithm();

        /** smart-backend: the {@code kid} header; unset: the JWK's own kid. */
        Optional<String> keyId();

        /** smart-backend: the scopes requested ({@code $everything} reads every resource type of the chart). */
        @WithDefault("system/*.read")
        String scope();

        /** smart-backend: the token endpoint; unset: discovered from the FHIR server. */
        Optional<String> tokenUrl();

        /** smart-backend: a cached token is replaced once less than this (at most a fifth of its life) is left. */
        @WithDefault("30s")
        Duration refreshBefore();
    }

    /** Inference attempts after which a redelivered request goes to ehr.dlq instead (native crashes). */
    @WithDefault("2")
    int crashLimit();
}
