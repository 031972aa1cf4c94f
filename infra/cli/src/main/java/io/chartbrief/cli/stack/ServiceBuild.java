package io.chartbrief.cli.stack;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Builds the services whose runnable jar is missing, with the project's own Maven wrapper. */
final class ServiceBuild {

    private ServiceBuild() {
    }

    static Path jarOf(Path home, String service) {
        return home.resolve("services/" + service + "/target/quarkus-app/quarkus-run.jar");
    }

    /** Missing, or older than anything in its module or the shared libraries. */
    static boolean isStale(Path home, String service) throws IOException {
        Path jar = jarOf(home, service);
        if (!Files.exists(jar)) {
            return true;
        }
        long built = Files.getLastModifiedTime(jar).toMillis();
        for (Path source : List.of(home.resolve("services/" + service + "/src"), home.resolve("services/" + service + "/pom.xml"),
                home.resolve("shared"), home.resolve("pom.xml"))) {
            if (!Files.exists(source)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(source)) {
                if (files.filter(f -> !f.toString().contains("/target/")).anyMatch(f -> modifiedAfter(f, built))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean modifiedAfter(Path file, long millis) {
        try {
            return Files.isRegularFile(file) && Files.getLastModifiedTime(file).toMillis() > millis;
        } catch (IOException e) {
            return false;
        }
    }

    /** Without building: every service's jar must exist (e.g. after {@code ./mvnw package}). */
    static void requireBuilt(Path home, List<String> services) {
        List<String> missing = services.stream().filter(s -> !Files.exists(jarOf(home, s))).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("not built: " + String.join(", ", missing.stream().map(s -> "services/" + s
                    + "/target/quarkus-app").toList()) + " (run ./mvnw -B -DskipTests package, or drop --no-build)");
        }
    }

    private static void stopTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    static void ensureBuilt(Path home, Path runDir, List<String> services, PrintWriter out) throws Exception {
        List<String> missing = new ArrayList<>();
        for (String service : services) {
            if (isStale(home, service)) {
                missing.add(service);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        out.println("  building " + String.join(", ", missing) + " (missing or older than the sources; a few minutes) ...");
        out.flush();
        List<String> modules = new ArrayList<>();
        missing.forEach(s -> modules.add("services/" + s));
        Path log = runDir.resolve("logs/build.log");
        Files.createDirectories(log.getParent());
        Process build = new ProcessBuilder(home.resolve("mvnw").toString(), "-B", "-q", "-DskipTests", "package",
                "-pl", String.join(",", modules), "-am")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        // Ctrl-C / SIGTERM while building: the Maven build must not outlive the CLI.
        Thread stopBuild = new Thread(() -> stopTree(build), "chartbrief-stop-build");
        Runtime.getRuntime().addShutdownHook(stopBuild);
        try {
            if (!build.waitFor(30, TimeUnit.MINUTES) || build.exitValue() != 0) {
                stopTree(build);
                throw new IllegalStateException("building " + modules + " failed; see " + log);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopBuild);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to
            }
        }
    }
}
