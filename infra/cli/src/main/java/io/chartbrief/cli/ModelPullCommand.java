package io.chartbrief.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chartbrief model pull}: downloads a MedGemma GGUF from Hugging Face (or a mirror) into the models
 * directory — resumable, sha256-checked, renamed into place only when complete. The weights are gated under
 * Google's Health AI Developer Foundations terms; ChartBrief never ships them.
 */
@Command(name = "pull",
        description = {"Download a MedGemma GGUF into the models directory (resumable, sha256-checked).",
                "The weights are gated by Google's Health AI Developer Foundations terms: accept them on the model's "
                        + "Hugging Face page and set HF_TOKEN. See docs/model.md."},
        mixinStandardHelpOptions = true,
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:model present and checked", "1:download failed (reason on stderr)", "2:usage error"})
final class ModelPullCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--repo", paramLabel = "OWNER/NAME", defaultValue = ModelFiles.DEFAULT_REPO,
            description = "Hugging Face repository (default: ${DEFAULT-VALUE})")
    String repo;

    @Option(names = "--file", paramLabel = "NAME",
            description = "File in the repository (default: " + ModelFiles.DEFAULT_FILE + ")")
    String file;

    @Option(names = "--revision", paramLabel = "REV", defaultValue = "main",
            description = "Branch, tag or commit (default: ${DEFAULT-VALUE})")
    String revision;

    @Option(names = "--url", paramLabel = "URL",
            description = "Download from this URL instead (a mirror); the file name is --file or the URL's last segment")
    URI url;

    @Option(names = "--sha256", paramLabel = "HEX",
            description = "Expected sha256; default: the checksum Hugging Face publishes for LFS files (X-Linked-ETag)")
    String sha256;

    @Option(names = "--models-dir", paramLabel = "DIR",
            description = "Models directory (default: env CHARTBRIEF_MODELS, else <chartbrief home>/models)")
    Path modelsDir;

    @Option(names = "--force", description = "Download again even when the file is already present")
    boolean force;

    /** Environment lookup (tests replace it). */
    static UnaryOperator<String> environment = System::getenv;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String expected = null;
        if (sha256 != null) {
            expected = ModelDownloader.sha256Of(sha256).orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), "--sha256 must be 64 hexadecimal characters"));
        }
        String fileName = localName();
        URI source = url != null ? url : URI.create("https://huggingface.co/" + repo + "/resolve/" + revision + "/"
                + (file == null ? ModelFiles.DEFAULT_FILE : file));
        Path dir = ModelFiles.modelsDir(modelsDir);
        Path target = dir.resolve(fileName);
        String token = environment.apply("HF_TOKEN");

        if (Files.isRegularFile(target) && !force) {
            if (expected != null) {
                try {
                    String actual = ModelDownloader.sha256(target);
                    if (!actual.equals(expected)) {
                        err.println("chartbrief model pull: " + target + " is present but its sha256 is " + actual
                                + ", not " + expected + "; use --force to download it again");
                        return 1;
                    }
                } catch (ModelDownloader.DownloadException e) {
                    err.println("chartbrief model pull: " + e.getMessage());
                    return 1;
                }
            }
            out.println("already present: " + target + (expected != null ? " (sha256 ok)" : "")
                    + " (--force downloads it again)");
            return 0;
        }

        String page = url == null ? "https://huggingface.co/" + repo : "the model's Hugging Face page";
        String hint = "the MedGemma weights are gated under Google's Health AI Developer Foundations terms; "
                + "sign in, accept the terms on " + page + ", and set HF_TOKEN to a Hugging Face access token of "
                + "that account" + (token == null || token.isBlank() ? " (HF_TOKEN is not set)" : " (HF_TOKEN is set "
                + "but was refused)");
        err.println("downloading " + source + " -> " + target);
        err.flush();
        try {
            ModelDownloader.Result result = new ModelDownloader(err, System.console() != null)
                    .download(source, token, target, expected, hint);
            out.println("saved " + result.file() + " (" + ModelDownloader.Progress.bytes(result.bytes()) + ", sha256 "
                    + result.sha256() + (result.checksumSource() == null ? ", no published checksum to compare"
                    : ", matches " + result.checksumSource()) + ")");
            return 0;
        } catch (ModelDownloader.DownloadException e) {
            err.println("chartbrief model pull: " + e.getMessage());
            return 1;
        }
    }

    private String localName() {
        String name = file;
        if (name == null && url != null) {
            String path = url.getPath() == null ? "" : url.getPath();
            name = path.substring(path.lastIndexOf('/') + 1);
        }
        if (name == null) {
            name = ModelFiles.DEFAULT_FILE;
        }
        name = name.substring(name.lastIndexOf('/') + 1);
        if (name.isBlank() || name.equals(".") || name.equals("..")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot tell the file name; use --file");
        }
        if (!name.toLowerCase(Locale.ROOT).endsWith(".gguf")) {
            spec.commandLine().getErr().println("warning: " + name + " does not end in .gguf");
        }
        return name;
    }
}
