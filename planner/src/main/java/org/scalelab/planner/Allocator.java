package org.scalelab.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scalelab.cluster.step.StepOptions;
import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.memory.TransformerShape;
import org.scalelab.scaling.DeepSeek2024;
import org.scalelab.scaling.Law;

/**
 * Step 1 of a plan: N, D and C from what the user gave and the chosen law, the shape, the sequence
 * length and the batch. Every formula is the scaling-laws module's; this class only decides which
 * one applies:
 * <ul>
 * <li>N from {@code params} with a given shape; else, with {@code params} alone, the count of the shape
 * {@link ShapeChooser} picks for it (within 5 %, so that N, D, C and the MFU are those of the model
 * that is timed); else the shape's count, else C/(6D) with both given, else the law at C;</li>
 * <li>D from {@code tokens}, else C/(6N), else the law's tokens for N ({@link Law#optimumForParams});</li>
 * <li>C as given, else 6ND (Kaplan et al. 2020, §2.1; Hoffmann et al. 2022, §3);</li>
 * <li>the batch from DeepSeek LLM 2024, Eq. 1 ({@link DeepSeek2024#optimalBatchTokens}) at DeepSeek's
 * own C = M·D with M from its Eq. 2, in whole sequences.</li>
 * </ul>
 * For a mixture-of-experts shape N is the total count (the model states hold every expert) and
 * every law, 6ND and M use the active count N_active ({@link TransformerShape#activeParamCount()}):
 * the compute per token is set by the parameters a token passes through. No law for routed models
 * is implemented (Clark et al. 2022, arXiv:2202.01169, fit the loss of routed models against the
 * dense size and the expert count; their constants are not reproduced here), so the planner takes
 * D from the user, or from C = 6·N_active·D, or, with neither, from the dense law at N_active, and
 * says so ({@link #MOE_LAW_NOTE}).
 */
public final class Allocator {
    private Allocator() {}

    /** What the plan of a mixture-of-experts model says about the scaling law it used. */
    public static final String MOE_LAW_NOTE = "mixture of experts: no scaling law for routed models is implemented "
            + "(Clark et al. 2022, arXiv:2202.01169, fit the loss against the dense size and the expert count; their "
            + "constants are not reproduced here), so N_active and D are taken as given and the law, 6ND and the batch "
            + "law use the active count";

