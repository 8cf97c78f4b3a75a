package org.scalelab.scaling;

import java.util.Arrays;
import java.util.List;
import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.common.Keyed;
import org.scalelab.common.Units;

/**
 * The published laws, chosen by name ({@link #byName}). Each gives the compute-optimal allocation
 * at a budget in FLOPs, its inverse for a model size, and a loss where the law has one. The
 * parameter count each law speaks of differs (see {@link #paramsMeaning()}): Kaplan counts
 * non-embedding parameters, Chinchilla all parameters, DeepSeek FLOPs per token. Each law knows
 * the range its fit was made on ({@link #fittedRange()}) and says when an answer lies outside it.
 */
public enum Law implements Keyed {
    /** Besiroglu et al. 2024 refit of Chinchilla Approach 3 (the default). */
    EPOCH("epoch", "total parameters (Hoffmann et al. 2022 convention)",
            "Besiroglu et al. 2024 (Epoch AI) refit of Hoffmann et al. 2022's Approach 3 (Table 1 of arXiv:2404.10102);"
                    + " about 18 tokens per parameter at 1e24 FLOPs (22 at 1e21), close to Approaches 1 and 2"),
    /** Hoffmann et al. 2022, Eq. 10 constants as printed (rounded). */
    CHINCHILLA("chinchilla", "total parameters (Hoffmann et al. 2022 convention)",
            "Hoffmann et al. 2022 Approach 3 with the rounded Eq. 10 constants; the rounding moves the optimum to"
                    + " about 98 tokens per parameter at 1e24 FLOPs, not the ~20 of Approaches 1 and 2"
                    + " (use chinchilla-approach1 or chinchilla-approach2 for those)"),
    /** Hoffmann et al. 2022 constants unrounded from the TeX source. */
    CHINCHILLA_TEX("chinchilla-tex", "total parameters (Hoffmann et al. 2022 convention)",
            "Hoffmann et al. 2022 Approach 3 with the unrounded constants of the paper's TeX source"
                    + " (as quoted by Besiroglu et al. 2024); about 62 tokens per parameter at 1e24 FLOPs"),
    /** Hoffmann et al. 2022 Approach 1: Table 2 exponent, coefficient fitted to the Table 3 rows. */
    CHINCHILLA_APPROACH1("chinchilla-approach1", "total parameters (Hoffmann et al. 2022 convention)",
            "Hoffmann et al. 2022 Approach 1 (minimum over training curves): exponent 0.50 from Table 2, coefficient"
                    + " fitted to the Table 3 projections; about 21 tokens per parameter at every budget"),
    /** Hoffmann et al. 2022 Approach 2: Table 2 exponent, coefficient fitted to the Table A3 rows. */
    CHINCHILLA_APPROACH2("chinchilla-approach2", "total parameters (Hoffmann et al. 2022 convention)",
            "Hoffmann et al. 2022 Approach 2 (IsoFLOP profiles): exponent 0.49 from Table 2, coefficient fitted to the"
                    + " Approach-2 column of Table A3; about 25 tokens per parameter at 1e24 FLOPs, rising slowly with the budget"),
    /** Kaplan et al. 2020, Eq. 6.1 with C_min = C/2, loss from Eq. 1.3 (optimum) and Eq. 1.5 with Table 5 (loss at N, D). */
    KAPLAN("kaplan", "non-embedding parameters (Kaplan et al. 2020 convention)",
            "Kaplan et al. 2020, Eq. 6.1 (N ∝ C_min^0.73, C_min = C/2): far larger models on fewer tokens than Chinchilla"),
    /** DeepSeek LLM 2024, Eq. 4; params = M/6, an approximation. */
    DEEPSEEK("deepseek", "approximation: M/6 with M the non-embedding FLOPs per token incl. attention (DeepSeek 2024, Eq. 2)",
            "DeepSeek LLM 2024, Eq. 4 (FLOPs per token M instead of parameters)"),
    /** Llama 3 2024, §3.2.1 / Fig. 3 legend; its law gives tokens, params = C/(6·tokens). */
    LLAMA3("llama3", "C/(6·tokens) from the law's optimal token count (Llama 3 2024, §3.2.1)",
            "Llama 3 Herd 2024, §3.2.1 (Fig. 3 legend constants): optimal training tokens, params = C/(6·tokens)");

