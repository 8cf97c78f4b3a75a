package org.scalelab.cluster.sim;

import org.scalelab.cluster.failure.Llama3Failures;
import org.scalelab.common.Check;

/**
 * What happens after a failure and between planned maintenances.
 *
 * <p>The defaults below are the one source for every entry point that takes these settings:
 * {@code plan} and {@code kind: plan} files, a {@code kind: cluster} file's {@code recovery:} block
 * and its {@code what_if:} job, {@code cluster simulate} and {@code cluster checkpoint-interval}.
 * All but the maintenance cadence are assumptions (the Llama 3 paper, like MegaScale, gives no
 * detection, restart or repair times); the cadence is the Llama 3 paper's, scaled to the job.
 *
 * @param detectionSeconds          time to notice a failure (heartbeat, watchdog), s
 * @param restartSeconds            time to restart the job, not counting the checkpoint read, s
 * @param spareNodes                hot-spare nodes ready to replace failed ones
 * @param repairHours               time to repair a failed node and return it to the pool, h
 * @param maintenanceIntervalHours  time between planned maintenances of the whole job, h (0 = none;
 *                                  null = the Llama 3 cadence scaled to the job's GPUs,
 *                                  {@link #maintenanceIntervalHours(int)})
 * @param maintenanceSeconds        downtime of one planned maintenance, s
 */
public record Recovery(double detectionSeconds, double restartSeconds, int spareNodes, double repairHours,
        Double maintenanceIntervalHours, double maintenanceSeconds) {

    /** Failure detection unless given, s: the NCCL watchdog / flight recorder finding a fault in about two minutes (assumed). */
    public static final double DEFAULT_DETECTION_SECONDS = 120;
    /** Restart unless given, s: reschedule and re-initialise the job's ranks in ten minutes (assumed). */
    public static final double DEFAULT_RESTART_SECONDS = 600;
    /** Hot-spare nodes unless given: enough that no failure of a 16,384-GPU job waits for a repair (assumed). */
    public static final int DEFAULT_SPARE_NODES = 64;
    /** Node repair unless given, h: three days to repair and return a node (assumed). */
    public static final double DEFAULT_REPAIR_HOURS = 72;
    /** Downtime of one planned maintenance unless given, s: half an hour (assumed). */
    public static final double DEFAULT_MAINTENANCE_SECONDS = 1800;

    /** Every default: the values above, and maintenance at the Llama 3 cadence scaled to the job. */
    public static final Recovery DEFAULT = new Recovery(DEFAULT_DETECTION_SECONDS, DEFAULT_RESTART_SECONDS,
            DEFAULT_SPARE_NODES, DEFAULT_REPAIR_HOURS, null, DEFAULT_MAINTENANCE_SECONDS);

    public Recovery {
        Check.nonNegative("detection_seconds", detectionSeconds);
        Check.nonNegative("restart_seconds", restartSeconds);
        Check.inRange("spare_nodes", spareNodes, 0, org.scalelab.memory.TrainingSetup.MAX_GPUS);
        Check.positive("repair_hours", repairHours);
        if (maintenanceIntervalHours != null) {
            Check.nonNegative("maintenance_interval_hours", maintenanceIntervalHours);
        }
        Check.nonNegative("maintenance_seconds", maintenanceSeconds);
    }

    /**
     * Hours between planned maintenances of a job on {@code gpus} GPUs: the given interval, else
     * the Llama 3 cadence as a per-GPU rate ({@link Llama3Failures#plannedIntervalHours}); 0 = none.
     */
    public double maintenanceIntervalHours(int gpus) {
        return maintenanceIntervalHours != null ? maintenanceIntervalHours : Llama3Failures.plannedIntervalHours(gpus);
    }
}
