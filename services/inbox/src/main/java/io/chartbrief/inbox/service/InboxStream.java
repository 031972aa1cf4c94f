package io.chartbrief.inbox.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartbrief.inbox.config.InboxConfig;
import io.chartbrief.inbox.security.Caller;
import io.chartbrief.inbox.store.InboxItem;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The open event streams ({@code GET /api/inbox/stream}) of this replica and their fan-out: each new or superseded
 * item is sent to every stream whose caller it is routed to. Items come only from this replica's
 * {@link ItemNotificationListener} (PostgreSQL LISTEN/NOTIFY), whichever replica stored them; events carry the item
 * as loaded at delivery. A stream is dropped as soon as it is closed or a
 * send to it fails; heartbeats (SSE comments) find dead connections within one interval.
 */
@ApplicationScoped
public class InboxStream {

    private static final Logger LOG = Logger.getLogger(InboxStream.class);

    /** One open stream. */
    record Subscription(Caller caller, SseEventSink sink, Sse sse) {
    }

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final ObjectMapper json;
    private final InboxConfig config;
    private ScheduledExecutorService heartbeat;

    public InboxStream(ObjectMapper json, InboxConfig config, MeterRegistry registry) {
        this.json = json;
        this.config = config;
        registry.gaugeCollectionSize("chartbrief.inbox.sse.connections", java.util.List.of(), subscriptions);
    }

    void start(@Observes StartupEvent event) {
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "inbox-sse-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(100, config.sseHeartbeat().toMillis());
        heartbeat.scheduleAtFixedRate(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        subscriptions.forEach(s -> close(s));
    }

    /**
     * Registers a stream; it receives events until it is closed.
     *
     * @return false, registering nothing and sending nothing, when the caller or this replica already holds the
     *         most streams allowed ({@code max-streams-per-caller}, {@code max-streams})
     */
    public synchronized boolean open(Caller caller, SseEventSink sink, Sse sse) {
        subscriptions.removeIf(s -> s.sink().isClosed());
        long ofCaller = subscriptions.stream().filter(s -> Objects.equals(s.caller().subject(), caller.subject())).count();
        if (ofCaller >= config.maxStreamsPerCaller() || subscriptions.size() >= config.maxStreams()) {
            return false;
        }
        Subscription subscription = new Subscription(caller, sink, sse);
        subscriptions.add(subscription);
        // An opening comment flushes the response headers so the client sees the stream is up at once.
        send(subscription, sse.newEventBuilder().comment("connected").build());
        return true;
    }

    /** Number of open streams. */
    public int size() {
        subscriptions.removeIf(s -> s.sink().isClosed());
        return subscriptions.size();
    }

    /** Sends {@code event: item} to the streams of the item's recipients. */
    public void published(InboxItem item) {
        broadcast("item", item);
    }

    /** Sends {@code event: superseded} (the old item) to the streams of its recipients. */
    public void superseded(InboxItem item) {
        broadcast("superseded", item);
    }

    private void broadcast(String name, InboxItem item) {
        String data;
        try {
            data = json.writeValueAsString(item);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write item " + item.id(), e);
        }
        for (Subscription subscription : subscriptions) {
            if (subscription.caller().sees(item.recipients())) {
                send(subscription, subscription.sse().newEventBuilder().name(name).id(item.id().toString())
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(data).build());
            }
        }
    }

    private void heartbeat() {
        try {
            for (Subscription subscription : subscriptions) {
                send(subscription, subscription.sse().newEventBuilder().comment("heartbeat").build());
            }
        } catch (RuntimeException e) {
            LOG.debug("heartbeat failed", e);
        }
    }

    private void send(Subscription subscription, OutboundSseEvent event) {
        if (subscription.sink().isClosed()) {
            subscriptions.remove(subscription);
            return;
        }
        try {
            subscription.sink().send(event).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    close(subscription);
                }
            });
        } catch (RuntimeException e) {
            close(subscription);
        }
    }

    private void close(Subscription subscription) {
        subscriptions.remove(subscription);
        try {
            subscription.sink().close();
        } catch (RuntimeException e) {
            LOG.debug("closing a stream failed", e);
        }
    }
}
