package io.chartbrief.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in the test JVM between a service and a server (PostgreSQL), which a test can {@linkplain #cut()
 * cut} and {@linkplain #restore() restore} to simulate a network or server outage: while cut, the listening port
 * is closed (new connections are refused: {@code ECONNREFUSED}) and every open connection has been reset on both
 * sides (in-flight statements fail with an I/O error); restored, the same port accepts and forwards again.
 *
 * <p>Two threads per connection copy the bytes; the proxy adds no delay.
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile ServerSocket server;
    private volatile boolean closed;

    private TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        ServerSocket first = listen(0);
        this.port = first.getLocalPort();
        startAccepting(first);
    }

    /** Starts a proxy on a free localhost port that forwards to {@code targetHost:targetPort}. */
    public static TcpProxy start(String targetHost, int targetPort) {
        return new TcpProxy(targetHost, targetPort);
    }

    /** The proxy's localhost port (the same before and after a cut). */
    public int port() {
        return port;
    }

    /** Connections accepted so far (all of them, over cuts). */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** Whether the proxy is cut now. */
    public synchronized boolean isCut() {
        return server == null;
    }

    /** Refuses new connections and resets every open one. Idempotent. */
    public synchronized void cut() {
        ServerSocket current = server;
        server = null;
        if (current != null) {
            closeQuietly(current);
        }
        for (Socket socket : open) {
            reset(socket);
        }
        open.clear();
    }

    /** Accepts and forwards connections again, on the same port. Idempotent. */
    public synchronized void restore() {
        if (server == null && !closed) {
            startAccepting(listen(port));
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        cut();
    }

    private ServerSocket listen(int onPort) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on localhost:" + onPort, e);
        }
    }

    private void startAccepting(ServerSocket socket) {
        server = socket;
        Thread acceptor = new Thread(() -> accept(socket), "tcp-proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // closed by cut()
            }
            accepted.incrementAndGet();
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
            } catch (IOException e) {
                reset(client);
                closeQuietly(upstream);
                continue;
            }
            synchronized (this) {
                if (server != socket) { // cut meanwhile
                    reset(client);
                    reset(upstream);
                    return;
                }
                open.add(client);
                open.add(upstream);
            }
            pipe(client, upstream);
            pipe(upstream, client);
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread copier = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // reset or closed: the other copier sees it too
            } finally {
                open.remove(from);
                open.remove(to);
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-" + from.getPort() + "-" + to.getPort());
        copier.setDaemon(true);
        copier.start();
    }

    /** Closes with SO_LINGER 0: the peer gets a reset, as when a server or a network path dies. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // nothing to do
        }
    }
}
