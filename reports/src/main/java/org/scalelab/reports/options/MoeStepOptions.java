package org.scalelab.reports.options;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scalelab.cluster.step.StepOptions;
import org.scalelab.common.Check;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The step-time options of mixture-of-experts training shared by {@code cluster step} and
 * {@code plan}: the matmuls' number format, the expert load imbalance and the share of the
 * all-to-all hidden behind compute (the imbalance declared in {@link ExpertLoadImbalanceOption}, which
 * {@code memory} shares). Their defaults are {@link StepOptions}' constants, which the
 * {@code kind: cluster} and {@code kind: plan} files read too.
 */
public final class MoeStepOptions {
    @Option(names = "--gemm-precision", defaultValue = StepOptions.DEFAULT_GEMM_PRECISION, paramLabel = "bf16|fp8",
            description = "Number format of the linear layers' matmuls: fp8 runs them at the GPU's FP8 peak and dispatches"
                    + " tokens in FP8, with the attention core, routers and output layer kept in BF16 (DeepSeek-V3,"
                    + " arXiv:2412.19437 section 3.3); MFU stays against the BF16 peak. Default: ${DEFAULT-VALUE}.")
    String gemmPrecision;

    @Option(names = "--a2a-overlap", defaultValue = "" + StepOptions.DEFAULT_A2A_OVERLAP, paramLabel = "F",
            description = "Fraction of the expert all-to-all hidden behind compute, in [0, 1] (mixture-of-experts models)."
                    + " Default: ${DEFAULT-VALUE}: hiding it needs a schedule built for it (DeepSeek-V3's DualPipe,"
                    + " arXiv:2412.19437 section 3.2.1).")
    double a2aOverlap;

    @Mixin
    ExpertLoadImbalanceOption expertLoadImbalance;

    /** The matmuls' number format, {@code bf16} or {@code fp8}. */
    public String gemmPrecision() {
        return gemmPrecision;
    }

    /** The fraction of the all-to-all hidden behind compute. */
    public double a2aOverlap() {
        return a2aOverlap;
    }

    /** The busiest expert's tokens over the mean. */
    public double expertLoadImbalance() {
        return expertLoadImbalance.value();
    }

    /**
     * Prints one line on {@code err} when settings that only act on experts differ from their
     * defaults although the model has none (from {@link StepOptions#withoutEffectOn}): they would
     * otherwise be ignored silently.
     *
     * @param unused the settings without effect by key, with their values (empty: nothing printed)
     * @param model  the model's name, for the message
     */
    public static void warnWithoutEffect(PrintWriter err, Map<String, Double> unused, String model) {
        if (unused.isEmpty()) {
            return;
        }
        List<String> given = new ArrayList<>();
        unused.forEach((k, v) -> given.add("--" + k.replace('_', '-') + " " + Check.format(v)));
        err.printf(Locale.ROOT, "note: %s %s no effect: %s has no experts (give --experts to make it a mixture of experts)%n",
                String.join(" and ", given), given.size() > 1 ? "have" : "has", model);
        err.flush();
    }
}
