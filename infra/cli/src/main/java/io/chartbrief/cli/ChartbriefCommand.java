package io.chartbrief.cli;

import io.chartbrief.cli.dlq.DlqCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/** {@code chartbrief}: the ChartBrief command line. Subcommands do the work; see {@code chartbrief help}. */
@Command(name = "chartbrief",
        mixinStandardHelpOptions = true,
        versionProvider = ChartbriefCommand.Version.class,
        description = "ChartBrief: HL7 v2 / FHIR R4 to grounded clinical summaries.",
        subcommands = {UpCommand.class, DemoCommand.class, ConvertCommand.class, ReplayCommand.class, DlqCommand.class, SummarizeCommand.class, AskCommand.class,
                VerifyCommand.class, EvalCommand.class, ModelCommand.class, TokenCommand.class, CommandLine.HelpCommand.class})
public final class ChartbriefCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line as {@code main} runs it (tests run it in-process the same way). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ChartbriefCommand());
        cli.setExecutionStrategy(ChartbriefCommand::execute);
        return cli;
    }

    /**
     * Runs the last command, like picocli's {@link CommandLine.RunLast}, except that a command line with arguments
     * no command took is a usage error even when {@code --help} is among them. Picocli skips that check once help
     * is requested, so {@code chartbrief nosuch --help} would print the top-level usage and exit 0, which reads as
     * "nosuch" having worked; it now fails as {@code chartbrief nosuch} does (message, suggestions, exit 2).
     */
    static int execute(ParseResult parseResult) {
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (!level.unmatched().isEmpty()) {
                throw new CommandLine.UnmatchedArgumentException(level.commandSpec().commandLine(), level.unmatched());
            }
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ChartbriefCommand.class.getPackage().getImplementationVersion();
            return new String[] {"chartbrief " + (version == null ? "development build" : version)};
        }
    }
}
