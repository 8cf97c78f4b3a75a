package org.scalelab.scaling;

import java.util.Arrays;
import java.util.List;
import org.scalelab.common.Check;
import org.scalelab.common.Units;

/**
 * The published laws, chosen by name ({@link #byName}). Each gives the compute-optimal allocation
 * at a budget in FLOPs, its inverse for a model size, and a loss where the law has one. The
 * parameter count each law speaks of differs (see {@link #paramsMeaning()}): Kaplan counts
 * non-embedding parameters, Chinchilla all parameters, DeepSeek FLOPs per token.
 */
public enum Law {
    /** Besiroglu et al. 2024 refit of Chinchilla Approach 3 (the default). */
    EPOCH("epoch", "total parameters (Hoffmann et al. 2022 convention)"),
    /** Hoffmann et al. 2022, Eq. 10 constants as printed (rounded). */
    CHINCHILLA("chinchilla", "total parameters (Hoffmann et al. 2022 convention)"),
    /** Hoffmann et al. 2022 constants unrounded from the TeX source. */
    CHINCHILLA_TEX("chinchilla-tex", "total parameters (Hoffmann et al. 2022 convention)"),
    /** Kaplan et al. 2020, Eq. 6.1 with C_min = C/2, loss from Eq. 1.3 (optimum) and Eq. 1.5 with Table 5 (loss at N, D). */
    KAPLAN("kaplan", "non-embedding parameters (Kaplan et al. 2020 convention)"),
    /** DeepSeek LLM 2024, Eq. 4; params = M/6, an approximation. */
    DEEPSEEK("deepseek", "approximation: M/6 with M the non-embedding FLOPs per token incl. attention (DeepSeek 2024, Eq. 2)"),
    /** Llama 3 2024, §3.2.1 / Fig. 3 legend; its law gives tokens, params = C/(6·tokens). */
    LLAMA3("llama3", "C/(6·tokens) from the law's optimal token count (Llama 3 2024, §3.2.1)");

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

    private final String id;
    private final String paramsMeaning;

    Law(String id, String paramsMeaning) {
        this.id = id;
        this.paramsMeaning = paramsMeaning;
    }

    /** The name used on the command line and in parameter files. */
    public String id() {
        return id;
    }

    /** Which parameters {@code params} counts under this law. */
    public String paramsMeaning() {
        return paramsMeaning;
    }

    /** Every valid name, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Law::id).toList();
    }

    /** The law called {@code name}; an unknown name fails listing the valid ones. */
    public static Law byName(String field, String name) {
        Check.oneOf(field, name, names());
        return Arrays.stream(values()).filter(l -> l.id.equals(name)).findFirst().orElseThrow();
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
        };
        if (!(computeFlops >= MIN_FLOPS && computeFlops <= MAX_FLOPS)) {
            throw new org.scalelab.common.InvalidParameterException("params", "is compute-optimal under " + id
                    + " only outside the budgets this tool accepts [" + Check.format(MIN_FLOPS) + ", "
                    + Check.format(MAX_FLOPS) + "] FLOPs (at " + Check.format(computeFlops) + ")", Check.format(params));
        }
        return optimum(computeFlops);
    }

    /** The predicted loss at N params and D tokens in nats per token, or null where the law has none. */
    public Double loss(double params, double tokens) {
        Check.inRange("params", params, MIN_PARAMS, MAX_PARAMS);
        Check.inRange("tokens", tokens, MIN_TOKENS, MAX_TOKENS);
        return switch (this) {
            case EPOCH, CHINCHILLA, CHINCHILLA_TEX -> Chinchilla.loss(constants(), params, tokens);
            case KAPLAN -> Kaplan2020.lossOfParamsAndTokens(params, tokens, Kaplan2020.NdConstants.TABLE_5);
            case DEEPSEEK, LLAMA3 -> null;
        };
    }

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