    /** The default law: Epoch's corrected constants. */
    public static final Law DEFAULT = EPOCH;

    /*
     * Bounds on the inputs of every law. The laws were fitted on roughly 1e17-1e24 FLOPs and 1e6-1e11
     * parameters; far outside, a power law still returns a number but it means nothing, and at the
     * extremes (1e-300, 1e308) it underflows or overflows. The bounds are wide (many decades past
     * any fitted range) so that extrapolation stays possible, and they keep every result finite.
     */
    /** Smallest budget: 10⁶ FLOPs. */
    public static final double MIN_FLOPS = 1e6;
    /** Largest budget: 10⁴⁰ FLOPs, fifteen decades past the largest training runs (about 10²⁵). */
    public static final double MAX_FLOPS = 1e40;
    /** Smallest model: 10³ parameters (Kaplan et al.'s smallest models had about 10³ non-embedding). */
    public static final double MIN_PARAMS = 1e3;
    /** Largest model: 10¹⁵ parameters, a thousand times the largest published. */
    public static final double MAX_PARAMS = 1e15;
    /** Fewest tokens: 10³. */
    public static final double MIN_TOKENS = 1e3;
    /** Most tokens: 10¹⁸, a thousand times the largest published training sets (about 10¹³-10¹⁴). */
    public static final double MAX_TOKENS = 1e18;

    private final String key;
    private final String paramsMeaning;
    private final String description;

    Law(String key, String paramsMeaning, String description) {
        this.key = key;
        this.paramsMeaning = paramsMeaning;
        this.description = description;
    }

    /** What the law is, where it comes from, and how its allocation differs from the other laws'. */
    public String description() {
        return description;
    }

    /**
     * The range of runs the law was fitted on, as its paper states it (params in the law's own
     * convention). Approach 3 and Epoch's refit were fitted on all of Hoffmann et al.'s runs.
     */
    public FittedRange fittedRange() {
        return switch (this) {
            // Hoffmann et al. 2022, abstract and §1: "over 400 language models ranging from 70 million to over
            // 16 billion parameters on 5 to 500 billion tokens"; Epoch refit the same runs (Besiroglu et al. 2024, §2).
            case EPOCH, CHINCHILLA, CHINCHILLA_TEX -> FittedRange.ofModels(70e6, 16e9, 5e9, 500e9, "Hoffmann et al. 2022, §1");
            // Hoffmann et al. 2022, §3.1: models from 70M to over 10B parameters.
            case CHINCHILLA_APPROACH1 -> FittedRange.ofModels(70e6, 10e9, null, null, "Hoffmann et al. 2022, §3.1");
            // Hoffmann et al. 2022, §3.2: 9 training budgets from 6e18 to 3e21 FLOPs, models up to 16B.
            case CHINCHILLA_APPROACH2 -> FittedRange.ofBudgets(6e18, 3e21, null, null, "Hoffmann et al. 2022, §3.2");
            // Kaplan et al. 2020, §3: 768 to 1.5 billion non-embedding parameters, 22 million to 23 billion tokens.
            case KAPLAN -> FittedRange.ofModels(768, 1.5e9, 22e6, 23e9, "Kaplan et al. 2020, §3");
            // DeepSeek LLM 2024, §3.2: IsoFLOP budgets from 1e17 to 3e20 FLOPs.
            case DEEPSEEK -> FittedRange.ofBudgets(1e17, 3e20, null, null, "DeepSeek LLM 2024, §3.2");
            // Llama 3 Herd 2024, §3.2.1: budgets 6e18 to 1e22 FLOPs, models 40M to 16B parameters.
            case LLAMA3 -> FittedRange.ofBudgets(6e18, 1e22, 40e6, 16e9, "Llama 3 Herd 2024, §3.2.1");
        };
    }

    /**
     * A warning when the optimum lies outside {@link #fittedRange()}, naming the range; empty
     * inside it.
     */
    public java.util.Optional<String> extrapolation(LawOptimum o) {
        return extrapolation(o.computeFlops(), o.params(), o.tokens());
    }

    /** The name used on the command line and in parameter files. */
    public String key() {
        return key;
    }

