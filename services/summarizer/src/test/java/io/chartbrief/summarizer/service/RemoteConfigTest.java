package io.chartbrief.summarizer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartbrief.summarizer.config.SummarizerConfig;
import io.chartbrief.summary.remote.RemoteEngineConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chartbrief.summarizer.remote.*} from the environment to the engine's settings; the API key from a file. */
class RemoteConfigTest {

    @TempDir
    Path dir;

    private static RemoteEngineConfig remote(Map<String, String> environment) {
        SummarizerConfig config = new SmallRyeConfigBuilder().withMapping(SummarizerConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new EnvConfigSource(environment, 300)).build()
                .getConfigMapping(SummarizerConfig.class);
        return new EngineService(config, new SimpleMeterRegistry()).remoteConfig();
    }

    private static Map<String, String> base() {
        Map<String, String> env = new HashMap<>();
        env.put("CHARTBRIEF_SUMMARIZER_ENGINE", "remote");
        env.put("CHARTBRIEF_SUMMARIZER_REMOTE_BASE_URL", "https://vllm.internal:8000/v1");
        env.put("CHARTBRIEF_SUMMARIZER_REMOTE_MODEL", "google/medgemma-27b-it");
        return env;
    }

    @Test
    void defaultsAndEnvironment() {
        Map<String, String> env = base();
        env.put("CHARTBRIEF_SUMMARIZER_REMOTE_API_KEY", "sk-from-env");
        env.put("CHARTBRIEF_SUMMARIZER_REMOTE_STRUCTURED_OUTPUT", "ollama");
        env.put("CHARTBRIEF_SUMMARIZER_REMOTE_INITIAL_BACKOFF", "250ms");

        RemoteEngineConfig config = remote(env);

        assertThat(config.apiKey()).isEqualTo("sk-from-env");
        assertThat(config.structuredOutput()).isEqualTo(RemoteEngineConfig.StructuredOutput.OLLAMA);
        assertThat(config.endpoint()).hasToString("https://vllm.internal:8000/api/chat");
        assertThat(config.initialBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.maxConcurrentRequests()).isEqualTo(4);
        assertThat(config.breakerThreshold()).isEqualTo(5);
        assertThat(config.contextSize()).isEqualTo(8192);
        assertThat(config.maxOutputTokens()).isEqualTo(1024);
        assertThat(config.toString()).doesNotContain("sk-from-env");
    }

    @Test
    void apiKeyFromAMountedSecretFile() throws Exception {
        Path secret = Files.writeString(dir.resolve("api-key"), "sk-from-file\n");
        Map<String, String> env = base();
        env.put("CHARTBRIEF_SUMMARIZER_REMOTE_API_KEY_FILE", secret.toString());

        RemoteEngineConfig config = remote(env);

        assertThat(config.apiKey()).isEqualTo("sk-from-file");
        assertThat(config.endpoint()).hasToString("https://vllm.internal:8000/v1/chat/completions");
    }

    @Test
    void missingSettingsSayWhich() {
        Map<String, String> env = base();
        env.remove("CHARTBRIEF_SUMMARIZER_REMOTE_BASE_URL");
        assertThatThrownBy(() -> remote(env)).hasMessage("remote.base-url not set");

        Map<String, String> noKey = base();
        noKey.put("CHARTBRIEF_SUMMARIZER_REMOTE_API_KEY_FILE", "/no/such/secret");
        assertThatThrownBy(() -> remote(noKey)).hasMessageStartingWith("remote.api-key-file unreadable")
                .hasMessageNotContaining("/no/such");
    }
}
