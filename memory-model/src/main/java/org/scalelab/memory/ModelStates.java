package org.scalelab.memory;

import org.scalelab.common.Check;

/**
 * Model-state bytes on one GPU: parameters, gradients and optimizer states.
 *
 * @param parametersBytes      working parameter copy, bytes
 * @param gradientsBytes       gradients, bytes
 * @param optimizerStatesBytes optimizer states incl. fp32 master copy, bytes
 */
public record ModelStates(double parametersBytes, double gradientsBytes, double optimizerStatesBytes) {

    /** Total model-state bytes. */
    public double totalBytes() {
        return parametersBytes + gradientsBytes + optimizerStatesBytes;
    }

    /**
     * Per-GPU model states under ZeRO-DP (Rajbhandari et al. 2019, §5.1-5.3 and Figure 1):
     * baseline (2 + 2 + K)Ψ; P_os 2Ψ + 2Ψ + KΨ/N_d; P_os+g 2Ψ + (2 + K)Ψ/N_d; P_os+g+p (2 + 2 + K)Ψ/N_d,
     * with the per-state byte counts taken from {@code bytes} rather than fixed at 2, 2, K.
     * {@code shardParams} is Ψ already divided by model parallelism (Ψ/N_m with N_m = t·p, §1:
     * "max theoretical memory reduction of N_d × N_m").
     *
     * @param shardParams parameters this model-parallel rank owns (Ψ/(t·p)), parameters
     * @param bytes       bytes per parameter of each state
     * @param stage       ZeRO stage
     * @param dp          data-parallel degree N_d (≥ 1)
     * @return bytes per GPU of each state
     */
    public static ModelStates perGpu(double shardParams, BytesPerParam bytes, ZeroStage stage, long dp) {
        Check.nonNegative("params", shardParams);
        Check.atLeastOne("dp", dp);
        double p = bytes.parameterBytes() * shardParams / (stage.partitionsParameters() ? dp : 1);
        double g = bytes.gradientBytes() * shardParams / (stage.partitionsGradients() ? dp : 1);
        double o = bytes.optimizerBytes() * shardParams / (stage.partitionsOptimizerStates() ? dp : 1);
        return new ModelStates(p, g, o);
    }

    /**
     * Model-state bytes per parameter of the unsharded model on one GPU, the coefficient c in
     * bytes = c·Ψ/(t·p) (e.g. 4 + 12/N_d for P_os with {@code zero-paper}). Same source as {@link #perGpu}.
     */
    public static double bytesPerShardParam(BytesPerParam bytes, ZeroStage stage, long dp) {
        return perGpu(1.0, bytes, stage, dp).totalBytes();
    }
}
