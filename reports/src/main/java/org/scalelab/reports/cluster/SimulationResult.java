package org.scalelab.reports.cluster;

import java.util.Map;

/**
 * What {@code cluster simulate} prints: means over replications with 95 % intervals in the
 * {@code *_ci} keys ([lo, hi]); null when there is one replication ({@link #printed}).
 *
 * @param ettr                     effective training time ratio (time in training steps / wall; ratio estimator)
 * @param wallSeconds              simulated wall time (s)
 * @param goodputTokensPerSecond   tokens trained per wall-clock second, failures included (null for the abstract job)
 * @param goodputMfu               model FLOPs utilisation over wall time, failures included: step MFU × ETTR (null for
 *                                 the abstract job); not {@code cluster step}'s {@code mfu}, which is {@code stepMfu}
 * @param stepMfu                  MFU of an uninterrupted step (the step model's; {@code cluster step}'s {@code mfu})
 * @param stepHfu                  HFU of an uninterrupted step: the same with the recomputed forward ({@code cluster step}'s
 *                                 {@code hfu}; null for the abstract job)
 * @param hbmGbPerS                HBM bandwidth the step's memory-bound kernels were timed at, GB/s ({@code cluster step}'s
 *                                 {@code hbm_gb_per_s}; null for the abstract job)
 * @param hbmGbPerSSource          where that bandwidth comes from: "given" or the measurement ({@code cluster step}'s
 *                                 {@code hbm_gb_per_s_source}; null for the abstract job)
 * @param modelFlopsPerToken       model FLOPs per token, 6(N − V·h) + 12·L·h·s (PaLM Appendix B without the embedding
 *                                 lookup; null for the abstract job)
 * @param interruptions            mean interruptions: total, unexpected (failures), planned (maintenance)
 * @param interruptionsByCause     mean failures per cause
 * @param timeBreakdownSeconds     mean wall time per category (s); they sum to the wall time; the
 *                                 steps split into productive_compute (model FLOPs), recompute,
 *                                 memory_bound, exposed_communication, all_to_all and pipeline_bubble
 * @param simulatedEvents          events processed over all replications
 * @param seed                     master seed
 * @param intervalSeconds          compute between checkpoints (s)
 * @param intervalSteps            training steps between checkpoints (null for the abstract job)
 * @param checkpointSeconds        training stop per checkpoint (s)
 * @param restartSeconds           restart including the checkpoint read (s)
 * @param mtbfHours                job MTBF over all causes (h)
 * @param expectedEttr             Daly's complete model at this interval (exact for the abstract job
 *                                 with exponential failures; an estimate otherwise)
 * @param stepSeconds              one training step (s)
 */
public record SimulationResult(double ettr, double[] ettrCi, double wallSeconds, double[] wallSecondsCi,
        Double goodputTokensPerSecond, double[] goodputTokensPerSecondCi, Double goodputMfu, double[] goodputMfuCi,
        Double stepMfu, Double stepHfu, Double hbmGbPerS,
        @com.fasterxml.jackson.annotation.JsonProperty("hbm_gb_per_s_source") String hbmGbPerSSource, Double modelFlopsPerToken, Map<String, Double> interruptions, Map<String, double[]> interruptionsCi, Map<String, Double> interruptionsByCause,
        Map<String, double[]> interruptionsByCauseCi, Map<String, Double> timeBreakdownSeconds,
        Map<String, double[]> timeBreakdownSecondsCi, long simulatedEvents, long seed, int replications, double intervalSeconds,
        Long intervalSteps, double checkpointSeconds, double restartSeconds, double mtbfHours, double expectedEttr,
        Double stepSeconds) {

    /** Why a result of one replication has no intervals, as the table's source column and the page say it. */
    public static final String NO_INTERVAL = "none: one replication has no spread";

    /** Whether there are enough replications for a 95 % interval (at least 2: one sample has no spread). */
    public boolean hasIntervals() {
        return replications >= 2;
    }

    /** The result as printed: with fewer than 2 replications the {@code *_ci} keys are null, not [x, x]. */
    public SimulationResult printed() {
        if (hasIntervals()) {
            return this;
        }
        return new SimulationResult(ettr, null, wallSeconds, null, goodputTokensPerSecond, null, goodputMfu, null, stepMfu,
                stepHfu, hbmGbPerS, hbmGbPerSSource, modelFlopsPerToken, interruptions, null, interruptionsByCause, null, timeBreakdownSeconds, null, simulatedEvents, seed,
                replications, intervalSeconds, intervalSteps, checkpointSeconds, restartSeconds, mtbfHours, expectedEttr,
                stepSeconds);
    }
}
