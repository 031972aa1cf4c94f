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
 * expect an MLLP receiver to behave.
 */
@ApplicationScoped
public class MllpListener {

    private static final Logger LOG = Logger.getLogger(MllpListener.class);

    private final Vertx vertx;
    private final IngestConfig config;
    private final Hl7IntakeService intake;
    private final AtomicInteger openConnections = new AtomicInteger();
    private volatile NetServer server;

    public MllpListener(Vertx vertx, IngestConfig config, Hl7IntakeService intake) {
        this.vertx = vertx;
        this.config = config;
        this.intake = intake;
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

    private void serve(NetSocket socket) {
        openConnections.incrementAndGet();
        MllpConnection connection = new MllpConnection(socket, intake, config.mllp().maxMessageBytes());
        socket.closeHandler(v -> openConnections.decrementAndGet());
        socket.exceptionHandler(e -> LOG.debugf("MLLP connection error from %s: %s", socket.remoteAddress(), e));
        socket.handler(connection::onBytes);
    }
}
