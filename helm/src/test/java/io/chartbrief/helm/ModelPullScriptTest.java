package io.chartbrief.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summarizer's model-pull init container pulls only when needed. Its rendered script is run here with
 * {@code sh} against a temporary models directory and a fake {@code chartbrief} on the PATH that records its
 * arguments and "downloads" given bytes: no pull when the file and its checksum match; a pull when the file is
 * missing, its checksum differs, or (verifyOnStart) the file no longer matches its recorded checksum.
 */
class ModelPullScriptTest {

    private static final String FILE = "medgemma-4b-it-Q4_K_M.gguf";

    @TempDir
    Path work;

    private Path models;
    private Path bin;
    private Path log;

    @BeforeEach
    void fakeCli() throws IOException {
        models = Files.createDirectories(work.resolve("models"));
        bin = Files.createDirectories(work.resolve("bin"));
        log = work.resolve("pulls.log");
        Path fake = bin.resolve("chartbrief");
        Files.writeString(fake, """
                #!/bin/sh
                echo "$@" >> "$FAKE_LOG"
                [ "${FAKE_FAIL:-}" = "1" ] && { echo 'download failed' >&2; exit 1; }
                dir=''; file=''
                while [ $# -gt 0 ]; do
                  case "$1" in --models-dir) dir=$2; shift ;; --file) file=$2; shift ;; esac
                  shift
                done
                printf '%s' "$FAKE_CONTENT" > "$dir/$file"
                """);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The init container as rendered with these values (mount path = the temporary models directory). */
    private Container initContainer(Map<String, String> sets) {
        Map<String, String> all = new HashMap<>(sets);
        all.put("summarizer.model.mountPath", models.toString());
        List<Container> init = RenderedChart.render(List.of(), all).deployment("summarizer").orElseThrow()
                .getSpec().getTemplate().getSpec().getInitContainers();
        assertThat(init).singleElement().satisfies(c -> assertThat(c.getName()).isEqualTo("model-pull"));
        return init.get(0);
    }

    private record Run(int exit, String output, List<String> pulls) {
    }

    private Run run(Map<String, String> sets, String downloadContent, boolean failDownload) throws Exception {
        return run(initContainer(sets), downloadContent, failDownload);
    }

    private Run run(Container container, String downloadContent, boolean failDownload) throws Exception {
        assertThat(container.getCommand()).containsExactly("sh", "-c");
        String script = container.getArgs().get(0);
        Files.deleteIfExists(log);
        ProcessBuilder process = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
        process.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        process.environment().put("FAKE_LOG", log.toString());
        process.environment().put("FAKE_CONTENT", downloadContent);
        process.environment().put("FAKE_FAIL", failDownload ? "1" : "0");
        Process started = process.start();
        String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(started.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> pulls = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return new Run(started.exitValue(), output, pulls);
    }

    private static String sha256(String content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    private Path model() {
        return models.resolve(FILE);
    }

    private Path sidecar() {
        return models.resolve(FILE + ".sha256");
    }

    @Test
    void theRenderedCommandChecksBeforePulling() {
        String script = initContainer(Map.of()).getArgs().get(0);
        assertThat(script).contains("if [ -f \"$model\" ]", "sha256sum", "chartbrief model pull --force")
                .contains("--repo 'unsloth/medgemma-4b-it-GGUF' --revision 'main'");
        assertThat(script.indexOf("exit 0")).as("the skip comes before the pull")
                .isLessThan(script.indexOf("chartbrief model pull"));
    }

    @Test
    void aMissingModelIsPulledAndItsChecksumRecorded() throws Exception {
        Run run = run(Map.of(), "GGUF model bytes", false);

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.pulls()).singleElement().asString()
                .startsWith("model pull --force --models-dir " + models + " --file " + FILE)
                .contains("--repo unsloth/medgemma-4b-it-GGUF --revision main").doesNotContain("--sha256");
        assertThat(model()).hasContent("GGUF model bytes");
        assertThat(sidecar()).hasContent(sha256("GGUF model bytes"));
    }

    @Test
    void aPresentModelWithItsRecordedChecksumIsNotPulledAgain() throws Exception {
        assertThat(run(Map.of(), "GGUF model bytes", false).pulls()).hasSize(1);

        Run second = run(Map.of(), "other bytes", false);

        assertThat(second.exit()).isZero();
        assertThat(second.pulls()).as("no download").isEmpty();
        assertThat(second.output()).contains("no download");
        assertThat(model()).hasContent("GGUF model bytes");
    }

    @Test
    void aPresentModelMatchingTheExpectedChecksumIsKeptAndRecorded() throws Exception {
        Files.writeString(model(), "copied by hand");
        String want = sha256("copied by hand");

        Run run = run(Map.of("summarizer.model.sha256", want), "downloaded", false);

        assertThat(run.exit()).isZero();
        assertThat(run.pulls()).isEmpty();
        assertThat(sidecar()).hasContent(want);
    }

    @Test
    void aModelWhoseChecksumDiffersIsPulledAgainWithTheExpectedChecksum() throws Exception {
        Files.writeString(model(), "an older model");
        Files.writeString(sidecar(), sha256("an older model") + "\n");
        String want = sha256("the pinned model");

        Run run = run(Map.of("summarizer.model.sha256", want), "the pinned model", false);

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("checksum differs");
        assertThat(run.pulls()).singleElement().asString().contains("--force").endsWith("--sha256 " + want);
        assertThat(model()).hasContent("the pinned model");
        assertThat(sidecar()).hasContent(want);
    }

    @Test
    void verifyOnStartHashesTheFileInsteadOfTrustingTheRecord() throws Exception {
        run(Map.of(), "GGUF model bytes", false);
        Files.writeString(model(), "truncated");

        Run trusting = run(Map.of(), "GGUF model bytes", false);
        assertThat(trusting.pulls()).as("the record is trusted by default").isEmpty();

        String want = sha256("GGUF model bytes");
        Run verifying = run(Map.of("summarizer.model.verifyOnStart", "true", "summarizer.model.sha256", want),
                "GGUF model bytes", false);
        assertThat(verifying.pulls()).hasSize(1);
        assertThat(model()).hasContent("GGUF model bytes");
    }

    @Test
    void aFailedPullFailsTheInitContainerAndRecordsNothing() throws Exception {
        Run run = run(Map.of(), "", true);

        assertThat(run.exit()).isNotZero();
        assertThat(run.output()).contains("download failed");
        assertThat(sidecar()).doesNotExist();
    }

    @Test
    void aFileThatCannotBeHashedFailsInsteadOfCountingAsPresent() throws Exception {
        Files.writeString(model(), "unreadable");
        // sh has no pipefail: a failing sha256sum leaves an empty hash behind `| cut`.
        Path failing = bin.resolve("sha256sum");
        Files.writeString(failing, "#!/bin/sh\necho 'sha256sum: read error' >&2\nexit 1\n");
        Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwxr-xr-x"));

        Run run = run(Map.of(), "bytes", false);

        assertThat(run.exit()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("cannot hash").doesNotContain("no download");
        assertThat(sidecar()).doesNotExist();
    }

    @Test
    void aSecondInitContainerWaitsForThePullOfTheFirst() throws Exception {
        Container container = initContainer(Map.of()); // rendered first: rendering takes longer than the hold
        // Another replica's init container holds the lock and is "downloading": it writes the file, then releases.
        Path locked = work.resolve("locked");
        String content = "GGUF model bytes";
        Process first = new ProcessBuilder("flock", models.resolve(".model-pull.lock").toString(), "sh", "-c",
                "touch '" + locked + "'; sleep 2; printf '%s' '" + content + "' > '" + model() + "'; printf '%s\\n' '"
                        + sha256(content) + "' > '" + sidecar() + "'").redirectErrorStream(true).start();
        for (int i = 0; i < 100 && !Files.exists(locked); i++) {
            Thread.sleep(50);
        }
        assertThat(locked).as("the first pull holds the lock").exists();

        Run second = run(container, "other bytes", false);

        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(second.pulls()).as("no second download").isEmpty();
        assertThat(second.output()).contains("no download");
        assertThat(model()).hasContent(content);
    }

    @Test
    void aMirrorUrlIsUsedInsteadOfTheRepository() throws Exception {
        Run run = run(Map.of("summarizer.model.url", "https://models.hospital.example/m.gguf"), "bytes", false);

        assertThat(run.pulls()).singleElement().asString()
                .contains("--url https://models.hospital.example/m.gguf").doesNotContain("--repo");
    }
}
