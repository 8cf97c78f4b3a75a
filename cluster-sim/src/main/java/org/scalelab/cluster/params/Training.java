package org.scalelab.cluster.params;

import org.scalelab.cluster.step.StepOptions;
import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;

/**
 * The {@code training:} block of a {@code kind: cluster} file: batch, sequence and training settings.
 * The kernel keys (recipe, flash_attention, dropout, causal, sequence_parallel, attention_efficiency,
 * tp_overlap, gradient_accumulation_fusion) and matmul_efficiency default as on {@code cluster step}:
 * null means the step model's default. The mixture-of-experts keys default as there too
 * ({@link StepOptions}): gemm_precision bf16, expert_load_imbalance 1.0 (the busiest expert's tokens
 * over the mean), a2a_overlap 0 (fraction of the all-to-all hidden). matmul_efficiency_from (a
 * {@code kernels run --format json} result, relative to the parameter file's folder) with
 * matmul_kernel replaces matmul_efficiency, and measured_step_seconds (a measured step, seconds) adds
 * its MFU and the model's error, as the options of the same names do.
 */
public record Training(Integer seq, Integer microBatch, Integer gradAccum, Integer zero, String recompute,
        Double dpOverlap, Double matmulEfficiency, String matmulEfficiencySource, Integer virtualStages, String recipe,
        Boolean flashAttention, Boolean dropout, Boolean causal, Boolean sequenceParallel, Double attentionEfficiency,
        Double tpOverlap, Boolean gradientAccumulationFusion, String gemmPrecision, Double expertLoadImbalance,
        Double a2aOverlap, String matmulEfficiencyFrom, String matmulKernel, Double measuredStepSeconds) {
    public Training {
        gemmPrecision = gemmPrecision == null ? StepOptions.DEFAULT_GEMM_PRECISION : gemmPrecision;
        org.scalelab.cluster.step.GemmPrecision.byName(gemmPrecision);
        expertLoadImbalance = expertLoadImbalance == null ? StepOptions.DEFAULT_EXPERT_LOAD_IMBALANCE : expertLoadImbalance;
        Check.inRange("expert_load_imbalance", expertLoadImbalance, 1, org.scalelab.memory.MoeShape.MAX_EXPERTS);
        a2aOverlap = a2aOverlap == null ? StepOptions.DEFAULT_A2A_OVERLAP : a2aOverlap;
        Check.inRange("a2a_overlap", a2aOverlap, 0, 1);
        matmulSource(matmulEfficiencyFrom, matmulKernel, matmulEfficiency, matmulEfficiencySource);
        if (measuredStepSeconds != null) {
            Check.positive("measured_step_seconds", measuredStepSeconds);
        }
        Check.atLeastOne("seq", Check.present("seq", seq));
        microBatch = microBatch == null ? 1 : microBatch;
        gradAccum = gradAccum == null ? 1 : gradAccum;
        zero = zero == null ? 0 : zero; // plain data parallelism, as cluster step and kind: memory
        recompute = recompute == null ? "none" : recompute;
        dpOverlap = dpOverlap == null ? 0.0 : dpOverlap;
        virtualStages = virtualStages == null ? 1 : virtualStages;
    }

    /**
     * The rules of the matmul-efficiency keys (and their options): {@code matmul_kernel} picks rows
     * of the {@code matmul_efficiency_from} file, so it needs one; that file gives the efficiency
     * and prints its own source, so neither {@code matmul_efficiency} nor
     * {@code matmul_efficiency_source} may be given beside it (one would be silently dropped); a
     * source is text.
     *
     * @throws InvalidParameterException naming the key at fault
     */
    public static void matmulSource(Object matmulEfficiencyFrom, String matmulKernel, Double matmulEfficiency,
            String matmulEfficiencySource) {
        if (matmulKernel != null && matmulEfficiencyFrom == null) {
            throw new InvalidParameterException("matmul_kernel", "picks rows of a kernels result, so it needs"
                    + " matmul_efficiency_from", matmulKernel);
        }
        if (matmulEfficiencyFrom != null && matmulEfficiency != null) {
            throw new InvalidParameterException("matmul_efficiency", "give either matmul_efficiency or"
                    + " matmul_efficiency_from (which measures it), not both", Check.format(matmulEfficiency));
        }
        if (matmulEfficiencyFrom != null && matmulEfficiencySource != null) {
            throw new InvalidParameterException("matmul_efficiency_source", "describes a given matmul_efficiency;"
                    + " matmul_efficiency_from prints its file's machine and date as the source", matmulEfficiencySource);
        }
        if (matmulEfficiencySource != null && matmulEfficiencySource.isBlank()) {
            throw new InvalidParameterException("matmul_efficiency_source", "must say where matmul_efficiency comes from",
                    "\"" + matmulEfficiencySource + "\"");
        }
    }
}
