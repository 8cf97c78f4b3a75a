package org.scalelab.scaling;

import java.util.List;
import org.scalelab.common.Check;

/**
 * Hoffmann et al. 2022's Approach 1 (minimum over training curves) and Approach 2 (IsoFLOP
 * profiles) allocations, N_opt = G·(C/6)^a and D_opt = C/(6·N_opt). These are the laws behind the
 * "about 20 tokens per parameter" rule; the parametric fit of Approach 3 (Eq. 10, {@link Chinchilla})
 * gives far more tokens per parameter with its rounded constants. Units: N total parameters,
 * D tokens, C FLOPs (C = 6ND).
 *
 * <p>The exponent a is the one printed in Table 2. The paper prints no coefficient, only the
 * projections its law makes (Table 3 for Approach 1, Table A3 for Approach 2), so G is the one
 * that reproduces those rows best in the log: log G = mean over rows of (log N_i − a·log(C_i/6)).
 *
 * @param name           the approach, e.g. "Approach 1"
 * @param paramsExponent a in N_opt ∝ C^a (Table 2)
 * @param g              G, params per (FLOPs/6)^a, fitted to the projection rows
 */
public record ChinchillaApproaches(String name, double paramsExponent, double g) {

    public ChinchillaApproaches {
        Check.present("name", name);
        Check.inRange("params_exponent", paramsExponent, 0.0, 1.0);
        Check.positive("g", g);
    }

    /**
     * Approach 1, Hoffmann et al. 2022, Table 2 (a = 0.50), G fitted to the Table 3 rows.
     */
    public static ChinchillaApproaches approach1() {
        List<double[]> rows = PublishedTables.table3().stream()
                .map(r -> new double[] {r.params(), r.computeFlops()}).toList();
        return new ChinchillaApproaches("Approach 1", 0.50, coefficientFrom(0.50, rows));
    }

    /**
     * Approach 2, Hoffmann et al. 2022, Table 2 (a = 0.49), G fitted to the Approach-2 columns of Table A3.
     */
    public static ChinchillaApproaches approach2() {
        List<double[]> rows = PublishedTables.tableA3().stream()
                .map(r -> new double[] {r.params(), r.approach2Flops()}).toList();
        return new ChinchillaApproaches("Approach 2", 0.49, coefficientFrom(0.49, rows));
    }

    /**
     * The G for which N = G·(C/6)^a fits {@code rows} of (params, FLOPs) best in the log (least
     * squares with the exponent held fixed: the geometric mean of N_i/(C_i/6)^a).
     */
    public static double coefficientFrom(double paramsExponent, List<double[]> rows) {
        Check.nonEmpty("rows", rows);
        double sum = 0;
        for (double[] r : rows) {
            sum += StrictMath.log(Check.positive("params", r[0])) - paramsExponent * StrictMath.log(Check.positive("compute_flops", r[1]) / 6.0);
        }
        return StrictMath.exp(sum / rows.size());
    }

    /** N_opt(C) = G·(C/6)^a (Hoffmann et al. 2022, Eq. 4 form, Table 2 exponent); params. */
    public double optimalParams(double computeFlops) {
        Check.positive("compute_flops", computeFlops);
        return g * StrictMath.pow(computeFlops / 6.0, paramsExponent);
    }

    /** The allocation at C FLOPs: N_opt, and D = C/(6·N_opt) tokens; no loss (these approaches give none). */
    public Allocation optimum(double computeFlops) {
        double n = optimalParams(computeFlops);
        return new Allocation(computeFlops, n, computeFlops / (6.0 * n), null);
    }

    /** The budget (FLOPs) at which N params is optimal: C = 6·(N/G)^(1/a). */
    public double computeForParams(double params) {
        Check.positive("params", params);
        return 6.0 * StrictMath.pow(params / g, 1.0 / paramsExponent);
    }
}
