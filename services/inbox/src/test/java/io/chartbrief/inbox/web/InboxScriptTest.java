package io.chartbrief.inbox.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.inbox.rest.ContractScriptResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Runs the inbox page's JavaScript unit tests ({@code src/test/js/*.test.js}: the SSE parser, list order, labels,
 * quote location, the document contract module) with Node's built-in test runner, so they are part of {@code ./mvnw verify} and not only exercised
 * through the browser ({@link InboxBrowserIT}).
 *
 * <p>Without Node.js (18 or later) the test is skipped, unless {@code CHARTBRIEF_REQUIRE_NODE=1} (CI installs
 * Debian's {@code nodejs}), where it fails. Path: {@code -Dchartbrief.node=...} (default {@code node} on the PATH).
 */
@EnabledIf(value = "nodeRunnable",
        disabledReason = "Node.js not installed (apt-get install nodejs); set CHARTBRIEF_REQUIRE_NODE=1 to make this a failure")
class InboxScriptTest {

    static final String NODE = System.getProperty("chartbrief.node", "node");
    static final Path SCRIPT_TESTS = Path.of("src", "test", "js");

    static boolean nodeInstalled() {
        try {
            Process version = new ProcessBuilder(NODE, "--version").redirectErrorStream(true).start();
            String answer = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0
                    && answer.matches("v(1[89]|[2-9][0-9])\\..*");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs when Node is there, and when it is required (then it fails below). */
    static boolean nodeRunnable() {
        return nodeInstalled() || "1".equals(System.getenv("CHARTBRIEF_REQUIRE_NODE"));
    }

    @Test
    void pageModulesPassTheirUnitTests() throws Exception {
        assertThat(nodeInstalled())
                .as("CHARTBRIEF_REQUIRE_NODE=1 but %s (18 or later) is missing: apt-get install -y nodejs", NODE)
                .isTrue();
        List<String> command = new ArrayList<>(List.of(NODE, "--test"));
        try (Stream<Path> files = Files.list(SCRIPT_TESTS)) {
            files.filter(f -> f.getFileName().toString().endsWith(".test.js")).sorted()
                    .forEach(f -> command.add(f.toString()));
        }
        assertThat(command).as("script tests under %s", SCRIPT_TESTS).hasSizeGreaterThan(2);
        // /js/contract.js is written by the service, not a file: give the script tests the module it serves.
        Path contract = Files.createDirectories(Path.of("target", "script-tests")).resolve("contract.js");
        Files.writeString(contract, ContractScriptResource.script());
        ProcessBuilder node = new ProcessBuilder(command).redirectErrorStream(true);
        node.environment().put("CHARTBRIEF_CONTRACT_JS", contract.toAbsolutePath().toString());
        Process run = node.start();
        byte[] output = run.getInputStream().readAllBytes();
        assertThat(run.waitFor(120, TimeUnit.SECONDS)).as("node --test finished").isTrue();
        String report = new String(output, StandardCharsets.UTF_8);
        assertThat(run.exitValue()).as("node --test failed:%n%s", report).isZero();
        assertThat(report).contains("# fail 0").contains("# skipped 0").doesNotContain("# pass 0");
    }
}
