package io.chartbrief.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration keys a service reads, from its own sources: the keys of its application.properties (and the
 * names its property expressions refer to), the rows of its section in docs/operations.md (and of "All services"),
 * and the members of its {@code @ConfigMapping} interfaces. A service not in the checkout yet (the inbox while it
 * is being built) falls back to src/test/resources/&lt;service&gt;-config-keys.txt, written from its agreed contract.
 */
final class ServiceConfigKeys {

    private static final Pattern DOCUMENTED_KEY = Pattern.compile("`([a-z][a-z0-9.\\-]*)`");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)(?::[^}]*)?}");
    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)");
    private static final Pattern METHOD = Pattern.compile("^\\s*(?:default\\s+)?([\\w.<>?, ]+?)\\s+(\\w+)\\(\\)\\s*;");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\(\\s*\"([^\"]+)\"\\s*\\)");

    private ServiceConfigKeys() {
    }

    /** MicroProfile Config's environment variable form of a property name. */
    static String toEnv(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Whether the service's sources are in this checkout (else its contract's key list is used). */
    static boolean inCheckout(String service) {
        return Files.isRegularFile(serviceDir(service).resolve("src/main/resources/application.properties"));
    }

    /** Every key the service reads, as property names. */
    static Set<String> keys(String service) {
        Set<String> keys = new TreeSet<>(operationsKeys("All services"));
        if (inCheckout(service)) {
            keys.addAll(propertiesKeys(serviceDir(service).resolve("src/main/resources/application.properties")));
            keys.addAll(configMappingKeys(serviceDir(service).resolve("src/main/java")));
        } else {
            keys.addAll(contractKeys(service));
        }
        keys.addAll(operationsKeys(Character.toUpperCase(service.charAt(0)) + service.substring(1) + " service"));
        return keys;
    }

    /** The environment variable names of {@link #keys}. */
    static Set<String> envNames(String service) {
        Set<String> names = new TreeSet<>();
        keys(service).forEach(key -> names.add(toEnv(key)));
        return names;
    }

    private static Path serviceDir(String service) {
        return RenderedChart.ROOT.resolve("services").resolve(service);
    }

    /** Keys of the tables under the level-2 heading that starts with {@code heading} in docs/operations.md. */
    static Set<String> operationsKeys(String heading) {
        Set<String> keys = new LinkedHashSet<>();
        boolean inSection = false;
        for (String line : read(RenderedChart.ROOT.resolve("docs/operations.md"))) {
            if (line.startsWith("## ")) {
                inSection = line.substring(3).trim().startsWith(heading);
            } else if (inSection && line.startsWith("| `")) {
                Matcher m = DOCUMENTED_KEY.matcher(line.substring(0, line.indexOf('|', 2)));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        return keys;
    }

    static Set<String> propertiesKeys(Path file) {
        Set<String> keys = new LinkedHashSet<>();
        for (String line : read(file)) {
            String trimmed = line.trim();
            int eq = trimmed.indexOf('=');
            if (trimmed.isEmpty() || trimmed.startsWith("#") || eq < 0) {
                continue;
            }
            String key = trimmed.substring(0, eq).trim();
            if (key.startsWith("%")) {
                key = key.substring(key.indexOf('.') + 1);
            }
            keys.add(key);
            Matcher m = EXPRESSION.matcher(trimmed.substring(eq + 1));
            while (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    /** Keys of every {@code @ConfigMapping} interface under a source tree (nested groups followed). */
    static Set<String> configMappingKeys(Path sources) {
        Set<String> keys = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher prefix = MAPPING.matcher(text);
                if (prefix.find()) {
                    Map<String, List<String[]>> interfaces = interfaces(text);
                    Matcher root = INTERFACE.matcher(text.substring(prefix.end()));
                    if (root.find()) {
                        collect(prefix.group(1), root.group(1), interfaces, keys);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    private static void collect(String prefix, String type, Map<String, List<String[]>> interfaces, Set<String> keys) {
        for (String[] member : interfaces.getOrDefault(type, List.of())) {
            String returned = member[0].replaceAll("^(Optional|List|Set)<(.*)>$", "$2").trim();
            String key = prefix + "." + member[1];
            if (interfaces.containsKey(returned)) {
                collect(key, returned, interfaces, keys);
            } else {
                keys.add(key);
            }
        }
    }

    /** Interface name → members as {return type, property name}. */
    private static Map<String, List<String[]>> interfaces(String text) {
        Map<String, List<String[]>> result = new HashMap<>();
        Deque<String> open = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        int depth = 0;
        String pendingName = null;
        for (String line : text.lines().toList()) {
            Matcher named = WITH_NAME.matcher(line);
            if (named.find()) {
                pendingName = named.group(1);
            }
            Matcher declared = INTERFACE.matcher(line);
            if (declared.find() && !line.trim().startsWith("*") && !line.trim().startsWith("/")) {
                open.push(declared.group(1));
                depths.push(depth + 1);
                result.putIfAbsent(declared.group(1), new java.util.ArrayList<>());
            }
            Matcher method = METHOD.matcher(line);
            if (method.find() && !open.isEmpty() && depth == depths.peek()) {
                String name = pendingName != null ? pendingName : kebab(method.group(2));
                result.get(open.peek()).add(new String[] {method.group(1).trim(), name});
                pendingName = null;
            }
            for (char c : line.toCharArray()) {
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    if (!depths.isEmpty() && depth == depths.peek()) {
                        depths.pop();
                        open.pop();
                    }
                    depth--;
                }
            }
        }
        return result;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Set<String> contractKeys(String service) {
        Path file = Path.of("src/test/resources/" + service + "-config-keys.txt");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("services/" + service + " is not in the checkout and " + file + " is missing");
        }
        Set<String> keys = new LinkedHashSet<>();
        for (String line : read(file)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                keys.add(line.trim());
            }
        }
        return keys;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
