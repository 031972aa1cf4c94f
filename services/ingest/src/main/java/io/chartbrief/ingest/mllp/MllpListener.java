package io.chartbrief.ingest.mllp;

import io.chartbrief.ingest.config.IngestConfig;
import io.chartbrief.ingest.service.Hl7IntakeService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.CertificateUpdatedEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * HL7 v2 over MLLP: accepts many concurrent connections; on each connection messages are handled one at a time,
 * in order (the socket is paused until the current message is acknowledged), which is how interface engines
 * expect an MLLP receiver to behave. Memory is bounded twice: per frame ({@code max-message-bytes}) and across
 * connections ({@code max-buffered-bytes}, {@code max-connections}), shared by the plain and the TLS listener.
 * Senders can be limited by address on both and by client certificate on the TLS one ({@link MllpSenderPolicy}).
 */
@ApplicationScoped
public class MllpListener {

    private static final Logger LOG = Logger.getLogger(MllpListener.class);

    private final Vertx vertx;
    private final IngestConfig config;
    private final Hl7IntakeService intake;
    private final TlsConfigurationRegistry tlsRegistry;
    private final MeterRegistry metrics;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final MllpBufferBudget budget;
    private final MllpSenderPolicy senders;
    private volatile NetServer server;
    private volatile NetServer tlsServer;

    public MllpListener(Vertx vertx, IngestConfig config, Hl7IntakeService intake,
            TlsConfigurationRegistry tlsRegistry, MeterRegistry metrics) {
        this.vertx = vertx;
        this.config = config;
        this.intake = intake;
        this.tlsRegistry = tlsRegistry;
        this.metrics = metrics;
        this.budget = new MllpBufferBudget(config.mllp().maxBufferedBytes());
        this.senders = MllpSenderPolicy.of(config.mllp().allowedSenders(), config.mllp().tls().allowedSubjects());
    }

    void start(@Observes StartupEvent event) throws Exception {
        IngestConfig.Mllp mllp = config.mllp();
        if (!mllp.enabled()) {
            LOG.info("MLLP listener disabled");
            return;
        }
        if (mllp.plainEnabled()) {
            server = listen(baseOptions(mllp.port()), false);
            LOG.infof("MLLP listener ready on %s:%d", mllp.host(), server.actualPort());
        }
        IngestConfig.Tls tls = mllp.tls();
        if (tls.enabled()) {
            tlsServer = listen(tlsOptions(tls), true);
            LOG.infof("MLLP TLS listener ready on %s:%d (client certificates %s)", mllp.host(),
                    tlsServer.actualPort(), tls.clientAuth());
        }
    }

    /** Re-reads the key and trust stores when the TLS registry reloads them (e.g. a renewed certificate). */
    void certificatesUpdated(@Observes CertificateUpdatedEvent event) {
        NetServer current = tlsServer;
        if (current != null && event.name().equals(config.mllp().tls().tlsConfigurationName().orElse(null))) {
            current.updateSSLOptions(event.tlsConfiguration().getSSLOptions());
            LOG.info("MLLP TLS listener took the reloaded certificates");
        }
    }

    void stop(@Observes ShutdownEvent event) {
        for (NetServer current : new NetServer[] {server, tlsServer}) {
            if (current != null) {
                current.close();
            }
        }
    }

    /** The bound plain-TCP port (useful when configured with port 0); -1 when it does not listen. */
    public int port() {
        NetServer current = server;
        return current == null ? -1 : current.actualPort();
    }

    /** The bound TLS port; -1 when the TLS listener does not run. */
    public int tlsPort() {
        NetServer current = tlsServer;
        return current == null ? -1 : current.actualPort();
    }

    public int openConnections() {
        return openConnections.get();
    }

    /** Bytes of MLLP frames held in memory now, across all connections. */
    public long bufferedBytes() {
        return budget.used();
    }

    private NetServer listen(NetServerOptions options, boolean tls) throws Exception {
        NetServer listening = vertx.createNetServer(options).connectHandler(socket -> serve(socket, tls));
        listening.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return listening;
    }

