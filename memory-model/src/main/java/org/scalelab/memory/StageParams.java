package org.scalelab.memory;

/**
 * The parameters the most loaded GPU holds before ZeRO partitioning, split into dense parameters
 * (attention, norms, embeddings, the router, shared experts and the MLPs of dense blocks, which are
 * data-parallel over ep·dp) and routed-expert parameters (E/ep experts of each mixture-of-experts block
 * on the stage, data-parallel over dp). Both are already divided by the tensor-parallel degree t:
 * experts are tensor-parallel with the same t as the dense layers, Megatron-Core's default
 * ({@code expert_tensor_parallel_size} unset takes {@code tensor_model_parallel_size}).
 *
 * @param denseParams  dense parameters on the GPU, parameters
 * @param expertParams routed-expert parameters on the GPU, parameters (0 for a dense model)
 * @param firstBlock   the first transformer block (from 0) of the stage counted, or -1 for a raw parameter count
 * @param blocks       transformer blocks on that stage, ceil(L/p), or 0 for a raw parameter count
 */
public record StageParams(double denseParams, double expertParams, long firstBlock, long blocks) {

    /**
     * The most loaded GPU of the setup.
     *
     * <p>Given a raw count Ψ: Ψ/(t·p) (the ZeRO paper's Ψ/N_m, Rajbhandari et al. 2019, Section 1); with a
     * mixture-of-experts shape, Ψ is split in the shape's proportion of routed-expert parameters, the
     * expert part further divided by ep.
     *
     * <p>Derived from a shape: every stage holds ceil(L/p) consecutive blocks; the first stage adds the
     * input embedding, the last the final norm and the untied output layer (or, tied with p > 1, its own
     * copy of the embedding matrix), as Megatron-LM's {@code theoretical_memory_usage.py} counts the most
     * loaded shard. Blocks differ in a mixture-of-experts model ({@link TransformerShape#layerParamCount(int)}),
     * so every window of ceil(L/p) consecutive blocks is a candidate, and the one with the most model-state
     * bytes per GPU wins (dense states ZeRO-partitioned over ep·dp, expert states over dp; Megatron-LM's
     * expert-data-parallel group, Rajbhandari et al. 2022, DeepSpeed-MoE, Section 5). A dense model gives the
     * heavier of the first and the last stage, as before.
     */
    public static StageParams of(TrainingSetup setup) {
        TransformerShape shape = setup.shape();
        long t = setup.tp();
        long p = setup.pp();
        long ep = setup.ep();
        if (!setup.paramsFromShape()) {
            double psi = setup.paramCount();
            double expertShare = shape == null || !shape.isMoe() ? 0 : (double) shape.routedExpertParamCount() / shape.paramCount();
            return new StageParams(psi * (1 - expertShare) / (t * p), psi * expertShare / (t * p * ep), -1, 0);
        }
        int layers = shape.layers();
        int perStage = (int) ((layers + p - 1) / p);
        double[] dense = new double[layers + 1];
        double[] expert = new double[layers + 1];
        double routedPerBlock = shape.isMoe() ? (double) shape.moe().experts() * shape.expertParamCount() : 0;
        for (int i = 0; i < layers; i++) {
            double routed = shape.isMoeLayer(i) ? routedPerBlock : 0;
            dense[i + 1] = dense[i] + (shape.layerParamCount(i) - routed);
            expert[i + 1] = expert[i] + routed;
        }
        double denseBlocks = dense[layers];
        double finalNormAndOutput = shape.paramCount() - denseBlocks - expert[layers] - shape.embeddingParamCount();
        double tiedCopy = shape.tiedEmbeddings() && p > 1 ? shape.vocab() * (double) shape.hidden() : 0;
        double denseBytesPerParam = ModelStates.bytesPerShardParam(setup.stateBytes(), setup.effectiveStage(), setup.denseDp());
        double expertBytesPerParam = ModelStates.bytesPerShardParam(setup.stateBytes(), setup.effectiveStage(), setup.dp());
        StageParams best = null;
        double bestBytes = -1;
        for (int j = 0; j + perStage <= layers; j++) {
            double d = dense[j + perStage] - dense[j];
            if (j == 0) {
                d += shape.embeddingParamCount();
            }
            if (j + perStage == layers) {
                d += finalNormAndOutput + tiedCopy;
            }
            StageParams s = new StageParams(d / t, (expert[j + perStage] - expert[j]) / (t * ep), j, perStage);
            double bytes = denseBytesPerParam * s.denseParams + expertBytesPerParam * s.expertParams;
            if (bytes > bestBytes) {
                best = s;
                bestBytes = bytes;
            }
        }
        return best;
    }
}
