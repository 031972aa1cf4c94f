package io.chartbrief.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * infra/compose cannot be run here (no Docker), so check what can be checked: every environment variable it sets
 * on a ChartBrief service is a configuration key documented in docs/operations.md, and every service it runs
 * exists in the checkout.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("../..");
    private static final Pattern SERVICE = Pattern.compile("^  ([a-z][a-z0-9-]*):\\s*$");
    private static final Pattern ENV = Pattern.compile("^\\s{6}([A-Z][A-Z0-9_]*):");
    private static final Pattern DOCUMENTED_KEY = Pattern.compile("`([a-z][a-z0-9.\\-]*)`");

    @Test
    void everyVariableSetOnAServiceIsADocumentedConfigurationKey() throws IOException {
        Set<String> documented = new HashSet<>();
        for (String line : Files.readAllLines(ROOT.resolve("docs/operations.md"))) {
            if (line.startsWith("| `")) {
                Matcher m = DOCUMENTED_KEY.matcher(line.substring(0, line.indexOf('|', 2)));
                while (m.find()) {
                    documented.add(toEnv(m.group(1)));
                }
            }
        }
        List<String> undocumented = new ArrayList<>();
        List<String> services = new ArrayList<>();
        String service = null;
        for (String line : Files.readAllLines(ROOT.resolve("infra/compose/docker-compose.yml"))) {
            Matcher s = SERVICE.matcher(line);
            if (s.matches()) {
                service = s.group(1);
                if (!service.equals("kafka") && !service.equals("postgres")) {
                    services.add(service);
                }
                continue;
            }
            Matcher e = ENV.matcher(line);
            if (e.find() && service != null && !service.equals("kafka") && !service.equals("postgres")
                    && !documented.contains(e.group(1))) {
                undocumented.add(service + ": " + e.group(1));
            }
        }
        assertThat(services).containsExactlyInAnyOrder("ingest", "chart", "summarizer", "inbox");
        assertThat(undocumented).as("variables without a documented key in docs/operations.md").isEmpty();
        for (String name : services) {
            assertThat(ROOT.resolve("services/" + name + "/pom.xml")).exists();
        }
    }

    /** MicroProfile Config's environment variable form of a property name. */
    private static String toEnv(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
