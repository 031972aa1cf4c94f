package io.chartbrief.testsupport;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A real single-node KRaft Kafka broker (broker + controller) running in the test JVM on random localhost ports.
 *
 * <p>Default mode: one broker shared by every test of the JVM (use it with
 * {@code @WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)}). It is started
 * by the first {@link #start()}, closed when the last user calls {@link #stop()}, and in any case on JVM shutdown.
 *
 * <p>Init arg {@code isolated=true}: the resource owns a broker of its own, so a test may close it (see
 * {@link InjectKafkaBroker}) to simulate an outage without disturbing other tests. Prefer
 * {@link IsolatedKafkaBrokerResource} in a module that also declares the shared broker.
 *
 * <p>Init arg {@code partitions} (default 1) sets {@code num.partitions} for auto-created topics; for the shared
 * broker only the first start's value counts.
 *
 * <p>{@link #start()} returns {@code kafka.bootstrap.servers} and
 * {@code mp.messaging.connector.smallrye-kafka.bootstrap.servers}.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    /** 16 MiB: large FHIR Bundles must fit in one record. */
    static final String MAX_MESSAGE_BYTES = "16777216";

    private static EmbeddedKafkaBroker shared;
    private static int sharedUsers;
    private static boolean shutdownHookAdded;

    private boolean isolated;
    private int partitions = 1;
    private EmbeddedKafkaBroker broker;

    /** The shared broker, unless init arg {@code isolated=true}. */
    public KafkaBrokerResource() {
        this(false);
    }

    KafkaBrokerResource(boolean isolated) {
        this.isolated = isolated;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        isolated = Boolean.parseBoolean(initArgs.getOrDefault("isolated", String.valueOf(isolated)));
        partitions = Integer.parseInt(initArgs.getOrDefault("partitions", "1"));
    }

    @Override
    public Map<String, String> start() {
        TestLogLevels.quietInfrastructure();
        broker = isolated ? newBroker(partitions) : acquireShared(partitions);
        String bootstrap = bootstrapServersOf(broker);
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", bootstrap);
        config.put("mp.messaging.connector.smallrye-kafka.bootstrap.servers", bootstrap);
        return config;
    }

    @Override
    public void stop() {
        if (broker == null) {
            return;
        }
        if (isolated) {
            broker.close();
        } else {
            releaseShared();
        }
        broker = null;
    }

    @Override
    public void inject(TestInjector testInjector) {
        Predicate<Field> target =
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaBroker.class, EmbeddedKafkaBroker.class);
        if (!isolated) {
            // Quarkus also injects global resources into a class that has its own isolated broker: leave that
            // class's fields to the isolated resource, whatever order Quarkus calls the two in.
            target = target.and(field -> !declaresIsolatedBroker(field.getDeclaringClass()));
        }
        testInjector.injectIntoFields(broker, target);
    }

    /** The broker this resource instance serves (shared or isolated); {@code null} before start. */
    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    /**
     * Bootstrap servers ({@code host:port}) of the shared broker.
     *
     * @throws IllegalStateException when the shared broker is not running
     */
    public static synchronized String bootstrapServers() {
        if (shared == null || !shared.isRunning()) {
            throw new IllegalStateException("the shared Kafka broker is not running; start KafkaBrokerResource first");
        }
        return bootstrapServersOf(shared);
    }

    /** {@code host:port} of a broker's advertised listener, without the {@code PLAINTEXT://} prefix. */
    public static String bootstrapServersOf(EmbeddedKafkaBroker broker) {
        String listeners = broker.getAdvertisedListeners();
        StringBuilder out = new StringBuilder();
        for (String listener : listeners.split(",")) {
            int scheme = listener.indexOf("://");
            out.append(out.length() == 0 ? "" : ",").append(scheme >= 0 ? listener.substring(scheme + 3) : listener);
        }
        return out.toString();
    }

    /** Whether a test class (or a superclass) declares this resource with {@code isolated=true}. */
    static boolean declaresIsolatedBroker(Class<?> testClass) {
        for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
            for (WithTestResource resource : type.getAnnotationsByType(WithTestResource.class)) {
                if (isIsolatedBroker(resource.value(), resource.initArgs())) {
                    return true;
                }
            }
            for (QuarkusTestResource resource : type.getAnnotationsByType(QuarkusTestResource.class)) {
                if (isIsolatedBroker(resource.value(), resource.initArgs())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isIsolatedBroker(Class<?> resource, ResourceArg[] initArgs) {
        // By name: Quarkus may load test classes and this class through different class loaders.
        return resource.getName().equals(IsolatedKafkaBrokerResource.class.getName())
                || resource.getName().equals(KafkaBrokerResource.class.getName())
                        && Arrays.stream(initArgs).anyMatch(arg -> arg.name().equals("isolated")
                                && Boolean.parseBoolean(arg.value()));
    }

    private static synchronized EmbeddedKafkaBroker acquireShared(int partitions) {
        if (shared == null || !shared.isRunning()) {
            shared = newBroker(partitions);
            if (!shutdownHookAdded) {
                // Safety net for runs that never call stop() (e.g. a test JVM killed by a timeout).
                Runtime.getRuntime().addShutdownHook(new Thread(KafkaBrokerResource::closeShared,
                        "chartbrief-kafka-shutdown"));
                shutdownHookAdded = true;
            }
            sharedUsers = 0;
        }
        sharedUsers++;
        return shared;
    }

    private static synchronized void releaseShared() {
        if (--sharedUsers <= 0) {
            closeShared();
        }
    }

    private static synchronized void closeShared() {
        if (shared != null) {
            shared.close();
            shared = null;
            sharedUsers = 0;
        }
    }

    private static EmbeddedKafkaBroker newBroker(int partitions) {
        return new EmbeddedKafkaBroker()
                .withNodeId(1)
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(props -> {
                    props.put("message.max.bytes", MAX_MESSAGE_BYTES);
                    props.put("replica.fetch.max.bytes", MAX_MESSAGE_BYTES);
                    props.put("auto.create.topics.enable", "true");
                    props.put("num.partitions", String.valueOf(partitions));
                    props.put("offsets.topic.replication.factor", "1");
                    props.put("offsets.topic.num.partitions", "1");
                    props.put("transaction.state.log.replication.factor", "1");
                    props.put("transaction.state.log.min.isr", "1");
                    props.put("group.initial.rebalance.delay.ms", "0");
                })
                .start();
    }
}
