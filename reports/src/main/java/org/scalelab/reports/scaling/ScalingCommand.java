package org.scalelab.reports.scaling;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scalelab scaling}: the scaling subcommands. */
@Command(name = "scaling", mixinStandardHelpOptions = true,
        description = "Scaling laws: compute-optimal model size and tokens (Kaplan 2020, Chinchilla 2022, Epoch 2024 refit), and fits to your own runs.",
        subcommands = {OptimalCommand.class, LossCommand.class, FitCommand.class},
        footer = {"", "Examples:", "  scalelab scaling optimal --compute-flops 5.76e23 --law epoch",
            "  scalelab scaling fit --data epoch-chinchilla --exclude-top-loss 5 --approach 3"})
public final class ScalingCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
