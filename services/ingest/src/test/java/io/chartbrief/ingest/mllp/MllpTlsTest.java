package io.chartbrief.ingest.mllp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.message.ACK;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.StandardSocketFactory;
import io.chartbrief.ingest.Fixtures;
import io.chartbrief.interop.mllp.MllpClient;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * MLLP over mutual TLS, with HAPI HL7v2's own MLLP client (as an interface engine's TLS sender would connect):
 * an allowed client certificate gets its ACK; no certificate, a trusted certificate whose subject is not allowed,
 * and plain TCP on the TLS port get none. The plain listener keeps working beside it.
 */
@QuarkusTest
@TestProfile(MllpTlsProfile.class)
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class MllpTlsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    MllpListener listener;

    @Inject
    MeterRegistry metrics;

    private HapiContext hapi;

    @AfterEach
    void closeHapi() throws IOException {
        if (hapi != null) {
            hapi.close();
        }
    }

    @Test
    void allowedClientCertificateIsAcknowledgedOverTls() throws Exception {
        String controlId = "TLS-" + UUID.randomUUID();
        hapi = hapiOverTls(clientContext("mirth"));
        Connection connection = hapi.newClient("localhost", listener.tlsPort(), true);
        try {
            Message ack = connection.getInitiator().sendAndReceive(
                    hapi.getPipeParser().parse(Fixtures.adtA01(controlId, "MRN-TLS")));
            ACK answer = (ACK) ack;
            assertThat(answer.getMSA().getAcknowledgmentCode().getValue()).isEqualTo("AA");
            assertThat(answer.getMSA().getMessageControlID().getValue()).isEqualTo(controlId);
        } finally {
            connection.close();
        }
    }

    @Test
    void clientWithoutCertificateGetsNoAck() throws Exception {
        assertThat(ackOverTls(clientContext(null), "NOCERT-" + UUID.randomUUID())).isNull();
    }

    @Test
    void trustedCertificateOutsideTheSubjectAllowListIsRefused() throws Exception {
        double before = refused("certificate");
        assertThat(ackOverTls(clientContext("rogue"), "ROGUE-" + UUID.randomUUID())).isNull();
        assertThat(refused("certificate")).isEqualTo(before + 1);
    }

    @Test
    void plainTcpOnTheTlsPortGetsNoAck() throws Exception {
        try (MllpClient client = new MllpClient("localhost", listener.tlsPort(), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> client.send(Fixtures.adtA01("PLAIN-" + UUID.randomUUID(), "MRN-TLS")))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void plainListenerStillServesBesideTheTlsOne() throws Exception {
        String controlId = "PLAIN-" + UUID.randomUUID();
        try (MllpClient client = new MllpClient("localhost", listener.port(), TIMEOUT)) {
            assertThat(client.send(Fixtures.adtA01(controlId, "MRN-TLS"))).contains("MSA|AA|" + controlId);
        }
    }

    private double refused(String reason) {
        var counter = metrics.find("chartbrief.ingest.mllp.connections.refused").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Sends one framed message over TLS and returns the ACK, or null when the server ends the connection first. */
    private String ackOverTls(SSLContext context, String controlId) throws Exception {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", listener.tlsPort())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            byte[] body = Fixtures.adtA01(controlId, "MRN-TLS").getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(0x0B);
            socket.getOutputStream().write(body);
            socket.getOutputStream().write(new byte[] {0x1C, 0x0D});
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            StringBuilder ack = new StringBuilder();
            for (int b = in.read(); b >= 0 && b != 0x1C; b = in.read()) {
                ack.append((char) b);
            }
            return ack.indexOf("MSA|") >= 0 ? ack.toString() : null;
        } catch (IOException refusedDuringOrAfterHandshake) {
            return null;
        }
    }

    /** A client trusting the server's certificate and presenting {@code clientName}'s (none when null). */
    private static SSLContext clientContext(String clientName) throws Exception {
        char[] password = MllpTlsProfile.PASSWORD.toCharArray();
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load("server-truststore.p12", password));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        if (clientName != null) {
            keys.init(load(clientName + "-keystore.p12", password), password);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(clientName == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(String file, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(MllpTlsProfile.file(file))) {
            store.load(in, password);
        }
        return store;
    }

    private static HapiContext hapiOverTls(SSLContext context) {
        HapiContext hapi = new DefaultHapiContext(new CanonicalModelClassFactory("2.5.1"));
        hapi.getParserConfiguration().setValidating(false);
        hapi.setSocketFactory(new StandardSocketFactory() {
            @Override
            public Socket createTlsSocket() throws IOException {
                return context.getSocketFactory().createSocket();
            }
        });
        return hapi;
    }
}