    /** Which parameters {@code params} counts under this law. */
    public String paramsMeaning() {
        return paramsMeaning;
    }

    /** Every valid name, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Law::key).toList();
    }

    /** The law called {@code name}; an unknown name fails listing the valid ones. */
    public static Law byName(String field, String name) {
        Check.oneOf(field, name, names());
        return Arrays.stream(values()).filter(l -> l.key.equals(name)).findFirst().orElseThrow();
    }

    /** The Chinchilla constants of this law, or null for the laws that are not of that form. */
    public ChinchillaConstants constants() {
        return switch (this) {
            case EPOCH -> ChinchillaConstants.epoch();
            case CHINCHILLA -> ChinchillaConstants.chinchillaRounded();
            case CHINCHILLA_TEX -> ChinchillaConstants.chinchillaTex();
            default -> null;
        };
    }

    /** The compute-optimal allocation at {@code computeFlops} training FLOPs. */
    public LawOptimum optimum(double computeFlops) {
        Check.inRange("compute_flops", computeFlops, MIN_FLOPS, MAX_FLOPS);
        return switch (this) {
            case EPOCH, CHINCHILLA, CHINCHILLA_TEX -> of(Chinchilla.optimum(constants(), computeFlops), null);
            case KAPLAN -> {
                double cMin = Kaplan2020.minComputePfDays(computeFlops);
                double n = Kaplan2020.optimalParams(cMin);
                yield of(new Allocation(computeFlops, n, computeFlops / (6.0 * n), Kaplan2020.lossOfMinCompute(cMin)), null);
            }
            case DEEPSEEK -> {
                double m = DeepSeek2024.optimalFlopsPerToken(computeFlops);
                yield of(new Allocation(computeFlops, m / 6.0, DeepSeek2024.optimalTokens(computeFlops), null), m);
            }
            case LLAMA3 -> of(new Allocation(computeFlops, Llama3.optimalParams(computeFlops), Llama3.optimalTokens(computeFlops), null), null);
            case CHINCHILLA_APPROACH1 -> of(APPROACH1.optimum(computeFlops), null);
            case CHINCHILLA_APPROACH2 -> of(APPROACH2.optimum(computeFlops), null);
        };
    }

    /** The inverse: the budget (FLOPs) at which {@code params} (in this law's convention) is compute-optimal. */
    public LawOptimum optimumForParams(double params) {
        Check.inRange("params", params, MIN_PARAMS, MAX_PARAMS);
        double computeFlops = switch (this) {
            case EPOCH, CHINCHILLA, CHINCHILLA_TEX -> Chinchilla.optimumForParams(constants(), params).computeFlops();
            // N = N_e·C_min^p_N with C = 2·C_min (Kaplan Eq. 6.1, Hoffmann's convention)
            case KAPLAN -> 2.0 * Units.FLOPS_PER_PF_DAY * StrictMath.pow(params / Kaplan2020.N_E, 1.0 / Kaplan2020.P_N);
            // M = 6N, M = 0.1715·C^0.5243
            case DEEPSEEK -> StrictMath.pow(6.0 * params / 0.1715, 1.0 / 0.5243);
            // N = C/(6·A·C^α) = C^(1-α)/(6A)
            case LLAMA3 -> StrictMath.pow(6.0 * Llama3.A * params, 1.0 / (1.0 - Llama3.ALPHA));
            case CHINCHILLA_APPROACH1 -> APPROACH1.computeForParams(params);
            case CHINCHILLA_APPROACH2 -> APPROACH2.computeForParams(params);
        };
        if (!(computeFlops >= MIN_FLOPS && computeFlops <= MAX_FLOPS)) {
            throw new org.scalelab.common.InvalidParameterException("params", "is compute-optimal under " + key
                    + " only outside the budgets this tool accepts [" + Check.format(MIN_FLOPS) + ", "
                    + Check.format(MAX_FLOPS) + "] FLOPs (at " + Check.format(computeFlops) + ")", Check.format(params));
        }
        return optimum(computeFlops);
    }

