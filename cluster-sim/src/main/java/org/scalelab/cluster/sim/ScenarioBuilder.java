package org.scalelab.cluster.sim;

import java.util.List;
import org.scalelab.cluster.checkpoint.CheckpointIntervals;
import org.scalelab.cluster.checkpoint.CheckpointPlan;
import org.scalelab.cluster.failure.FailureCause;
import org.scalelab.common.Check;
import org.scalelab.common.Units;

/**
 * Turns a cluster scenario (step time, failures, checkpoint plan, recovery) into the times the
 * {@link JobSimulator} needs. The checkpoint interval is rounded to a whole number of training
 * steps, at least one: the simulator then plays those steps as one event. With two-stage
 * checkpoints persisted to storage, a Young or Daly interval is raised to at least the
 * persistence time.
 */
public final class ScenarioBuilder {
    private ScenarioBuilder() {}

    /**
     * The derived times of a scenario.
     *
     * @param job                    the simulator input
     * @param stepSeconds            one training step (s)
     * @param intervalSteps          training steps between checkpoints
     * @param checkpointStallSeconds training stop per checkpoint δ (s)
     * @param persistSeconds         background persistence (s)
     * @param recoveryReadSeconds    checkpoint read on restart (s)
     * @param mtbfHours              job MTBF over all failure causes (h)
     * @param youngSeconds           Young's interval for δ and that MTBF (s)
     * @param dalySeconds            Daly's interval (s)
     */
    public record Derived(JobModel job, double stepSeconds, long intervalSteps, double checkpointStallSeconds,
            double persistSeconds, double recoveryReadSeconds, double mtbfHours, double youngSeconds, double dalySeconds) { }

    /**
     * Builds the job.
     *
     * @param stepSeconds          one training step (s)
     * @param shares               how the step's time splits
     * @param gpus                 GPUs in the job
     * @param days                 wall-clock length of the run (days)
     */
    public static Derived build(double stepSeconds, StepShares shares, int gpus, double days,
            List<FailureCause> causes, CheckpointPlan plan, Recovery recovery) {
        Check.positive("step_seconds", stepSeconds);
        Check.positive("days", days);
        double stall = plan.stallSeconds(gpus);
        double read = plan.recoveryReadSeconds(gpus);
        double rate = causes.stream().mapToDouble(c -> 1.0 / (c.mtbfHours() * Units.SECONDS_PER_HOUR)).sum();
        double mtbf = rate > 0 ? 1 / rate : 1e12;
        double young = CheckpointIntervals.youngSeconds(Math.max(stall, 1e-9), mtbf);
        double daly = CheckpointIntervals.dalySeconds(Math.max(stall, 1e-9), mtbf);
        double tau = plan.policy().intervalSeconds(plan.intervalSeconds(), stall, mtbf);
        if (plan.persistSeconds() > 0 && !plan.inMemoryRecovery() && plan.policy() != org.scalelab.cluster.checkpoint.CheckpointPolicy.FIXED) {
            // Snapshots faster than the background write can persist them would only replace one
            // another in the queue: an optimised interval is at least the persistence time.
            tau = Math.max(tau, plan.persistSeconds());
        }
        long steps = Math.max(1, Math.round(tau / stepSeconds));
        JobModel job = new JobModel(days * Units.SECONDS_PER_DAY, steps * stepSeconds, stall, plan.persistSeconds(),
                plan.inMemoryRecovery(), recovery.detectionSeconds(), recovery.restartSeconds() + read,
                recovery.spareNodes(), recovery.repairHours() * Units.SECONDS_PER_HOUR, recovery.maintenanceIntervalHours(gpus) * Units.SECONDS_PER_HOUR,
                recovery.maintenanceSeconds(), causes, shares);
        return new Derived(job, stepSeconds, steps, stall, plan.persistSeconds(), read, mtbf / Units.SECONDS_PER_HOUR, young, daly);
    }
}
