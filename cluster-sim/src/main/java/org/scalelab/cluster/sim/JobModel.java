package org.scalelab.cluster.sim;

import java.util.List;
import org.scalelab.cluster.failure.FailureCause;
import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.common.Units;

/**
 * Everything the job simulator needs, reduced to times: how long the run lasts, how much compute
 * separates two checkpoints, what a checkpoint, a detection, a restart, a repair and a planned
 * maintenance cost, and the failure processes. Built from a cluster scenario
 * ({@link ScenarioBuilder}) or directly for the abstract what-if job.
 *
 * @param horizonSeconds           wall-clock length of the simulated run (s)
 * @param intervalSeconds          compute time between two checkpoints τ (s; a whole number of steps)
 * @param checkpointStallSeconds   time training stops to take a checkpoint δ (s)
 * @param persistSeconds           asynchronous persistence after a two-stage snapshot (s; 0 = the
 *                                 checkpoint is durable when the stall ends)
 * @param inMemoryRecovery         whether a snapshot in host memory survives a failure (replicated
 *                                 to peers, as in Gemini), so it counts before persistence ends
 * @param detectionSeconds         time from a failure until it is detected (s)
 * @param restartSeconds           time to restart and read the checkpoint back (s); a failure during
 *                                 it starts it over
 * @param spareNodes               hot-spare nodes ready to replace a failed node
 * @param repairSeconds            time to repair a failed node and return it to the spare pool (s)
 * @param maintenanceIntervalSeconds time between planned maintenances (s; 0 = none)
 * @param maintenanceSeconds       downtime of one planned maintenance (s)
 * @param causes                   failure processes
 * @param stepShares               how a training step's time splits (productive compute,
 *                                 recomputation, memory-bound work, exposed communication, pipeline
 *                                 bubble) for the time breakdown; all compute for the abstract job
 */
