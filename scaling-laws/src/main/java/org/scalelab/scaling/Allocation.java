package org.scalelab.scaling;

/**
 * A compute allocation: how a training budget splits into model size and tokens.
 *
 * @param computeFlops training compute, FLOPs
 * @param params       parameters (which parameters, total or non-embedding, depends on the law; see {@link Law})
 * @param tokens       training tokens
 * @param loss         predicted loss in nats per token, or null where the law has no loss
 */
public record Allocation(double computeFlops, double params, double tokens, Double loss) {

    /** D/N, tokens per parameter. */
    public double tokensPerParam() {
        return tokens / params;
    }
}
