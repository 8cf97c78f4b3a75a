package org.scalelab.planner.params;

import org.scalelab.cluster.failure.FailureDistribution;
import org.scalelab.cluster.sim.Recovery;
import org.scalelab.cluster.step.StepOptions;
import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.memory.BytesPerParam;
import org.scalelab.common.GpuSpec;
import org.scalelab.memory.Recipe;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.MoeSpec;
import org.scalelab.memory.ShapeSpec;
import org.scalelab.memory.TransformerShape;
import org.scalelab.planner.LayoutPins;
import org.scalelab.planner.PlanSpec;
import org.scalelab.scaling.Law;

/**
 * A {@code kind: plan} parameter file, and what the {@code scalelab plan} options fill: one key per
 * option, the option's name in snake_case, the same defaults (null here means "the planner's
 * default", applied by {@link #toSpec}). Shape keys are those of {@code kind: memory} and
 * {@code scalelab memory}; network, failure and recovery keys those of the cluster commands.
 *
 * @param params                       N, parameters
 * @param tokens                       D, training tokens
 * @param computeFlops                 C, training FLOPs
 * @param law                          scaling law (default epoch)
 * @param model                        shape preset name
 * @param layers                       custom shape: layers
 * @param hidden                       custom shape: width
 * @param heads                        custom shape: attention heads
 * @param kvHeads                      custom shape: key/value heads (default heads)
 * @param ffnHidden                    custom shape: MLP width (default 4·hidden)
 * @param ffnMultiplier                custom shape: MLP width as a multiple of hidden
 * @param gatedMlp                     custom shape: SwiGLU MLP, RMSNorm, no biases
 * @param untiedEmbeddings             custom shape: separate output layer
 * @param vocab                        custom shape: vocabulary (default 50257)
 * @param preset                       bytes-per-parameter preset for the memory check instead of the recipe
 *                                     (default none)
 * @param recipe                       precision recipe of the memory check (default megatron-bf16, the recipe the
 *                                     step time runs: {@link StepOptions#DEFAULT_RECIPE}); not with {@code preset}
 * @param flashAttention               attention keeps no s×s scores
 * @param dropout                      dropout kernels and masks after attention and the MLP (default true,
 *                                     Korthikanti et al. 2022, section 4.1, as memory and cluster step)
 * @param reserveGb                    per-GPU reserve, GB
 * @param gpu                          GPU preset (default h100-sxm)
 * @param gpus                         GPUs
 * @param gpusRange                    a sweep {@code A:B} of GPU counts instead of {@code gpus}
 * @param gpusPerNode                  GPUs per node (default 8)
 * @param nvlinkGbPerS                 intra-node bandwidth per GPU, GB/s (default: the gpu preset's, A100 300, H100 SXM 450)
 * @param nvlinkLatencyUs              intra-node latency, µs (default 3)
 * @param interNodeGbitPerS            inter-node bandwidth per GPU, Gbit/s (default: the gpu preset's NIC, A100 200, H100 400)
 * @param interNodeLatencyUs           inter-node latency, µs (default 10)
 * @param seq                          sequence length, tokens
 * @param globalBatchTokens            tokens per optimizer step
 * @param matmulEfficiency             achieved/peak of the matrix multiplies (default: the GPU's measured
 *                                     BF16 MAMF, as {@code cluster step}: {@code GemmModel.measuredCeiling})
 * @param hbmGbPerS                    HBM bandwidth the memory-bound kernels reach, GB/s (default: the GPU's
 *                                     measured streaming bandwidth, as {@code cluster step}: {@code HbmBandwidth.measured})
 * @param dpOverlap                    hidden share of data-parallel communication (default 0)
 * @param tp                           pin tensor parallelism
 * @param pp                           pin pipeline parallelism
 * @param zero                         pin the ZeRO stage
 * @param microBatch                   pin the micro-batch
 * @param recompute                    pin recomputation
 * @param virtualStages                pin the interleaved chunks per stage
 * @param noFailures                   failure-free time only
 * @param replications                 Monte-Carlo replications (default 200)
 * @param checkpointIntervalSeconds    fixed checkpoint interval instead of Daly's, s
 * @param storageWriteGbPerS             checkpoint storage bandwidth, GB/s (default 2000)
 * @param distribution                 failure inter-arrival distribution (default exponential)
 * @param weibullShape                 Weibull shape (default 1)
 * @param detectionSeconds             failure detection, s (default 120)
 * @param restartSeconds               restart, s (default 600)
 * @param spareNodes                   hot-spare nodes (default 64)
 * @param repairHours                  node repair, h (default 72)
 * @param maintenanceIntervalHours     between planned maintenances, h (default: Llama 3's 47 in 54 days on 16,384
 *                                     GPUs as a per-GPU rate, 27.57 h at that size; see {@link Recovery#maintenanceIntervalHours(int)})
 * @param maintenanceSeconds           one planned maintenance, s (default 1800)
 * @param deadlineDays                 deadline, days
 * @param usdPerGpuHour                price per GPU-hour, USD
 * @param wattsPerGpu                  power per GPU, W
 * @param ep                           pin the expert-parallel degree (mixture-of-experts models)
 * @param gemmPrecision                bf16 or fp8 matrix multiplies (default bf16, {@link StepOptions#DEFAULT_GEMM_PRECISION})
 * @param a2aOverlap                   share of the all-to-all hidden behind compute (default 0, {@link StepOptions#DEFAULT_A2A_OVERLAP})
 * @param expertLoadImbalance          the busiest expert's tokens over the mean (default 1.0,
 *                                     {@link StepOptions#DEFAULT_EXPERT_LOAD_IMBALANCE})
 * @param experts                      mixture of experts: routed experts per MoE block (overrides a preset's; see {@link MoeSpec})
 * @param expertsPerToken              mixture of experts: experts per token (default the preset's, else 2)
 * @param sharedExperts                mixture of experts: shared experts (default the preset's, else 0)
 * @param expertFfnHidden              mixture of experts: one expert's MLP width (default the preset's, else ffn_hidden)
 * @param moeLayerFreq                 mixture of experts: every how many blocks an MoE block appears (default the preset's, else 1)
 * @param firstDenseLayers             mixture of experts: leading dense blocks (default the preset's, else 0)
 * @param capacityFactor               mixture of experts: expert capacity over the even share, 0 = dropless (default the preset's, else 0)
 */
