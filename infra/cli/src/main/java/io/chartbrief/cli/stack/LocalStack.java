package io.chartbrief.cli.stack;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole of ChartBrief on one machine: PostgreSQL and Kafka (embedded, or external ones), then each built
 * service as a child JVM. Started in dependency order, stopped in reverse; nothing is left running after
 * {@link #stop()}.
 */
public final class LocalStack {

    /**
     * What to start and where.
     *
     * @param serviceProperties extra system properties per service name (e.g. {@code chart →
     *                          chartbrief.chart.trigger.settle-window=3s}), applied after the stack's own
     * @param build             build missing or outdated service jars first; when false such a jar is an error
     * @param optionalServices  services of {@link #OPTIONAL_SERVICES} to run as well (e.g. {@code outbound})
     * @param replicas          instances of each of {@link #REPLICATED} (1: one of each); the second and later are
     *                          named {@code chart-2} … and listen on free HTTP ports
     */
    public record Settings(Path home, Path runDir, String externalKafka, String externalJdbc, String jdbcUser,
            String jdbcPassword, Map<String, Integer> ports, Map<String, Map<String, String>> serviceProperties,
            boolean build, List<String> optionalServices, int replicas) {

        int port(String key, int fallback) {
            return ports.getOrDefault(key, fallback);
        }
    }

    /** The services in start order with their default HTTP ports; every one must be in the checkout. */
    static final Map<String, Integer> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("ingest", StackPorts.INGEST_HTTP);
        SERVICES.put("chart", StackPorts.CHART_HTTP);
        SERVICES.put("summarizer", StackPorts.SUMMARIZER_HTTP);
        SERVICES.put("inbox", StackPorts.INBOX_HTTP);
    }

    /**
     * Services that can run as several instances against the one broker and database (consumer groups share the
     * partitions; the chart's scheduler claims its rows). Ingest is not among them: its MLLP port is one address.
     */
    public static final List<String> REPLICATED = List.of("chart", "summarizer", "inbox");

    /** Services started only when asked for (after the others), with their default HTTP ports. */
    public static final Map<String, Integer> OPTIONAL_SERVICES = Map.of("outbound", StackPorts.OUTBOUND_HTTP);

    private final Settings settings;
    private final PrintWriter out;
    private final List<StackComponent> started = new ArrayList<>();

    public LocalStack(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    /** Checks ports, builds missing services, starts everything and waits until each is ready. */
    public void start(String libClasspath) throws Exception {
        List<String> services = new ArrayList<>(SERVICES.keySet());
        for (String optional : settings.optionalServices()) {
            if (!OPTIONAL_SERVICES.containsKey(optional)) {
                throw new IllegalArgumentException("unknown optional service " + optional);
            }
            services.add(optional);
        }
        List<String> absent = services.stream()
                .filter(s -> !Files.exists(settings.home().resolve("services/" + s + "/pom.xml"))).toList();
        if (!absent.isEmpty()) {
            throw new IllegalStateException("no " + String.join(", ", absent.stream().map(s -> "services/" + s).toList())
                    + " in " + settings.home() + ": ChartBrief needs all of " + String.join(", ", services)
                    + " (is this a complete checkout?)");
        }
        List<StackComponent> plan = plan(services, libClasspath);
        if (settings.build()) {
            ServiceBuild.ensureBuilt(settings.home(), settings.runDir(), services, out);
        } else {
            ServiceBuild.requireBuilt(settings.home(), services);
        }
        for (StackComponent component : plan) {
            out.printf("  %-11s starting ...%n", component.name());
            out.flush();
            started.add(component);
            component.start();
            component.awaitReady(Duration.ofSeconds(120));
            out.printf("  %-11s ready      %s%s%n", component.name(), component.address(),
                    component.logFile() == null ? "" : "   (log " + shown(component.logFile()) + ")");
            out.flush();
        }
    }

    /** A path relative to the checkout when it lies inside it, else absolute. */
    private String shown(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(settings.home()) ? settings.home().relativize(absolute).toString() : absolute.toString();
    }

    private List<StackComponent> plan(List<String> services, String libClasspath) throws Exception {
        List<StackComponent> plan = new ArrayList<>();
        Path run = settings.runDir();
        String jdbcUrl = settings.externalJdbc();
        if (jdbcUrl == null) {
            int pgPort = settings.port("postgres", StackPorts.POSTGRES);
            StackPorts.requireFree(pgPort, "PostgreSQL", "--postgres-port or --jdbc URL");
            LocalPostgres postgres = new LocalPostgres(run, pgPort);
            plan.add(postgres);
            jdbcUrl = postgres.jdbcUrl();
        }
        String kafka = settings.externalKafka();
        if (kafka == null) {
            int kafkaPort = settings.port("kafka", StackPorts.KAFKA);
            StackPorts.requireFree(kafkaPort, "Kafka", "--kafka-port or --kafka HOST:PORT");
            int controllerPort = StackPorts.free();
            KafkaBrokerProcess broker = new KafkaBrokerProcess(run, kafkaPort, controllerPort, libClasspath);
            plan.add(broker);
            kafka = broker.address();
        }
        // Service auth: chart and summarizer verify tokens of the stack's key; the summarizer signs its chart token.
        StackKeys keys = StackKeys.ensure(run);
        for (String service : services) {
            int http = settings.port(service, SERVICES.getOrDefault(service, OPTIONAL_SERVICES.get(service)));
            StackPorts.requireFree(http, service + " HTTP", "--" + service + "-port");
            Map<String, String> props = new LinkedHashMap<>();
            props.put("kafka.bootstrap.servers", kafka);
            props.put("quarkus.datasource.jdbc.url", jdbcUrl);
            props.put("quarkus.datasource.username", settings.jdbcUser());
            props.put("quarkus.datasource.password", settings.jdbcPassword());
            if (service.equals("chart") || service.equals("summarizer")) {
                props.put("mp.jwt.verify.publickey.location", "file:" + keys.publicKey().toAbsolutePath());
                props.put("mp.jwt.verify.issuer", StackKeys.ISSUER);
            }
            if (service.equals("summarizer")) {
                props.put("chartbrief.summarizer.chart-url", "http://localhost:" + settings.port("chart", StackPorts.CHART_HTTP));
                props.put("chartbrief.summarizer.chart-auth.mode", "signed");
                props.put("chartbrief.summarizer.chart-auth.signing-key-location",
                        keys.privateKey().toAbsolutePath().toString());
                props.put("chartbrief.summarizer.chart-auth.issuer", StackKeys.ISSUER);
            }
            String extra = null;
            if (service.equals("ingest")) {
                int mllp = settings.port("mllp", StackPorts.INGEST_MLLP);
                StackPorts.requireFree(mllp, "ingest MLLP", "--mllp-port");
                props.put("chartbrief.ingest.mllp.port", Integer.toString(mllp));
                extra = "mllp://localhost:" + mllp;
            }
            props.putAll(settings.serviceProperties().getOrDefault(service, Map.of()));
            plan.add(new ServiceProcess(service, ServiceBuild.jarOf(settings.home(), service), http, props, run, extra));
            if (REPLICATED.contains(service)) {
                for (int instance = 2; instance <= settings.replicas(); instance++) {
                    plan.add(new ServiceProcess(service + "-" + instance, ServiceBuild.jarOf(settings.home(), service),
                            StackPorts.free(), props, run, null));
                }
            }
        }
        return plan;
    }

    /** Stops everything started, newest first. Safe to call more than once and from a shutdown hook. */
    public synchronized void stop() {
        for (int i = started.size() - 1; i >= 0; i--) {
            StackComponent component = started.get(i);
            out.printf("  %-11s stopping%n", component.name());
            out.flush();
            component.stop();
        }
        started.clear();
    }

    /** Names of components whose process died while the stack was up (empty when all run). */
    public synchronized List<String> failed() {
        List<String> dead = new ArrayList<>();
        for (StackComponent component : started) {
            if (component instanceof Monitored monitored && !monitored.isRunning()) {
                dead.add(component.name());
            }
        }
        return dead;
    }

    /**
     * Services none of whose instances runs any more, and components that run once (Kafka, PostgreSQL, ingest)
     * and died: the stack cannot go on without them. A dead replica while another instance of its service runs is
     * in {@link #failed()} only.
     */
    public synchronized List<String> unavailable() {
        Map<String, Boolean> anyRunning = new LinkedHashMap<>();
        for (StackComponent component : started) {
            if (component instanceof Monitored monitored) {
                anyRunning.merge(serviceOf(component.name()), monitored.isRunning(), Boolean::logicalOr);
            }
        }
        List<String> gone = new ArrayList<>();
        anyRunning.forEach((service, running) -> {
            if (!running) {
                gone.add(service);
            }
        });
        return gone;
    }

    /** {@code chart-2} → {@code chart}; other names unchanged. */
    public static String serviceOf(String componentName) {
        int dash = componentName.lastIndexOf('-');
        if (dash > 0 && componentName.substring(dash + 1).matches("\\d+")
                && REPLICATED.contains(componentName.substring(0, dash))) {
            return componentName.substring(0, dash);
        }
        return componentName;
    }

    /** A component backed by a process that can die on its own. */
    interface Monitored {
        boolean isRunning();
    }
}
