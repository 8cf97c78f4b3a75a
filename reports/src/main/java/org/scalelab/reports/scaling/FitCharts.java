package org.scalelab.reports.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scalelab.report.chart.ChartTheme;
import org.scalelab.report.chart.DataTable;

/** The charts of a {@code scaling-fit} report, drawn from {@link FitRows}: IsoFLOP profiles, residuals, bootstrap of a. */
final class FitCharts {
    private FitCharts() {}

    /**
     * IsoFLOP curves (loss against N per budget) with their minima, from {@link FitRows#isoFlop}: with
     * Approach 2 each budget's runs and parabola share a colour and the minima are joined; with
     * Approach 3 the fitted law's curves, its closed-form minima and the runs.
     */
    static XYChart isoFlop(List<FitRows.IsoFlopPoint> points, DataTable data) {
        XYChart chart = ChartTheme.xy("IsoFLOP profiles with their minima", "model size N (parameters)", "loss (nats/token)");
        chart.getStyler().setXAxisLogarithmic(true);
        Map<String, List<FitRows.IsoFlopPoint>> bySeries = new LinkedHashMap<>();
        for (FitRows.IsoFlopPoint p : points) {
            bySeries.computeIfAbsent(p.series(), k -> new ArrayList<>()).add(p);
            data.add(p.series(), p.params(), p.loss(), p.origin().label);
        }
        List<FitRows.IsoFlopPoint> minima = new ArrayList<>();
        List<FitRows.IsoFlopPoint> runs = new ArrayList<>();
        int group = 0;
        for (Map.Entry<String, List<FitRows.IsoFlopPoint>> e : bySeries.entrySet()) {
            List<FitRows.IsoFlopPoint> groupRuns = only(e.getValue(), FitRows.Origin.RUN);
            if (!groupRuns.isEmpty()) {
                XYSeries s = chart.addSeries(e.getKey(), params(groupRuns), losses(groupRuns));
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarkerColor(ChartTheme.colourAt(group++)); // a budget's points and parabola share a colour
                List<FitRows.IsoFlopPoint> parabola = only(e.getValue(), FitRows.Origin.PARABOLA);
                XYSeries line = chart.addSeries(e.getKey() + " parabola", params(parabola), losses(parabola));
                line.setMarker(SeriesMarkers.NONE);
                line.setLineColor(s.getMarkerColor());
                line.setShowInLegend(false);
            }
            List<FitRows.IsoFlopPoint> law = only(e.getValue(), FitRows.Origin.FITTED_LAW);
            if (!law.isEmpty()) {
                chart.addSeries(e.getKey(), params(law), losses(law)).setMarker(SeriesMarkers.NONE);
            }
            minima.addAll(only(e.getValue(), FitRows.Origin.PARABOLA_MINIMUM));
            minima.addAll(only(e.getValue(), FitRows.Origin.CLOSED_FORM_MINIMUM));
            runs.addAll(only(e.getValue(), FitRows.Origin.DATA));
        }
        boolean parabolas = !minima.isEmpty() && minima.get(0).origin() == FitRows.Origin.PARABOLA_MINIMUM;
        XYSeries m = chart.addSeries(parabolas ? "fitted minima (Approach 2)" : "fitted minima (Approach 3)", params(minima),
                losses(minima));
        m.setMarker(SeriesMarkers.DIAMOND);
        m.setMarkerColor(java.awt.Color.BLACK);
        if (parabolas) {
            m.setLineStyle(ChartTheme.dashed());
            m.setLineColor(java.awt.Color.BLACK);
        } else {
            m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        if (!runs.isEmpty()) {
            XYSeries r = chart.addSeries("runs", params(runs), losses(runs));
            r.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            r.setMarker(SeriesMarkers.CIRCLE);
            r.setMarkerColor(ChartTheme.MUTED);
        }
        return chart;
    }

    /** Residuals ln L − ln L̂ of the Approach-3 fit against training FLOPs ({@link FitRows#residuals}). */
    static XYChart residuals(List<FitRows.Residual> rows, DataTable data) {
        XYChart chart = ChartTheme.xy("Residuals of the parametric fit (Approach 3)", "training compute (FLOPs)", "ln loss − ln fitted loss (dimensionless)");
        chart.getStyler().setXAxisLogarithmic(true);
        double[] flops = rows.stream().mapToDouble(FitRows.Residual::flops).toArray();
        for (FitRows.Residual r : rows) {
            data.add(r.flops(), r.params(), r.tokens(), r.loss(), r.logResidual());
        }
        chart.addSeries("runs", flops, rows.stream().mapToDouble(FitRows.Residual::logResidual).toArray())
                .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        double lo = Arrays.stream(flops).min().orElseThrow();
        double hi = Arrays.stream(flops).max().orElseThrow();
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

    private static List<FitRows.IsoFlopPoint> only(List<FitRows.IsoFlopPoint> points, FitRows.Origin origin) {
        return points.stream().filter(p -> p.origin() == origin).toList();
    }

    private static double[] params(List<FitRows.IsoFlopPoint> points) {
        return points.stream().mapToDouble(FitRows.IsoFlopPoint::params).toArray();
    }

    private static double[] losses(List<FitRows.IsoFlopPoint> points) {
        return points.stream().mapToDouble(FitRows.IsoFlopPoint::loss).toArray();
    }
}
