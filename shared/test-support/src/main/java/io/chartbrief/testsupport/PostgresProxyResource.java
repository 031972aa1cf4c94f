package io.chartbrief.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link PostgresResource} whose service reaches PostgreSQL through a {@link TcpProxy} that the test can cut and
 * restore (a database outage): {@code quarkus.datasource.jdbc.url} names the proxy's port. The proxy is injected
 * into a test field annotated {@link InjectDatabaseProxy}. Use it {@code RESTRICTED_TO_CLASS}, with init arg
 * {@code database} naming a database of the test's own; it starts after the module's global
 * {@link PostgresResource} ({@link #order()}), so its URL wins.
 */
public class PostgresProxyResource extends PostgresResource {

    private static final Pattern URL = Pattern.compile("^jdbc:postgresql://([^:/?]+)(?::(\\d+))?(/.*)$");

    private TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        String direct = config.get("quarkus.datasource.jdbc.url");
        Matcher url = URL.matcher(direct);
        if (!url.matches()) {
            throw new IllegalStateException("cannot proxy " + direct);
        }
        int port = url.group(2) == null ? 5432 : Integer.parseInt(url.group(2));
        proxy = TcpProxy.start(url.group(1), port);
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + proxy.port() + url.group(3));
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(proxy,
                new TestInjector.AnnotatedAndMatchesType(InjectDatabaseProxy.class, TcpProxy.class));
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
        super.stop();
    }

    @Override
    public int order() {
        return 1;
    }
}
