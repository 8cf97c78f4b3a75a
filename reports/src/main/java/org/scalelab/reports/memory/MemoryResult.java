package org.scalelab.reports.memory;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.scalelab.memory.PerGpuBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.scalelab.memory.ActivationOp;
import org.scalelab.memory.Activations;
import org.scalelab.common.GpuSpec;
import org.scalelab.memory.BlockActivations;
import org.scalelab.memory.HostMemory;
import org.scalelab.memory.PeakMemory;
import org.scalelab.memory.Recipe;
import org.scalelab.memory.StepPeak;
import org.scalelab.memory.MeasuredComparison;
import org.scalelab.memory.MemoryBreakdown;
import org.scalelab.memory.MemorySolver;
import org.scalelab.memory.TrainingSetup;

/**
 * What {@code scalelab memory} prints: per-GPU bytes by component (integers), the GPU's memory,
 * whether it fits, CPU bytes under offload, and the solvers' answers for this setup.
 *
 * @param peakAllocatedBytes predicted peak of a step as torch.cuda.max_memory_allocated reports it (no reserve), bytes
 * @param peakPhase       forward_end, backward or optimizer_step
 * @param peakLive        what is live at the peak, bytes each
 * @param recipe          precision recipe (null without --recipe)
 * @param recipeValidation the published row or document that validates the recipe (null without one)
 * @param perGpuBytes     per-GPU bytes by component
 * @param gpuMemoryBytes  the GPU's memory as the driver reports it, bytes
 * @param fits            total ≤ GPU memory, with a recipe the peak plus the reserve too, and what offload moves to
 *                        the host within the node's host memory
 * @param doesNotFit      why it does not fit (GPU, host memory or both), or null when it fits
 * @param cpuBytes        model states offloaded to CPU per GPU, bytes
 * @param cpuPerNodeBytes what the node's host memory holds: cpuBytes × gpusPerNode, bytes
 * @param cpuMemoryBytes  host memory per node (--cpu-memory-gb; default a DGX H100's 2 TB), bytes
 * @param gpusPerNode     GPUs sharing one node's host memory
 * @param paramCount      Ψ, parameters (all of them, every expert included)
 * @param activeParamCount parameters one token passes through (equals paramCount for a dense model)
 * @param zero            ZeRO stage
 * @param gpus            dp·tp·pp·ep
 * @param ep              expert-parallel degree (1 for a dense model)
 * @param preset          bytes-per-parameter preset
 * @param gpu             GPU preset name (or "custom")
 * @param maxMicroBatch   largest micro-batch that fits (null without a shape or when none fits), sequences
 * @param minDp           smallest data-parallel degree that fits (null if none up to 2^24)
 * @param minGpus         minDp·tp·pp·ep (null if none)
 * @param activationDetail how the activations add up (null without a shape)
 * @param moeDetail       dense and expert parts of the totals (null for a dense model)
 * @param measured        prediction beside measurement (null without --measured-file)
 * @param deepspeed       DeepSpeed's estimators for this model (a parameter file's {@code deepspeed:} block only;
 *                        absent otherwise)
 */