public record PlanParameters(Double params, Double tokens, Double computeFlops, String law, String model, Integer layers,
        Integer hidden, Integer heads, Integer kvHeads, Integer ffnHidden, Double ffnMultiplier, Boolean gatedMlp,
        Boolean untiedEmbeddings, Integer vocab, String preset, String recipe, Boolean flashAttention, Boolean dropout, Double reserveGb,
        String gpu, Integer gpus, String gpusRange, Integer gpusPerNode, Double nvlinkGbPerS, Double nvlinkLatencyUs,
        Double interNodeGbitPerS, Double interNodeLatencyUs, Integer seq, Long globalBatchTokens, Double matmulEfficiency,
        Double hbmGbPerS, Double dpOverlap, Integer tp, Integer pp, Integer zero, Integer microBatch, String recompute, Integer virtualStages,
        Boolean noFailures, Integer replications, Double checkpointIntervalSeconds, Double storageWriteGbPerS,
        String distribution, Double weibullShape, Double detectionSeconds, Double restartSeconds, Integer spareNodes,
        Double repairHours, Double maintenanceIntervalHours, Double maintenanceSeconds, Double deadlineDays,
        Double usdPerGpuHour, Double wattsPerGpu, Integer ep, String gemmPrecision, Double a2aOverlap,
        Double expertLoadImbalance, Integer experts, Integer expertsPerToken, Integer sharedExperts, Integer expertFfnHidden,
        Integer moeLayerFreq, Integer firstDenseLayers, Double capacityFactor) {

    /** Validates what can be checked alone; {@link #toSpec} checks the combinations. */
    public PlanParameters {
        // The step's mixture-of-experts defaults, the same constants cluster step and kind: cluster read.
        gemmPrecision = gemmPrecision == null ? StepOptions.DEFAULT_GEMM_PRECISION : gemmPrecision;
        a2aOverlap = a2aOverlap == null ? StepOptions.DEFAULT_A2A_OVERLAP : a2aOverlap;
        expertLoadImbalance = expertLoadImbalance == null ? StepOptions.DEFAULT_EXPERT_LOAD_IMBALANCE : expertLoadImbalance;
        if (params != null) {
            Check.inRange("params", params, 1, org.scalelab.memory.TrainingSetup.MAX_PARAMS);
            Check.integral("params", params);
        }
        // Bounds of the integer keys checked here, where the file is bound, so that a number past an
        // int's range is refused with the key's own bound (see report's WholeNumbers).
        if (gpus != null) {
            Check.inRange("gpus", gpus, 1, org.scalelab.cluster.collective.Network.MAX_RANKS);
        }
        if (gpusPerNode != null) {
            Check.inRange("gpus_per_node", gpusPerNode, 1, org.scalelab.memory.TrainingSetup.MAX_GPUS);
        }
        if (replications != null) {
            Check.inRange("replications", replications, 1, org.scalelab.cluster.sim.MonteCarlo.MAX_REPLICATIONS);
        }
        ignoredGiven(noFailures, replications, checkpointIntervalSeconds, storageWriteGbPerS, distribution, weibullShape,
                detectionSeconds, restartSeconds, spareNodes, repairHours, maintenanceIntervalHours, maintenanceSeconds);
        if (gpus != null && gpusRange != null) {
            throw new InvalidParameterException("gpus_range", "give either gpus or gpus_range, not both", gpusRange);
        }
        if (gpus == null && gpusRange == null) {
            throw new InvalidParameterException("gpus", "is required (or gpus_range A:B)", "missing");
        }
        // The network's bounds, checked here under the keys the user gave (the network record names
        // its own fields, in GB/s where this key is in Gbit/s).
        double maxGb = org.scalelab.cluster.collective.Network.MAX_BANDWIDTH_GB_PER_S;
        double maxUs = org.scalelab.cluster.collective.Network.MAX_LATENCY_US;
        if (nvlinkGbPerS != null) {
            Check.inHalfOpen("nvlink_gb_per_s", nvlinkGbPerS, 0, maxGb);
        }
        if (nvlinkLatencyUs != null) {
            Check.inRange("nvlink_latency_us", nvlinkLatencyUs, 0, maxUs);
        }
        if (interNodeGbitPerS != null) {
            Check.inHalfOpen("inter_node_gbit_per_s", interNodeGbitPerS, 0, maxGb * 8);
        }
        if (interNodeLatencyUs != null) {
            Check.inRange("inter_node_latency_us", interNodeLatencyUs, 0, maxUs);
        }
    }

    /**
     * Refuses a given value the plan would ignore without a word: a Weibull shape with exponential
     * failures, or a failure or checkpoint setting when {@code no_failures} prices failure-free
     * time only (no simulated run reads them). The command line refuses the same way a pair of
     * options where one overrides the other.
     */
    private static void ignoredGiven(Boolean noFailures, Integer replications, Double checkpointIntervalSeconds,
            Double storageWriteGbPerS, String distribution, Double weibullShape, Double detectionSeconds, Double restartSeconds,
            Integer spareNodes, Double repairHours, Double maintenanceIntervalHours, Double maintenanceSeconds) {
        if (Boolean.TRUE.equals(noFailures)) {
            java.util.Map<String, Object> failureKeys = new java.util.LinkedHashMap<>();
            failureKeys.put("replications", replications);
            failureKeys.put("checkpoint_interval_seconds", checkpointIntervalSeconds);
            failureKeys.put("storage_write_gb_per_s", storageWriteGbPerS);
            failureKeys.put("distribution", distribution);
            failureKeys.put("weibull_shape", weibullShape);
            failureKeys.put("detection_seconds", detectionSeconds);
            failureKeys.put("restart_seconds", restartSeconds);
            failureKeys.put("spare_nodes", spareNodes);
            failureKeys.put("repair_hours", repairHours);
            failureKeys.put("maintenance_interval_hours", maintenanceIntervalHours);
            failureKeys.put("maintenance_seconds", maintenanceSeconds);
            for (var e : failureKeys.entrySet()) {
                if (e.getValue() != null) {
                    throw new InvalidParameterException(e.getKey(), "has no effect with no_failures, which prices failure-free"
                            + " time only (no simulated run); drop one of the two", e.getValue() instanceof Double d ? Check.format(d) : e.getValue());
                }
            }
        }
        if (weibullShape != null && !"weibull".equals(distribution)) {
            throw new InvalidParameterException("weibull_shape", "has no effect unless the distribution is weibull (exponential"
                    + " failures have no shape); choose the weibull distribution, or drop weibull_shape", Check.format(weibullShape));
        }
    }

    /** The planner's input, with {@code seed} as the master seed of the replications. */
    public PlanSpec toSpec(long seed) {
        PlanSpec.Builder b = PlanSpec.builder()
                .params(params == null ? null : Math.round(params)).tokens(tokens).computeFlops(computeFlops)
                .law(law == null ? Law.DEFAULT : Law.byName("law", law)).shape(shape())
                .flashAttention(Boolean.TRUE.equals(flashAttention)).dropout(!Boolean.FALSE.equals(dropout))
                .reserveBytes(Check.nonNegative("reserve_gb", reserveGb == null ? 0 : reserveGb) * 1e9)
                .gpu(GpuSpec.byName(gpu == null ? "h100-sxm" : gpu))
                .seq(seq).globalBatchTokens(globalBatchTokens)
                .noFailures(Boolean.TRUE.equals(noFailures)).seed(seed)
                .checkpointIntervalSeconds(checkpointIntervalSeconds)
                .deadlineDays(deadlineDays).usdPerGpuHour(usdPerGpuHour).wattsPerGpu(wattsPerGpu)
                .pins(new LayoutPins(tp, pp, zero, microBatch, recompute == null ? null : Recompute.byName(recompute),
                        virtualStages, ep));
        gpuCount(b);
        precision(b);
        if (gpusPerNode != null) {
            b.gpusPerNode(gpusPerNode);
        }
        if (nvlinkGbPerS != null) {
            b.nvlinkGbPerS(nvlinkGbPerS);
        }
        if (nvlinkLatencyUs != null) {
            b.nvlinkLatencyUs(nvlinkLatencyUs);
        }
        if (interNodeGbitPerS != null) {
            b.interNodeGbitPerS(interNodeGbitPerS);
        }
        if (interNodeLatencyUs != null) {
            b.interNodeLatencyUs(interNodeLatencyUs);
        }
        if (matmulEfficiency != null) {
            b.matmulEfficiency(matmulEfficiency).matmulEfficiencySource("given");
        }
        b.hbmGbPerS(hbmGbPerS);
        if (dpOverlap != null) {
            b.dpOverlap(dpOverlap);
        }
        if (gemmPrecision != null) {
            b.gemmPrecision(gemmPrecision);
        }
        if (a2aOverlap != null) {
            b.a2aOverlap(a2aOverlap);
        }
        if (expertLoadImbalance != null) {
            b.expertLoadImbalance(expertLoadImbalance);
        }
        if (replications != null) {
            b.replications(replications);
        }
        if (storageWriteGbPerS != null) {
            b.storageWriteGbPerS(storageWriteGbPerS);
        }
        if (distribution != null) {
            b.distribution(FailureDistribution.byName("distribution", distribution));
        }
        if (weibullShape != null) {
            b.weibullShape(weibullShape);
        }
        b.recovery(recovery());
        return b.build();
    }

    /** A preset or a recipe, not both; neither keeps the builder's default recipe. */
    private void precision(PlanSpec.Builder b) {
        if (preset != null && recipe != null) {
            throw new InvalidParameterException("recipe", "give either preset or recipe, not both", recipe);
        }
        if (preset != null) {
            b.bytesPerParam(BytesPerParam.byName(preset));
        } else if (recipe != null) {
            b.recipe(Recipe.byName(recipe));
        }
    }

    private void gpuCount(PlanSpec.Builder b) {
        if (gpus != null) {
            b.gpus(gpus);
            return;
        }
        String[] parts = gpusRange.split(":", -1);
        if (parts.length != 2) {
            throw new InvalidParameterException("gpus_range", "must be A:B (e.g. 1024:32768)", gpusRange);
        }
        try {
            int from = Integer.parseInt(parts[0].trim());
            int to = Integer.parseInt(parts[1].trim());
            Check.atLeastOne("gpus_range", from);
            if (to < from) {
                throw new InvalidParameterException("gpus_range", "must have A <= B", gpusRange);
            }
            b.gpusRangeFrom(from).gpus(to);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("gpus_range", "must be A:B with whole GPU counts", gpusRange);
        }
    }

    private Recovery recovery() {
        Recovery d = PlanSpec.defaultRecovery();
        return new Recovery(detectionSeconds != null ? detectionSeconds : d.detectionSeconds(),
                restartSeconds != null ? restartSeconds : d.restartSeconds(),
                spareNodes != null ? spareNodes : d.spareNodes(), repairHours != null ? repairHours : d.repairHours(),
                maintenanceIntervalHours != null ? maintenanceIntervalHours : d.maintenanceIntervalHours(),
                maintenanceSeconds != null ? maintenanceSeconds : d.maintenanceSeconds());
    }

    /** The shape keys, resolved as everywhere else by {@link ShapeSpec}. */
    public ShapeSpec shapeSpec() {
        return new ShapeSpec(model, layers, hidden, heads, kvHeads, vocab, ffnHidden, ffnMultiplier, gatedMlp, untiedEmbeddings,
                new MoeSpec(experts, expertsPerToken, sharedExperts, expertFfnHidden, moeLayerFreq, firstDenseLayers, capacityFactor));
    }

    /** The shape from {@code model} or the custom keys (see {@link ShapeSpec}); null when neither. */
    public TransformerShape shape() {
        return shapeSpec().resolve();
    }
}
