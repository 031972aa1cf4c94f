package io.chartbrief.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the CLI in-process with captured stdout/stderr. */
final class CliRun {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final int exit;

    private CliRun(String... args) {
        CommandLine cli = ChartbriefCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        exit = cli.execute(args);
    }

    static CliRun of(String... args) {
        return new CliRun(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
