package org.scalelab.scaling.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalelab.common.Check;

/**
 * Approach 2 of Hoffmann et al. 2022 (§3.2, IsoFLOP profiles): for each FLOP budget, a parabola
 * of loss in ln N; its minimum gives N_opt(C), D_opt = C/(6·N_opt); power laws over the budgets
 * give a and b. Groups come from a budget column, or from grouping FLOPs within a relative band.
 */
public final class IsoFlopFit {
    private IsoFlopFit() {}

    /** The minimum of one IsoFLOP group: budget (FLOPs), params, tokens, loss at the minimum (nats), runs in the group. */
    public record Minimum(double budgetFlops, double params, double tokens, double loss, int runs) { }

    /**
     * The IsoFLOP group a minimum was found on: its rows of the data and its fitted parabola, so a
     * chart draws exactly the grouping and the curve the fit used.
     *
     * @param budgetFlops the group's budget, FLOPs (as in its {@link Minimum})
     * @param rows        indices of the group's runs in the data
     * @param parabola    {c0, c1, c2, centre} of {@link #parabola}: loss = c0 + c1·x + c2·x², x = ln N − centre
     */
    public record Curve(double budgetFlops, int[] rows, double[] parabola) {
        /** The parabola's loss at {@code params} parameters, nats/token. */
        public double loss(double params) {
            double x = StrictMath.log(params) - parabola[3];
            return parabola[0] + parabola[1] * x + parabola[2] * x * x;
        }
    }

    /**
     * The fit.
     *
     * @param a             exponent of N_opt(C)
     * @param b             exponent of D_opt(C)
     * @param paramsLaw     N_opt(C) = k·C^a (C in FLOPs)
     * @param tokensLaw     D_opt(C) = k·C^b
     * @param minima        per budget
     * @param curves        the group and parabola of each minimum, in the same order
     * @param skippedGroups groups without a usable parabola (fewer than 3 sizes, or opening downward)
     */
    public record Result(double a, double b, PowerLaw paramsLaw, PowerLaw tokensLaw, List<Minimum> minima, List<Curve> curves,
            int skippedGroups) { }

    /** Whether the data have IsoFLOP groups: a budget column, or a tolerance to form them. */
    public static boolean applicable(RunData data, Double budgetTolerance) {
        return data.budget() != null || budgetTolerance != null;
    }

    /**
     * Fits. Groups are the distinct values of the budget column when present (rows with a blank
     * budget are ignored); otherwise FLOPs sorted and split wherever a value exceeds the group's
     * first by more than {@code budgetTolerance} (relative); the budget of such a group is the
     * geometric mean of its FLOPs.
     */
    public static Result fit(RunData data, Double budgetTolerance) {
        List<int[]> groups = groups(data, budgetTolerance);
        List<Minimum> minima = new ArrayList<>();
        List<Curve> curves = new ArrayList<>();
        int skipped = 0;
        for (int[] g : groups) {
            Minimum m = minimum(data, g);
            if (m == null) {
                skipped++;
            } else {
                minima.add(m);
                curves.add(new Curve(m.budgetFlops(), g.clone(), parabola(Arrays.stream(g).mapToDouble(i -> data.params()[i]).toArray(),
                        Arrays.stream(g).mapToDouble(i -> data.loss()[i]).toArray())));
            }
        }
        if (minima.size() < 2) {
            throw new org.scalelab.common.InvalidParameterException("budget_column",
                    "Approach 2 needs at least 2 IsoFLOP groups with 3 or more model sizes and a minimum inside", minima.size() + " usable");
        }
        double[] c = minima.stream().mapToDouble(Minimum::budgetFlops).toArray();
        PowerLaw nLaw = PowerLaw.fit(c, minima.stream().mapToDouble(Minimum::params).toArray());
        PowerLaw dLaw = PowerLaw.fit(c, minima.stream().mapToDouble(Minimum::tokens).toArray());
        return new Result(nLaw.exponent(), dLaw.exponent(), nLaw, dLaw, List.copyOf(minima), List.copyOf(curves), skipped);
    }

