package org.scalelab.reports.memory;

import java.io.PrintWriter;
import org.scalelab.report.cli.Provenance;
import picocli.CommandLine.Model.CommandSpec;
import java.util.Locale;
import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.common.Units;
import org.scalelab.memory.BytesPerParam;
import org.scalelab.memory.CommBuffers;
import org.scalelab.common.GpuSpec;
import org.scalelab.memory.HostMemory;
import org.scalelab.memory.Offload;
import org.scalelab.memory.Recipe;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.TrainingSetup;
import org.scalelab.memory.TransformerShape;
import org.scalelab.memory.ZeroStage;
import org.scalelab.reports.options.ExpertLoadImbalanceOption;
import org.scalelab.reports.options.ShapeOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The model (a {@link ShapeOptions} mixin), layout and GPU options shared by {@code scalelab memory} and {@code scalelab memory max-model}. */
public final class SetupOptions {
    @Mixin
    ShapeOptions model;

    @Option(names = "--dp", paramLabel = "D", defaultValue = "1", description = "Data-parallel degree N_d (GPUs per model replica group). Default: ${DEFAULT-VALUE}.")
    long dp;

    @Option(names = "--zero", paramLabel = "0|1|2|3", defaultValue = "0", description = "ZeRO stage (0 = plain data parallelism). Default: ${DEFAULT-VALUE}.")
    long zero;

    @Option(names = "--tp", paramLabel = "T", defaultValue = "1", description = "Tensor-parallel degree t (must divide heads and kv heads: whole key/value heads per rank, as Megatron-LM's divide(num_query_groups, tp)). Default: ${DEFAULT-VALUE}.")
    long tp;

    @Option(names = "--pp", paramLabel = "P", defaultValue = "1", description = "Pipeline-parallel degree p. Default: ${DEFAULT-VALUE}.")
    long pp;

    @Option(names = "--ep", paramLabel = "E", defaultValue = "1", description = "Expert-parallel degree: each mixture-of-experts"
            + " block's routed experts spread over ep GPUs (E/ep each; must divide E). GPUs = tp x pp x ep x dp: --dp counts the"
            + " replicas of each expert shard, the dense layers are data-parallel over ep x dp, and ZeRO shards dense states over"
            + " ep x dp and expert states over dp (Megatron-LM's expert-data-parallel group; Rajbhandari et al. 2022, DeepSpeed-MoE)."
            + " Default: ${DEFAULT-VALUE}.")
    long ep;

    @Mixin
    ExpertLoadImbalanceOption expertLoadImbalance;

    @Option(names = "--gpus", paramLabel = "G", description = "GPUs in the job, as a check: must equal tp x pp x ep x dp."
            + " Default: not checked.")
    Long gpus;

    @Option(names = {"--virtual-stages", "--interleave"}, paramLabel = "V", defaultValue = "1",
            description = "Interleaved model chunks per pipeline stage (virtual stages; 1 = plain 1F1B), as cluster step"
                    + " and plan name them; --interleave is the older alias. Default: ${DEFAULT-VALUE}.")
    long virtualStages;

    @Option(names = "--preset", paramLabel = "NAME", description = "Bytes per parameter of each model state: zero-paper, megatron, fp32-adam, bf16-adam, sgd-momentum, adam-8bit. Default: zero-paper (exclusive with --recipe).")
    String preset;

    @Option(names = "--seq", paramLabel = "S", defaultValue = "2048", description = "Sequence length s, tokens. Default: ${DEFAULT-VALUE}.")
    long seq;

    @Option(names = "--micro-batch", paramLabel = "B", defaultValue = "1", description = "Micro-batch b, sequences per GPU. Default: ${DEFAULT-VALUE}.")
    long microBatch;

    @Option(names = "--recompute", paramLabel = "none|selective|full", defaultValue = "none", description = "Activation recomputation (Korthikanti et al. 2022). Default: ${DEFAULT-VALUE}.")
    String recompute;

