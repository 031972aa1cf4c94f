package io.chartbrief.helm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An image's layers unpacked into a directory and its entrypoint run there the way a container runtime would, for a
 * machine without one: layers in order, {@code /proc} mounted in a new mount and PID namespace ({@code unshare}),
 * {@code /etc/hosts} written (runtimes inject it), then {@code chroot} as the image's user with only the image's
 * environment (plus the given variables) and working directory. Needs root; the network is the host's.
 */
final class ImageTree {

    private final PushedImage image;
    private final Path root;

    private ImageTree(PushedImage image, Path root) {
        this.image = image;
        this.root = root;
    }

    static ImageTree unpack(PushedImage image, Path root) throws IOException, InterruptedException {
        for (String layer : image.layers()) {
            Path blob = Files.createTempFile("layer", ".tar.gz");
            try {
                image.download(layer, blob);
                run(List.of("tar", "--warning=no-unknown-keyword", "-xzf", blob.toString(), "-C", root.toString()));
            } finally {
                Files.deleteIfExists(blob);
            }
        }
        // What a runtime provides: a / its user can enter (a temporary directory is not) and /etc/hosts.
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(root.resolve("etc/hosts"), "127.0.0.1 localhost\n::1 localhost ip6-localhost\n");
        return new ImageTree(image, root);
    }

    Path root() {
        return root;
    }

    /** The command that runs the image's entrypoint with {@code args} in this tree. */
    List<String> command(Map<String, String> env, List<String> args) {
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork", "--kill-child",
                "--mount-proc=" + root.resolve("proc"), "chroot", "--userspec=" + image.config().path("User").asText(),
                root.toString(), "/usr/bin/env", "-i"));
        image.config().path("Env").forEach(variable -> command.add(variable.asText()));
        env.forEach((name, value) -> command.add(name + "=" + value));
        String workdir = image.config().path("WorkingDir").asText("/");
        // env has no working-directory option on Debian 12: sh changes into it, then runs the entrypoint.
        command.addAll(List.of("/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", workdir));
        image.config().path("Entrypoint").forEach(part -> command.add(part.asText()));
        command.addAll(args);
        return command;
    }

    /**
     * Stops what {@link #command} started: {@code unshare} ignores SIGTERM while it waits, and the service lost
     * {@code --kill-child}'s death signal when chroot changed its user, so the service is stopped first (SIGTERM, as
     * a runtime does), then {@code unshare}.
     */
    static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Runs a command to its end (two minutes at most) and returns its output; fails on a non-zero exit. */
    static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not end: " + String.join(" ", command));
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError("exit " + process.exitValue() + ": " + String.join(" ", command) + "\n" + text);
        }
        return text;
    }
}