    /** The row indices of each group, in increasing budget. */
    static List<int[]> groups(RunData data, Double budgetTolerance) {
        List<int[]> out = new ArrayList<>();
        if (data.budget() != null) {
            Map<Double, List<Integer>> byBudget = new LinkedHashMap<>();
            for (int i = 0; i < data.size(); i++) {
                if (!Double.isNaN(data.budget()[i])) {
                    byBudget.computeIfAbsent(data.budget()[i], k -> new ArrayList<>()).add(i);
                }
            }
            byBudget.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.add(e.getValue().stream().mapToInt(Integer::intValue).toArray()));
            return out;
        }
        Check.positive("budget_tolerance", budgetTolerance);
        Integer[] order = new Integer[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(data.flops()[i], data.flops()[j]));
        List<Integer> current = new ArrayList<>();
        double first = 0;
        for (int i : order) {
            double f = data.flops()[i];
            if (current.isEmpty() || f > first * (1 + budgetTolerance)) {
                if (!current.isEmpty()) {
                    out.add(current.stream().mapToInt(Integer::intValue).toArray());
                }
                current = new ArrayList<>();
                first = f;
            }
            current.add(i);
        }
        out.add(current.stream().mapToInt(Integer::intValue).toArray());
        return out;
    }

    /** The parabola's minimum for one group, or null when there is none. */
    static Minimum minimum(RunData data, int[] rows) {
        if (Arrays.stream(rows).mapToDouble(i -> data.params()[i]).distinct().count() < 3) {
            return null;
        }
        double budget;
        if (data.budget() != null && !Double.isNaN(data.budget()[rows[0]])) {
            budget = data.budget()[rows[0]];
        } else {
            budget = StrictMath.exp(Arrays.stream(rows).mapToDouble(i -> StrictMath.log(data.flops()[i])).average().orElseThrow());
        }
        double[] coef = parabola(Arrays.stream(rows).mapToDouble(i -> data.params()[i]).toArray(),
                Arrays.stream(rows).mapToDouble(i -> data.loss()[i]).toArray());
        if (coef == null || !(coef[2] > 0)) {
            return null;
        }
        double xMin = -coef[1] / (2 * coef[2]);
        double centre = coef[3];
        double lo = Arrays.stream(rows).mapToDouble(i -> StrictMath.log(data.params()[i])).min().orElseThrow() - centre;
        double hi = Arrays.stream(rows).mapToDouble(i -> StrictMath.log(data.params()[i])).max().orElseThrow() - centre;
        if (xMin < lo || xMin > hi) {
            return null; // the minimum lies outside the sizes trained: an extrapolation, not a measurement
        }
        double n = StrictMath.exp(centre + xMin);
        double lossMin = coef[0] + coef[1] * xMin + coef[2] * xMin * xMin;
        return new Minimum(budget, n, budget / (6 * n), lossMin, rows.length);
    }

    /**
     * The least-squares parabola loss = c0 + c1·x + c2·x² in x = ln N − centre, as {c0, c1, c2, centre},
     * or null when singular; {@code centre} is the mean of ln N (for conditioning).
     */
    public static double[] parabola(double[] params, double[] loss) {
        double centre = java.util.Arrays.stream(params).map(Math::log).average().orElse(Double.NaN);
        double[][] ata = new double[3][3];
        double[] aty = new double[3];
        for (int i = 0; i < params.length; i++) {
            double x = StrictMath.log(params[i]) - centre;
            double[] phi = {1, x, x * x};
            for (int r = 0; r < 3; r++) {
                aty[r] += phi[r] * loss[i];
                for (int c = 0; c < 3; c++) {
                    ata[r][c] += phi[r] * phi[c];
                }
            }
        }
        double[] coef = solve3(ata, aty);
        return coef == null ? null : new double[] {coef[0], coef[1], coef[2], centre};
    }

    /** Gaussian elimination with partial pivoting; null when singular. */
    static double[] solve3(double[][] a, double[] b) {
        int n = 3;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) {
                    piv = r;
                }
            }
            if (Math.abs(m[piv][col]) < 1e-300) {
                return null;
            }
            double[] t = m[col];
            m[col] = m[piv];
            m[piv] = t;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c <= n; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int c = r + 1; c < n; c++) {
                s -= m[r][c] * x[c];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}
