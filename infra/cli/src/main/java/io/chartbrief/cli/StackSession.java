package io.chartbrief.cli;

import io.chartbrief.cli.stack.LocalStack;
import java.io.File;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A running local stack owned by one command: started with a shutdown hook so that Ctrl-C (SIGINT/SIGTERM) stops
 * every child process, and stopped exactly once whichever way the command ends.
 */
final class StackSession implements AutoCloseable {

    private final LocalStack stack;
    private final Thread hook;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private StackSession(LocalStack stack) {
        this.stack = stack;
        this.hook = new Thread(this::stopNow, "chartbrief-stop");
    }

    /**
     * Starts the stack and waits until every component is ready.
     *
     * @throws IllegalStateException with a one-line reason (port clash, build failure, a component not ready);
     *                               whatever had started is stopped again
     */
    static StackSession start(LocalStack.Settings settings, PrintWriter out) throws Exception {
        Files.createDirectories(settings.runDir());
        StackSession session = new StackSession(new LocalStack(settings, out));
        Runtime.getRuntime().addShutdownHook(session.hook);
        out.println("Starting ChartBrief (data and logs in " + settings.runDir() + ")");
        out.flush();
        try {
            session.stack.start(libraryClasspath());
        } catch (Exception e) {
            session.close();
            throw e;
        }
        return session;
    }

    /** Components whose process died on its own (empty while all run). */
    List<String> failed() {
        return stack.failed();
    }

    /** Services with no running instance left (a dead replica of a service that still runs is not here). */
    List<String> unavailable() {
        return stack.unavailable();
    }

    /** True once the stack was stopped (by {@link #close()} or the shutdown hook). */
    boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /** Waits up to the given time for the stack to be stopped by a signal; true when it was. */
    boolean awaitStopped(long millis) throws InterruptedException {
        return stopped.await(millis, TimeUnit.MILLISECONDS);
    }

    private void stopNow() {
        stack.stop();
        stopped.countDown();
    }

    /** Stops the stack (idempotent) and removes the shutdown hook unless the JVM is already shutting down. */
    @Override
    public void close() {
        stopNow();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // called from within shutdown: the hook runs anyway
        }
    }

    /** The ChartBrief checkout: set by the launcher script, else the current directory. */
    static Path home() {
        return Path.of(System.getProperty("chartbrief.home", ".")).toAbsolutePath().normalize();
    }

    /** Class path for child JVMs that need our libraries (the Kafka broker): the CLI's lib directory. */
    static String libraryClasspath() throws URISyntaxException {
        Path location = Path.of(StackSession.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isRegularFile(location)) {
            return location.getParent().resolve("lib").toString() + File.separator + "*";
        }
        return System.getProperty("java.class.path");
    }
}
