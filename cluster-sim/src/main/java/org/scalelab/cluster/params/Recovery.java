package org.scalelab.cluster.params;

/**
 * The {@code recovery:} block of a {@code kind: cluster} file: detection, restart, spares, repair and
 * planned maintenance (every key optional), with {@code plan}'s defaults
 * ({@link org.scalelab.cluster.sim.Recovery#DEFAULT}): detection 120 s, restart 600 s, 64 spare
 * nodes, repair 72 h, maintenance of 1800 s at the Llama 3 cadence scaled to the job's GPUs
 * ({@code maintenance_interval_hours} left null here; 0 = no maintenance).
 */
public record Recovery(Double detectionSeconds, Double restartSeconds, Integer spareNodes, Double repairHours,
        Double maintenanceIntervalHours, Double maintenanceSeconds) {
    public Recovery {
        var d = org.scalelab.cluster.sim.Recovery.DEFAULT;
        detectionSeconds = detectionSeconds == null ? d.detectionSeconds() : detectionSeconds;
        restartSeconds = restartSeconds == null ? d.restartSeconds() : restartSeconds;
        spareNodes = spareNodes == null ? d.spareNodes() : spareNodes;
        repairHours = repairHours == null ? d.repairHours() : repairHours;
        maintenanceSeconds = maintenanceSeconds == null ? d.maintenanceSeconds() : maintenanceSeconds;
    }
}
