package io.chartbrief.cli.stack;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A ChartBrief service (its Quarkus fast-jar) as a child JVM; ready when {@code /q/health/ready} says UP. */
final class ServiceProcess implements StackComponent, LocalStack.Monitored {

    private final String name;
    private final Path jar;
    private final int httpPort;
    private final Map<String, String> properties;
    private final Path runDir;
    private final ChildProcess process;
    private final String extraAddress;

    ServiceProcess(String name, Path jar, int httpPort, Map<String, String> properties, Path runDir,
            String extraAddress) {
        this.name = name;
        this.jar = jar;
        this.httpPort = httpPort;
        this.properties = properties;
        this.runDir = runDir;
        this.extraAddress = extraAddress;
        this.process = new ChildProcess(name, logFile());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String address() {
        return "http://localhost:" + httpPort + (extraAddress == null ? "" : ", " + extraAddress);
    }

    @Override
    public Path logFile() {
        return runDir.resolve("logs/" + name + ".log");
    }

    @Override
    public void start() throws Exception {
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xmx384m",
                "-Dquarkus.profile=demo", "-Dquarkus.http.port=" + httpPort));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        process.start(command, runDir);
    }

    @Override
    public void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            process.requireAlive();
            try {
                HttpURLConnection http = (HttpURLConnection) URI.create("http://localhost:" + httpPort
                        + "/q/health/ready").toURL().openConnection();
                http.setConnectTimeout(1000);
                http.setReadTimeout(2000);
                if (http.getResponseCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(name + " not ready after " + timeout.toSeconds() + " s; see " + logFile());
    }

    @Override
    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void stop() {
        process.stop();
    }
}
