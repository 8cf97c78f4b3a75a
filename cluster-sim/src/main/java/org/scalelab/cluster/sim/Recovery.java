package org.scalelab.cluster.sim;

import org.scalelab.common.Check;

/**
 * What happens after a failure and between planned maintenances.
 *
 * @param detectionSeconds          time to notice a failure (heartbeat, watchdog), s
 * @param restartSeconds            time to restart the job, not counting the checkpoint read, s
 * @param spareNodes                hot-spare nodes ready to replace failed ones
 * @param repairHours               time to repair a failed node and return it to the pool, h
 * @param maintenanceIntervalHours  time between planned maintenances, h (0 = none)
 * @param maintenanceSeconds        downtime of one planned maintenance, s
 */
public record Recovery(double detectionSeconds, double restartSeconds, int spareNodes, double repairHours,
        double maintenanceIntervalHours, double maintenanceSeconds) {

    public Recovery {
        Check.nonNegative("detection_seconds", detectionSeconds);
        Check.nonNegative("restart_seconds", restartSeconds);
        Check.atLeast("spare_nodes", spareNodes, 0);
        Check.positive("repair_hours", repairHours);
        Check.nonNegative("maintenance_interval_hours", maintenanceIntervalHours);
        Check.nonNegative("maintenance_seconds", maintenanceSeconds);
    }
}