    private NetServerOptions baseOptions(int port) {
        IngestConfig.Mllp mllp = config.mllp();
        return new NetServerOptions()
                .setHost(mllp.host())
                .setPort(port)
                .setTcpKeepAlive(true)
                .setIdleTimeout((int) mllp.idleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
    }

    private NetServerOptions tlsOptions(IngestConfig.Tls tls) {
        String name = tls.tlsConfigurationName().orElseThrow(() -> new IllegalStateException(
                "chartbrief.ingest.mllp.tls.enabled=true needs chartbrief.ingest.mllp.tls.tls-configuration-name"
                        + " (a quarkus.tls.<name> configuration with the listener's key store)"));
        TlsConfiguration registered = tlsRegistry.get(name).orElseThrow(() -> new IllegalStateException(
                "chartbrief.ingest.mllp.tls.tls-configuration-name=" + name + ": no quarkus.tls." + name
                        + ".* configuration"));
        if (registered.getKeyStoreOptions() == null) {
            throw new IllegalStateException("quarkus.tls." + name + " has no key store: the MLLP TLS listener"
                    + " needs its certificate and private key");
        }
        if (tls.clientAuth() != ClientAuth.NONE && registered.getTrustStoreOptions() == null) {
            throw new IllegalStateException("chartbrief.ingest.mllp.tls.client-auth=" + tls.clientAuth()
                    + " needs a trust store in quarkus.tls." + name + " (the CA client certificates chain to)");
        }
        if (senders.restrictsSubjects() && tls.clientAuth() != ClientAuth.REQUIRED) {
            throw new IllegalStateException("chartbrief.ingest.mllp.tls.allowed-subjects needs"
                    + " chartbrief.ingest.mllp.tls.client-auth=REQUIRED");
        }
        NetServerOptions options = baseOptions(tls.port())
                .setSsl(true)
                .setKeyCertOptions(registered.getKeyStoreOptions())
                .setClientAuth(tls.clientAuth());
        if (registered.getTrustStoreOptions() != null) {
            options.setTrustOptions(registered.getTrustStoreOptions());
        }
        // Protocols, cipher suites and handshake timeout as the registry configuration says (TLSv1.3/1.2 by default).
        options.setEnabledSecureTransportProtocols(registered.getSSLOptions().getEnabledSecureTransportProtocols());
        registered.getSSLOptions().getEnabledCipherSuites().forEach(options::addEnabledCipherSuite);
        options.setSslHandshakeTimeout(registered.getSSLOptions().getSslHandshakeTimeout());
        options.setSslHandshakeTimeoutUnit(registered.getSSLOptions().getSslHandshakeTimeoutUnit());
        return options;
    }

    /** Address and certificate checks; a refused sender is closed before any of its messages is read. */
    private boolean admitted(NetSocket socket, boolean tls) {
        String address = socket.remoteAddress().hostAddress();
        if (!senders.allowsAddress(address)) {
            refuse(socket, "address", "MLLP connection from %s refused: address not in allowed-senders");
            return false;
        }
        if (tls && senders.restrictsSubjects()) {
            List<Certificate> chain;
            try {
                chain = socket.peerCertificates();
            } catch (Exception e) {
                chain = List.of();
            }
            if (!senders.allowsCertificate(chain)) {
                refuse(socket, "certificate", "MLLP TLS connection from %s refused: client certificate subject"
                        + " not in allowed-subjects");
                return false;
            }
        }
        return true;
    }

    private void refuse(NetSocket socket, String reason, String message) {
        metrics.counter("chartbrief.ingest.mllp.connections.refused", "reason", reason).increment();
        LOG.warnf(message, socket.remoteAddress());
        socket.close();
    }

    private void serve(NetSocket socket, boolean tls) {
        if (!admitted(socket, tls)) {
            return;
        }
        if (openConnections.incrementAndGet() > config.mllp().maxConnections()) {
            openConnections.decrementAndGet();
            refuse(socket, "connections", "MLLP connection from %s refused: max-connections open");
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
