package org.scalelab.planner;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.scalelab.memory.PerGpuBytes;
import java.util.List;
import java.util.Map;

/**
 * The planner's answer, field for field what {@code scalelab plan --format json} prints (snake_case
 * names). Units are in the names; counts of interruptions are means over the replications.
 *
 * @param params                      N, parameters
 * @param tokens                      D, training tokens
 * @param computeFlops                C, training FLOPs
 * @param globalBatchTokens           tokens per optimizer step after rounding to the layout
 * @param globalBatchTokensTarget     tokens per step the batch law (or the user) asked for
 * @param seq                         sequence length, tokens
 * @param model                       the transformer shape
 * @param gpu                         the GPU model
 * @param gpus                        GPUs allocated
 * @param layout                      the chosen layout
 * @param perGpuBytes                 memory of the most loaded GPU, the lines of {@code scalelab memory}
 * @param neededBytes                 the GPU memory that GPU needs, bytes: {@code perGpuBytes}' total or, with a
 *                                    precision recipe, the step's peak plus the reserve when larger (the test
 *                                    behind {@code scalelab memory}'s fits)
 * @param gpuMemoryBytes              the GPU's memory as the driver reports it, bytes
 * @param stepSeconds                 one optimizer step, s
 * @param mfu                         model FLOPs utilisation of the step (an output of the step model)
 * @param computeDays                 failure-free training time, days
 * @param ettr                        effective training time ratio (1 without failures)
 * @param wallDays                    wall time with failures and checkpoints, days
 * @param wallDaysCi                  95 % interval of the wall time, days
 * @param gpuHours                    wall time × GPUs allocated, GPU-hours
 * @param checkpointIntervalSeconds   compute between checkpoints, s (null without failures)
 * @param interruptions               interruptions over the run (null without failures)
 * @param alternatives                runners-up with why each lost
 * @param usd                         gpu_hours × usd_per_gpu_hour, when priced
 * @param energyMwh                   gpu_hours × watts_per_gpu, MWh, when given
 * @param deadline                    whether the deadline is met, when given
 * @param byGpus                      one entry per GPU count of a range, when given
 * @param choices                     where each number came from
 * @param warnings                    notes for the user
 * @param seed                        master seed of the replications
 * @param replications                Monte-Carlo replications (0 without failures)
 * @param moe                         the mixture-of-experts part of the answer; null for a dense model,
 *                                    and then absent from the JSON
 */
public record Plan(long params, double tokens, double computeFlops, long globalBatchTokens, double globalBatchTokensTarget,
        int seq, Model model, String gpu, int gpus, Layout layout, PerGpuBytes perGpuBytes, long neededBytes, long gpuMemoryBytes,
        double stepSeconds, double mfu, double computeDays, double ettr, double wallDays, double[] wallDaysCi,
        double gpuHours, Double checkpointIntervalSeconds, Interruptions interruptions, List<Alternative> alternatives,
        Double usd, Double energyMwh, Deadline deadline, List<GpuCount> byGpus, List<String> choices,
        List<String> warnings, long seed, int replications, @JsonInclude(JsonInclude.Include.NON_NULL) Moe moe) {

    /**
     * What a mixture-of-experts plan adds.
     *
     * @param activeParams          parameters one token passes through (the count the laws and 6ND use)
     * @param experts               routed experts per MoE block, E
     * @param expertsPerToken       routed experts per token, k
     * @param sharedExperts         shared experts per MoE block
     * @param ep                    the chosen expert-parallel degree
     * @param epChoice              why that EP: one line per EP tried
     * @param gemmPrecision         precision of the matrix multiplies (bf16 or fp8)
     * @param a2aOverlap            share of the all-to-all hidden behind compute
     * @param expertLoadImbalance   the busiest expert's tokens over the mean
     * @param lawNote               which scaling law applied, and why none for routed models
     * @param allToAllSeconds       the all-to-all left exposed in one step (the step model's own line), s
     * @param memoryDetail          the chosen layout's per-GPU bytes split into dense and expert parts
     *                              (already counted in {@code per_gpu_bytes})
     */
    public record Moe(long activeParams, int experts, int expertsPerToken, int sharedExperts, int ep,
            List<String> epChoice, String gemmPrecision, double a2aOverlap, double expertLoadImbalance, String lawNote,
            double allToAllSeconds, MemoryDetail memoryDetail) {
        public Moe {
            epChoice = List.copyOf(epChoice);
        }
    }

    /**
     * The mixture-of-experts split of the chosen layout's memory (the memory model's {@code MoeMemory}),
     * bytes on the most loaded GPU, rounded.
     *
     * @param expertsPerGpu           routed experts of each MoE block on one GPU, E/EP
     * @param denseStatesBytes        parameters, gradients and optimizer states of everything but the routed
     *                                experts (ZeRO-partitioned over EP x DP)
     * @param expertStatesBytes       the same for the routed experts (ZeRO-partitioned over DP)
     * @param expertActivationsBytes  routed experts' and routers' kept activations
     * @param allToAllBufferBytes     dispatch send and receive buffers
     */
    public record MemoryDetail(long expertsPerGpu, long denseStatesBytes, long expertStatesBytes,
            long expertActivationsBytes, long allToAllBufferBytes) { }

    /** The shape trained. */
    public record Model(String name, int layers, int hidden, int heads, int kvHeads, int ffnHidden, int vocab,
            boolean gatedMlp, long shapeParams) { }

    /** Interruptions over the run (means), with the names {@code cluster simulate} uses. */
    public record Interruptions(double total, double unexpected, double planned, Map<String, Double> byCause) { }

    /** A runner-up; {@code neededBytes} as the plan's (its GPU memory need, the step peak included). */
    public record Alternative(Layout layout, boolean fits, long neededBytes, double stepSeconds, double mfu,
            double computeDays, String whyLost) { }

    /**
     * The deadline check.
     *
     * @param deadlineDays   the deadline, days
     * @param met            whether the chosen plan meets it
     * @param marginDays     deadline − wall time (negative when missed), days
     */
    public record Deadline(double deadlineDays, boolean met, double marginDays) { }

    /** One GPU count of a range. */
    public record GpuCount(int gpus, Layout layout, double stepSeconds, double mfu, double computeDays, double wallDays,
            double gpuHours, Boolean meetsDeadline) { }
}
