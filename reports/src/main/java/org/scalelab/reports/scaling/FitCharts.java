package org.scalelab.reports.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scalelab.report.chart.ChartTheme;
import org.scalelab.report.chart.DataTable;
import org.scalelab.scaling.Chinchilla;
import org.scalelab.scaling.ChinchillaConstants;
import org.scalelab.scaling.fit.FitReport;
import org.scalelab.scaling.fit.IsoFlopFit;
import org.scalelab.scaling.fit.RunData;

/** The charts of a {@code scaling-fit} report: IsoFLOP profiles, residuals, bootstrap of a. */
final class FitCharts {
    private FitCharts() {}

    /**
     * IsoFLOP curves (loss against N per budget) with their minima. With Approach 2: the runs of
     * each group, its parabola and minimum. Otherwise, with Approach 3: the fitted law along
     * 6ND = C at budgets spanning the data, its closed-form minima, and the runs.
     */
    static XYChart isoFlop(FitReport r, DataTable data) {
        XYChart chart = ChartTheme.xy("IsoFLOP profiles with their minima", "model size N (parameters)", "loss (nats/token)");
        chart.getStyler().setXAxisLogarithmic(true);
        RunData d = r.data();
        if (r.approach2() != null) {
            List<double[]> minima = new ArrayList<>();
            for (IsoFlopFit.Minimum m : r.approach2().minima()) {
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                for (int i = 0; i < d.size(); i++) {
                    if (d.budget() != null ? d.budget()[i] == m.budgetFlops() : Math.abs(Math.log(d.flops()[i] / m.budgetFlops())) < 0.1) {
                        xs.add(d.params()[i]);
                        ys.add(d.loss()[i]);
                        data.add(label(m.budgetFlops()), d.params()[i], d.loss()[i], "run");
                    }
                }
                if (!xs.isEmpty()) {
                    double[] px = ScalingCharts.toArray(xs);
                    XYSeries s = chart.addSeries(label(m.budgetFlops()), px, ScalingCharts.toArray(ys));
                    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    s.setMarkerColor(ChartTheme.colourAt(minima.size())); // a budget's points and parabola share a colour
                    double[] coef = IsoFlopFit.parabola(px, ScalingCharts.toArray(ys));
                    if (coef != null) {
                        double[] n = ScalingCharts.logSpace(Arrays.stream(px).min().orElseThrow(), Arrays.stream(px).max().orElseThrow(), 40);
                        double[] l = Arrays.stream(n).map(v -> {
                            double x = Math.log(v) - coef[3];
                            return coef[0] + coef[1] * x + coef[2] * x * x;
                        }).toArray();
                        XYSeries curve = chart.addSeries(label(m.budgetFlops()) + " parabola", n, l);
                        curve.setMarker(SeriesMarkers.NONE);
                        curve.setLineColor(s.getMarkerColor());
                        curve.setShowInLegend(false);
                        for (int i = 0; i < n.length; i++) {
                            data.add(label(m.budgetFlops()), n[i], l[i], "parabola (Approach 2)");
                        }
                    }
                }
                minima.add(new double[] {m.params(), m.loss()});
                data.add(label(m.budgetFlops()), m.params(), m.loss(), "parabola minimum (Approach 2)");
            }
            XYSeries s = chart.addSeries("fitted minima (Approach 2)", minima.stream().mapToDouble(v -> v[0]).toArray(),
                    minima.stream().mapToDouble(v -> v[1]).toArray());
            s.setLineStyle(ChartTheme.dashed());
            s.setMarker(SeriesMarkers.DIAMOND);
            s.setLineColor(java.awt.Color.BLACK);
            s.setMarkerColor(java.awt.Color.BLACK);
            return chart;
        }
        ChinchillaConstants c = r.approach3().constants();
        double lo = Arrays.stream(d.flops()).min().orElseThrow();
        double hi = Arrays.stream(d.flops()).max().orElseThrow();
        double[] budgets = ScalingCharts.logSpace(lo, hi, 5);
        double nLo = Arrays.stream(d.params()).min().orElseThrow() / 2;
        double nHi = Arrays.stream(d.params()).max().orElseThrow() * 2;
        double[] xs = new double[budgets.length];
        double[] ys = new double[budgets.length];
        for (int b = 0; b < budgets.length; b++) {
            double[] n = ScalingCharts.logSpace(nLo, nHi, 60);
            double[] l = new double[n.length];
            for (int i = 0; i < n.length; i++) {
                l[i] = Chinchilla.loss(c, n[i], budgets[b] / (6 * n[i]));
                data.add(label(budgets[b]), n[i], l[i], "fitted law (Approach 3)");
            }
            chart.addSeries(label(budgets[b]), n, l).setMarker(SeriesMarkers.NONE);
            xs[b] = Chinchilla.optimalParams(c, budgets[b]);
            ys[b] = Chinchilla.loss(c, xs[b], Chinchilla.optimalTokens(c, budgets[b]));
            data.add(label(budgets[b]), xs[b], ys[b], "closed-form minimum (Approach 3)");
        }
        XYSeries m = chart.addSeries("fitted minima (Approach 3)", xs, ys);
        m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        m.setMarker(SeriesMarkers.DIAMOND);
        m.setMarkerColor(java.awt.Color.BLACK);
        XYSeries runs = chart.addSeries("runs", d.params(), d.loss());
        runs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        runs.setMarker(SeriesMarkers.CIRCLE);
        runs.setMarkerColor(ChartTheme.MUTED);
        for (int i = 0; i < d.size(); i++) {
            data.add("runs", d.params()[i], d.loss()[i], "data");
        }
        return chart;
    }

