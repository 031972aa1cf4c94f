package io.chartbrief.cli;

import io.chartbrief.cli.stack.StackKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chartbrief token}: a bearer token for the local stack's chart or summarizer API, signed with the key
 * {@code up} keeps in the run directory, e.g. {@code curl -H "Authorization: Bearer $(./chartbrief token chart)"}.
 * Without a key yet it makes one (what {@code up} would), so Docker Compose can mount it before anything ran.
 */
@Command(name = "token",
        description = "Print a bearer token for the local stack's chart or summarizer API (signed with its key).",
        mixinStandardHelpOptions = true,
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"1:the key cannot be read or written", "2:usage error"})
final class TokenCommand implements Callable<Integer> {

    enum Api {
        chart("chartbrief-chart", List.of("chart-read", "summary-request")),
        summarizer("chartbrief-summarizer", List.of("summary-read", "summary-request"));

        final String audience;
        final List<String> roles;

        Api(String audience, List<String> roles) {
            this.audience = audience;
            this.roles = roles;
        }
    }

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "API", description = "chart or summarizer")
    Api api;

    @Option(names = "--role", paramLabel = "ROLE", split = ",",
            description = "Roles in the token (default: the API's service roles; clinician for all endpoints)")
    List<String> roles;

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "PT15M",
            description = "Lifetime, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration ttl;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "The stack's run directory (default: .run)")
    Path runDir;

    @Override
    public Integer call() throws Exception {
        Path run = runDir != null ? runDir.toAbsolutePath() : StackSession.home().resolve(".run");
        boolean existed = Files.isRegularFile(run.resolve("keys/service-token-private.pem"));
        String token;
        try {
            token = StackKeys.ensure(run).sign("chartbrief-cli", api.audience,
                    roles == null || roles.isEmpty() ? api.roles : roles, ttl);
        } catch (java.io.IOException e) {
            spec.commandLine().getErr().println("token: " + e.getMessage());
            return 1;
        }
        if (!existed) {
            spec.commandLine().getErr().println("token: made the local stack key in " + run.resolve("keys")
                    + " (a stack already running verifies with its old key: restart it)");
        }
        spec.commandLine().getOut().println(token);
        return 0;
    }
}
