package org.scalelab.reports.scaling;

import org.scalelab.reports.cli.BadInputException;
import picocli.CommandLine.Command;

/** {@code scalelab scaling}: the scaling subcommands. */
@Command(name = "scaling", mixinStandardHelpOptions = true,
        description = "Scaling laws: compute-optimal model size and tokens (Kaplan 2020, Chinchilla 2022, Epoch 2024 refit), and fits to your own runs.")
public final class ScalingCommand implements Runnable {
    @Override
    public void run() {
        throw new BadInputException("scalelab scaling: not implemented yet");
    }
}
