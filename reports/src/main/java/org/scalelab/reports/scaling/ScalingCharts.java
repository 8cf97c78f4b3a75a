package org.scalelab.reports.scaling;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scalelab.report.chart.ChartTheme;
import org.scalelab.report.chart.DataTable;
import java.util.Locale;
import org.scalelab.scaling.Chinchilla;
import org.scalelab.scaling.ChinchillaConstants;
import org.scalelab.scaling.Kaplan2020;
import org.scalelab.scaling.Law;
import org.scalelab.scaling.PublishedTables;

/** The charts both scaling sections draw: compute-optimal frontiers and loss contours. */
public final class ScalingCharts {
    private ScalingCharts() {}

    /** A named line of N_opt(C) or D_opt(C): x = FLOPs, y = params or tokens. */
    record Line(String name, double[] flops, double[] values) { }

    /** {@code n} values from {@code lo} to {@code hi}, evenly spaced on a log scale. */
    public static double[] logSpace(double lo, double hi, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * i / (n - 1));
        }
        return v;
    }

    /** The frontier lines of the published laws between two budgets. */
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

    /** N_opt(C) (or D_opt(C)) per line on log-log axes, with the published models marked. */
    static XYChart frontier(String title, List<Line> lines, boolean tokens, DataTable data) {
        XYChart chart = ChartTheme.xy(title, "training compute (FLOPs)", tokens ? "optimal training data D_opt (tokens)" : "optimal model size N_opt (parameters)");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        for (Line l : lines) {
            XYSeries s = chart.addSeries(l.name(), l.flops(), l.values());
            s.setMarker(SeriesMarkers.NONE);
            for (int i = 0; i < l.flops().length; i++) {
                data.add(l.name(), l.flops()[i], l.values()[i], "computed");
            }
        }
        for (PublishedTables.PublishedModel m : PublishedTables.models()) {
            double v = tokens ? m.tokens() : m.params();
            XYSeries s = chart.addSeries(m.name() + " (published)", new double[] {m.computeFlops()}, new double[] {v});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.DIAMOND);
            data.add(m.name(), m.computeFlops(), v, "published: " + m.source() + "; FLOPs = 6ND");
        }
        return chart;
    }

    /** A loss surface over (N, D) with its compute-efficient frontier. */
    public interface Surface {
        String name();

        double loss(double params, double tokens);

        /** The tokens at which the loss is {@code loss} with N params, NaN when never. */
        double tokensForLoss(double params, double loss);

        /** {params, tokens} of the compute-optimal point at C FLOPs. */
        double[] optimum(double computeFlops);

        /** A Chinchilla-form law: the line of loss L is D = (B/(L − E − A/N^α))^(1/β). */
        static Surface of(String name, ChinchillaConstants c) {
            return new Surface() {
                public String name() { return name; }
                public double loss(double n, double d) { return Chinchilla.loss(c, n, d); }
                public double tokensForLoss(double n, double l) {
                    double rest = l - c.e() - c.a() / Math.pow(n, c.alpha());
                    return rest > 0 ? Math.pow(c.b() / rest, 1 / c.beta()) : Double.NaN;
                }
                public double[] optimum(double flops) {
                    return new double[] {Chinchilla.optimalParams(c, flops), Chinchilla.optimalTokens(c, flops)};
                }
            };
        }

        /** A published law with a loss; for Kaplan's Eq. 1.5 the line is D = D_c/(L^(1/α_D) − (N_c/N)^(α_N/α_D)). */
        static Surface of(Law law) {
            if (law.constants() != null) {
                return of(law.id(), law.constants());
            }
            var k = Kaplan2020.NdConstants.TABLE_5;
            return new Surface() {
                public String name() { return law.id(); }
                public double loss(double n, double d) { return law.loss(n, d); }
                public double tokensForLoss(double n, double l) {
                    double rest = Math.pow(l, 1 / k.alphaD) - Math.pow(k.nC / n, k.alphaN / k.alphaD);
                    return rest > 0 ? k.dC / rest : Double.NaN;
                }
                public double[] optimum(double flops) {
                    Law.LawOptimum o = law.optimum(flops);
                    return new double[] {o.params(), o.tokens()};
                }
            };
        }
    }

    /** Iso-loss lines of {@code surface} over (N, D) on log-log axes, with its compute-efficient frontier. */
    public static XYChart contours(Surface surface, double nLo, double nHi, DataTable data) {
        XYChart chart = ChartTheme.xy("Loss contours of " + surface.name() + " over (N, D), with the compute-efficient frontier",
                "model size N (parameters)", "training data D (tokens)");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        double[] n = logSpace(nLo, nHi, 80);
        double dLo = nLo, dHi = nHi * 1e3;
        double low = surface.loss(nHi, dHi);
        double high = surface.loss(nLo * 2, dLo * 20);
        for (double level : logSpace(low * 1.01, high, 7)) {
            String label = String.format(Locale.ROOT, "L = %.3f nats", level);
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (double ni : n) {
                double d = surface.tokensForLoss(ni, level);
                if (Double.isFinite(d) && d >= dLo && d <= dHi) {
                    xs.add(ni);
                    ys.add(d);
                    data.add(label, ni, d, level);
                }
            }
            if (xs.size() >= 2) {
                chart.addSeries(label, toArray(xs), toArray(ys)).setMarker(SeriesMarkers.NONE);
            }
        }
        List<Double> fx = new ArrayList<>();
        List<Double> fy = new ArrayList<>();
        for (double c : logSpace(6 * nLo * dLo, 6 * nHi * dHi, 80)) {
            double[] o = surface.optimum(c);
            if (o[0] >= nLo && o[0] <= nHi && o[1] >= dLo && o[1] <= dHi) {
                fx.add(o[0]);
                fy.add(o[1]);
                data.add("frontier", o[0], o[1], surface.loss(o[0], o[1]));
            }
        }
        if (fx.size() >= 2) {
            XYSeries f = chart.addSeries("compute-efficient frontier", toArray(fx), toArray(fy));
            f.setMarker(SeriesMarkers.NONE);
            f.setLineStyle(ChartTheme.dashed());
            f.setLineColor(java.awt.Color.BLACK);
        }
        return chart;
    }

    static double[] toArray(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A number with 4 significant digits. */
    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
