package org.scalelab.memory;

/**
 * Activation memory of a GPT-style transformer, Korthikanti et al. 2022, "Reducing Activation
 * Recomputation in Large Transformer Models" (arXiv:2205.05198), §4-5. All results are bytes for
 * 16-bit activations with 1-byte dropout masks (the paper's assumption); s = sequence length,
 * b = micro-batch, h = hidden size, a = attention heads, t = tensor-parallel degree, v = vocabulary.
 * The per-layer terms are derived op by op in {@link BlockActivations} from the block's real
 * widths; GPT-3's block gives the paper's 34sbh + 5as²b.
 */
public final class Activations {
    private Activations() {}

    /**
     * Eq. 1, no parallelism: sbh(34 + 5as/h) bytes per layer.
     */
    public static double perLayerEq1(long s, long b, long h, long a) {
        return sbh(s, b, h) * (34.0 + 5.0 * a * s / h);
    }

    /**
     * Per-layer activation bytes of GPT-3's block (MLP 4h, full multi-head attention) with
     * Korthikanti's defaults (dropout on) and flash attention on or off; see
     * {@link #perLayerBytes(TransformerShape, long, long, long, boolean, Recompute, ActivationOptions)}.
     * Korthikanti 2022, Table 2:
     * <ul>
     * <li>no recompute, tensor parallel: Eq. 2, sbh(10 + 24/t + 5as/(ht));</li>
     * <li>no recompute, tensor + sequence parallel: Eq. 4, sbh(34/t + 5as/(ht));</li>
     * <li>selective: sbh(10 + 24/t), and with sequence parallelism Eq. 6, 34sbh/t;</li>
     * <li>full: 2sbh (only each layer's input is kept; Table 2); with sequence parallelism that input
     * is the sequence shard, 2sbh/t (Megatron-LM, {@code transformer_config.py}: distribute_saved_activations
     * is refused with sequence parallelism, which already splits it).</li>
     * </ul>
     *
     * @return bytes per transformer layer on one tensor-parallel rank
     */
    public static double perLayerBytes(long s, long b, long h, long a, long t, boolean sequenceParallel,
                                       Recompute recompute, boolean flashAttention) {
        TransformerShape gpt = TransformerShape.gpt("gpt", 1, Math.toIntExact(h), Math.toIntExact(a), 1);
        return perLayerBytes(gpt, s, b, t, sequenceParallel, recompute,
                ActivationOptions.korthikanti().withFlashAttention(flashAttention));
    }

    /**
     * Per-layer activation bytes of {@code shape}'s block, op by op ({@link BlockActivations#perLayer}).
     * Korthikanti 2022, Eq. 1 (34sbh + 5as²b for GPT-3's block); Megatron-LM
     * {@code theoretical_memory_usage.py} sbh(18 + 4F/h)/t with sequence parallelism and selective recomputation.
     *
     * @return bytes per transformer layer on one tensor-parallel rank
     */
    public static double perLayerBytes(TransformerShape shape, long s, long b, long t, boolean sequenceParallel,
                                       Recompute recompute, ActivationOptions options) {
        return BlockActivations.perLayerBytes(shape, s, b, t, sequenceParallel, recompute, options);
    }

    /**
     * Factor by which the first pipeline stage's activations exceed L layers' worth (Korthikanti
     * §4.2.3): 1 for the 1F1B schedule (p micro-batches in flight × L/p layers = L layers), and
     * 1 + (p − 1)/(p·m) for the interleaved schedule with m model chunks per stage (m ≥ 2).
     *
     * @param p pipeline-parallel degree
     * @param m interleaved model chunks per stage (1 = not interleaved)
     */
    public static double firstStageMultiplier(long p, long m) {
        return m <= 1 || p <= 1 ? 1.0 : 1.0 + (p - 1.0) / ((double) p * m);
    }

    /**
     * Activations outside the transformer layers on the first pipeline stage with Korthikanti's
     * defaults (dropout on, 16-bit residual); see the {@link ActivationOptions} overload.
     */
    public static double extraBytes(long s, long b, long h, long v, long t, long p, boolean sequenceParallel,
                                    double logitsBytes) {
        return extraBytes(s, b, h, v, t, p, sequenceParallel, ActivationOptions.korthikanti(), logitsBytes);
    }

    /**
     * Activations outside the transformer layers on the first pipeline stage (Korthikanti §4.3):
     * embedding dropout masks sbhp/t (only with dropout); and when p = 1 (first stage is also the last)
     * the final norm's input (residual width, 2sbh/t in the paper), the output layer's input 2sbh/t and the
     * logits (the paper counts fp32 logits, 4sbv/t; {@code logitsBytes} generalises the 4). Without
     * sequence parallelism the sbh terms are not divided by t (only the vocabulary-parallel logits are).
     * Korthikanti 2022, Section 4.3. Bytes.
     */
    public static double extraBytes(long s, long b, long h, long v, long t, long p, boolean sequenceParallel,
                                    ActivationOptions options, double logitsBytes) {
        double sbh = sbh(s, b, h);
        double tSbh = sequenceParallel ? t : 1;
        double embeddingDropout = options.dropout() ? sbh * p / tSbh : 0;
        if (p > 1) {
            return embeddingDropout;
        }
        return embeddingDropout + (options.residualBytes() + 2.0) * sbh / tSbh + logitsBytes * s * b * v / t;
    }

