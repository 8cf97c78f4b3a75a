package org.scalelab.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scalelab.memory.TransformerShape;
import org.scalelab.scaling.DeepSeek2024;
import org.scalelab.scaling.Law;

/**
 * Step 1 of a plan: N, D and C from what the user gave and the chosen law, the shape, the sequence
 * length and the batch. Every formula is the scaling-laws module's; this class only decides which
 * one applies:
 * <ul>
 * <li>N from {@code params}, else the shape's count, else C/(6D) with both given, else the law at C;</li>
 * <li>D from {@code tokens}, else C/(6N), else the law's tokens for N ({@link Law#optimumForParams});</li>
 * <li>C as given, else 6ND (Kaplan et al. 2020, §2.1; Hoffmann et al. 2022, §3);</li>
 * <li>the batch from DeepSeek LLM 2024, Eq. 1 ({@link DeepSeek2024#optimalBatchTokens}) at DeepSeek's
 * own C = M·D with M from its Eq. 2, in whole sequences.</li>
 * </ul>
 */
public final class Allocator {
    private Allocator() {}

    /** The allocation for {@code spec}. */
    public static Allocation allocate(PlanSpec spec) {
        List<String> choices = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Law law = spec.law();
        double n;
        double d;
        Double c = spec.computeFlops();
        TransformerShape shape = spec.shape();
        if (spec.params() != null || shape != null) {
            n = spec.params() != null ? spec.params() : shape.paramCount();
            choices.add(spec.params() != null ? "params: given" : "params: the shape's count (" + shape.name() + ")");
            if (spec.tokens() != null) {
                d = spec.tokens();
                choices.add("tokens: given");
            } else if (c != null) {
                d = c / (6 * n);
                choices.add("tokens: C/(6N) from the given compute");
            } else {
                d = law.optimumForParams(n).tokens();
                choices.add("tokens: compute-optimal for N by the " + law.id() + " law");
            }
        } else if (spec.tokens() != null) {
            d = spec.tokens();
            n = c / (6 * d);
            choices.add("tokens: given");
            choices.add("params: C/(6D) from the given compute and tokens");
        } else {
            Law.LawOptimum o = law.optimum(c);
            n = o.params();
            d = o.tokens();
            choices.add(String.format(Locale.ROOT, "params and tokens: the %s law's optimum at C = %.3g FLOPs (%s)",
                    law.id(), c, law.paramsMeaning()));
        }
        if (spec.params() != null && shape != null && Math.abs(shape.paramCount() - n) > 0.05 * n) {
            warnings.add(String.format(Locale.ROOT, "params %d differs from the shape's %d parameters by more than 5%%; "
                    + "model states use params, activations and FLOPs the shape", spec.params(), shape.paramCount()));
        }
        if (shape == null) {
            shape = ShapeChooser.closest(n);
            choices.add("shape: " + describe(shape) + " (" + ShapeChooser.rule() + ")");
            if (spec.params() == null) {
                n = shape.paramCount();
                choices.add("params: the chosen shape's count");
                if (spec.tokens() == null) {
                    d = c / (6 * n);
                    choices.add("tokens: C/(6N) for the chosen shape, so that the budget is spent");
                }
            }
        } else {
            choices.add("shape: " + shape.name() + " (given)");
        }
        long params = Math.round(n);
        double compute = c != null ? c : 6.0 * params * d;
        if (c == null) {
            choices.add("compute_flops: 6ND");
        }
        int seq;
        if (spec.seq() != null) {
            seq = spec.seq();
            choices.add("seq: given");
        } else if (shape.positionEmbeddings() > 0) {
            seq = shape.positionEmbeddings();
            choices.add("seq: the model's own context (" + seq + ")");
        } else {
            seq = PlanSpec.DEFAULT_SEQ;
            choices.add("seq: default " + seq);
        }
        double batch;
        if (spec.globalBatchTokens() != null) {
            batch = spec.globalBatchTokens();
            choices.add("global_batch_tokens: given");
        } else {
            double deepSeekCompute = DeepSeek2024.flopsPerToken(shape.layers(), shape.hidden(), seq) * d;
            batch = DeepSeek2024.optimalBatchTokens(deepSeekCompute);
            choices.add(String.format(Locale.ROOT, "global_batch_tokens: DeepSeek LLM 2024 Eq. 1, B = 0.2920 C^0.3271 "
                    + "= %.4g tokens at C = M D = %.3g FLOPs, in whole sequences", batch, deepSeekCompute));
        }
        Law.LawOptimum optimum = law.optimum(compute);
        Double loss = law.loss(params, d);
        return new Allocation(params, d, compute, shape, seq, batch, optimum, loss, choices, warnings);
    }

    /** The shape's own name for presets, else a description of its dimensions. */
    static String describe(TransformerShape s) {
        return String.format(Locale.ROOT, "%s: %d layers, width %d, %d heads (%d KV), FFN %d, vocabulary %d",
                s.name(), s.layers(), s.hidden(), s.heads(), s.kvHeads(), s.ffnHidden(), s.vocab());
    }
}
