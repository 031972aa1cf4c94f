package io.chartbrief.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code chartbrief model}: manage local model files (see docs/model.md). */
@Command(name = "model",
        description = "Manage local model files (MedGemma GGUF).",
        mixinStandardHelpOptions = true,
        subcommands = {ModelPullCommand.class})
final class ModelCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
