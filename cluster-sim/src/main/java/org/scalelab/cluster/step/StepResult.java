package org.scalelab.cluster.step;

/**
 * The modelled training step.
 *
 * @param stepSeconds        time of one optimizer step (s)
 * @param tokensPerSecond    tokens trained per second over the job
 * @param mfu                model FLOPs utilisation: model FLOPs (without recomputation) per
 *                           second over the peak of all GPUs (PaLM, Appendix B) — an output
 * @param breakdown          the step's parts (s)
 * @param tokensPerStep      tokens per optimizer step (dp · m · b · s)
 * @param modelFlopsPerStep  model FLOPs per step, (6N + 12·L·h·s) per token
 * @param hardwareFlopsPerStep FLOPs executed per step, recomputation included
 */
public record StepResult(double stepSeconds, double tokensPerSecond, double mfu, StepBreakdown breakdown,
        double tokensPerStep, double modelFlopsPerStep, double hardwareFlopsPerStep) { }