    /**
     * Peak activation bytes with Korthikanti's defaults (dropout on) and flash attention on or off;
     * see the {@link ActivationOptions} overload.
     */
    public static double peakBytes(TransformerShape shape, long s, long b, long t, long p, long virtualStages,
                                   boolean sequenceParallel, Recompute recompute, boolean flashAttention,
                                   double logitsBytes) {
        return peakBytes(shape, s, b, t, p, virtualStages, sequenceParallel, recompute,
                ActivationOptions.korthikanti().withFlashAttention(flashAttention), logitsBytes);
    }

    /**
     * Activation bytes kept at the end of the forward pass on the most loaded GPU with routed experts
     * sized for the even load (load imbalance 1, or the shape's capacity factor); see the overload with
     * {@code routedTokenFactor}.
     */
    public static double peakBytes(TransformerShape shape, long s, long b, long t, long p, long virtualStages,
                                   boolean sequenceParallel, Recompute recompute, ActivationOptions options,
                                   double logitsBytes) {
        double f = shape.moe() == null ? 0 : shape.moe().dropless() ? 1 : shape.moe().capacityFactor();
        return peakBytes(shape, s, b, t, p, virtualStages, sequenceParallel, recompute, options, logitsBytes, f);
    }

    /**
     * Activation bytes kept at the end of the forward pass on the most loaded GPU (the first pipeline
     * stage): ceil(L/p)·p layers' worth of {@link #perLayerBytes} times {@link #firstStageMultiplier},
     * plus {@link #extraBytes}. Korthikanti 2022, Eq. 5 (sbhL/t·(34 + 5as/h) with sequence
     * parallelism) plus Section 4.3. With mixture-of-experts blocks, whose tensors differ from the dense
     * blocks' ({@link BlockActivations#perBlock}), the ceil(L/p) layers are the consecutive blocks that keep
     * the most ({@link #heaviestWindow}), an upper bound on every stage. Bytes.
     *
     * @param routedTokenFactor capacity factor or load imbalance of the routed experts ({@link TrainingSetup#routedTokenFactor()})
     */
    public static double peakBytes(TransformerShape shape, long s, long b, long t, long p, long virtualStages,
                                   boolean sequenceParallel, Recompute recompute, ActivationOptions options,
                                   double logitsBytes, double routedTokenFactor) {
        long layersPerStage = (shape.layers() + p - 1) / p;
        double stage;
        if (shape.isMoe()) {
            int first = heaviestWindow(shape, s, b, t, p, sequenceParallel, recompute, options, routedTokenFactor);
            stage = 0;
            for (int i = first; i < first + layersPerStage; i++) {
                stage += BlockActivations.perBlockBytes(shape, shape.isMoeLayer(i), s, b, t, sequenceParallel, recompute, options,
                        routedTokenFactor);
            }
        } else {
            stage = perLayerBytes(shape, s, b, t, sequenceParallel, recompute, options) * layersPerStage;
        }
        double layers = stage * p * firstStageMultiplier(p, virtualStages);
        return layers + extraBytes(s, b, shape.hidden(), shape.vocab(), t, p, sequenceParallel, options, logitsBytes);
    }

    /**
     * The first block of the ceil(L/p) consecutive blocks that keep the most activation bytes (the
     * earliest on a tie); 0 for a dense shape, whose blocks are all alike.
     */
    public static int heaviestWindow(TransformerShape shape, long s, long b, long t, long p, boolean sequenceParallel,
                                     Recompute recompute, ActivationOptions options, double routedTokenFactor) {
        if (!shape.isMoe()) {
            return 0;
        }
        int perStage = (int) ((shape.layers() + p - 1) / p);
        double dense = BlockActivations.perBlockBytes(shape, false, s, b, t, sequenceParallel, recompute, options, routedTokenFactor);
        double moe = BlockActivations.perBlockBytes(shape, true, s, b, t, sequenceParallel, recompute, options, routedTokenFactor);
        int best = 0;
        double bestBytes = -1;
        int moeInWindow = 0;
        for (int i = 0; i < perStage; i++) {
            moeInWindow += shape.isMoeLayer(i) ? 1 : 0;
        }
        for (int j = 0; j + perStage <= shape.layers(); j++) {
            if (j > 0) {
                moeInWindow += (shape.isMoeLayer(j + perStage - 1) ? 1 : 0) - (shape.isMoeLayer(j - 1) ? 1 : 0);
            }
            double bytes = moeInWindow * moe + (perStage - moeInWindow) * dense;
            if (bytes > bestBytes) {
                best = j;
                bestBytes = bytes;
            }
        }
        return best;
    }

    private static double sbh(long s, long b, long h) {
        return (double) s * b * h;
    }
}
