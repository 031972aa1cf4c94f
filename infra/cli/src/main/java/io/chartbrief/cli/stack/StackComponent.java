package io.chartbrief.cli.stack;

import java.nio.file.Path;

/** One part of the local stack (broker, database, a service): started, awaited until ready, stopped. */
public interface StackComponent {

    String name();

    /** Where clients reach it, e.g. {@code localhost:9092} or {@code http://localhost:8081}. */
    String address();

    /** Its log file, or null when it logs nowhere of ours (an external server). */
    Path logFile();

    void start() throws Exception;

    /** Blocks until the component answers, or throws with a reason (e.g. its process exited). */
    void awaitReady(java.time.Duration timeout) throws Exception;

    /** Stops it and everything it started; idempotent. */
    void stop();
}
