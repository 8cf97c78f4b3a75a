package org.scalelab.reports.memory;

import java.io.PrintWriter;
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
import picocli.CommandLine.Option;

/** The model, layout and GPU options shared by {@code scalelab memory} and {@code scalelab memory max-model}. */
public final class SetupOptions {
    @Option(names = "--params", paramLabel = "N", description = "Parameter count Ψ (exponent notation fine, 7.5e9). With a shape too, it drives the model states and the shape the activations.")
    Long params;

    @Option(names = "--dp", paramLabel = "D", defaultValue = "1", description = "Data-parallel degree N_d (GPUs per model replica group). Default: ${DEFAULT-VALUE}.")
    long dp;

    @Option(names = "--zero", paramLabel = "0|1|2|3", defaultValue = "0", description = "ZeRO stage (0 = plain data parallelism). Default: ${DEFAULT-VALUE}.")
    long zero;

    @Option(names = "--tp", paramLabel = "T", defaultValue = "1", description = "Tensor-parallel degree t (must divide heads). Default: ${DEFAULT-VALUE}.")
    long tp;

    @Option(names = "--pp", paramLabel = "P", defaultValue = "1", description = "Pipeline-parallel degree p. Default: ${DEFAULT-VALUE}.")
    long pp;

    @Option(names = "--interleave", paramLabel = "M", defaultValue = "1", description = "Interleaved model chunks per pipeline stage m (1 = plain 1F1B). Default: ${DEFAULT-VALUE}.")
    long interleave;

    @Option(names = "--preset", paramLabel = "NAME", description = "Bytes per parameter of each model state: zero-paper, megatron, fp32-adam, bf16-adam, sgd-momentum, adam-8bit. Default: zero-paper (exclusive with --recipe).")
    String preset;

    @Option(names = "--recipe", paramLabel = "NAME", description = "Precision recipe: what the framework keeps per parameter and per token (exclusive with --preset). "
            + "megatron-bf16: bf16 parameters, fp32 main gradients, fp32 master copy and Adam states, 18 B/param (Megatron-LM theoretical_memory_usage.py); "
            + "megatron-bf16-distopt: the same with master copy and Adam states sharded over data parallelism, 6 + 12/DP B/param (refused with --zero >= 1, which is the same thing); "
            + "torch-amp-bf16: fp32 parameters and gradients, torch.autocast(bfloat16) with its bf16 weight-cast cache, fused AdamW, fp32 residual stream and norm inputs, "
            + "loss on fp32 logits with their gradient materialised (PyTorch torch.amp documentation); "
            + "bf16-pure: bf16 parameters, gradients and AdamW states (PyTorch torch/optim/adamw.py). Default: none (the --preset accounting).")
    String recipe;

    @Option(names = "--model", paramLabel = "NAME", description = "Transformer shape preset: gpt3-175b, llama2-7b, llama2-70b, llama3-8b, llama3-70b, llama3-405b.")
    String model;

    @Option(names = "--layers", paramLabel = "L", description = "Transformer layers L (custom GPT-style shape with --hidden and --heads).")
    Integer layers;

    @Option(names = "--hidden", paramLabel = "H", description = "Hidden size h (custom shape).")
    Integer hidden;

    @Option(names = "--heads", paramLabel = "A", description = "Attention heads a (custom shape; must divide hidden).")
    Integer heads;

    @Option(names = "--kv-heads", paramLabel = "K", description = "Key/value heads for grouped-query attention (custom shape; default: heads).")
    Integer kvHeads;

    @Option(names = "--vocab", paramLabel = "V", defaultValue = "50257", description = "Vocabulary size v for a custom shape (tokens). Default: ${DEFAULT-VALUE}.")
    int vocab;

    @Option(names = "--ffn-hidden", paramLabel = "F", description = "MLP inner width for a custom shape (default: 4·hidden).")
    Integer ffnHidden;

