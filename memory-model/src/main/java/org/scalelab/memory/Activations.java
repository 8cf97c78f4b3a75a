package org.scalelab.memory;

/**
 * Activation memory of a GPT-style transformer, Korthikanti et al. 2022, "Reducing Activation
 * Recomputation in Large Transformer Models" (arXiv:2205.05198), §4-5. All results are bytes for
 * 16-bit activations with 1-byte dropout masks (the paper's assumption); s = sequence length,
 * b = micro-batch, h = hidden size, a = attention heads, t = tensor-parallel degree, v = vocabulary.
 * The 34sbh constant assumes the paper's MLP of width 4h and full multi-head attention.
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
     * Per-layer activation bytes for the policy (Korthikanti §4.2.2-§5, Table 2):
     * <ul>
     * <li>no recompute, tensor parallel: eq. 2, sbh(10 + 24/t + 5as/(ht));</li>
     * <li>no recompute, tensor + sequence parallel: eq. 4, sbh(34/t + 5as/(ht));</li>
     * <li>selective: sbh(10 + 24/t), and with sequence parallelism eq. 6, 34sbh/t;</li>
     * <li>full: 2sbh (only each layer's input is kept; Table 2).</li>
     * </ul>
     * With {@code flashAttention} the s² attention-score term 5as/(ht) is dropped (FlashAttention
     * keeps no s×s matrices), which is the same saving as selective recomputation.
     *
     * @return bytes per transformer layer on one tensor-parallel rank
     */
    public static double perLayerBytes(long s, long b, long h, long a, long t, boolean sequenceParallel,
                                       Recompute recompute, boolean flashAttention) {
        double sbh = sbh(s, b, h);
        double quadratic = flashAttention ? 0.0 : 5.0 * a * s / ((double) h * t);
        return switch (recompute) {
            case NONE -> sequenceParallel ? sbh * (34.0 / t + quadratic) : sbh * (10.0 + 24.0 / t + quadratic);
            case SELECTIVE -> sequenceParallel ? sbh * 34.0 / t : sbh * (10.0 + 24.0 / t);
            case FULL -> 2.0 * sbh;
        };
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
     * Activations outside the transformer layers on the first pipeline stage (Korthikanti §4.3):
     * embedding dropout masks sbhp/t; and when p = 1 (first stage is also the last) the final
     * LayerNorm 2sbh/t, the output layer's input 2sbh/t and the logits (the paper counts fp32 logits,
     * 4sbv/t; {@code logitsBytes} generalises the 4). Without sequence parallelism the sbh terms are
     * not divided by t (only the vocabulary-parallel logits are). Bytes.
     */
    public static double extraBytes(long s, long b, long h, long v, long t, long p, boolean sequenceParallel,
                                    double logitsBytes) {
        double sbh = sbh(s, b, h);
        double tSbh = sequenceParallel ? t : 1;
        double embeddingDropout = sbh * p / tSbh;
        if (p > 1) {
            return embeddingDropout;
        }
        return embeddingDropout + 4.0 * sbh / tSbh + logitsBytes * s * b * v / t;
    }

    /**
     * Peak activation bytes on the most loaded GPU (the first pipeline stage): ceil(L/p)·p layers'
     * worth of {@link #perLayerBytes} times {@link #firstStageMultiplier}, plus {@link #extraBytes}.
     * Korthikanti eq. 5 (sbhL/t·(34 + 5as/h) with sequence parallelism) plus §4.3. Bytes.
     */
    public static double peakBytes(TransformerShape shape, long s, long b, long t, long p, long interleave,
                                   boolean sequenceParallel, Recompute recompute, boolean flashAttention,
                                   double logitsBytes) {
        long layersPerStage = (shape.layers() + p - 1) / p;
        double layers = perLayerBytes(s, b, shape.hidden(), shape.heads(), t, sequenceParallel, recompute, flashAttention)
                * layersPerStage * p * firstStageMultiplier(p, interleave);
        return layers + extraBytes(s, b, shape.hidden(), shape.vocab(), t, p, sequenceParallel, logitsBytes);
    }

    private static double sbh(long s, long b, long h) {
        return (double) s * b * h;
    }
}
