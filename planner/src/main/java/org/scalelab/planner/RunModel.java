package org.scalelab.planner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalelab.cluster.checkpoint.CheckpointIntervals;
import org.scalelab.cluster.checkpoint.CheckpointPlan;
import org.scalelab.cluster.checkpoint.CheckpointPolicy;
import org.scalelab.cluster.failure.FailureCause;
import org.scalelab.cluster.failure.Llama3Failures;
import org.scalelab.cluster.sim.Estimate;
import org.scalelab.cluster.sim.JobModel;
import org.scalelab.cluster.sim.MonteCarlo;
import org.scalelab.cluster.sim.Recovery;
import org.scalelab.cluster.sim.ScenarioBuilder;
import org.scalelab.cluster.sim.StepShares;
import org.scalelab.cluster.sim.Summary;
import org.scalelab.common.ProgressListener;
import org.scalelab.common.Units;

/**
 * Step 3 of a plan: the chosen layout's training run under failures and checkpoints, by the
 * cluster-sim discrete-event simulation ({@link MonteCarlo}). Failures are the Llama 3 Table 5 mix
 * with rates scaled to the GPUs the layout uses ({@link Llama3Failures#causes}); checkpoints hold
 * the parameters and optimizer states ({@code BytesPerParam.checkpointBytes}), are written and read
 * at the storage bandwidth, and are taken at Daly's interval ({@link CheckpointIntervals#dalySeconds})
 * unless the user fixes one.
 *
 * <p>The simulator runs for a fixed horizon and measures the long-run ETTR (productive time over
 * wall time). The run needs {@code compute_days} of productive time, so its wall time is
 * compute_days / ETTR, with the interval from the ETTR's 95 % interval. The horizon is the wall time
 * Daly's model expects, capped at {@link #MAX_HORIZON_MTBFS} job MTBFs (enough failures per
 * replication for a steady-state ETTR; a long run at scale would otherwise cost tens of thousands of
 * checkpoint events per replication); the interruption counts are scaled from the horizon to the
 * wall time.
 */
public final class RunModel {
    /** The simulated horizon is at most this many job MTBFs. */
    public static final double MAX_HORIZON_MTBFS = 100;

    private RunModel() {}

    /**
     * The simulated run.
     *
     * @param job             the simulator's input (for timelines and sweeps)
     * @param horizonDays     the simulated horizon, days (at most {@link #MAX_HORIZON_MTBFS} MTBFs)
     * @param ettr            effective training time ratio with its 95 % interval
     * @param wallDays        compute_days / ETTR
     * @param wallDaysCi      95 % interval of the wall time, days
     * @param interruptions   mean interruptions over the run: total, unexpected, planned
     * @param byCause         mean unexpected interruptions per cause over the run
     * @param mtbfHours       the job's MTBF over all causes, hours
     */
    public record Outcome(JobModel job, double horizonDays, Estimate ettr, double wallDays, double[] wallDaysCi,
            Map<String, Double> interruptions, Map<String, Double> byCause, double mtbfHours) { }

    /** The job the simulator runs for {@code best} over {@code horizonDays}. */
    public static JobModel job(PlanSpec spec, Allocation a, Candidate best, double horizonDays) {
        return derived(spec, a, best, horizonDays).job();
    }

    /** The simulated run of {@code best} with {@code replications} replications on {@code threads} threads. */
    public static Outcome simulate(PlanSpec spec, Allocation a, Candidate best, int replications, int threads) {
        double computeDays = best.computeSeconds() / Units.SECONDS_PER_DAY;
        ScenarioBuilder.Derived first = derived(spec, a, best, computeDays);
        JobModel j = first.job();
        double efficiency = CheckpointIntervals.dalyEfficiency(j.intervalSeconds(), j.checkpointStallSeconds(),
                j.detectionSeconds() + j.restartSeconds(), j.combinedMtbfSeconds());
        double maintenance = j.maintenanceIntervalSeconds() > 0 ? j.maintenanceSeconds() / j.maintenanceIntervalSeconds() : 0;
        double horizonDays = Math.min(computeDays / (efficiency * (1 - maintenance)),
                MAX_HORIZON_MTBFS * j.combinedMtbfSeconds() / Units.SECONDS_PER_DAY);
        JobModel job = derived(spec, a, best, horizonDays).job();
        Summary s = MonteCarlo.summarize(job, replications, spec.seed(), threads, ProgressListener.NONE);
        Estimate ettr = s.ettr();
        double wall = computeDays / ettr.mean();
        double[] ci = {computeDays / ettr.hi(), computeDays / ettr.lo()};
        double scale = wall / horizonDays;
        Map<String, Double> interruptions = new LinkedHashMap<>();
        interruptions.put("total", s.total().mean() * scale);
        interruptions.put("unexpected", s.unexpected().mean() * scale);
        interruptions.put("planned", s.planned().mean() * scale);
        Map<String, Double> byCause = new LinkedHashMap<>();
        s.byCause().forEach((k, v) -> byCause.put(k, v.mean() * scale));
        return new Outcome(job, horizonDays, ettr, wall, ci, interruptions, byCause,
                job.combinedMtbfSeconds() / Units.SECONDS_PER_HOUR);
    }

    private static ScenarioBuilder.Derived derived(PlanSpec spec, Allocation a, Candidate best, double days) {
        int gpus = best.layout().usedGpus();
        List<FailureCause> causes = Llama3Failures.causes(gpus, spec.distribution(), spec.weibullShape());
        CheckpointPlan plan = new CheckpointPlan(spec.checkpointIntervalSeconds() != null ? CheckpointPolicy.FIXED
                : CheckpointPolicy.DALY, spec.checkpointIntervalSeconds(), spec.stateBytes().checkpointBytes(a.params()),
                spec.storageWriteGbPerS(), spec.storageWriteGbPerS(), false, 1, false);
        Recovery r = spec.recovery();
        return ScenarioBuilder.build(best.step().stepSeconds(), StepShares.of(best.step().breakdown()), gpus, days, causes,
                plan, r);
    }
}
