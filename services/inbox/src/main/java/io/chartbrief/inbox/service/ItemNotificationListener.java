package io.chartbrief.inbox.service;

import io.chartbrief.inbox.store.ItemChanges;
import io.chartbrief.inbox.store.ItemChanges.Change;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * This replica's subscription to the inbox's change notifications ({@link ItemChanges#CHANNEL}): on a dedicated
 * PostgreSQL connection (never a pooled one) a background thread {@code LISTEN}s, loads each announced item and the
 * items it superseded by id, and hands them to this replica's {@link InboxStream} ({@code event: item}, then
 * {@code event: superseded}). Every replica runs one, so every open stream gets every item routed to its caller,
 * whichever replica's consumer stored it.
 *
 * <p><b>Lost connection.</b> The listener reconnects with exponential backoff (100 ms doubling up to
 * {@code maxBackoff}). Notifications sent while no {@code LISTEN} was active are gone, so after reconnecting (and
 * after {@code LISTEN} is active again) it catches up: it delivers every item created since the last moment the old
 * connection was known to be alive (database clock, confirmed every {@code pingInterval}) minus
 * {@code catchUpWindow} (an item's {@code created_at} is its transaction's start, so the window must exceed the
 * longest item transaction), skipping the items it already delivered. Each item is thus delivered at most once
 * per replica and, unless its transaction outlasted the window, at least once.
 *
 * <p>Items committed before the first {@code LISTEN} of the process are not delivered (no stream of this replica
 * can have been waiting for them: readiness is DOWN until the listener connects).
 */
public final class ItemNotificationListener implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ItemNotificationListener.class);
    private static final long INITIAL_BACKOFF_MILLIS = 100;

    /** Opens a new connection to the inbox database, owned by the listener. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /**
     * Timing of the listener.
     *
     * @param pingInterval  how often the idle connection is checked (and the catch-up point advanced)
     * @param catchUpWindow how far before the last confirmed moment a catch-up looks (above the longest item transaction)
     * @param maxBackoff    the longest wait between reconnection attempts
     */
    public record Settings(Duration pingInterval, Duration catchUpWindow, Duration maxBackoff) {
    }

    private final ConnectionSource source;
    private final Settings settings;
    private final InboxStream stream;
    private final String name;
    private final Counter reconnects;
    private final Counter caughtUp;

    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection connection;
    private volatile boolean connected;
    private volatile long disconnectedSinceNanos = System.nanoTime();
    private volatile int backendPid;

    // Listener thread only (database clock).
    private Instant floor;
    private Instant watermark;
    private final Map<UUID, Instant> delivered = new HashMap<>();

    /**
     * @param name a label for the thread and logs (e.g. {@code inbox-listener})
     */
    public ItemNotificationListener(String name, ConnectionSource source, Settings settings, InboxStream stream,
            MeterRegistry registry) {
        this.name = name;
        this.source = source;
        this.settings = settings;
        this.stream = stream;
        this.reconnects = registry.counter("chartbrief.inbox.listener.reconnects");
        this.caughtUp = registry.counter("chartbrief.inbox.listener.caught.up");
        registry.gauge("chartbrief.inbox.listener.connected", this, l -> l.connected ? 1 : 0);
    }

    /** Starts the background thread (once). */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread and closes the connection. */
    @Override
    public void close() {
        running = false;
        Thread t = thread;
        closeQuietly(connection);
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether {@code LISTEN} is active (and the catch-up after the last reconnect is done). */
    public boolean connected() {
        return connected;
    }

    /** How long the listener has been without an active {@code LISTEN}; empty while connected. */
    public Optional<Duration> disconnectedFor() {
        return connected ? Optional.empty() : Optional.of(Duration.ofNanos(System.nanoTime() - disconnectedSinceNanos));
    }

    /** PostgreSQL backend process id of the current listening connection (0 before the first connect). */
    public int backendPid() {
        return backendPid;
    }

    private void run() {
        long backoff = INITIAL_BACKOFF_MILLIS;
        boolean warned = false;
        while (running) {
            Connection c = null;
            try {
                c = source.open();
                connection = c;
                listen(c);
                backoff = INITIAL_BACKOFF_MILLIS;
                warned = false;
                poll(c);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                markDisconnected();
                String reason = e.getClass().getSimpleName()
                        + (e instanceof SQLException sql && sql.getSQLState() != null ? " " + sql.getSQLState() : "");
                if (!warned) {
                    LOG.warnf("Inbox notification listener %s disconnected (%s); reconnecting with backoff", name, reason);
                    warned = true;
                } else {
                    LOG.debugf(e, "Inbox notification listener %s: reconnect failed (%s)", name, reason);
                }
            } finally {
                connection = null;
                closeQuietly(c);
            }
            if (running) {
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                backoff = Math.min(backoff * 2, Math.max(INITIAL_BACKOFF_MILLIS, settings.maxBackoff().toMillis()));
            }
        }
        markDisconnected();
    }

    /** LISTEN, then catch up what the previous connection may have missed. */
    private void listen(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + ItemChanges.CHANNEL);
        }
        backendPid = c.unwrap(PGConnection.class).getBackendPID();
        Instant listening = ItemChanges.databaseTime(c);
        if (watermark == null) {
            floor = listening;
            LOG.infof("Inbox notification listener %s listening", name);
        } else {
            Instant from = watermark.minus(settings.catchUpWindow());
            int count = deliver(c, ItemChanges.createdSince(c, from.isBefore(floor) ? floor : from));
            reconnects.increment();
            caughtUp.increment(count);
            LOG.infof("Inbox notification listener %s reconnected; %d item(s) caught up", name, count);
        }
        watermark = listening;
        connected = true;
    }

    private void poll(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long pingNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(50), settings.pingInterval().toNanos());
        long nextPing = System.nanoTime() + pingNanos;
        while (running) {
            int wait = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextPing - System.nanoTime()));
            PGNotification[] batch = pg.getNotifications(wait);
            if (batch != null && batch.length > 0) {
                deliver(c, ids(batch));
            }
            if (System.nanoTime() - nextPing >= 0) {
                // A round trip proves the connection alive: every item committed before now is queued here.
                watermark = ItemChanges.databaseTime(c);
                Instant horizon = watermark.minus(settings.catchUpWindow());
                delivered.values().removeIf(created -> created.isBefore(horizon));
                nextPing = System.nanoTime() + pingNanos;
            }
        }
    }

    /** Loads and fans out the items not delivered yet, in the given order; returns how many. */
    private int deliver(Connection c, List<UUID> ids) throws SQLException {
        Set<UUID> fresh = new LinkedHashSet<>();
        for (UUID id : ids) {
            if (!delivered.containsKey(id)) {
                fresh.add(id);
            }
        }
        int count = 0;
        for (Change change : ItemChanges.load(c, new ArrayList<>(fresh))) {
            delivered.put(change.item().id(), change.item().createdAt());
            stream.published(change.item());
            change.superseded().forEach(stream::superseded);
            count++;
        }
        return count;
    }

    private static List<UUID> ids(PGNotification[] batch) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (PGNotification notification : batch) {
            if (ItemChanges.CHANNEL.equals(notification.getName())) {
                try {
                    ids.add(UUID.fromString(notification.getParameter().trim()));
                } catch (IllegalArgumentException e) {
                    LOG.debugf("ignoring a malformed inbox notification payload");
                }
            }
        }
        return new ArrayList<>(ids);
    }

    private void markDisconnected() {
        if (connected) {
            disconnectedSinceNanos = System.nanoTime();
            connected = false;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("closing the listener connection failed", e);
            }
        }
    }
}