    @Option(names = "--ffn-multiplier", paramLabel = "X", description = "MLP inner width as a multiple of hidden for a custom shape (instead of --ffn-hidden; default 4).")
    Double ffnMultiplier;

    @Option(names = "--gated-mlp", description = "Custom shape: three-matrix gated (SwiGLU) MLP, RMSNorm and no biases, as Llama. Default: GPT-style two-matrix GeLU MLP with biases.")
    boolean gatedMlp;

    @Option(names = "--untied-embeddings", description = "Custom shape: a separate output layer (v·h more parameters). Default: tied to the input embedding.")
    boolean untiedEmbeddings;

    @Option(names = "--seq", paramLabel = "S", defaultValue = "2048", description = "Sequence length s, tokens. Default: ${DEFAULT-VALUE}.")
    long seq;

    @Option(names = "--micro-batch", paramLabel = "B", defaultValue = "1", description = "Micro-batch b, sequences per GPU. Default: ${DEFAULT-VALUE}.")
    long microBatch;

    @Option(names = "--recompute", paramLabel = "none|selective|full", defaultValue = "none", description = "Activation recomputation (Korthikanti et al. 2022). Default: ${DEFAULT-VALUE}.")
    String recompute;

    @Option(names = "--flash-attention", description = "Attention keeps no s×s scores; the kernel keeps its output and fp32 log-sum-exp instead (Dao et al. 2022, FlashAttention). Default: off, matching Korthikanti's equations.")
    boolean flashAttention;

    @Option(names = "--no-dropout", description = "No dropout layers: no 1-byte masks and no attention-dropout output kept (Korthikanti et al. 2022, Section 4.1, counts them). Default: off (dropout on, as Korthikanti).")
    boolean noDropout;

    @Option(names = "--sequence-parallel", description = "Megatron sequence parallelism (activations outside attention/MLP split by t). Default: off.")
    boolean sequenceParallel;

    @Option(names = "--logits-bytes", paramLabel = "BYTES", defaultValue = "4", description = "Bytes per logit kept for the loss (4 = fp32 as Korthikanti §4.3, 2 = bf16). Default: ${DEFAULT-VALUE}.")
    double logitsBytes;

    @Option(names = "--offload", paramLabel = "none|optimizer|optimizer-and-params", defaultValue = "none", description = "Model states kept in CPU memory. Default: ${DEFAULT-VALUE}.")
    String offload;

    @Option(names = "--gpu", paramLabel = "NAME", description = "GPU preset: a100-40gb, a100-80gb (a100), h100-sxm, h100-pcie, h800, h200 (memory as the driver reports it). Default: h100-sxm.")
    String gpu;

    @Option(names = "--gpu-memory-gb", paramLabel = "G", description = "GPU memory in GB (10^9 bytes), instead of --gpu.")
    Double gpuMemoryGb;

    @Option(names = "--gpu-memory-gib", paramLabel = "G", description = "GPU memory in GiB (2^30 bytes), instead of --gpu.")
    Double gpuMemoryGib;

    @Option(names = "--reserve-gb", paramLabel = "G", defaultValue = "0", description = "Reserve for CUDA context and allocator fragmentation, GB (10^9 bytes), reported as its own line. Default: ${DEFAULT-VALUE}.")
    double reserveGb;

    @Option(names = "--cpu-memory-gb", paramLabel = "G", defaultValue = "2000", description = "Host memory per node for offloaded states, GB (10^9 bytes). Default: ${DEFAULT-VALUE} (NVIDIA DGX H100 data sheet: 2 TB system memory).")
    double cpuMemoryGb;

    @Option(names = "--gpus-per-node", paramLabel = "N", defaultValue = "8", description = "GPUs sharing one node's host memory. Default: ${DEFAULT-VALUE} (NVIDIA DGX H100 data sheet).")
    long gpusPerNode;

    @Option(names = "--include-buffers", description = "Count DeepSpeed's default communication buckets (reduce/all-gather 5e8 elements, stage-3 prefetch 5e7 and live parameters 1e9, 2 bytes each) as their own line. Default: off.")
    boolean includeBuffers;

