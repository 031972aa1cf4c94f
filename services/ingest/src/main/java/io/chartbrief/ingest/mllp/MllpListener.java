package io.chartbrief.ingest.mllp;

import io.chartbrief.ingest.config.IngestConfig;
import io.chartbrief.ingest.service.Hl7IntakeService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * HL7 v2 over MLLP: accepts many concurrent connections; on each connection messages are handled one at a time,
 * in order (the socket is paused until the current message is acknowledged), which is how interface engines
 * expect an MLLP receiver to behave. Memory is bounded twice: per frame ({@code max-message-bytes}) and across
 * connections ({@code max-buffered-bytes}, {@code max-connections}).
 */
@ApplicationScoped
public class MllpListener {

    private static final Logger LOG = Logger.getLogger(MllpListener.class);

    private final Vertx vertx;
    private final IngestConfig config;
    private final Hl7IntakeService intake;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final MllpBufferBudget budget;
    private volatile NetServer server;

    public MllpListener(Vertx vertx, IngestConfig config, Hl7IntakeService intake) {
        this.vertx = vertx;
        this.config = config;
        this.intake = intake;
        this.budget = new MllpBufferBudget(config.mllp().maxBufferedBytes());
    }

    void start(@Observes StartupEvent event) throws Exception {
        IngestConfig.Mllp mllp = config.mllp();
        if (!mllp.enabled()) {
            LOG.info("MLLP listener disabled");
            return;
        }
        NetServerOptions options = new NetServerOptions()
                .setHost(mllp.host())
                .setPort(mllp.port())
                .setTcpKeepAlive(true)
                .setIdleTimeout((int) mllp.idleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
        server = vertx.createNetServer(options).connectHandler(this::serve);
        server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        LOG.infof("MLLP listener ready on %s:%d", mllp.host(), server.actualPort());
    }

    void stop(@Observes ShutdownEvent event) {
        NetServer current = server;
        if (current != null) {
            current.close();
        }
    }

    /** The bound port (useful when configured with port 0). */
    public int port() {
        NetServer current = server;
        return current == null ? -1 : current.actualPort();
    }

    public int openConnections() {
        return openConnections.get();
    }

    /** Bytes of MLLP frames held in memory now, across all connections. */
    public long bufferedBytes() {
        return budget.used();
    }

    private void serve(NetSocket socket) {
        if (openConnections.incrementAndGet() > config.mllp().maxConnections()) {
            openConnections.decrementAndGet();
            LOG.warnf("MLLP connection from %s refused: %d connections open", socket.remoteAddress(),
                    config.mllp().maxConnections());
            socket.close();
            return;
        }
        MllpConnection connection = new MllpConnection(socket, intake, config.mllp().maxMessageBytes(), budget);
        socket.closeHandler(v -> {
            openConnections.decrementAndGet();
            connection.onClosed();
        });
        socket.exceptionHandler(e -> LOG.debugf("MLLP connection error from %s: %s", socket.remoteAddress(), e));
        socket.handler(connection::onBytes);
    }
}
