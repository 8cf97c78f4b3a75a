package org.scalelab.reports.cluster;

import org.scalelab.reports.cli.BadInputException;
import picocli.CommandLine.Command;

/** {@code scalelab cluster}: the cluster subcommands. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Training time on a GPU cluster: collectives, step time, failures and checkpoints (discrete-event simulation).")
public final class ClusterCommand implements Runnable {
    @Override
    public void run() {
        throw new BadInputException("scalelab cluster: not implemented yet");
    }
}