    /**
     * Whether the law predicts a loss L(N, D): the Chinchilla-form fits and Kaplan's Eq. 1.5 do;
     * DeepSeek's, Llama 3's and Hoffmann et al.'s Approaches 1 and 2 fit the compute-optimal
     * allocation only.
     */
    public boolean hasLoss() {
        return switch (this) {
            case EPOCH, CHINCHILLA, CHINCHILLA_TEX, KAPLAN -> true;
            case DEEPSEEK, LLAMA3, CHINCHILLA_APPROACH1, CHINCHILLA_APPROACH2 -> false;
        };
    }

    /**
     * This law, when it predicts a loss ({@link #hasLoss()}).
     *
     * @param field the option or file key that named the law, for the message
     * @throws InvalidParameterException naming the law and the laws that have a loss formula, when
     *         this one has none
     */
    public Law requireLoss(String field) {
        if (!hasLoss()) {
            throw new InvalidParameterException(field, "must be a law with a loss formula (" + String.join(", ", namesWithLoss())
                    + "); " + key + " fits the compute-optimal allocation only", key);
        }
        return this;
    }

    /**
     * A warning when a model of N params trained on D tokens lies outside {@link #fittedRange()},
     * worded as {@link #extrapolation(LawOptimum)}; empty inside the range. The budget is taken as
     * C = 6ND FLOPs.
     * Hoffmann et al. 2022, Section 2 (FLOPs(N, D) ≈ 6ND)
     */
    public java.util.Optional<String> extrapolation(double params, double tokens) {
        return extrapolation(6 * params * tokens, params, tokens);
    }

    private java.util.Optional<String> extrapolation(double computeFlops, double params, double tokens) {
        return fittedRange().extrapolation(computeFlops, params, tokens).map(w -> "law " + key + ": " + w);
    }

    /** The names of the laws that predict a loss ({@link #hasLoss()}), in declaration order. */
    public static List<String> namesWithLoss() {
        return Arrays.stream(values()).filter(Law::hasLoss).map(Law::key).toList();
    }

    /** The predicted loss at N params and D tokens in nats per token, or null where the law has none. */
    public Double loss(double params, double tokens) {
        Check.inRange("params", params, MIN_PARAMS, MAX_PARAMS);
        Check.inRange("tokens", tokens, MIN_TOKENS, MAX_TOKENS);
        if (!hasLoss()) {
            return null;
        }
        return this == KAPLAN ? Kaplan2020.lossOfParamsAndTokens(params, tokens, Kaplan2020.NdConstants.TABLE_5)
                : Chinchilla.loss(constants(), params, tokens);
    }

    /**
     * The tokens at which {@code params} reach {@code loss} under this law: the inverse in D of
     * {@link #loss} ({@link Chinchilla#tokensForLoss}, {@link Kaplan2020#tokensForLoss} with Table 5's
     * constants). NaN where no amount of data reaches that loss; null where the law has no loss.
     */
    public Double tokensForLoss(double params, double loss) {
        return switch (this) {
            case EPOCH, CHINCHILLA, CHINCHILLA_TEX -> Chinchilla.tokensForLoss(constants(), params, loss);
            case KAPLAN -> Kaplan2020.tokensForLoss(params, loss, Kaplan2020.NdConstants.TABLE_5);
            case DEEPSEEK, LLAMA3, CHINCHILLA_APPROACH1, CHINCHILLA_APPROACH2 -> null;
        };
    }

    private static final ChinchillaApproaches APPROACH1 = ChinchillaApproaches.approach1();
    private static final ChinchillaApproaches APPROACH2 = ChinchillaApproaches.approach2();

    private LawOptimum of(Allocation a, Double flopsPerToken) {
        return new LawOptimum(this, a.computeFlops(), a.params(), a.tokens(), a.loss(), flopsPerToken);
    }

    /**
     * A law's compute-optimal point.
     *
     * @param law           the law
     * @param computeFlops  training compute, FLOPs
     * @param params        parameters in the law's convention ({@link Law#paramsMeaning()})
     * @param tokens        training tokens
     * @param loss          loss in nats per token at the optimum, or null where the law has none
     * @param flopsPerToken DeepSeek's M (non-embedding FLOPs per token), null for the other laws
     */
    public record LawOptimum(Law law, double computeFlops, double params, double tokens, Double loss, Double flopsPerToken) {
        /** D/N. */
        public double tokensPerParam() {
            return tokens / params;
        }
    }
}
