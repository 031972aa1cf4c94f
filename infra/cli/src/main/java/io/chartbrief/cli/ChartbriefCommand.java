package io.chartbrief.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code chartbrief}: the ChartBrief command line. Subcommands do the work; see {@code chartbrief help}. */
@Command(name = "chartbrief",
        mixinStandardHelpOptions = true,
        versionProvider = ChartbriefCommand.Version.class,
        description = "ChartBrief: HL7 v2 / FHIR R4 to grounded clinical summaries.",
        subcommands = {UpCommand.class, DemoCommand.class, ConvertCommand.class, ReplayCommand.class, SummarizeCommand.class,
                EvalCommand.class, ModelCommand.class, CommandLine.HelpCommand.class})
public final class ChartbriefCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new ChartbriefCommand()).execute(args);
        System.exit(exit);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ChartbriefCommand.class.getPackage().getImplementationVersion();
            return new String[] {"chartbrief " + (version == null ? "development build" : version)};
        }
    }
}
