package io.chartbrief.interop.mllp;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A blocking MLLP sender, as an interface engine would be: writes one framed message ({@code 0x0B … 0x1C 0x0D})
 * and waits for the framed ACK. One message in flight per connection. Used by the CLI, tests and benchmarks.
 */
public final class MllpClient implements Closeable {

    private static final int START_BLOCK = 0x0B;
    private static final int END_BLOCK = 0x1C;
    private static final int CARRIAGE_RETURN = 0x0D;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Charset charset;

    public MllpClient(String host, int port, Duration timeout) throws IOException {
        this(host, port, timeout, StandardCharsets.UTF_8);
    }

    public MllpClient(String host, int port, Duration timeout, Charset charset) throws IOException {
        this.socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.charset = charset;
    }

    /** Sends one message and returns the ACK text (segments separated by {@code \r}). */
    public String send(String message) throws IOException {
        byte[] body = message.getBytes(charset);
        byte[] frame = new byte[body.length + 3];
        frame[0] = START_BLOCK;
        System.arraycopy(body, 0, frame, 1, body.length);
        frame[frame.length - 2] = END_BLOCK;
        frame[frame.length - 1] = CARRIAGE_RETURN;
        out.write(frame);
        out.flush();
        return readFrame();
    }

    /** Reads the next framed message (the ACK). */
    public String readFrame() throws IOException {
        int b;
        do {
            b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed before an ACK arrived");
            }
        } while (b != START_BLOCK);
        ByteArrayOutputStream payload = new ByteArrayOutputStream(256);
        while (true) {
            b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside an MLLP frame");
            }
            if (b == END_BLOCK) {
                int next = in.read();
                if (next == CARRIAGE_RETURN) {
                    return payload.toString(charset);
                }
                payload.write(b);
                if (next < 0) {
                    throw new EOFException("connection closed inside an MLLP frame");
                }
                payload.write(next);
            } else {
                payload.write(b);
            }
        }
    }

    /** The raw output stream, for tests that send malformed framing. */
    public OutputStream rawOutput() {
        return out;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
