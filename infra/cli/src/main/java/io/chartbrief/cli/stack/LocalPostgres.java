package io.chartbrief.cli.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server (zonky's embedded binaries, run as child processes) with its data under the run
 * directory, kept between runs. Services share one database, {@code chartbrief}, each in its own schema.
 */
final class LocalPostgres implements StackComponent {

    static final String DATABASE = "chartbrief";

    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private EmbeddedPostgres server;

    LocalPostgres(Path runDir, int port) {
        this.dataDir = runDir.resolve("postgres");
        this.logFile = runDir.resolve("logs/postgres.log");
        this.port = port;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String address() {
        return jdbcUrl();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    @Override
    public Path logFile() {
        return logFile;
    }

    @Override
    public void start() throws Exception {
        Files.createDirectories(dataDir);
        Files.createDirectories(logFile.getParent());
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        server = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .start();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
            if (!rs.next()) {
                s.execute("create database " + DATABASE);
            }
        }
    }

    @Override
    public void awaitReady(Duration timeout) throws Exception {
        try (Connection c = server.getDatabase("postgres", DATABASE).getConnection()) {
            c.isValid((int) timeout.toSeconds());
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (Exception e) {
                // best effort: the server's own shutdown hook also stops it
            }
            server = null;
        }
    }
}
