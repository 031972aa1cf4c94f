package io.chartbrief.outbound.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import io.chartbrief.testsupport.SmartAuthorizationServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import ca.uhn.fhir.rest.server.provider.HashMapResourceProvider;
import org.hl7.fhir.r4.model.Patient;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The write-back target of the tests: HAPI FHIR's plain {@link RestfulServer} (HAPI's own server framework, the one
 * HAPI's JPA server is built on) in an embedded Jetty at {@code http://localhost:<port>/fhir}, its resources held by
 * HAPI's in-memory {@code HashMapResourceProvider} ({@link InMemoryDocuments}, with the JPA server's behaviour where
 * the tests depend on it). HAPI's JPA server on H2 starts (checked: ~45 s here) but needs Hibernate ORM 6.6, Hibernate
 * Search 7.2 and Spring 6.2 beside Quarkus 3.33, whose BOM (imported by every module) pins other versions; running it
 * in-process would mean overriding those pins, so it is left to a separate-process harness (docs/testing.md).
 *
 * <p>Protected as an EHR protects its FHIR API with SMART Backend Services: {@code .well-known/smart-configuration}
 * names the token endpoint of a {@link SmartAuthorizationServer} that knows ChartBrief's client id and public key,
 * and every request (but {@code metadata}) needs a bearer token that server issued. The port and the client key are
 * fixed for the JVM (system properties), so the Quarkus test resource and the tests agree on them whichever class
 * loader they run in. The listener can be stopped and started again on the same port (a FHIR server that is down).
 */
public final class FhirTarget {

    public static final String CLIENT_ID = "chartbrief-outbound-test";
    public static final String KEY_ID = "outbound-test-1";
    private static final String PORT_PROPERTY = "chartbrief.test.fhir-target.port";
    private static final String KEY_PROPERTY = "chartbrief.test.fhir-target.client-key";
    private static FhirTarget instance;

    private final FhirContext fhir = FhirContext.forR4Cached();
    private final HashMapResourceProvider<Patient> patients = new HashMapResourceProvider<>(fhir, Patient.class);
    private final InMemoryDocuments.DocumentReferences documentReferences =
            new InMemoryDocuments.DocumentReferences(fhir, patients);
    private final InMemoryDocuments.Documents documents = new InMemoryDocuments.Documents(fhir);
    private final SmartAuthorizationServer authorization;
    private final AtomicInteger unauthorized = new AtomicInteger();
    private final Server jetty;
    private final ServerConnector connector;

    private FhirTarget() throws Exception {
        authorization = SmartAuthorizationServer.start(CLIENT_ID, SmartAuthorizationServer.rsaPublicKeyOf(clientKey()),
                KEY_ID, 300);
        RestfulServer restful = new RestfulServer(fhir);
        restful.setResourceProviders(patients, documentReferences, documents);
        restful.setDefaultResponseEncoding(EncodingEnum.JSON);
        restful.registerInterceptor(new BearerCheck());
        jetty = new Server();
        connector = new ServerConnector(jetty);
        connector.setHost("localhost");
        connector.setPort(port());
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(restful), "/fhir/*");
        context.addServlet(new ServletHolder(new SmartConfiguration()), "/fhir/.well-known/smart-configuration");
        jetty.setHandler(context);
        jetty.start();
    }

    /** The server, started on first use. */
    public static synchronized FhirTarget instance() {
        if (instance == null) {
            try {
                instance = new FhirTarget();
            } catch (Exception e) {
                throw new IllegalStateException("the test FHIR server did not start", e);
            }
        }
        return instance;
    }

    /** The FHIR base URL. */
    public static String baseUrl() {
        return "http://localhost:" + port() + "/fhir";
    }

    /** The port, picked once per JVM. */
    public static synchronized int port() {
        String port = System.getProperty(PORT_PROPERTY);
        if (port == null) {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = Integer.toString(socket.getLocalPort());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            System.setProperty(PORT_PROPERTY, port);
        }
        return Integer.parseInt(port);
    }

    /** ChartBrief's private key (PKCS#8 PEM), generated once per JVM; the server knows its public half. */
    public static synchronized Path clientKey() {
        String path = System.getProperty(KEY_PROPERTY);
        if (path == null) {
            try {
                Path file = Files.createTempFile("outbound-smart-client", ".pem");
                file.toFile().deleteOnExit();
                SmartAuthorizationServer.writePem(SmartAuthorizationServer.rsaKeyPair().getPrivate(), file);
                path = file.toString();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            System.setProperty(KEY_PROPERTY, path);
        }
        return Path.of(path);
    }

    /** Takes requests again (after {@link #stop()}). */
    public synchronized void start() {
        if (!connector.isStarted()) {
            try {
                connector.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Closes the listener: connections are refused, as by a server that is down. */
    public synchronized void stop() {
        try {
            connector.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers a patient with the EHR (as its MPI already knows every patient ChartBrief summarizes). */
    public synchronized void admit(String system, String value) {
        boolean known = patients.getStoredResources().stream().anyMatch(p -> p.getIdentifier().stream()
                .anyMatch(i -> system.equals(i.getSystem()) && value.equals(i.getValue())));
        if (known) {
            return;
        }
        patients.store(new Patient().addIdentifier(new org.hl7.fhir.r4.model.Identifier().setSystem(system)
                .setValue(value)));
    }

    public InMemoryDocuments.DocumentReferences documentReferences() {
        return documentReferences;
    }

    public InMemoryDocuments.Documents documents() {
        return documents;
    }

    public SmartAuthorizationServer authorization() {
        return authorization;
    }

    /** Requests answered 401 (no, expired or revoked token). */
    public int unauthorized() {
        return unauthorized.get();
    }

    /** HAPI's generic client on this server, as an EHR's own tooling would search it (its own bearer token). */
    public IGenericClient client() {
        IGenericClient client = fhir.newRestfulGenericClient(baseUrl());
        client.registerInterceptor(new BearerTokenAuthInterceptor(authorization.issueDirectly()));
        return client;
    }

    /** Rejects any request but {@code metadata} without a bearer token of the authorization server. */
    @Interceptor
    public final class BearerCheck {
        @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
        public void authorize(RequestDetails request) {
            if (request.getRestOperationType() == RestOperationTypeEnum.METADATA) {
                return;
            }
            if (!authorization.accepts(request.getHeader("Authorization"))) {
                unauthorized.incrementAndGet();
                throw new AuthenticationException("a valid bearer token is required");
            }
        }
    }

    /** {@code GET /fhir/.well-known/smart-configuration}. */
    private final class SmartConfiguration extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("application/json");
            response.getOutputStream().write(authorization.smartConfiguration().getBytes(StandardCharsets.UTF_8));
        }
    }
}