    /** The allocation for {@code spec}. */
    public static Allocation allocate(PlanSpec spec) {
        List<String> choices = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Law law = spec.law();
        double n;
        double d;
        Double c = spec.computeFlops();
        TransformerShape shape = spec.shape();
        boolean chosenForParams = shape == null && spec.params() != null;
        if (chosenForParams) {
            // The shape is timed, so N, D, C and the MFU are the shape's: never those of a model it is not.
            shape = ShapeChooser.closest(spec.params());
            choices.add("shape: " + describe(shape) + " (" + ShapeChooser.rule() + ")");
        }
        boolean moe = shape != null && shape.isMoe();
        if (spec.params() != null || shape != null) {
            if (chosenForParams) {
                n = shape.paramCount();
                choices.add(String.format(Locale.ROOT, "params: the chosen shape's count (%.4g given, %+.2f %%)",
                        (double) spec.params(), 100.0 * (n - spec.params()) / spec.params()));
            } else {
                n = spec.params() != null ? spec.params() : shape.paramCount();
                choices.add(spec.params() != null ? "params: given" : "params: the shape's count (" + shape.key() + ")");
            }
            double lawN = moe ? shape.activeParamCount() : n;
            String nName = moe ? "N_active" : "N";
            if (moe) {
                choices.add(String.format(Locale.ROOT, "active_params: the shape's active count (%d of %d routed experts "
                        + "per token, %d shared)", shape.moe().expertsPerToken(), shape.moe().experts(),
                        shape.moe().sharedExperts()));
            }
            if (spec.tokens() != null) {
                d = spec.tokens();
                choices.add("tokens: given");
            } else if (c != null) {
                d = c / (6 * lawN);
                // the budget sets D here: a D past the token bounds is the budget's fault, named as typed
                if (!(d >= Law.MIN_TOKENS && d <= Law.MAX_TOKENS)) {
                    throw new InvalidParameterException("compute_flops", String.format(Locale.ROOT, "gives D = C/(6%s) ="
                            + " %.3g tokens, outside the token bounds [%s, %s]; give a budget that fits the model size",
                            nName, d, Check.format(Law.MIN_TOKENS), Check.format(Law.MAX_TOKENS)), Check.format(c));
                }
                choices.add("tokens: C/(6" + nName + ") from the given compute");
            } else {
                d = law.optimumForParams(lawN).tokens();
                choices.add("tokens: compute-optimal for " + nName + " by the " + law.key() + " law"
                        + (moe ? " (a dense model of the active size: an assumption)" : ""));
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
                    law.key(), c, law.paramsMeaning()));
        }
        if (spec.params() != null && spec.shape() != null && Math.abs(shape.paramCount() - n) > 0.05 * n) {
            warnings.add(String.format(Locale.ROOT, "params %d differs from the shape's %d parameters by more than 5%%; "
                    + "model states use params, activations and FLOPs the shape", spec.params(), shape.paramCount()));
        }
        if (shape == null) {
            if (n < ShapeChooser.smallestParams()) {
                throw new InvalidParameterException(c != null ? "compute_flops" : "tokens", String.format(Locale.ROOT,
                        "gives N = %.3g parameters, below the smallest model the planner chooses a shape for (%.4g); give a "
                        + "larger budget, or params or a shape", n, ShapeChooser.smallestParams()),
                        Check.format(c != null ? c : spec.tokens()));
            }
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
        } else if (!chosenForParams) {
            choices.add("shape: " + shape.key() + " (given)");
        }
        long params = Math.round(n);
        long active = moe ? shape.activeParamCount() : params;
        double compute = c != null ? c : 6.0 * active * d;
        if (c == null) {
            choices.add(moe ? "compute_flops: 6 N_active D" : "compute_flops: 6ND");
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
            // a step trains whole sequences: a smaller target would be silently rounded up to one
            if (spec.globalBatchTokens() < seq) {
                throw new InvalidParameterException("global_batch_tokens", "must be >= one sequence (" + seq + " tokens)",
                        spec.globalBatchTokens());
            }
            batch = spec.globalBatchTokens();
            choices.add("global_batch_tokens_target: given");
        } else {
            double deepSeekCompute = (moe ? DeepSeek2024.flopsPerToken((double) active - shape.embeddingParamCount()
                    - shape.outputLayerParamCount(), shape.layers(), shape.hidden(), seq)
                    : DeepSeek2024.flopsPerToken(shape.layers(), shape.hidden(), seq)) * d;
            batch = DeepSeek2024.optimalBatchTokens(deepSeekCompute);
            choices.add(String.format(Locale.ROOT, "global_batch_tokens_target: DeepSeek LLM 2024 Eq. 1, B = 0.2920 C^0.3271 "
                    + "= %.4g tokens at C = M D = %.3g FLOPs, in whole sequences", batch, deepSeekCompute));
        }
        choices.add(precision(spec));
        Law.LawOptimum optimum = law.optimum(compute);
        // the dense law's loss at N_active would be a claim about a routed model that no fitted law backs
        Double loss = moe ? null : law.loss(params, d);
        if (moe) {
            warnings.add(MOE_LAW_NOTE);
        }
        return new Allocation(params, active, d, compute, shape, seq, batch, optimum, loss, choices, warnings);
    }

    /**
     * The precision of the memory check, as a choice: the default recipe is the one the step time
     * runs ({@link StepOptions#DEFAULT_RECIPE}); a given preset changes the memory check only.
     */
    static String precision(PlanSpec spec) {
        if (spec.recipe() == null) {
            return "preset: given, " + spec.bytesPerParam().key() + " (" + Check.format(spec.bytesPerParam().totalBytes())
                    + " bytes/param of model states; the step time runs " + StepOptions.DEFAULT_RECIPE.key() + "'s kernels)";
        }
        String bytes = Check.format(spec.recipe().bytesPerParam().totalBytes()) + " bytes/param of model states";
        return spec.recipe() == StepOptions.DEFAULT_RECIPE
                ? "recipe: default " + spec.recipe().key() + ", the recipe the step time runs (" + bytes
                        + ": Megatron-LM theoretical_memory_usage.py)"
                : "recipe: given, " + spec.recipe().key() + " (" + bytes + ", for memory and step time)";
    }

    /** The shape's own name for presets, else a description of its dimensions. */
    static String describe(TransformerShape s) {
        return String.format(Locale.ROOT, "%s: %d layers, width %d, %d heads (%d KV), FFN %d, vocabulary %d",
                s.key(), s.layers(), s.hidden(), s.heads(), s.kvHeads(), s.ffnHidden(), s.vocab());
    }
}
