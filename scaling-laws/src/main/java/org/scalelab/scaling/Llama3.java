package org.scalelab.scaling;

import org.scalelab.common.Check;

/**
 * Llama 3 (Llama Team, "The Llama 3 Herd of Models", arXiv:2407.21783, §3.2.1) compute-optimal law.
 * Its N*(C) = A·C^α is the optimal number of <em>training tokens</em>, not parameters.
 * We use the Figure 3 legend constants α = 0.537, A = 0.299: they come within a few percent of the
 * paper's 402B parameters / 16.55T tokens at 3.8e25 FLOPs, where the rounded text pair (0.53, 0.29) does not.
 */
public final class Llama3 {
    private Llama3() {}

    /** α from the Fig. 3 legend. */
    public static final double ALPHA = 0.537;
    /** A from the Fig. 3 legend, tokens per FLOP^α. */
    public static final double A = 0.299;

    /** N*(C) = A·C^α, §3.2.1 / Fig. 3; C in FLOPs; training tokens. */
    public static double optimalTokens(double computeFlops) {
        Check.positive("compute_flops", computeFlops);
        return A * StrictMath.pow(computeFlops, ALPHA);
    }

    /** Parameters the budget then affords, N = C/(6·tokens) (the 6ND convention); params. */
    public static double optimalParams(double computeFlops) {
        return computeFlops / (6.0 * optimalTokens(computeFlops));
    }
}
