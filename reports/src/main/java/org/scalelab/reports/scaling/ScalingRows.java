package org.scalelab.reports.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.scalelab.scaling.Chinchilla;
import org.scalelab.scaling.ChinchillaConstants;
import org.scalelab.scaling.Law;
import org.scalelab.scaling.PublishedTables;

/**
 * The rows the scaling charts draw, computed with scaling-laws' API: compute-optimal frontier
 * lines, the published models marked beside them, and the iso-loss lines of a law over (N, D)
 * with its compute-efficient frontier. {@link ScalingCharts} draws them as they are.
 */
public final class ScalingRows {
    /** The series name of a contour chart's compute-efficient frontier. */
    public static final String FRONTIER = "frontier";

    private ScalingRows() {}

    /** A named line of N_opt(C) or D_opt(C): x = FLOPs, y = params or tokens. */
    public record Line(String name, double[] flops, double[] values) { }

    /** A published model: its name, N, D, training FLOPs 6ND and where it was published. */
    public record Published(String name, double params, double tokens, double computeFlops, String source) { }

    /** A point of a contour chart: its series ("L = 2.345 nats" or {@link #FRONTIER}), N, D and the loss there (nats). */
    public record ContourPoint(String series, double params, double tokens, double loss) { }

    /** {@code n} values from {@code lo} to {@code hi}, evenly spaced on a log scale. */
    public static double[] logSpace(double lo, double hi, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * i / (n - 1));
        }
        return v;
    }

    /** The frontier lines of the published laws between two budgets, 60 budgets each. */
    static List<Line> lawLines(List<String> laws, double lo, double hi, boolean tokens) {
        double[] c = logSpace(lo, hi, 60);
        List<Line> lines = new ArrayList<>();
        for (String name : laws) {
            Law law = Law.byName("laws", name);
            double[] v = new double[c.length];
            for (int i = 0; i < c.length; i++) {
                Law.LawOptimum o = law.optimum(c[i]);
                v[i] = tokens ? o.tokens() : o.params();
            }
            lines.add(new Line(name, c, v));
        }
        return lines;
    }

    /** A line of {@code f} over {@code flops}. */
    static Line line(String name, double[] flops, DoubleUnaryOperator f) {
        return new Line(name, flops, java.util.Arrays.stream(flops).map(f).toArray());
    }

    /** The published models frontier charts mark ({@link PublishedTables#models()}), at C = 6ND. */
    static List<Published> published() {
        return PublishedTables.models().stream()
                .map(m -> new Published(m.name(), m.params(), m.tokens(), m.computeFlops(), m.source())).toList();
    }

    /** Iso-loss lines and frontier of a published law with a loss ({@link Law#loss} not null). */
    public static List<ContourPoint> contours(Law law, double nLo, double nHi) {
        ChinchillaConstants c = law.constants();
        if (c != null) {
            return contours(c, nLo, nHi);
        }
        return contours(new Surface() {
            public double loss(double n, double d) { return law.loss(n, d); }
            public double tokensForLoss(double n, double l) { return law.tokensForLoss(n, l); }
            public double[] optimum(double flops) {
                Law.LawOptimum o = law.optimum(flops);
                return new double[] {o.params(), o.tokens()};
            }
        }, nLo, nHi);
    }

    /** Iso-loss lines and frontier of a Chinchilla-form law (Hoffmann et al. 2022, Eq. 2 and 4). */
    public static List<ContourPoint> contours(ChinchillaConstants c, double nLo, double nHi) {
        return contours(new Surface() {
            public double loss(double n, double d) { return Chinchilla.loss(c, n, d); }
            public double tokensForLoss(double n, double l) { return Chinchilla.tokensForLoss(c, n, l); }
            public double[] optimum(double flops) {
                return new double[] {Chinchilla.optimalParams(c, flops), Chinchilla.optimalTokens(c, flops)};
            }
        }, nLo, nHi);
    }

    /** A loss surface over (N, D) with its compute-efficient frontier. */
    private interface Surface {
        double loss(double params, double tokens);

        /** The tokens at which the loss is {@code loss} with N params, NaN when never. */
        double tokensForLoss(double params, double loss);

        /** {params, tokens} of the compute-optimal point at C FLOPs. */
        double[] optimum(double computeFlops);
    }

    /**
     * Seven iso-loss lines between the surface's loss at (N_hi, 1000·N_hi) and at (2·N_lo, 20·N_lo),
     * over N in [N_lo, N_hi] and D in [N_lo, 1000·N_hi], then the compute-efficient frontier in that box.
     */
    private static List<ContourPoint> contours(Surface surface, double nLo, double nHi) {
        List<ContourPoint> points = new ArrayList<>();
        double[] n = logSpace(nLo, nHi, 80);
        double dLo = nLo;
        double dHi = nHi * 1e3;
        double low = surface.loss(nHi, dHi);
        double high = surface.loss(nLo * 2, dLo * 20);
        for (double level : logSpace(low * 1.01, high, 7)) {
            String label = String.format(Locale.ROOT, "L = %.3f nats", level);
            for (double ni : n) {
                double d = surface.tokensForLoss(ni, level);
                if (Double.isFinite(d) && d >= dLo && d <= dHi) {
                    points.add(new ContourPoint(label, ni, d, level));
                }
            }
        }
        for (double c : logSpace(6 * nLo * dLo, 6 * nHi * dHi, 80)) {
            double[] o = surface.optimum(c);
            if (o[0] >= nLo && o[0] <= nHi && o[1] >= dLo && o[1] <= dHi) {
                points.add(new ContourPoint(FRONTIER, o[0], o[1], surface.loss(o[0], o[1])));
            }
        }
        return points;
    }
}
