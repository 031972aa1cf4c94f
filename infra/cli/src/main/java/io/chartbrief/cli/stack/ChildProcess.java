package io.chartbrief.cli.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child JVM of the stack: output to a log file, stopped with SIGTERM then, after a grace period, killed. */
final class ChildProcess {

    private final String name;
    private final Path logFile;
    private Process process;
    private boolean stopped;

    ChildProcess(String name, Path logFile) {
        this.name = name;
        this.logFile = logFile;
    }

    /**
     * @throws IllegalStateException when {@link #stop()} came first (Ctrl-C while the stack was starting): a process
     *                               started now would outlive the CLI
     */
    synchronized void start(List<String> command, Path workingDir) throws IOException {
        if (stopped) {
            throw new IllegalStateException(name + " not started: the stack is stopping");
        }
        Files.createDirectories(logFile.getParent());
        process = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
    }

    synchronized void requireAlive() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException(name + " exited" + (process == null ? "" : " with status "
                    + process.exitValue()) + "; see " + logFile);
        }
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    synchronized void stop() {
        stopped = true;
        if (process == null) {
            return;
        }
        // Descendants first-class too: a JVM normally has none, but nothing may outlive the stack.
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        process = null;
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
