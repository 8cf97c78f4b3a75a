package org.scalelab.cluster.step;

import java.util.List;

/**
 * The modelled training step.
 *
 * @param stepSeconds          time of one optimizer step (s)
 * @param tokensPerSecond      tokens trained per second over the job
 * @param mfu                  model FLOPs utilisation: model FLOPs per second over the peak of all
 *                             GPUs, with {@link StepModel#modelFlopsPerToken} (embedding lookup
 *                             excluded, attention not halved by causal masking) — an output
 * @param hfu                  hardware FLOPs utilisation: the same with the recomputed forward
 *                             counted (Korthikanti et al. 2022, §6.3)
 * @param breakdown            the step's parts (s)
 * @param ops                  the step's work op by op on the busiest stage of one GPU
 * @param tokensPerStep        tokens per optimizer step (dp · m · b · s)
 * @param modelFlopsPerToken   model FLOPs per token, 6(N − V·h) + 12·L·h·s
 * @param modelFlopsPerStep    model FLOPs per step over the job
 * @param hardwareFlopsPerStep FLOPs per step over the job, recomputation included
 */
public record StepResult(double stepSeconds, double tokensPerSecond, double mfu, double hfu, StepBreakdown breakdown,
        List<StepOp> ops, double tokensPerStep, double modelFlopsPerToken, double modelFlopsPerStep,
        double hardwareFlopsPerStep) {

    public StepResult {
        ops = List.copyOf(ops);
    }
}
