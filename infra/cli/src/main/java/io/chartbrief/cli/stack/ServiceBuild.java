package io.chartbrief.cli.stack;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Builds the services whose runnable jar is missing, with the project's own Maven wrapper. */
final class ServiceBuild {

    private ServiceBuild() {
    }

    static Path jarOf(Path home, String service) {
        return home.resolve("services/" + service + "/target/quarkus-app/quarkus-run.jar");
    }

    static void ensureBuilt(Path home, Path runDir, List<String> services, PrintWriter out) throws Exception {
        List<String> missing = services.stream().filter(s -> !Files.exists(jarOf(home, s))).toList();
        if (missing.isEmpty()) {
            return;
        }
        out.println("  building " + String.join(", ", missing) + " (first run; a few minutes) ...");
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
        if (!build.waitFor(30, TimeUnit.MINUTES) || build.exitValue() != 0) {
            build.destroyForcibly();
            throw new IllegalStateException("building " + modules + " failed; see " + log);
        }
    }
}
