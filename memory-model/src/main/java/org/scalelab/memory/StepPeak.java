package org.scalelab.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks one training step and finds its allocation peak: the end of the forward pass, three points
 * of the backward pass (the loss gradient, the first layer's backward, the last layer's backward),
 * and the optimizer update. What is live at each point is counted from the model states
 * ({@link MemoryModel#estimate}), the precision {@link Recipe} (autocast's weight cache, fp32 logits
 * and their gradient, gradients freed by {@code zero_grad(set_to_none=True)}), and the op-by-op
 * activations ({@link BlockActivations}). The CUDA context and allocator reserve are left out, as
 * {@code torch.cuda.max_memory_allocated} leaves them out.
 *
 * <p>Our accounting of where PyTorch and Megatron-LM hold each tensor; the per-layer terms follow
 * Korthikanti et al. 2022 §4.1 and the model-state terms Rajbhandari et al. 2019 §5.
 */
public final class StepPeak {
    private StepPeak() {}

    /**
     * The peak of one steady-state step (optimizer states already allocated). Without a shape there
     * are no activations and the peak is the optimizer update's model states.
     */
    public static PeakMemory estimate(TrainingSetup setup) {
        return estimate(setup, MemoryModel.estimate(setup));
    }

    /** {@link #estimate(TrainingSetup)} given the setup's breakdown {@code m} ({@link MemoryModel#estimate}). */
    static PeakMemory estimate(TrainingSetup setup, MemoryBreakdown m) {
        if (setup.shape() == null) {
            boolean persist = setup.recipe() == null || !setup.recipe().freesGradientsEachStep();
            List<MemoryLine> step = List.of(new MemoryLine("parameters", m.parametersBytes()),
                    new MemoryLine("gradients", m.gradientsBytes()), new MemoryLine("optimizer states", m.optimizerStatesBytes()),
                    new MemoryLine("zero-3 gathered layer", m.gatheredBytes()),
                    new MemoryLine("communication buffers", m.buffersBytes()));
            double total = sum(step);
            double forward = total - (persist ? 0 : m.gradientsBytes());
            StepPhase phase = forward < total ? StepPhase.OPTIMIZER_STEP : StepPhase.FORWARD_END;
            return new PeakMemory(total, phase, step.stream().filter(l -> l.bytes() > 0).toList(), forward, forward, total);
        }
        Recipe recipe = setup.recipe();
        TransformerShape shape = setup.shape();
        long s = setup.seqLength();
        long b = setup.microBatch();
        long t = setup.tp();
        boolean lastStageToo = setup.pp() == 1;
        double tokensVocab = (double) s * b * shape.vocab() / t;
        double logits = lastStageToo ? setup.forwardLogitsBytes() * tokensVocab : 0;
        double activations = m.activationsBytes() - logits;
        double lossGradient = lastStageToo && recipe != null ? recipe.logitsGradientBytes() * tokensVocab : 0;
        double lossTransient = lastStageToo && recipe != null ? recipe.lossTransientBytes() * tokensVocab : 0;
        boolean gradientsPersist = recipe == null || !recipe.freesGradientsEachStep();
        double persistentGrads = gradientsPersist ? m.gradientsBytes() : 0;
        double cacheBytesPerParam = recipe == null ? 0 : recipe.autocastWeightCacheBytes();
        double cache = cacheBytesPerParam * matmulParams(setup);
        boolean full = setup.recompute() == Recompute.FULL;
        double outputLayer = lastStageToo ? (double) shape.vocab() * shape.hidden() / t : 0;
        // Autograd nodes keep the cast copies of the layers they record; under full recomputation no
        // layer node exists, so autocast's exit frees all but the output layer's copy before the backward.
        double backwardCache = full ? cacheBytesPerParam * outputLayer : cache;
        double recomputedCache = full ? cacheBytesPerParam * shape.layerParamCount() / t : 0;
        ActivationOptions o = setup.activationOptions();
        double recomputed = BlockActivations.recomputedLayerBytes(shape, s, b, t, setup.sequenceParallel(),
                setup.recompute(), o);
        double working = backwardWorkingSet(setup, o);
        double outputLayerGrad = gradientsPersist ? 0 : setup.stateBytes().gradientBytes() * outputLayer;
        double oneLayer = BlockActivations.perLayerBytes(shape, s, b, t, setup.sequenceParallel(), setup.recompute(), o);

        List<MemoryLine> states = List.of(new MemoryLine("parameters", m.parametersBytes()),
                new MemoryLine("optimizer states", m.optimizerStatesBytes()),
                new MemoryLine("zero-3 gathered layer", m.gatheredBytes()),
                new MemoryLine("communication buffers", m.buffersBytes()));
        List<MemoryLine> forward = with(states, new MemoryLine("gradients", persistentGrads),
                new MemoryLine("autocast weight cache", cache), new MemoryLine("activations", activations),
                new MemoryLine("logits and loss inputs", logits));
        List<MemoryLine> forwardEnd = with(forward, new MemoryLine("loss computation (fp32 copy of the logits)", lossTransient));
        List<MemoryLine> lossBackward = with(states, new MemoryLine("gradients", persistentGrads),
                new MemoryLine("autocast weight cache", backwardCache), new MemoryLine("activations", activations),
                new MemoryLine("logits and loss inputs", logits), new MemoryLine("loss gradient", lossGradient));
        List<MemoryLine> firstLayerBackward = with(states, new MemoryLine("gradients", persistentGrads + outputLayerGrad),
                new MemoryLine("autocast weight cache", backwardCache + recomputedCache),
                new MemoryLine("activations", activations), new MemoryLine("recomputed layer", recomputed),
                new MemoryLine("backward working set", working));
        List<MemoryLine> lastLayerBackward = with(states, new MemoryLine("gradients", m.gradientsBytes()),
                new MemoryLine("autocast weight cache", recomputedCache),
                new MemoryLine("activations", Math.min(activations, oneLayer)),
                new MemoryLine("recomputed layer", recomputed), new MemoryLine("backward working set", working));
        List<MemoryLine> step = with(states, new MemoryLine("gradients", m.gradientsBytes()));

        double fwd = sum(forwardEnd);
        List<MemoryLine> bwdLines = lossBackward;
        for (List<MemoryLine> c : List.of(firstLayerBackward, lastLayerBackward)) {
            if (sum(c) > sum(bwdLines)) {
                bwdLines = c;
            }
        }
        double bwd = sum(bwdLines);
        double opt = sum(step);
        StepPhase phase = StepPhase.FORWARD_END;
        List<MemoryLine> live = forwardEnd;
        double peak = fwd;
        if (bwd > peak) {
            phase = StepPhase.BACKWARD;
            live = bwdLines;
            peak = bwd;
        }
        if (opt > peak) {
            phase = StepPhase.OPTIMIZER_STEP;
            live = step;
            peak = opt;
        }
        return new PeakMemory(peak, phase, live.stream().filter(l -> l.bytes() > 0).toList(), fwd, bwd, opt);
    }

    /**
     * Weights a matmul reads on this GPU, which autocast casts and caches: the model-parallel shard
     * without the input embedding table when the output layer is untied (a lookup is not cast).
     */
    static double matmulParams(TrainingSetup setup) {
        TransformerShape shape = setup.shape();
        double embedding = shape.tiedEmbeddings() ? 0 : (double) shape.embeddingParamCount() / setup.tp();
        return Math.max(0, setup.shardParams() - embedding);
    }

    /**
     * Gradient buffers one layer's backward holds besides what is kept: the residual-stream gradient
     * in and out (2·r·sbh, divided by t with sequence parallelism) and the widest intermediate
     * gradients: the MLP's (2·2sbF/t, or (4 + 2)sbF/t gated), or the attention scores' (2·2as²b/t)
     * when they are materialised; under autocast the softmax backward takes and gives fp32
     * gradients (2·4as²b/t, {@link ActivationOptions}). Bytes.
     */
    static double backwardWorkingSet(TrainingSetup setup, ActivationOptions o) {
        TransformerShape shape = setup.shape();
        double sb = (double) setup.seqLength() * setup.microBatch();
        double sp = setup.sequenceParallel() ? setup.tp() : 1;
        double residual = 2.0 * o.residualBytes() * sb * shape.hidden() / sp;
        double mlp = (shape.gatedMlp() ? 6.0 : 4.0) * sb * shape.ffnHidden() / setup.tp();
        double perScore = o.scoreBytes() > 2 ? 8.0 : 4.0;
        double scores = o.flashAttention() ? 0 : perScore * shape.heads() * setup.seqLength() * sb / setup.tp();
        return residual + Math.max(mlp, scores);
    }

    private static List<MemoryLine> with(List<MemoryLine> base, MemoryLine... more) {
        List<MemoryLine> all = new ArrayList<>(base);
        for (MemoryLine l : more) {
            all.add(l);
        }
        return all;
    }

    private static double sum(List<MemoryLine> lines) {
        return lines.stream().mapToDouble(MemoryLine::bytes).sum();
    }
}
