package io.chartbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chartbrief model pull} against a local HTTP server serving a generated file (with Range support). */
class ModelPullCommandTest {

    @TempDir
    Path models;

    private HttpServer server;
    private String base;
    private byte[] content;
    private String sha256;
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile boolean honourRange = true;
    private UnaryOperator<String> savedEnvironment;

    @BeforeEach
    void serve() throws Exception {
        content = new byte[300_000];
        new Random(42).nextBytes(content);
        System.arraycopy("GGUF".getBytes(), 0, content, 0, 4);
        sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/model.gguf", this::file);
        server.createContext("/hf/resolve/main/model.gguf", exchange -> {
            // Like huggingface.co for an LFS file: a redirect carrying the sha256, to another host (the CDN).
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getResponseHeaders().add("X-Linked-ETag", "\"" + sha256 + "\"");
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + server.getAddress().getPort() + "/model.gguf");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/wrong-etag.gguf", exchange -> {
            exchange.getResponseHeaders().add("ETag", "\"" + "0".repeat(64) + "\"");
            file(exchange);
        });
        server.createContext("/gated.gguf", exchange -> status(exchange, 401));
        server.createContext("/forbidden.gguf", exchange -> status(exchange, 403));
        server.createContext("/missing.gguf", exchange -> status(exchange, 404));
        server.start();
        base = "http://localhost:" + server.getAddress().getPort();
        savedEnvironment = ModelPullCommand.environment;
        ModelPullCommand.environment = name -> null;
    }

    @AfterEach
    void stop() {
        server.stop(0);
        ModelPullCommand.environment = savedEnvironment;
    }

    private void file(HttpExchange exchange) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        ranges.add(String.valueOf(range));
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        int from = 0;
        if (range != null && honourRange) {
            from = Integer.parseInt(range.replace("bytes=", "").replace("-", ""));
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
            exchange.sendResponseHeaders(206, content.length - from);
        } else {
            exchange.sendResponseHeaders(200, content.length);
        }
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(content, from, content.length - from);
        }
    }

    private static void status(HttpExchange exchange, int code) throws IOException {
        byte[] body = "no".getBytes();
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private CliRun pull(String... extra) {
        String[] args = new String[extra.length + 4];
        args[0] = "model";
        args[1] = "pull";
        args[2] = "--models-dir";
        args[3] = models.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return CliRun.of(args);
    }

    @Test
    void downloadsAndChecksTheGivenSha256() throws Exception {
        CliRun run = pull("--url", base + "/model.gguf", "--sha256", sha256.toUpperCase());
        assertThat(run.exit).as(run.err()).isZero();
        assertThat(Files.readAllBytes(models.resolve("model.gguf"))).isEqualTo(content);
        assertThat(models.resolve("model.gguf.part")).doesNotExist();
        assertThat(run.out()).contains("saved ").contains("sha256 " + sha256).contains("matches --sha256");
        assertThat(ranges).containsExactly("null");
    }

    @Test
    void followsTheHuggingFaceRedirectUsesItsChecksumAndKeepsTheTokenOnItsHost() throws Exception {
        ModelPullCommand.environment = name -> name.equals("HF_TOKEN") ? "hf_secret" : null;
        CliRun run = pull("--url", base + "/hf/resolve/main/model.gguf");
        assertThat(run.exit).as(run.err()).isZero();
        assertThat(run.out()).contains("matches X-Linked-ETag");
        assertThat(Files.readAllBytes(models.resolve("model.gguf"))).isEqualTo(content);
        // Sent to the origin (localhost), not to the redirect target (127.0.0.1, another host).
        assertThat(authorizations).containsExactly("Bearer hf_secret", "null");
    }

    @Test
    void resumesFromAPartialFileWithARangeRequest() throws Exception {
        Files.write(models.resolve("model.gguf.part"), Arrays.copyOf(content, 123_456));
        CliRun run = pull("--url", base + "/model.gguf", "--sha256", sha256);
        assertThat(run.exit).as(run.err()).isZero();
        assertThat(ranges).containsExactly("bytes=123456-");
        assertThat(run.err()).contains("resuming model.gguf");
        assertThat(Files.readAllBytes(models.resolve("model.gguf"))).isEqualTo(content);
        assertThat(models.resolve("model.gguf.part")).doesNotExist();
    }

    @Test
    void aServerThatIgnoresRangeRestartsFromZero() throws Exception {
        honourRange = false;
        Files.write(models.resolve("model.gguf.part"), Arrays.copyOf(content, 1000));
        CliRun run = pull("--url", base + "/model.gguf", "--sha256", sha256);
        assertThat(run.exit).as(run.err()).isZero();
        assertThat(ranges).containsExactly("bytes=1000-");
        assertThat(Files.readAllBytes(models.resolve("model.gguf"))).isEqualTo(content);
    }

    @Test
    void checksumMismatchKeepsNothing() {
        CliRun given = pull("--url", base + "/model.gguf", "--sha256", "a".repeat(64));
        assertThat(given.exit).isEqualTo(1);
        assertThat(given.err()).contains("checksum mismatch").contains("the download was deleted");
        assertThat(models.resolve("model.gguf")).doesNotExist();
        assertThat(models.resolve("model.gguf.part")).doesNotExist();

        CliRun published = pull("--url", base + "/wrong-etag.gguf");
        assertThat(published.exit).isEqualTo(1);
        assertThat(published.err()).contains("checksum mismatch").contains("(ETag)");
        assertThat(models.resolve("wrong-etag.gguf")).doesNotExist();
        assertThat(models.resolve("wrong-etag.gguf.part")).doesNotExist();
    }

    @Test
    void unauthorizedAndForbiddenExplainTheTermsAndHfToken() {
        for (String path : List.of("/gated.gguf", "/forbidden.gguf")) {
            CliRun run = pull("--url", base + path);
            assertThat(run.exit).as(path).isEqualTo(1);
            String last = run.err().lines().reduce((a, b) -> b).orElseThrow();
            assertThat(last).as(path).startsWith("chartbrief model pull: access denied (HTTP 40")
                    .contains("Health AI Developer Foundations terms").contains("accept the terms")
                    .contains("HF_TOKEN").contains("HF_TOKEN is not set");
            assertThat(models.resolve(path.substring(1))).doesNotExist();
        }
    }

    @Test
    void notFoundIsClear() {
        CliRun run = pull("--url", base + "/missing.gguf");
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.err()).contains("not found (HTTP 404): " + base + "/missing.gguf");
    }

    @Test
    void networkErrorIsOneLineAndNonZero() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CliRun run = pull("--url", "http://127.0.0.1:" + port + "/model.gguf");
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.err()).contains("network error: cannot reach 127.0.0.1").doesNotContain("\tat ");
    }

    @Test
    void presentFileIsNotDownloadedAgain() throws Exception {
        Files.write(models.resolve("model.gguf"), content);
        CliRun run = pull("--url", base + "/model.gguf", "--sha256", sha256);
        assertThat(run.exit).isZero();
        assertThat(run.out()).contains("already present").contains("sha256 ok");
        assertThat(ranges).isEmpty();
    }

    @Test
    void defaultsPointAtTheDocumentedHuggingFaceFile() {
        ModelPullCommand command = new ModelPullCommand();
        new picocli.CommandLine(command).parseArgs();
        assertThat(command.repo).isEqualTo("unsloth/medgemma-4b-it-GGUF");
        assertThat(ModelFiles.DEFAULT_FILE).isEqualTo("medgemma-4b-it-Q4_K_M.gguf");
        assertThat(URI.create("https://huggingface.co/" + command.repo + "/resolve/" + command.revision + "/"
                + ModelFiles.DEFAULT_FILE).toString())
                .isEqualTo("https://huggingface.co/unsloth/medgemma-4b-it-GGUF/resolve/main/medgemma-4b-it-Q4_K_M.gguf");
    }

    @Test
    void badSha256IsAUsageError() {
        assertThat(pull("--url", base + "/model.gguf", "--sha256", "xyz").exit).isEqualTo(2);
    }
}
