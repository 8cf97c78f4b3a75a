package org.scalelab.reports.cluster;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scalelab cluster}: the cluster subcommands. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Training time on a GPU cluster: collectives, step time, failures and checkpoints (discrete-event simulation).",
        subcommands = {CollectiveCommand.class, StepCommand.class, CheckpointIntervalCommand.class, SimulateCommand.class})
public final class ClusterCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