    /** Residuals ln L − ln L̂ of the Approach-3 fit against training FLOPs. */
    static XYChart residuals(FitReport r, DataTable data) {
        XYChart chart = ChartTheme.xy("Residuals of the parametric fit (Approach 3)", "training compute (FLOPs)", "ln loss − ln fitted loss (dimensionless)");
        chart.getStyler().setXAxisLogarithmic(true);
        RunData d = r.data();
        ChinchillaConstants c = r.approach3().constants();
        double[] res = new double[d.size()];
        for (int i = 0; i < d.size(); i++) {
            res[i] = Math.log(d.loss()[i]) - Math.log(Chinchilla.loss(c, d.params()[i], d.tokens()[i]));
            data.add(d.flops()[i], d.params()[i], d.tokens()[i], d.loss()[i], res[i]);
        }
        chart.addSeries("runs", d.flops(), res).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        double lo = Arrays.stream(d.flops()).min().orElseThrow();
        double hi = Arrays.stream(d.flops()).max().orElseThrow();
        XYSeries zero = chart.addSeries("zero", new double[] {lo, hi}, new double[] {0, 0});
        zero.setMarker(SeriesMarkers.NONE);
        zero.setLineStyle(ChartTheme.dashed());
        zero.setLineColor(java.awt.Color.BLACK);
        return chart;
    }

    /** Histogram of the bootstrap samples of an exponent. */
    static CategoryChart histogram(String title, String xTitle, double[] samples, DataTable data) {
        CategoryChart chart = ChartTheme.category(title, xTitle, "bootstrap replicates (count)");
        int bins = Math.max(5, Math.min(30, (int) Math.ceil(Math.sqrt(samples.length))));
        double lo = Arrays.stream(samples).min().orElse(0);
        double hi = Arrays.stream(samples).max().orElse(1);
        if (!(hi > lo)) {
            hi = lo + 1e-9;
        }
        double w = (hi - lo) / bins;
        List<String> labels = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            double left = lo + b * w;
            int count = 0;
            for (double s : samples) {
                int k = Math.min(bins - 1, (int) ((s - lo) / w));
                if (k == b) {
                    count++;
                }
            }
            labels.add(String.format(Locale.ROOT, "%.3f", left + w / 2));
            counts.add(count);
            data.add(left, left + w, count);
        }
        chart.addSeries("replicates", labels, counts);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(45);
        return chart;
    }

    private static String label(double flops) {
        return String.format(Locale.ROOT, "C = %.2g FLOPs", flops);
    }
}
