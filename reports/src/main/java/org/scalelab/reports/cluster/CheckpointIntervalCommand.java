package org.scalelab.reports.cluster;

import java.util.concurrent.Callable;
import org.scalelab.cluster.checkpoint.CheckpointIntervals;
import org.scalelab.common.Check;
import org.scalelab.common.Units;
import org.scalelab.report.cli.Output;
import org.scalelab.report.cli.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalelab cluster checkpoint-interval}: Young's and Daly's intervals and the expected ETTR. */
@Command(name = "checkpoint-interval", mixinStandardHelpOptions = true,
        description = "Optimal checkpoint interval by Young (1974) and Daly (2006, Eq. 37), and the expected ETTR at"
                + " Daly's interval from Daly's complete model with exponential failures.",
        footer = {"", "Example:", "  scalelab cluster checkpoint-interval --mtbf-hours 24 --checkpoint-seconds 300 --restart-seconds 600 --format json"})
public final class CheckpointIntervalCommand implements Callable<Integer> {
    @Option(names = "--mtbf-hours", required = true, paramLabel = "M", description = "Mean time between failures of the job, hours.")
    double mtbfHours;

    @Option(names = "--checkpoint-seconds", required = true, paramLabel = "D", description = "Time to take one checkpoint, seconds.")
    double checkpointSeconds;

    @Option(names = "--restart-seconds", defaultValue = "0", paramLabel = "R",
            description = "Time to restart after a failure, seconds. Default: ${DEFAULT-VALUE}.")
    double restartSeconds;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    /**
     * The result.
     *
     * @param youngSeconds          √(2δM) (s)
     * @param dalySeconds           Daly's Eq. 37 (s)
     * @param expectedEttr          Daly's complete-model efficiency at Daly's interval
     * @param expectedEttrAtYoung   the same at Young's interval
     * @param exactOptimumSeconds   the interval that maximises the complete model (s)
     * @param expectedEttrAtOptimum the efficiency there
     */
    public record Result(double youngSeconds, double dalySeconds, double expectedEttr, double expectedEttrAtYoung,
            double exactOptimumSeconds, double expectedEttrAtOptimum) { }

    @Override
    public Integer call() {
        Output.print(spec.commandLine().getOut(), output.format, compute(mtbfHours, checkpointSeconds, restartSeconds));
        return 0;
    }

    static Result compute(double mtbfHours, double checkpointSeconds, double restartSeconds) {
        Check.positive("mtbf_hours", mtbfHours);
        Check.positive("checkpoint_seconds", checkpointSeconds);
        Check.nonNegative("restart_seconds", restartSeconds);
        double m = mtbfHours * Units.SECONDS_PER_HOUR;
        double young = CheckpointIntervals.youngSeconds(checkpointSeconds, m);
        double daly = CheckpointIntervals.dalySeconds(checkpointSeconds, m);
        double opt = CheckpointIntervals.exactOptimumSeconds(checkpointSeconds, restartSeconds, m);
        return new Result(young, daly, CheckpointIntervals.dalyEfficiency(daly, checkpointSeconds, restartSeconds, m),
                CheckpointIntervals.dalyEfficiency(young, checkpointSeconds, restartSeconds, m), opt,
                CheckpointIntervals.dalyEfficiency(opt, checkpointSeconds, restartSeconds, m));
    }
}
