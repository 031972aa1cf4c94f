package io.chartbrief.outbound.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import io.chartbrief.testsupport.SmartAuthorizationServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

/**
 * The write-back target of the tests: HAPI FHIR's JPA server on H2 (module {@code shared/fhir-test-server}) at
 * {@code http://localhost:<port>/fhir}, started in this JVM in a class loader of its own. Its classpath is the one
 * that module's build wrote into its jar: the JPA server needs Hibernate ORM 6.6, Spring 6.2 and jboss-logging 3.6,
 * which the Quarkus BOM pins differently for every ChartBrief module, so it cannot share the test's class path.
 *
 * <p>Protected as an EHR protects its FHIR API with SMART Backend Services: {@code .well-known/smart-configuration}
 * names the token endpoint of a {@link SmartAuthorizationServer} that knows ChartBrief's client id and public key,
 * and every request (but {@code metadata}) needs a bearer token that server says is active (token introspection).
 * The port and the client key are fixed for the JVM (system properties), so the Quarkus test resource and the tests
 * agree on them whichever class loader they run in. The server's admin listener closes and reopens the FHIR
 * listener (a server that is down) and scripts failures of a create.
 */
public final class FhirTarget {

    public static final String CLIENT_ID = "chartbrief-outbound-test";
    public static final String KEY_ID = "outbound-test-1";
    private static final String PORT_PROPERTY = "chartbrief.test.fhir-target.port";
    private static final String KEY_PROPERTY = "chartbrief.test.fhir-target.client-key";
    private static final String SERVER_CLASSPATH = "META-INF/chartbrief/fhir-test-server.classpath";
    private static FhirTarget instance;

    private final FhirContext fhir = FhirContext.forR4Cached();
    private final SmartAuthorizationServer authorization;
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI admin;
    private final AutoCloseable server;

    private FhirTarget() throws Exception {
        authorization = SmartAuthorizationServer.start(CLIENT_ID, SmartAuthorizationServer.rsaPublicKeyOf(clientKey()),
                KEY_ID, 300);
        Path smartConfiguration = Files.createTempFile("fhir-target-smart", ".json");
        smartConfiguration.toFile().deleteOnExit();
        Files.writeString(smartConfiguration, authorization.smartConfiguration());
        int adminPort = freePort();
        admin = URI.create("http://localhost:" + adminPort + "/admin/");

        ClassLoader loader = serverClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);   // Spring, Hibernate and Jetty's threads look classes up here
        try {
            server = (AutoCloseable) Class.forName("io.chartbrief.fhirserver.FhirTestServer", true, loader)
                    .getMethod("start", String[].class).invoke(null, (Object) new String[] {
                        "--port", Integer.toString(port()), "--admin-port", Integer.toString(adminPort),
                        "--introspection", authorization.introspectionEndpoint().toString(),
                        "--smart-configuration", smartConfiguration.toString()});
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The server, started on first use (about 15 s: Hibernate builds the JPA server's schema). */
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

    /**
     * The module's jar (or classes) and its dependency classpath, under the platform class loader: nothing of this
     * JVM's class path (Quarkus, its Hibernate and Jakarta versions) is visible to the server.
     */
    private static ClassLoader serverClassLoader() throws IOException {
        URL listing = FhirTarget.class.getClassLoader().getResource(SERVER_CLASSPATH);
        if (listing == null) {
            throw new IllegalStateException(SERVER_CLASSPATH + " is not on the test class path: build the "
                    + "chartbrief-fhir-test-server module first (./mvnw -pl services/outbound -am verify)");
        }
        List<URL> urls = new ArrayList<>();
        String location = listing.toString();
        String root = location.substring(0, location.length() - SERVER_CLASSPATH.length());
        urls.add(new URL(root.startsWith("jar:") ? root.substring(4, root.length() - 2) : root));
        String classpath;
        try (InputStream in = listing.openStream()) {
            classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            try {
                urls.add(Path.of(entry).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException(entry, e);
            }
        }
        return new URLClassLoader("fhir-test-server", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    /** The FHIR base URL. */
    public static String baseUrl() {
        return "http://localhost:" + port() + "/fhir";
    }

    /** The port, picked once per JVM. */
    public static synchronized int port() {
        String port = System.getProperty(PORT_PROPERTY);
        if (port == null) {
            port = Integer.toString(freePort());
            System.setProperty(PORT_PROPERTY, port);
        }
        return Integer.parseInt(port);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
                throw new UncheckedIOException(e);
            }
            System.setProperty(KEY_PROPERTY, path);
        }
        return Path.of(path);
    }

    /** Takes requests again (after {@link #stop()}). */
    public void start() {
        control("POST", "listener?up=true");
    }

    /** Closes the FHIR listener: connections are refused, as by a server that is down. */
    public void stop() {
        control("POST", "listener?up=false");
    }

    /**
     * The next creates of the DocumentReference with master identifier {@code identifier} answer {@code statuses}
     * in turn ({@code message} as the OperationOutcome's diagnostics), then the server serves normally.
     */
    public void failCreates(String identifier, String message, int... statuses) {
        StringBuilder query = new StringBuilder("faults?identifier=").append(encode(identifier));
        for (int status : statuses) {
            query.append("&status=").append(status);
        }
        if (message != null) {
            query.append("&message=").append(encode(message));
        }
        control("POST", query.toString());
    }

    /** Drops scripted failures not used yet. */
    public void clearFailures() {
        control("DELETE", "faults");
    }

    /** Requests the FHIR server answered 401 (no, expired or revoked token). */
    public int unauthorized() {
        return Integer.parseInt(control("GET", "refused"));
    }

    /** Registers a patient with the EHR (as its MPI already knows every patient ChartBrief summarizes). */
    public void admit(String system, String value) {
        client().create().resource(new Patient().addIdentifier(new Identifier().setSystem(system).setValue(value)))
                .conditionalByUrl("Patient?identifier=" + encode(system + "|" + value)).execute();
    }

    public SmartAuthorizationServer authorization() {
        return authorization;
    }

    /** HAPI's generic client on this server, as an EHR's own tooling would search it (its own bearer token). */
    public IGenericClient client() {
        IGenericClient client = fhir.newRestfulGenericClient(baseUrl());
        client.registerInterceptor(new BearerTokenAuthInterceptor(authorization.issueDirectly()));
        return client;
    }

    private String control(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(admin.resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