public record MemoryResult(long peakAllocatedBytes, String peakPhase, List<Line> peakLive, String recipe,
                           String recipeValidation, PerGpuBytes perGpuBytes, long gpuMemoryBytes, boolean fits, String doesNotFit, long cpuBytes,
                           long cpuPerNodeBytes, long cpuMemoryBytes, long gpusPerNode, long paramCount,
                           long activeParamCount, int zero, long gpus, long ep, String preset, String gpu, Long maxMicroBatch,
                           Long minDp, Long minGpus, ActivationDetail activationDetail, MoeDetail moeDetail, Measured measured,
                           @JsonInclude(JsonInclude.Include.NON_NULL) DeepSpeed deepspeed) {

    /**
     * What {@code scalelab memory deepspeed --zero 2} and {@code --zero 3} print for the same model and
     * block (ZeRO-2 ignores the largest layer; ZeRO-3 has no legacy formula).
     *
     * @param zero2 DeepSpeed's {@code estimate_zero2_model_states_mem_needs_all_cold}
     * @param zero3 DeepSpeed's {@code estimate_zero3_model_states_mem_needs_all_cold}
     */
    public record DeepSpeed(DeepSpeedCommand.Result zero2, DeepSpeedCommand.Result zero3) { }

    /** The same result with DeepSpeed's estimators beside it. */
    MemoryResult withDeepSpeed(DeepSpeed estimators) {
        return new MemoryResult(peakAllocatedBytes, peakPhase, peakLive, recipe, recipeValidation, perGpuBytes, gpuMemoryBytes, fits,
                doesNotFit, cpuBytes, cpuPerNodeBytes, cpuMemoryBytes, gpusPerNode, paramCount, activeParamCount, zero, gpus, ep, preset, gpu, maxMicroBatch, minDp, minGpus, activationDetail,
                moeDetail, measured, estimators);
    }

    /**
     * One named amount of memory.
     *
     * @param name  what it is
     * @param bytes bytes per GPU
     */
    public record Line(String name, long bytes) {
        Line(String name, double bytes) {
            this(name, Math.round(bytes));
        }
    }

    /**
     * The activation total broken into its terms: activations = per_layer_bytes × layers_in_flight ×
     * first_stage_multiplier + extra_bytes, with the layer's kept tensors op by op. For a mixture-of-experts
     * model the layer is an MoE block (the heaviest kind), and the total sums the stage's own blocks, dense
     * and MoE, so it is at most this product.
     *
     * @param perLayerBytes         one layer's bytes per GPU for the policy (Korthikanti Eq. 1-6 for GPT's block)
     * @param layersInFlight        ceil(L/p)·p layers' worth held by the first pipeline stage
     * @param firstStageMultiplier  1, or 1 + (p − 1)/(pm) for the interleaved schedule
     * @param extraBytes            embedding dropout, final norm, output-layer input and logits (§4.3)
     * @param ops                   the layer's kept tensors, bytes per layer per GPU each
     */
    public record ActivationDetail(double perLayerBytes, long layersInFlight, double firstStageMultiplier, double extraBytes,
                                   List<Line> ops) {
        static ActivationDetail of(TrainingSetup s) {
            if (s.shape() == null) {
                return null;
            }
            long layers = (s.shape().layers() + s.pp() - 1) / s.pp() * s.pp();
            List<ActivationOp> block = BlockActivations.perBlock(s.shape(), s.shape().isMoe(), s.seqLength(), s.microBatch(),
                    s.tp(), s.sequenceParallel(), s.recompute(), s.activationOptions(), s.routedTokenFactor());
            List<Line> ops = block.stream().map(o -> new Line(o.name(), o.bytes())).toList();
            return new ActivationDetail(block.stream().mapToDouble(ActivationOp::bytes).sum(), layers, Activations.firstStageMultiplier(s.pp(), s.virtualStages()),
                    Activations.extraBytes(s.seqLength(), s.microBatch(), s.shape().hidden(), s.shape().vocab(), s.tp(), s.pp(),
                            s.sequenceParallel(), s.activationOptions(), s.forwardLogitsBytes()), ops);
        }
    }

    /** Prediction vs measurement; relative errors are (predicted − measured)/measured. */
    public record Measured(long peakBytes, long predictedPeakBytes, double peakRelativeError, Long steadyBytes,
                           long predictedSteadyBytes, Double steadyRelativeError) {
        static Measured of(MeasuredComparison c) {
            boolean steady = !Double.isNaN(c.measuredSteadyBytes());
            return new Measured(Math.round(c.measuredPeakBytes()), Math.round(c.predictedPeakBytes()), c.peakRelativeError(),
                    steady ? Math.round(c.measuredSteadyBytes()) : null, Math.round(c.predictedSteadyBytes()),
                    steady ? c.steadyRelativeError() : null);
        }
    }

    /** Computes the result for a setup on a GPU and a node's host memory, with an optional measurement. */
    static MemoryResult of(TrainingSetup setup, MemoryBreakdown m, GpuSpec gpu, HostMemory host, MeasuredComparison measured) {
        PerGpuBytes bytes = PerGpuBytes.of(m);
        boolean hostHolds = host.holds(m.cpuBytes());
        // the host bound does not depend on the micro-batch; min_dp searches the same test as fits
        Long maxMicro = setup.shape() == null || !hostHolds ? null : boxed(MemorySolver.maxMicroBatch(setup, gpu.memoryBytes()));
        Long minDp = boxed(MemorySolver.minDataParallel(setup, gpu.memoryBytes(), host));
        PeakMemory peak = StepPeak.estimate(setup);
        List<Line> live = peak.live().stream().map(l -> new Line(l.name(), l.bytes())).toList();
        // the unrounded total too: the rounded one saturates at Long.MAX_VALUE (see PerGpuBytes)
        double needed = MemorySolver.neededBytes(setup, m);
        boolean gpuFits = needed <= gpu.memoryBytes() && bytes.total() <= gpu.memoryBytes();
        List<String> why = new ArrayList<>();
        if (!gpuFits) {
            why.add(String.format(Locale.ROOT, "the GPU needs %.2f GB%s of its %.2f GB", needed / 1e9,
                    setup.recipe() == null ? "" : " at the step peak with the reserve", gpu.memoryBytes() / 1e9));
        }
        if (!hostHolds) {
            why.add(String.format(Locale.ROOT, "the host memory needs %.2f GB per node (%.2f GB offloaded per GPU x %d GPU%s per"
                    + " node) of its %.2f GB (cpu_memory_gb)", host.nodeBytes(m.cpuBytes()) / 1e9, m.cpuBytes() / 1e9,
                    host.gpusPerNode(), host.gpusPerNode() == 1 ? "" : "s", host.bytesPerNode() / 1e9));
        }
        boolean fits = gpuFits && hostHolds;
        Recipe r = setup.recipe();
        return new MemoryResult(Math.round(peak.peakAllocatedBytes()), peak.peakPhase().key(), live,
                r == null ? null : r.key(), r == null ? null : r.validation(),
                bytes, gpu.memoryBytes(), fits, why.isEmpty() ? null : String.join("; ", why), Math.round(m.cpuBytes()),
                Math.round(host.nodeBytes(m.cpuBytes())), Math.round(host.bytesPerNode()), host.gpusPerNode(),
                setup.paramCount(), setup.activeParamCount(), setup.stage().number(), setup.gpus(), setup.ep(),
                setup.stateBytes().key(), gpu.key(), maxMicro, minDp,
                minDp == null ? null : minDp * setup.tp() * setup.pp() * setup.ep(), ActivationDetail.of(setup),
                MoeDetail.of(m, gpuFits, gpu.memoryBytes()), measured == null ? null : Measured.of(measured), null);
    }

    private static Long boxed(OptionalLong v) {
        return v.isPresent() ? v.getAsLong() : null;
    }
}