public record JobModel(double horizonSeconds, double intervalSeconds, double checkpointStallSeconds,
        double persistSeconds, boolean inMemoryRecovery, double detectionSeconds, double restartSeconds,
        int spareNodes, double repairSeconds, double maintenanceIntervalSeconds, double maintenanceSeconds,
        List<FailureCause> causes, StepShares stepShares) {

    /**
     * Longest run simulated: 3650 days (ten years), far beyond any training run; the work of a
     * replication grows with the run's length.
     */
    public static final double MAX_DAYS = 3650;
    /**
     * Most events one replication may expect (checkpoints, failures, maintenances): 10⁹, about
     * 40 s at the measured 25 million events per second per core.
     */
    public static final double MAX_EVENTS_PER_REPLICATION = 1e9;
    /**
     * A restart or checkpoint may last at most 30 job MTBFs: beyond that it would almost never
     * finish between two failures (chance e^−30 ≈ 10^−13 under exponential failures) and the
     * simulated job would do no work at all.
     */
    public static final double MAX_MTBFS_PER_RECOVERY = 30;

    public JobModel {
        if (!(horizonSeconds > 0 && horizonSeconds <= MAX_DAYS * Units.SECONDS_PER_DAY)) {
            throw new InvalidParameterException("days", "must be in (0, " + (long) MAX_DAYS + "] (ten years)",
                    Check.format(horizonSeconds / Units.SECONDS_PER_DAY));
        }
        Check.positive("interval_seconds", intervalSeconds);
        Check.nonNegative("checkpoint_seconds", checkpointStallSeconds);
        Check.nonNegative("persist_seconds", persistSeconds);
        Check.nonNegative("detection_seconds", detectionSeconds);
        Check.nonNegative("restart_seconds", restartSeconds);
        Check.atLeast("spare_nodes", spareNodes, 0);
        Check.positive("repair_seconds", repairSeconds);
        Check.nonNegative("maintenance_interval_seconds", maintenanceIntervalSeconds);
        Check.nonNegative("maintenance_seconds", maintenanceSeconds);
        causes = List.copyOf(causes);
        Check.present("step_shares", stepShares);
        checkMeaningful(horizonSeconds, intervalSeconds, checkpointStallSeconds, restartSeconds,
                maintenanceIntervalSeconds, causes);
    }

    /**
     * Rejects a checkpoint or restart longer than {@link #MAX_MTBFS_PER_RECOVERY} job MTBFs: the one
     * bound for the simulator and the closed forms (README, Bounds).
     *
     * @param field       the parameter, e.g. {@code checkpoint_seconds}
     * @param what        what lasts that long, e.g. "a checkpoint"
     * @param seconds     its duration, seconds
     * @param mtbfSeconds the job's MTBF, seconds
     * @throws InvalidParameterException naming {@code field}, the limit and the value
     */
    public static void checkWithinMtbfs(String field, String what, double seconds, double mtbfSeconds) {
        double limit = MAX_MTBFS_PER_RECOVERY * mtbfSeconds;
        if (seconds > limit) {
            throw new InvalidParameterException(field, "must be <= " + (int) MAX_MTBFS_PER_RECOVERY + " job MTBFs ("
                    + Check.format(rounded(limit)) + " s): " + what + " would almost never finish between failures",
                    Check.format(seconds));
        }
    }

    /**
     * A derived duration as a message shows it: six significant digits ({@code 334053}, not
     * {@code 334052.50596658705}; {@code 10.8}, not {@code 10.800000000000002}).
     */
    public static double rounded(double seconds) {
        return !Double.isFinite(seconds) ? seconds : new java.math.BigDecimal(seconds).round(new java.math.MathContext(6)).doubleValue();
    }

    /** Rejects settings under which the job can do no work, or whose simulation cannot end. */
    private static void checkMeaningful(double horizon, double interval, double stall, double restart,
            double maintenanceInterval, List<FailureCause> causes) {
        if (stall >= horizon) {
            throw new InvalidParameterException("checkpoint_seconds", "must be shorter than the run ("
                    + Check.format(horizon) + " s): no checkpoint could ever complete", Check.format(stall));
        }
        double mtbf = combinedMtbf(causes);
        checkWithinMtbfs("checkpoint_seconds", "a checkpoint", stall, mtbf);
        checkWithinMtbfs("restart_seconds", "a restart", restart, mtbf);
        double events = expectedEvents(horizon, interval, stall, maintenanceInterval, mtbf);
        if (!(events <= MAX_EVENTS_PER_REPLICATION)) {
            throw new InvalidParameterException("days", String.format(java.util.Locale.ROOT,
                    "too long for these settings: one replication would cost about %.3g events (a checkpoint every"
                    + " %.3g s, a failure every %.3g s), at most %s", events, interval, mtbf, Check.format(MAX_EVENTS_PER_REPLICATION)),
                    Check.format(horizon / Units.SECONDS_PER_DAY));
        }
    }

    private static double combinedMtbf(List<FailureCause> causes) {
        double rate = causes.stream().mapToDouble(c -> 1.0 / (c.mtbfHours() * Units.SECONDS_PER_HOUR)).sum();
        return rate > 0 ? 1.0 / rate : Double.POSITIVE_INFINITY;
    }

    /**
     * Events a replication expects: about three per checkpoint cycle (segment end, checkpoint end,
     * persistence), five per failure (failure, detection, restart, repair, redrawn failure) and
     * three per maintenance, plus a few to start and end.
     */
    private static double expectedEvents(double horizon, double interval, double stall, double maintenanceInterval,
            double mtbf) {
        double events = 8 + 3 * horizon / (interval + stall) + 5 * horizon / mtbf;
        return maintenanceInterval > 0 ? events + 3 * horizon / maintenanceInterval : events;
    }

    /** The events one replication is expected to cost (for bounding work before it starts). */
    public double expectedEventsPerReplication() {
        return expectedEvents(horizonSeconds, intervalSeconds, checkpointStallSeconds, maintenanceIntervalSeconds,
                combinedMtbfSeconds());
    }

    /**
     * The abstract job of Daly's model: one exponential failure process with MTBF M, checkpoint δ,
     * restart R, no detection delay, no spares needed, no maintenance.
     */
    public static JobModel abstractJob(double horizonSeconds, double intervalSeconds, double mtbfSeconds,
            double checkpointSeconds, double restartSeconds) {
        Check.positive("mtbf_hours", mtbfSeconds);
        return new JobModel(horizonSeconds, intervalSeconds, checkpointSeconds, 0, false, 0, restartSeconds, 0,
                1, 0, 0, List.of(FailureCause.exponential("failure", mtbfSeconds / Units.SECONDS_PER_HOUR, false)), StepShares.allCompute());
    }

    /** The same job with another checkpoint interval (s). */
    public JobModel withIntervalSeconds(double seconds) {
        return new JobModel(horizonSeconds, seconds, checkpointStallSeconds, persistSeconds, inMemoryRecovery,
                detectionSeconds, restartSeconds, spareNodes, repairSeconds, maintenanceIntervalSeconds,
                maintenanceSeconds, causes, stepShares);
    }

    /** The same job with other failure causes. */
    public JobModel withCauses(List<FailureCause> newCauses) {
        return new JobModel(horizonSeconds, intervalSeconds, checkpointStallSeconds, persistSeconds, inMemoryRecovery,
                detectionSeconds, restartSeconds, spareNodes, repairSeconds, maintenanceIntervalSeconds,
                maintenanceSeconds, newCauses, stepShares);
    }

    /** Mean time between failures of all causes together (s): 1 / Σ (1/MTBF_i). */
    public double combinedMtbfSeconds() {
        return combinedMtbf(causes);
    }
}
