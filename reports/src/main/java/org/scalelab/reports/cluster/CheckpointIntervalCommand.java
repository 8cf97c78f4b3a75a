package org.scalelab.reports.cluster;

import java.util.concurrent.Callable;
import org.scalelab.cluster.checkpoint.CheckpointIntervals;
import org.scalelab.cluster.failure.FailureTable;
import org.scalelab.cluster.params.WhatIf;
import org.scalelab.cluster.sim.JobModel;
import org.scalelab.cluster.sim.Recovery;
import org.scalelab.common.Check;
import org.scalelab.common.Units;
import org.scalelab.report.cli.Output;
import org.scalelab.report.cli.Provenance;
import org.scalelab.report.cli.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalelab cluster checkpoint-interval}: Young's and Daly's intervals and the expected ETTR. */
@Command(name = "checkpoint-interval", mixinStandardHelpOptions = true,
        description = "Optimal checkpoint interval by Young 1974 and Daly 2006, Eq. 37, and the expected ETTR at"
                + " Daly's interval from Daly's complete model with exponential failures.",
        footer = {"", "Examples:", "  scalelab cluster checkpoint-interval --mtbf-hours 24 --checkpoint-seconds 300 --restart-seconds 600 --format json",
            "  scalelab cluster checkpoint-interval --gpus 16384 --failures llama3 --checkpoint-seconds 60 --restart-seconds 600"})
public final class CheckpointIntervalCommand implements Callable<Integer> {
    @Option(names = "--mtbf-hours", paramLabel = "M",
            description = "Mean time between failures of the job, hours. Required, unless --gpus and --failures are given.")
    Double mtbfHours;

    @Option(names = "--gpus", paramLabel = "N", description = "GPUs in the job: with --failures, derives the job MTBF. Default: none (give --mtbf-hours).")
    Integer gpus;

    @Option(names = "--failures", paramLabel = "TABLE",
            description = "Published failure table the MTBF is derived from, scaled to --gpus: llama3 (Llama 3 Herd 2024,"
                    + " Table 5: 419 unexpected interruptions in 54 days on 16,384 GPUs). Default: none (give --mtbf-hours).")
    String failures;

    @Option(names = "--checkpoint-seconds", required = true, paramLabel = "D", description = "Time to take one checkpoint, seconds (at most 30 job MTBFs). Required.")
    double checkpointSeconds;

    @Option(names = "--restart-seconds", defaultValue = "" + Recovery.DEFAULT_RESTART_SECONDS, paramLabel = "R",
            description = "Time to restart after a failure, seconds. Default: ${DEFAULT-VALUE} (assumed), the restart"
                    + " plan and a kind: cluster file's recovery.restart_seconds take.")
    double restartSeconds;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    /**
     * The result.
     *
     * @param mtbfHours             the job MTBF used, hours (given, or derived)
     * @param mtbfSource            "given", or the failure table and GPU count it was derived from
     * @param youngSeconds          √(2δM) (s)
     * @param dalySeconds           Daly's Eq. 37 (s)
     * @param expectedEttr          Daly's complete-model efficiency at Daly's interval
     * @param expectedEttrAtYoung   the same at Young's interval
     * @param exactOptimumSeconds   the interval that maximises the complete model (s)
     * @param expectedEttrAtOptimum the efficiency there
     */
    public record Result(double mtbfHours, String mtbfSource, double youngSeconds, double dalySeconds, double expectedEttr, double expectedEttrAtYoung,
            double exactOptimumSeconds, double expectedEttrAtOptimum) { }

    /** A key of the what-if block as the option that gives it ({@code gpus} → {@code --gpus}), for messages. */
    static final java.util.function.UnaryOperator<String> OPTION = k -> "--" + k.replace('_', '-');

    @Override
    public Integer call() {
        double m = WhatIf.mtbfHours(mtbfHours, gpus, failures, OPTION);
        String source = mtbfHours != null ? "given" : derivedSource(gpus, failures);
        if (mtbfHours == null) {
            spec.commandLine().getErr().printf(java.util.Locale.ROOT, "scalelab: job MTBF %.3g h, %s%n", m, source);
            spec.commandLine().getErr().flush();
        }
        Result r = compute(m, checkpointSeconds, restartSeconds);
        Provenance provenance = Provenance.of(spec);
        Output.print(spec.commandLine().getOut(), output.format, new Result(m, source, r.youngSeconds(), r.dalySeconds(),
                r.expectedEttr(), r.expectedEttrAtYoung(), r.exactOptimumSeconds(), r.expectedEttrAtOptimum()), provenance);
        return 0;
    }

    /** How a derived MTBF was obtained, e.g. "derived for 16384 GPUs from llama3 (Llama 3 Herd 2024, ...)". */
    static String derivedSource(int gpus, String failures) {
        FailureTable t = FailureTable.byName("failures", failures);
        return "derived for " + gpus + " GPUs from " + t.key() + " (" + t.source() + "; rates scale with the GPU count)";
    }

    /** Longest checkpoint or restart: 10⁹ s (about 32 years). */
    static final double MAX_SECONDS = 1e9;

    static Result compute(double mtbfHours, double checkpointSeconds, double restartSeconds) {
        // Bounds as in parameter files: beyond them the intervals overflow (README, Bounds).
        Check.inHalfOpen("mtbf_hours", mtbfHours, 0, WhatIf.MAX_MTBF_HOURS);
        Check.inHalfOpen("checkpoint_seconds", checkpointSeconds, 0, MAX_SECONDS);
        Check.inRange("restart_seconds", restartSeconds, 0, MAX_SECONDS);
        double m = mtbfHours * Units.SECONDS_PER_HOUR;
        // the simulator's bound: beyond it the job does no work and the closed forms mean nothing
        JobModel.checkWithinMtbfs("checkpoint_seconds", "a checkpoint", checkpointSeconds, m);
        JobModel.checkWithinMtbfs("restart_seconds", "a restart", restartSeconds, m);
        double young = CheckpointIntervals.youngSeconds(checkpointSeconds, m);
        double daly = CheckpointIntervals.dalySeconds(checkpointSeconds, m);
        double opt = CheckpointIntervals.exactOptimumSeconds(checkpointSeconds, restartSeconds, m);
        return new Result(mtbfHours, "given", young, daly, CheckpointIntervals.dalyEfficiency(daly, checkpointSeconds, restartSeconds, m),
                CheckpointIntervals.dalyEfficiency(young, checkpointSeconds, restartSeconds, m), opt,
                CheckpointIntervals.dalyEfficiency(opt, checkpointSeconds, restartSeconds, m));
    }
}