    /** The shape given by --model or --layers/--hidden/--heads, or null. */
    TransformerShape shape() {
        boolean custom = layers != null || hidden != null || heads != null;
        if (model != null && custom) {
            throw new InvalidParameterException("give either --model or --layers/--hidden/--heads, not both");
        }
        if (model != null) {
            return TransformerShape.preset(model);
        }
        if (!custom) {
            return null;
        }
        int l = (int) Check.atLeastOne("layers", Check.present("layers", layers));
        int h = (int) Check.atLeastOne("hidden", Check.present("hidden", hidden));
        int a = (int) Check.atLeastOne("heads", Check.present("heads", heads));
        int kv = kvHeads == null ? a : kvHeads;
        if (ffnHidden != null && ffnMultiplier != null) {
            throw new InvalidParameterException("give either --ffn-hidden or --ffn-multiplier");
        }
        int f = ffnHidden != null ? ffnHidden
                : (int) Math.round(h * (ffnMultiplier == null ? 4.0 : Check.positive("ffn_multiplier", ffnMultiplier)));
        return new TransformerShape("custom", l, h, a, kv, vocab, f, gatedMlp, !untiedEmbeddings, !gatedMlp, 0);
    }

    /** The validated setup; notes (e.g. params and shape disagreeing) go to {@code err}. */
    TrainingSetup setup(PrintWriter err) {
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
            throw new org.scalelab.common.InvalidParameterException("params", "is required (give --params or --model/--layers)", "missing");
        }
        Check.inRange("reserve_gb", reserveGb, 0, TrainingSetup.MAX_RESERVE_BYTES / 1e9);
        if (preset != null && recipe != null) {
            throw new InvalidParameterException("recipe", "give either --preset or --recipe, not both", recipe);
        }
        return b.bytesPerParam(BytesPerParam.preset(preset == null ? "zero-paper" : preset))
                .recipe(recipe == null ? null : Recipe.byName(recipe)).dropout(!noDropout).stage(ZeroStage.of(zero)).dp(dp).tp(tp).pp(pp)
                .interleave(interleave).seqLength(seq).microBatch(microBatch).recompute(Recompute.byName(recompute))
                .flashAttention(flashAttention).sequenceParallel(sequenceParallel).logitsBytes(logitsBytes)
                .offload(Offload.byName(offload)).reserveBytes(reserveGb * 1e9)
                .buffers(includeBuffers ? CommBuffers.deepSpeedDefaults() : null).build();
    }

    /** The GPU from --gpu, --gpu-memory-gb or --gpu-memory-gib (default h100-sxm). */
    GpuSpec gpu() {
        int given = (gpu != null ? 1 : 0) + (gpuMemoryGb != null ? 1 : 0) + (gpuMemoryGib != null ? 1 : 0);
        if (given > 1) {
            throw new InvalidParameterException("give one of --gpu, --gpu-memory-gb, --gpu-memory-gib");
        }
        if (gpuMemoryGb != null) {
            return GpuSpec.ofMemory("custom", Math.round(Check.positive("gpu_memory_gb", gpuMemoryGb) * 1e9));
        }
        if (gpuMemoryGib != null) {
            return GpuSpec.ofMemory("custom", Math.round(Check.positive("gpu_memory_gib", gpuMemoryGib) * Units.BYTES_PER_GIB));
        }
        return GpuSpec.byName(gpu == null ? "h100-sxm" : gpu);
    }

    /** Host memory per node from --cpu-memory-gb and --gpus-per-node. */
    HostMemory host() {
        return new HostMemory(Check.positive("cpu_memory_gb", cpuMemoryGb) * 1e9, Check.atLeastOne("gpus_per_node", gpusPerNode));
    }

    /** Whether any option was given at all (so {@code scalelab memory} alone prints its usage). */
    boolean anyModel() {
        return params != null || model != null || layers != null || hidden != null || heads != null;
    }
}
