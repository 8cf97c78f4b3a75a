package org.scalelab.memory.params;

import java.util.List;
import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.common.Units;
import org.scalelab.memory.BytesPerParam;
import org.scalelab.memory.CommBuffers;
import org.scalelab.common.GpuSpec;
import org.scalelab.memory.HostMemory;
import org.scalelab.memory.MoeSpec;
import org.scalelab.memory.Offload;
import org.scalelab.memory.Recipe;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.ShapeSpec;
import org.scalelab.memory.TrainingSetup;
import org.scalelab.memory.TransformerShape;
import org.scalelab.memory.ZeroStage;

/**
 * A {@code kind: memory} parameter file. Keys mirror the command-line options; missing optional keys
 * take the command's defaults (zero-paper bytes, stage 0, no parallelism, s = 2048, b = 1, no
 * recompute, h100-sxm, reserve 0, buffers off). The sweep keys set the charts' axes.
 *
 * @param params            Ψ, parameters (or give {@code model} / {@code layers, hidden, heads})
 * @param model             shape preset name
 * @param layers            custom shape: layers
 * @param hidden            custom shape: hidden size
 * @param heads             custom shape: attention heads
 * @param kvHeads           custom shape: key/value heads (default heads)
 * @param vocab             custom shape: vocabulary (default 50257)
 * @param ffnHidden         custom shape: MLP width (default 4·hidden)
 * @param ffnMultiplier     custom shape: MLP width as a multiple of hidden (instead of ffn_hidden)
 * @param gatedMlp          custom shape: gated SwiGLU MLP, RMSNorm, no biases (Llama-style)
 * @param untiedEmbeddings  custom shape: a separate output layer, not tied to the input embedding (default false;
 *                          the same as the --untied-embeddings option)
 * @param experts           mixture of experts: routed experts per MoE block (overrides a preset's; default none)
 * @param expertsPerToken   mixture of experts: experts per token k (default the preset's, else 2)
 * @param sharedExperts     mixture of experts: shared experts (default the preset's, else 0)
 * @param expertFfnHidden   mixture of experts: one expert's MLP width (default the preset's, else ffn_hidden)
 * @param moeLayerFreq      mixture of experts: every how many blocks an MoE block appears (default the preset's, else 1)
 * @param firstDenseLayers  mixture of experts: leading dense blocks (default the preset's, else 0)
 * @param capacityFactor    mixture of experts: expert capacity over the even share, 0 = dropless (default the preset's, else 0)
 * @param preset            bytes-per-parameter preset (default zero-paper; exclusive with recipe)
 * @param recipe            precision recipe (megatron-bf16, megatron-bf16-distopt, torch-amp-bf16, bf16-pure; default none)
 * @param bytesPerParam     a custom preset instead of {@code preset}
 * @param zero              ZeRO stage of the headline setup (default 0; the charts show all stages)
 * @param dp                data-parallel degree
 * @param tp                tensor-parallel degree
 * @param pp                pipeline-parallel degree
 * @param ep                expert-parallel degree (default 1; must divide experts)
 * @param expertLoadImbalance the busiest expert's tokens over the mean (default 1.0)
 * @param gpus              GPUs in the job, checked against tp·pp·ep·dp (default: not checked)
 * @param virtualStages     interleaved chunks per pipeline stage (default 1)
 * @param seq               sequence length, tokens
 * @param microBatch        micro-batch, sequences
 * @param recompute         none, selective or full
 * @param flashAttention    attention keeps no s² scores (flash attention)
 * @param dropout           dropout masks kept (default true, as Korthikanti; the same key as {@code kind: cluster}'s
 *                          {@code training.dropout} and the {@code --[no-]dropout} option)
 * @param noDropout         the older spelling, {@code no_dropout: true} = {@code dropout: false} (still read; give one
 *                          of the two); null after validation
 * @param sequenceParallel  Megatron sequence parallelism
 * @param logitsBytes       bytes per logit (default 4)
 * @param offload           none, optimizer, optimizer-and-params
 * @param gpu               GPU preset (default h100-sxm)
 * @param gpuMemoryGb       GPU memory in GB (10⁹ bytes) instead of {@code gpu}
 * @param gpuMemoryGib      GPU memory in GiB (2³⁰ bytes) instead of {@code gpu} or {@code gpu_memory_gb}
 * @param reserveGb         reserve, GB
 * @param includeBuffers    count DeepSpeed's default buckets
 * @param cpuMemoryGb       host memory per node for offloaded states, GB (default 2000, a DGX H100)
 * @param gpusPerNode       GPUs sharing a node's host memory (default 8)
 * @param dpSweep           DP degrees of the memory-vs-DP chart and the max-model table
 * @param modelSizesB       model sizes of the fits heat map, billions of parameters
 * @param gpuCounts         GPU counts of the fits heat map
 * @param seqSweep          sequence lengths of the activation chart, tokens
 * @param measured          a measurement to compare with (optional)
 * @param measuredFile      a measurement file to compare with, as {@code scalelab memory --measured-file} reads it
 *                          ({@code {"peak_bytes": N, "steady_bytes": N}}), relative to the parameter file (optional;
 *                          exclusive with {@code measured})
 * @param maxModel          answer "what is the largest model that fits?" for this layout instead of
 *                          sizing a given model: {@code params} is then the answer, not an input
 * @param deepspeed         also print DeepSpeed's ZeRO-2 and ZeRO-3 estimators for this model, as
 *                          {@code scalelab memory deepspeed} does (optional)
 */
