package org.scalelab.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.scalelab.common.Check;

/**
 * The range of runs a law was fitted on, as its paper states it. A law's answer outside this
 * range is an extrapolation; {@link #extrapolation} says so in words. A bound that the paper does
 * not state is null.
 *
 * @param minParams       smallest model fitted, params (in the law's convention), or null
 * @param maxParams       largest model fitted, params, or null
 * @param minTokens       fewest training tokens, or null
 * @param maxTokens       most training tokens, or null
 * @param minComputeFlops smallest training budget, FLOPs, or null
 * @param maxComputeFlops largest training budget, FLOPs, or null
 * @param source          where the range is printed, e.g. "Hoffmann et al. 2022, §1"
 */
public record FittedRange(Double minParams, Double maxParams, Double minTokens, Double maxTokens,
        Double minComputeFlops, Double maxComputeFlops, String source) {

    public FittedRange {
        Check.present("source", source);
        if ((minParams == null) != (maxParams == null) || (minTokens == null) != (maxTokens == null)
                || (minComputeFlops == null) != (maxComputeFlops == null)) {
            throw new IllegalArgumentException("a fitted range gives both bounds of a quantity or neither");
        }
    }

    /** A range over parameters and tokens. */
    public static FittedRange ofModels(double minParams, double maxParams, Double minTokens, Double maxTokens, String source) {
        return new FittedRange(minParams, maxParams, minTokens, maxTokens, null, null, source);
    }

    /** A range over training budgets, and over parameters where the paper gives them. */
    public static FittedRange ofBudgets(double minComputeFlops, double maxComputeFlops, Double minParams, Double maxParams,
            String source) {
        return new FittedRange(minParams, maxParams, null, null, minComputeFlops, maxComputeFlops, source);
    }

    /** The range in words, e.g. "70M to 16B parameters, 5B to 500B tokens; Hoffmann et al. 2022, §1". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (minParams != null) {
            parts.add(si(minParams) + " to " + si(maxParams) + " parameters");
        }
        if (minTokens != null) {
            parts.add(si(minTokens) + " to " + si(maxTokens) + " tokens");
        }
        if (minComputeFlops != null) {
            parts.add(sci(minComputeFlops) + " to " + sci(maxComputeFlops) + " FLOPs");
        }
        return String.join(", ", parts) + "; " + source;
    }

    /** Whether the allocation lies inside every bound the paper states. */
    public boolean contains(double computeFlops, double params, double tokens) {
        return within(params, minParams, maxParams) && within(tokens, minTokens, maxTokens)
                && within(computeFlops, minComputeFlops, maxComputeFlops);
    }

    /**
     * A warning when the allocation is outside the range, naming what is outside and the range:
     * "1.1e+14 parameters is outside the range the law was fitted on (70M to 16B parameters, ...)".
     */
    public Optional<String> extrapolation(double computeFlops, double params, double tokens) {
        List<String> out = new ArrayList<>();
        if (!within(params, minParams, maxParams)) {
            out.add(sci(params) + " parameters");
        }
        if (!within(tokens, minTokens, maxTokens)) {
            out.add(sci(tokens) + " tokens");
        }
        if (!within(computeFlops, minComputeFlops, maxComputeFlops)) {
            out.add(sci(computeFlops) + " FLOPs");
        }
        if (out.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(" and ", out) + (out.size() == 1 ? " is" : " are")
                + " outside the range the law was fitted on (" + describe() + ")");
    }

    private static boolean within(double x, Double lo, Double hi) {
        return lo == null || (x >= lo * (1 - 1e-9) && x <= hi * (1 + 1e-9));
    }

    private static String sci(double x) {
        return String.format(Locale.ROOT, "%.2g", x).replace("e+", "e");
    }

    /** 70e6 -> "70M", 1.5e9 -> "1.5B", 5e11 -> "500B", 768 -> "768". */
    static String si(double x) {
        String[] suffix = {"", "K", "M", "B", "T"};
        int i = 0;
        double v = x;
        while (Math.abs(v) >= 1000 && i < suffix.length - 1) {
            v /= 1000;
            i++;
        }
        String s = String.format(Locale.ROOT, "%.3g", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s + suffix[i];
    }
}
