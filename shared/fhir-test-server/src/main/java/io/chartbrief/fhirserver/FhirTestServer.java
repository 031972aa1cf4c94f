package io.chartbrief.fhirserver;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * An EHR's FHIR API for tests: HAPI FHIR's JPA server ({@link JpaServerConfiguration}) behind HAPI's
 * {@link RestfulServer} at {@code http://localhost:<port>/fhir}, protected with SMART Backend Services
 * ({@code /fhir/.well-known/smart-configuration} serves the authorization server's document; bearers are checked by
 * {@link BearerIntrospection}). A second listener, {@code http://localhost:<admin-port>/admin}, is the test's
 * control: {@code POST /admin/listener?up=false|true} closes or reopens the FHIR listener (a server that is down),
 * {@code POST /admin/faults?identifier=…&status=…[&status=…][&message=…]} and {@code DELETE /admin/faults} script
 * failures ({@link ScriptedFaults}), {@code GET /admin/refused} counts 401 answers.
 *
 * <p>Arguments: {@code --port N --admin-port N --introspection URL --smart-configuration FILE}. Run by
 * {@link #main(String[])} as its own process (it stops when its standard input closes) or by {@link #start(String[])}
 * in a class loader of a test's own.
 */
public final class FhirTestServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FhirTestServer.class);

    private final AnnotationConfigApplicationContext spring;
    private final Server fhirServer;
    private final ServerConnector fhirListener;
    private final Server adminServer;
    private final ScriptedFaults faults = new ScriptedFaults();
    private final BearerIntrospection bearers;

    private FhirTestServer(Map<String, String> options) throws Exception {
        long started = System.nanoTime();
        bearers = new BearerIntrospection(URI.create(required(options, "introspection")));
        byte[] smartConfiguration = Files.readAllBytes(Path.of(required(options, "smart-configuration")));
        ClassLoader loader = FhirTestServer.class.getClassLoader();

        spring = new AnnotationConfigApplicationContext();
        spring.setClassLoader(loader);
        spring.register(JpaServerConfiguration.class);
        spring.refresh();
        FhirContext fhir = spring.getBean(FhirContext.class);
        RestfulServer restful = new RestfulServer(fhir);
        restful.registerProviders(spring.getBean(ResourceProviderFactory.class).createProviders());
        restful.setDefaultResponseEncoding(EncodingEnum.JSON);
        restful.registerInterceptor(bearers);
        restful.getInterceptorService().registerInterceptor(faults);

        fhirServer = new Server();
        fhirListener = listener(fhirServer, Integer.parseInt(required(options, "port")));
        ServletContextHandler fhirContext = new ServletContextHandler();
        fhirContext.setContextPath("/");
        fhirContext.setClassLoader(loader);
        fhirContext.addServlet(new ServletHolder(restful), "/fhir/*");
        fhirContext.addServlet(new ServletHolder(new Document("application/json", smartConfiguration)),
                "/fhir/.well-known/smart-configuration");
        fhirServer.setHandler(fhirContext);

        adminServer = new Server();
        listener(adminServer, Integer.parseInt(required(options, "admin-port")));
        ServletContextHandler adminContext = new ServletContextHandler();
        adminContext.setContextPath("/");
        adminContext.setClassLoader(loader);
        adminContext.addServlet(new ServletHolder(new Admin()), "/admin/*");
        adminServer.setHandler(adminContext);

        fhirServer.start();
        adminServer.start();
        LOG.info("HAPI FHIR JPA server listening on port {} (admin {}), started in {} ms", fhirListener.getLocalPort(),
                options.get("admin-port"), (System.nanoTime() - started) / 1_000_000);
    }

    /** Starts a server; {@link #close()} stops it and drops its database. */
    public static AutoCloseable start(String[] args) throws Exception {
        return new FhirTestServer(options(args));
    }

    /** Runs a server until standard input closes (the process that started it went away). */
    public static void main(String[] args) throws Exception {
        try (AutoCloseable server = start(args)) {
            System.out.println("READY");
            System.out.flush();
            while (System.in.read() >= 0) {
                // the parent holds the pipe open while it needs the server
            }
        }
    }

    @Override
    public void close() throws Exception {
        adminServer.stop();
        fhirServer.stop();
        spring.close();
    }

    private static ServerConnector listener(Server server, int port) {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("localhost");
        connector.setPort(port);
        server.addConnector(connector);
        return connector;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    /** A fixed document. */
    private static final class Document extends HttpServlet {
        private final String contentType;
        private final byte[] body;

        Document(String contentType, byte[] body) {
            this.contentType = contentType;
            this.body = body;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType(contentType);
            response.getOutputStream().write(body);
        }
    }

    /** The test's control listener. */
    private final class Admin extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if ("/refused".equals(request.getPathInfo())) {
                text(response, Integer.toString(bearers.refused()));
            } else {
                response.sendError(404);
            }
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            switch (String.valueOf(request.getPathInfo())) {
                case "/listener" -> {
                    try {
                        if (Boolean.parseBoolean(request.getParameter("up"))) {
                            if (!fhirListener.isStarted()) {
                                fhirListener.start();
                            }
                        } else {
                            fhirListener.stop();
                        }
                    } catch (Exception e) {
                        throw new IOException(e);
                    }
                    text(response, fhirListener.isStarted() ? "up" : "down");
                }
                case "/faults" -> {
                    String[] statuses = request.getParameterValues("status");
                    if (request.getParameter("identifier") == null || statuses == null) {
                        response.sendError(400, "identifier and status are required");
                        return;
                    }
                    faults.add(request.getParameter("identifier"),
                            Arrays.stream(statuses).map(Integer::valueOf).toList(), request.getParameter("message"));
                    text(response, "scripted");
                }
                default -> response.sendError(404);
            }
        }

        @Override
        protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if ("/faults".equals(request.getPathInfo())) {
                faults.clear();
                text(response, "cleared");
            } else {
                response.sendError(404);
            }
        }

        private void text(HttpServletResponse response, String body) throws IOException {
            response.setContentType("text/plain");
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