public record MemoryParameters(Double params, String model, Integer layers, Integer hidden, Integer heads, Integer kvHeads,
                               Integer vocab, Integer ffnHidden, Double ffnMultiplier, Boolean gatedMlp,
                               Boolean untiedEmbeddings, Integer experts, Integer expertsPerToken, Integer sharedExperts,
                               Integer expertFfnHidden, Integer moeLayerFreq, Integer firstDenseLayers, Double capacityFactor,
                               String preset, String recipe, BytesPerParamEntry bytesPerParam, Integer zero,
                               Long dp, Long tp, Long pp, Long ep, Double expertLoadImbalance, Long gpus, Long virtualStages, Long seq, Long microBatch, String recompute,
                               Boolean flashAttention, Boolean dropout, Boolean noDropout, Boolean sequenceParallel, Double logitsBytes, String offload, String gpu,
                               Double gpuMemoryGb, Double gpuMemoryGib, Double reserveGb, Boolean includeBuffers, Double cpuMemoryGb,
                               Long gpusPerNode, List<Long> dpSweep,
                               List<Double> modelSizesB, List<Long> gpuCounts, List<Long> seqSweep, MeasuredEntry measured,
                               String measuredFile, Boolean maxModel, DeepSpeedParameters deepspeed) {

    /** Applies defaults and validates every key. */
    public MemoryParameters {
        if (params != null) {
            Check.inRange("params", params, 1, org.scalelab.memory.TrainingSetup.MAX_PARAMS);
            Check.integral("params", params);
        }
        if (model != null) {
            TransformerShape.byName(model);
        }
        if (recipe != null && (preset != null || bytesPerParam != null)) {
            throw new InvalidParameterException("recipe", "give either recipe or preset/bytes_per_param", recipe);
        }
        if (recipe != null) {
            Recipe.byName(recipe);
        }
        preset = preset == null ? "zero-paper" : preset;
        BytesPerParam.byName(preset);
        zero = zero == null ? 0 : zero;
        ZeroStage.of(zero);
        dp = dp == null ? 1 : dp;
        tp = tp == null ? 1 : tp;
        pp = pp == null ? 1 : pp;
        ep = ep == null ? 1 : ep;
        expertLoadImbalance = expertLoadImbalance == null ? 1.0 : expertLoadImbalance;
        virtualStages = virtualStages == null ? 1 : virtualStages;
        seq = seq == null ? 2048 : seq;
        microBatch = microBatch == null ? 1 : microBatch;
        Check.atLeastOne("dp", dp);
        Check.atLeastOne("tp", tp);
        Check.atLeastOne("pp", pp);
        Check.atLeastOne("ep", ep);
        Check.inRange("expert_load_imbalance", expertLoadImbalance, 1, TrainingSetup.MAX_LOAD_IMBALANCE);
        if (gpus != null) {
            Check.atLeastOne("gpus", gpus);
        }
        Check.atLeastOne("virtual_stages", virtualStages);
        Check.atLeastOne("seq", seq);
        Check.atLeastOne("micro_batch", microBatch);
        TransformerShape resolved = new ShapeSpec(model, layers, hidden, heads, kvHeads, vocab, ffnHidden, ffnMultiplier,
                gatedMlp, untiedEmbeddings, new MoeSpec(experts, expertsPerToken, sharedExperts, expertFfnHidden, moeLayerFreq,
                firstDenseLayers, capacityFactor)).resolve();
        if (resolved != null) {
            TrainingSetup.checkTensorParallel(resolved, tp);
        }
        TrainingSetup.checkVirtualStages(resolved, pp, virtualStages);
        if (ep > 1 && (resolved == null || !resolved.isMoe())) {
            throw new InvalidParameterException("ep", "expert parallelism needs a mixture-of-experts model (model or experts)", ep);
        }
        if (resolved != null && resolved.isMoe()) {
            Check.divides("ep", ep, "experts", resolved.moe().experts());
        }
        if (gpus != null && gpus != dp * tp * pp * ep) {
            throw new InvalidParameterException("gpus", "must equal tp x pp x ep x dp = " + tp + " x " + pp + " x " + ep + " x " + dp
                    + " = " + dp * tp * pp * ep, gpus);
        }
        recompute = recompute == null ? "none" : recompute;
        Recompute.byName(recompute);
        flashAttention = flashAttention != null && flashAttention;
        if (dropout != null && noDropout != null) {
            throw new InvalidParameterException("no_dropout", "is the older spelling of dropout (no_dropout: true is"
                    + " dropout: false); give one of them", noDropout);
        }
        dropout = dropout != null ? dropout : noDropout == null || !noDropout;
        noDropout = null;
        sequenceParallel = sequenceParallel != null && sequenceParallel;
        logitsBytes = logitsBytes == null ? 4.0 : Check.positive("logits_bytes", logitsBytes);
        offload = offload == null ? "none" : offload;
        Offload.checkStage(Offload.byName(offload), zero);
        if ((gpu != null ? 1 : 0) + (gpuMemoryGb != null ? 1 : 0) + (gpuMemoryGib != null ? 1 : 0) > 1) {
            throw new InvalidParameterException(gpuMemoryGib != null ? "gpu_memory_gib" : "gpu_memory_gb",
                    "give one of gpu, gpu_memory_gb, gpu_memory_gib", gpuMemoryGib != null ? gpuMemoryGib : gpuMemoryGb);
        }
        if (gpu != null) {
            GpuSpec.byName(gpu);
        }
        if (gpuMemoryGb != null) {
            Check.inHalfOpen("gpu_memory_gb", gpuMemoryGb, 0, org.scalelab.memory.TrainingSetup.MAX_MEMORY_GB);
        }
        if (gpuMemoryGib != null) {
            Check.inHalfOpen("gpu_memory_gib", gpuMemoryGib, 0, org.scalelab.memory.TrainingSetup.MAX_MEMORY_GB);
        }
        reserveGb = reserveGb == null ? 0.0 : Check.inRange("reserve_gb", reserveGb, 0, org.scalelab.memory.TrainingSetup.MAX_RESERVE_BYTES / 1e9);
        includeBuffers = includeBuffers != null && includeBuffers;
        cpuMemoryGb = cpuMemoryGb == null ? HostMemory.DGX_H100_BYTES / 1e9 : Check.inHalfOpen("cpu_memory_gb", cpuMemoryGb, 0,
                org.scalelab.memory.TrainingSetup.MAX_MEMORY_GB);
        gpusPerNode = gpusPerNode == null ? 8L : Check.atLeastOne("gpus_per_node", gpusPerNode);
        Recipe.checkZeroStage(recipe == null ? null : Recipe.byName(recipe), zero);
        dpSweep = positive("dp_sweep", dpSweep, List.of(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 1024L));
        modelSizesB = modelSizesB == null ? List.of(1.0, 3.0, 7.5, 13.0, 30.0, 70.0, 175.0, 405.0, 1000.0) : List.copyOf(modelSizesB);
        Check.nonEmpty("model_sizes_b", modelSizesB);
        for (int i = 0; i < modelSizesB.size(); i++) {
            Check.positive("model_sizes_b[" + i + "]", modelSizesB.get(i));
        }
        gpuCounts = positive("gpu_counts", gpuCounts, List.of(8L, 16L, 32L, 64L, 128L, 256L, 512L, 1024L, 2048L, 4096L));
        seqSweep = positive("seq_sweep", seqSweep, List.of(512L, 1024L, 2048L, 4096L, 8192L, 16384L, 32768L));
        if (measured != null && measuredFile != null) {
            throw new InvalidParameterException("measured_file", "give either measured (the bytes inline) or measured_file"
                    + " (a JSON file of them), not both", measuredFile);
        }
        if (measuredFile != null && measuredFile.isBlank()) {
            throw new InvalidParameterException("measured_file", "must name a JSON file", "\"" + measuredFile + "\"");
        }
        maxModel = maxModel != null && maxModel;
        if (maxModel && params != null) {
            throw new InvalidParameterException("params", "is the answer of max_model, not an input; leave params out", params);
        }
        if (params == null && model == null && layers == null && !maxModel) {
            throw new InvalidParameterException("params", "is required (or give model, or layers/hidden/heads; or max_model:"
                    + " true to find the largest that fits)", "missing");
        }
    }

    private static List<Long> positive(String field, List<Long> values, List<Long> defaults) {
        List<Long> v = values == null ? defaults : List.copyOf(values);
        Check.nonEmpty(field, v);
        for (int i = 0; i < v.size(); i++) {
            Check.atLeastOne(field + "[" + i + "]", v.get(i));
        }
        return v;
    }

    /** A custom bytes-per-parameter preset in the file. */
    public record BytesPerParamEntry(String name, Double parameterBytes, Double gradientBytes, Double optimizerBytes) {
        public BytesPerParamEntry {
            Check.present("parameter_bytes", parameterBytes);
            Check.present("gradient_bytes", gradientBytes);
            Check.present("optimizer_bytes", optimizerBytes);
            new BytesPerParam(name, parameterBytes, gradientBytes, optimizerBytes);
        }
    }

    /** Measured per-GPU bytes. */
    public record MeasuredEntry(Double peakBytes, Double steadyBytes) {
        public MeasuredEntry {
            Check.positive("peak_bytes", Check.present("peak_bytes", peakBytes));
            if (steadyBytes != null) {
                Check.positive("steady_bytes", steadyBytes);
            }
        }
    }

    /** The shape keys, resolved as everywhere else by {@link ShapeSpec}. */
    public ShapeSpec shapeSpec() {
        return new ShapeSpec(model, layers, hidden, heads, kvHeads, vocab, ffnHidden, ffnMultiplier, gatedMlp, untiedEmbeddings,
                new MoeSpec(experts, expertsPerToken, sharedExperts, expertFfnHidden, moeLayerFreq, firstDenseLayers, capacityFactor));
    }

    /** The shape from {@code model} or {@code layers/hidden/heads}, or null. */
    public TransformerShape shape() {
        return shapeSpec().resolve();
    }

    /** The headline setup. */
    public TrainingSetup setup() {
        BytesPerParam bytes = bytesPerParam == null ? BytesPerParam.byName(preset)
                : new BytesPerParam(bytesPerParam.name(), bytesPerParam.parameterBytes(), bytesPerParam.gradientBytes(),
                        bytesPerParam.optimizerBytes());
        TrainingSetup.Builder b = TrainingSetup.builder().shape(shape()).bytesPerParam(bytes).stage(ZeroStage.of(zero))
                .dp(dp).tp(tp).pp(pp).ep(ep).expertLoadImbalance(expertLoadImbalance).virtualStages(virtualStages).seqLength(seq).microBatch(microBatch)
                .recompute(Recompute.byName(recompute)).flashAttention(flashAttention).dropout(dropout)
                .recipe(recipe == null ? null : Recipe.byName(recipe)).sequenceParallel(sequenceParallel)
                .logitsBytes(logitsBytes).offload(Offload.byName(offload)).reserveBytes(reserveGb * 1e9)
                .buffers(includeBuffers ? CommBuffers.deepSpeedDefaults() : null);
        if (params != null) {
            b.paramCount(params.longValue());
        } else if (maxModel && shape() == null) {
            b.paramCount(1); // max_model: the solver replaces it; only the layout matters
        }
        return b.build().checkGpus(gpus);
    }

    /** Host memory per node. */
    public HostMemory host() {
        return new HostMemory(cpuMemoryGb * 1e9, gpusPerNode);
    }

    /** The GPU. */
    public GpuSpec gpuSpec() {
        if (gpuMemoryGb != null) {
            return GpuSpec.ofMemory("custom " + Math.round(gpuMemoryGb) + " GB", Math.round(gpuMemoryGb * 1e9));
        }
        if (gpuMemoryGib != null) {
            return GpuSpec.ofMemory("custom " + Math.round(gpuMemoryGib) + " GiB", Math.round(gpuMemoryGib * Units.BYTES_PER_GIB));
        }
        return GpuSpec.byName(gpu == null ? "h100-sxm" : gpu);
    }
}