    @Option(names = "--dropout", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Dropout layers: their 1-byte masks and the attention-dropout output are kept (Korthikanti et al. 2022,"
                    + " Section 4.1, counts them); --no-dropout leaves them out. File key: dropout (no_dropout: true is the older"
                    + " spelling). Default: on.")
    boolean dropout;

    @Option(names = "--sequence-parallel", description = "Megatron sequence parallelism (activations outside attention/MLP split by t). Default: off.")
    boolean sequenceParallel;

    @Option(names = "--logits-bytes", paramLabel = "BYTES", defaultValue = "4", description = "Bytes per logit kept for the loss (4 = fp32 as Korthikanti §4.3, 2 = bf16). Default: ${DEFAULT-VALUE}.")
    double logitsBytes;

    @Option(names = "--offload", paramLabel = "none|optimizer|optimizer-and-params", defaultValue = "none", description = "Model states kept in CPU memory. Default: ${DEFAULT-VALUE}.")
    String offload;

    @Option(names = "--gpu", paramLabel = "NAME", description = "GPU preset: a100-40gb, a100-80gb (a100), h100-sxm, h100-pcie, h800, h200 (memory as the driver reports it). Default: h100-sxm.")
    String gpu;

    @Option(names = "--gpu-memory-gb", paramLabel = "G", description = "GPU memory in GB (10^9 bytes), instead of --gpu. Default: the --gpu preset's.")
    Double gpuMemoryGb;

    @Option(names = "--gpu-memory-gib", paramLabel = "G", description = "GPU memory in GiB (2^30 bytes), instead of --gpu. Default: the --gpu preset's.")
    Double gpuMemoryGib;

    @Option(names = "--reserve-gb", paramLabel = "G", defaultValue = "0", description = "Reserve for CUDA context and allocator fragmentation, GB (10^9 bytes), reported as its own line. Default: ${DEFAULT-VALUE}.")
    double reserveGb;

    @Option(names = "--cpu-memory-gb", paramLabel = "G", defaultValue = "2000", description = "Host memory per node for offloaded states, GB (10^9 bytes): each of the node's"
            + " --gpus-per-node GPUs keeps its offloaded share there (as DeepSpeed's estimate_zero3_model_states_mem_needs"
            + " counts cpu_mem per node), and fits is false when they exceed it. Default: ${DEFAULT-VALUE} (NVIDIA DGX H100"
            + " data sheet: 2 TB system memory).")
    double cpuMemoryGb;

    @Option(names = "--gpus-per-node", paramLabel = "N", defaultValue = "8", description = "GPUs sharing one node's host memory. Default: ${DEFAULT-VALUE} (NVIDIA DGX H100 data sheet).")
    long gpusPerNode;

    @Option(names = "--include-buffers", description = "Count DeepSpeed's default communication buckets (reduce/all-gather 5e8 elements, stage-3 prefetch 5e7 and live parameters 1e9, 2 bytes each) as their own line. Default: off.")
    boolean includeBuffers;

    /** The shape given by --model or --layers/--hidden/--heads, or null. */
    TransformerShape shape() {
        return model.shape().resolve();
    }

    /** The validated setup; notes (e.g. params and shape disagreeing) go to {@code err}. */
    TrainingSetup setup(PrintWriter err) {
        return setup(err, model.params());
    }

    /** The validated setup with {@code params} as the parameter count (null: the shape's). */
    TrainingSetup setup(PrintWriter err, Long params) {
        TransformerShape shape = shape();
        TrainingSetup.Builder b = TrainingSetup.builder().shape(shape);
        if (params != null) {
            Check.atLeastOne("params", params);
            b.paramCount(params);
            if (shape != null && Math.abs(shape.paramCount() - (double) params) > 0.05 * params) {
                err.printf(Locale.ROOT, "note: --params %d differs from the shape's %d parameters by more than 5%%; "
                        + "model states use --params, activations the shape%n", params, shape.paramCount());
                err.flush();
            }
        } else if (shape == null) {
            throw new InvalidParameterException("params", "is required (give --params or --model/--layers)", "missing");
        }
        Check.inRange("reserve_gb", reserveGb, 0, TrainingSetup.MAX_RESERVE_BYTES / 1e9);
        Offload.checkStage(Offload.byName(offload), (int) zero);
        String recipe = model.recipe();
        if (preset != null && recipe != null) {
            throw new InvalidParameterException("recipe", "give either --preset or --recipe, not both", recipe);
        }
        return b.bytesPerParam(BytesPerParam.byName(preset == null ? "zero-paper" : preset))
                .recipe(recipe == null ? null : Recipe.byName(recipe)).dropout(dropout).stage(ZeroStage.of(zero)).dp(dp).tp(tp).pp(pp)
                .ep(ep).expertLoadImbalance(expertLoadImbalance.value()).virtualStages(virtualStages).seqLength(seq).microBatch(microBatch).recompute(Recompute.byName(recompute))
                .flashAttention(model.flashAttention()).sequenceParallel(sequenceParallel).logitsBytes(logitsBytes)
                .offload(Offload.byName(offload)).reserveBytes(reserveGb * 1e9)
                .buffers(includeBuffers ? CommBuffers.deepSpeedDefaults() : null).build().checkGpus(gpus);
    }

    /** The GPU from --gpu, --gpu-memory-gb or --gpu-memory-gib (default h100-sxm). */
    GpuSpec gpu() {
        int given = (gpu != null ? 1 : 0) + (gpuMemoryGb != null ? 1 : 0) + (gpuMemoryGib != null ? 1 : 0);
        if (given > 1) {
            throw new InvalidParameterException("give one of --gpu, --gpu-memory-gb, --gpu-memory-gib");
        }
        if (gpuMemoryGb != null) {
            return GpuSpec.ofMemory("custom", Math.round(Check.inHalfOpen("gpu_memory_gb", gpuMemoryGb, 0, TrainingSetup.MAX_MEMORY_GB) * 1e9));
        }
        if (gpuMemoryGib != null) {
            return GpuSpec.ofMemory("custom", Math.round(Check.inHalfOpen("gpu_memory_gib", gpuMemoryGib, 0, TrainingSetup.MAX_MEMORY_GB) * Units.BYTES_PER_GIB));
        }
        return GpuSpec.byName(gpu == null ? "h100-sxm" : gpu);
    }

    /**
     * Where the memory commands' inputs came from ({@link Provenance#of}), completed with what only
     * these options know: the GPU memory is the preset's data sheet unless given in GB or GiB, the
     * host memory the DGX H100 data sheet unless given, the state bytes zero-paper's unless a preset
     * or a recipe was given.
     */
    Provenance provenance(CommandSpec spec) {
        Provenance p = Provenance.of(spec);
        if (gpuMemoryGb == null && gpuMemoryGib == null) {
            GpuSpec g = gpu();
            p.defaulted("gpu", g.key());
            p.put("gpu_memory_bytes", Provenance.preset(g.key() + " data sheet, as the driver reports it"));
        } else {
            p.put("gpu", Provenance.GIVEN + " (by its memory only)");
        }
        if (!p.given("cpu_memory_gb")) {
            p.put("cpu_memory_bytes", Provenance.preset(HostMemory.DGX_H100_SOURCE));
        }
        if (model.recipe() == null) {
            p.defaulted("preset", "zero-paper");
        }
        return p;
    }

    /** Host memory per node from --cpu-memory-gb and --gpus-per-node. */
    HostMemory host() {
        return new HostMemory(Check.inHalfOpen("cpu_memory_gb", cpuMemoryGb, 0, TrainingSetup.MAX_MEMORY_GB) * 1e9, Check.atLeastOne("gpus_per_node", gpusPerNode));
    }

    /** Whether a model was given at all (so {@code scalelab memory} alone prints its usage). */
    boolean anyModel() {
        return model.anyModel();
    }

    /** The parameter count given, or null. */
    Long params() {
        return model.params();
    }
}
