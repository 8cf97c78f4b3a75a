package org.scalelab.cluster.failure;

import java.util.List;

/**
 * Root causes of the 419 unexpected interruptions of Llama 3 405B pre-training over a 54-day
 * snapshot on 16,384 H100 GPUs (Grattafiori/Dubey et al., "The Llama 3 Herd of Models",
 * arXiv:2407.21783, Table 5). The counts are used, not the printed percentages, which do not
 * match them (148/419 = 35.3 %, printed 30.1 %). Whether a cause takes a node out (needs a spare)
 * is our reading of its category: GPU, host and network hardware do; software bugs, NCCL watchdog
 * timeouts and dependencies do not.
 */
public final class Llama3Failures {
    /** Days in the snapshot (Llama 3 paper, §3.3.4). */
    public static final double DAYS = 54;
    /** GPUs in the job (Llama 3 paper, §3.3.4). */
    public static final int GPUS = 16_384;
    /** Unexpected interruptions (Table 5 counts, summed). */
    public static final int UNEXPECTED = 419;
    /** Planned interruptions (466 total − 419 unexpected, §3.3.4). */
    public static final int PLANNED = 47;

    /** One Table 5 row. */
    public record Row(String component, String category, int count, boolean needsReplacement) { }

    /** Table 5, in the paper's order. */
    public static final List<Row> TABLE = List.of(
            new Row("Faulty GPU", "GPU", 148, true),
            new Row("GPU HBM3 Memory", "GPU", 72, true),
            new Row("Software Bug", "Dependency", 54, false),
            new Row("Network Switch/Cable", "Network", 35, true),
            new Row("Host Maintenance", "Unplanned Maintenance", 32, true),
            new Row("GPU SRAM Memory", "GPU", 19, true),
            new Row("GPU System Processor", "GPU", 17, true),
            new Row("NIC", "Host", 7, true),
            new Row("NCCL Watchdog Timeouts", "Unknown", 7, false),
            new Row("Silent Data Corruption", "GPU", 6, true),
            new Row("GPU Thermal Interface + Sensor", "GPU", 6, true),
            new Row("SSD", "Host", 3, true),
            new Row("Power Supply", "Host", 3, true),
            new Row("Server Chassis", "Host", 2, true),
            new Row("IO Expansion Board", "Host", 2, true),
            new Row("Dependency", "Dependency", 2, false),
            new Row("CPU", "Host", 2, true),
            new Row("System Memory", "Host", 2, true));

    private Llama3Failures() {}

    /**
     * Hours between planned interruptions (maintenance) of a job on {@code jobGpus} GPUs: the
     * snapshot's planned interruptions as a rate per GPU-hour, scaled to the job like the failure
     * causes. At 16,384 GPUs it is the paper's cadence, 54 × 24 / 47 = 27.57 h; an 8-GPU job waits
     * 2,048 times as long (56,473 h), instead of stopping as often as the whole Llama 3 cluster.
     * Dubey et al. 2024 (Llama 3), Section 3.3.4 and Table 5: 47 planned interruptions in 54 days on 16,384 GPUs
     *
     * @throws org.scalelab.common.InvalidParameterException naming {@code gpus} unless {@code jobGpus} ≥ 1
     */
    public static double plannedIntervalHours(int jobGpus) {
        return FailureCause.mtbfHoursFromCount(PLANNED, DAYS, GPUS, jobGpus);
    }

    /**
     * The failure causes of Table 5 scaled to a job of {@code jobGpus} GPUs (rates proportional
     * to the GPU count).
     */
    public static List<FailureCause> causes(int jobGpus, FailureDistribution distribution, double weibullShape) {
        return TABLE.stream().map(r -> new FailureCause(r.component(),
                FailureCause.mtbfHoursFromCount(r.count(), DAYS, GPUS, jobGpus), distribution, weibullShape,
                r.needsReplacement())).toList();
    }
}
