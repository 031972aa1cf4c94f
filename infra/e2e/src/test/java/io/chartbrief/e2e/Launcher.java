package io.chartbrief.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code ./chartbrief} of this checkout as a child process, as a person would, on free ports and a run
 * directory under {@code target/}. The launcher {@code exec}s the CLI's JVM, so the child's pid is the CLI's.
 */
final class Launcher {

    /** The checkout (set by the build; the module directory's grandparent otherwise). */
    static final Path ROOT = Path.of(System.getProperty("chartbrief.root", "../..")).toAbsolutePath().normalize();

    private Launcher() {
    }

    /** One free localhost port per stack component, as {@code --<name>-port} options. */
    static Map<String, Integer> freePorts() throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (String name : List.of("kafka", "postgres", "inbox", "ingest", "mllp", "chart", "summarizer")) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                ports.put(name, socket.getLocalPort());
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
        return ports;
    }

    static List<String> portOptions(Map<String, Integer> ports) {
        List<String> options = new ArrayList<>();
        ports.forEach((name, port) -> options.add("--" + name + "-port=" + port));
        return options;
    }

    /**
     * Starts {@code ./chartbrief ARGS...} with stdout and stderr into {@code log}. When this JVM inherited SIGINT as
     * ignored (a background job of a non-interactive shell), a child would inherit that too and Ctrl-C could not be
     * tested; coreutils' {@code env --default-signal=INT} (always on Linux, where only this can happen) then restores
     * the default disposition before exec.
     */
    static Process start(Path log, List<String> args) throws IOException {
        return start(log, args, Map.of());
    }

    /** As {@link #start(Path, List)}, with these environment variables added (the stack's services inherit them). */
    static Process start(Path log, List<String> args, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>();
        if (sigintIgnored()) {
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.add(ROOT.resolve("chartbrief").toString());
        command.addAll(args);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Whether SIGINT is ignored in this process (Linux: bit 2 of SigIgn in /proc/self/status). */
    static boolean sigintIgnored() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0b10) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: assume the default disposition
        }
        return false;
    }

    static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("localhost", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A fresh run directory under target/. */
    static Path runDir(String name) throws IOException {
        Path dir = Path.of("target", name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }

    /** Every live process whose command line mentions the run directory (a leftover of the stack). */
    static List<String> processesUsing(Path runDir) {
        String dir = runDir.toString();
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(dir)).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
    }
}
