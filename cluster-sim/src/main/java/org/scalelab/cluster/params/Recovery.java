package org.scalelab.cluster.params;

/**
 * The {@code recovery:} block of a {@code kind: cluster} file: detection, restart, spares, repair and
 * planned maintenance (every key optional).
 */
public record Recovery(Double detectionSeconds, Double restartSeconds, Integer spareNodes, Double repairHours,
        Double maintenanceIntervalHours, Double maintenanceSeconds) {
    public Recovery {
        detectionSeconds = detectionSeconds == null ? 0.0 : detectionSeconds;
        restartSeconds = restartSeconds == null ? 0.0 : restartSeconds;
        spareNodes = spareNodes == null ? 1_000_000 : spareNodes;
        repairHours = repairHours == null ? 72.0 : repairHours;
        maintenanceIntervalHours = maintenanceIntervalHours == null ? 0.0 : maintenanceIntervalHours;
        maintenanceSeconds = maintenanceSeconds == null ? 0.0 : maintenanceSeconds;
    }
}
