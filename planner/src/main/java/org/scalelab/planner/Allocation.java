package org.scalelab.planner;

import java.util.List;
import org.scalelab.memory.TransformerShape;
import org.scalelab.scaling.Law;

/**
 * What is trained: step 1 of a plan.
 *
 * @param params             N, parameters the model states are sized for (for a mixture-of-experts
 *                           model the total count)
 * @param activeParams       parameters one token passes through: the count the laws and 6ND use
 *                           ({@link TransformerShape#activeParamCount()}; equals {@code params} for a dense model)
 * @param tokens             D, training tokens
 * @param computeFlops       C, training FLOPs (as given, else 6ND)
 * @param shape              the transformer shape
 * @param seq                sequence length, tokens
 * @param batchTokensTarget  tokens per optimizer step before rounding to whole layouts
 * @param lawOptimum         the law's compute-optimal point at C (for the iso-loss chart)
 * @param lossNats           the law's loss at (N, D), nats per token, or null where the law has none
 * @param choices            one line per decision, saying where each number came from
 * @param warnings           notes for the user (e.g. params and shape disagree by more than 5 %)
 */
public record Allocation(long params, long activeParams, double tokens, double computeFlops, TransformerShape shape, int seq,
        double batchTokensTarget, Law.LawOptimum lawOptimum, Double lossNats, List<String> choices, List<String> warnings) {

    public Allocation {
        choices = List.copyOf(choices);
        warnings = List.copyOf(warnings);
    }

    /** Whether the model routes tokens to experts. */
    public boolean isMoe() {
        return shape.isMoe();
    }

    /** Target sequences per optimizer step (the batch law's tokens in whole sequences, at least 1). */
    public long batchSequencesTarget() {
        return Math.max(1, Math.round(batchTokensTarget / seq));
    }
}
