package org.scalelab.reports.options;

import org.scalelab.cluster.step.StepOptions;
import picocli.CommandLine.Option;

/**
 * {@code --expert-load-imbalance}, declared once for every command that takes it: {@code memory} and
 * {@code memory max-model} (through their setup options) and {@code cluster step} and {@code plan}
 * (through {@link MoeStepOptions}). The default is {@link StepOptions#DEFAULT_EXPERT_LOAD_IMBALANCE},
 * as the parameter files' {@code expert_load_imbalance} key.
 */
public final class ExpertLoadImbalanceOption {
    @Option(names = "--expert-load-imbalance", defaultValue = "" + StepOptions.DEFAULT_EXPERT_LOAD_IMBALANCE, paramLabel = "X",
            description = "Tokens of the busiest expert over the mean, in [1, E/k] (mixture-of-experts models): the busiest"
                    + " GPU's expert matmuls and all-to-all traffic grow by it (capped by the shape's capacity factor), and so"
                    + " do its routed experts' activations and all-to-all buffers when routing is dropless (--capacity-factor 0;"
                    + " with a capacity factor those buffers are sized by it). Default: ${DEFAULT-VALUE} (balanced routing).")
    double expertLoadImbalance;

    /** The busiest expert's tokens over the mean. */
    public double value() {
        return expertLoadImbalance;
    }
}
