package io.chartbrief.inbox.service;

import io.chartbrief.inbox.config.InboxConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Runs this replica's {@link ItemNotificationListener} on its own connection to the datasource's database (same
 * URL and credentials, application name {@value #APPLICATION_NAME}) and reports it as readiness check
 * {@code inbox-notifications}: DOWN once the listener has been without an active {@code LISTEN} for longer than
 * {@code chartbrief.inbox.listener.down-after} (streams on this replica would miss items meanwhile).
 */
@Readiness
@ApplicationScoped
public class InboxNotifications implements HealthCheck {

    /** {@code application_name} of the listening connection (visible in {@code pg_stat_activity}). */
    public static final String APPLICATION_NAME = "chartbrief-inbox-listener";

    private final InboxConfig config;
    private final InboxStream stream;
    private final MeterRegistry registry;
    private final String url;
    private final Optional<String> username;
    private final Optional<String> password;
    private volatile ItemNotificationListener listener;

    public InboxNotifications(InboxConfig config, InboxStream stream, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.config = config;
        this.stream = stream;
        this.registry = registry;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    void start(@Observes StartupEvent event) {
        listener = new ItemNotificationListener("inbox-listener", this::open, settings(config), stream, registry);
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (listener != null) {
            listener.close();
        }
    }

    /** The listener's timing from {@code chartbrief.inbox.listener.*}. */
    public static ItemNotificationListener.Settings settings(InboxConfig config) {
        return new ItemNotificationListener.Settings(config.listener().pingInterval(),
                config.listener().catchUpWindow(), config.listener().maxBackoff());
    }

    /** This replica's listener (null before startup). */
    public ItemNotificationListener listener() {
        return listener;
    }

    @Override
    public HealthCheckResponse call() {
        ItemNotificationListener current = listener;
        Optional<Duration> down = current == null ? Optional.of(Duration.ZERO) : current.disconnectedFor();
        boolean up = down.isEmpty() || down.get().compareTo(config.listener().downAfter()) <= 0;
        return HealthCheckResponse.named("inbox-notifications").status(current != null && up)
                .withData("listening", down.isEmpty())
                .withData("disconnectedSeconds", down.map(Duration::toSeconds).orElse(0L))
                .build();
    }

    private Connection open() throws SQLException {
        Properties properties = new Properties();
        username.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "10");
        // Bounds a ping on a silently dead network; waiting for notifications sets its own timeout.
        properties.setProperty("socketTimeout", "30");
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: the inbox listener needs PostgreSQL");
        }
        return connection;
    }
}
