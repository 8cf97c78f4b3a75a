package org.scalelab.reports.scaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scalelab.report.chart.ChartTheme;
import org.scalelab.report.chart.DataTable;
import java.util.Locale;

/** The charts both scaling sections draw from {@link ScalingRows}: compute-optimal frontiers and loss contours. */
public final class ScalingCharts {
    private ScalingCharts() {}

    /** The colour of published models on frontier charts: the palette's black, kept free of law lines. */
    static final java.awt.Color PUBLISHED_COLOUR = java.awt.Color.BLACK;

    /** One shape per published model, so that no two of them (all black) look alike. */
    static final List<org.knowm.xchart.style.markers.Marker> PUBLISHED_MARKERS = List.of(SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CIRCLE, SeriesMarkers.CROSS, SeriesMarkers.PLUS);

    /** N_opt(C) (or D_opt(C)) per line on log-log axes, with the published models marked. */
    static XYChart frontier(String title, List<ScalingRows.Line> lines, List<ScalingRows.Published> published, boolean tokens,
                            DataTable data) {
        XYChart chart = ChartTheme.xy(title, "training compute (FLOPs)", tokens ? "optimal training data D_opt (tokens)" : "optimal model size N_opt (parameters)");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        for (ScalingRows.Line l : lines) {
            XYSeries s = chart.addSeries(l.name(), l.flops(), l.values());
            s.setMarker(SeriesMarkers.NONE);
            for (int i = 0; i < l.flops().length; i++) {
                data.add(l.name(), l.flops()[i], l.values()[i], "computed");
            }
        }
        // The palette has 7 colours and a chart up to 6 law lines: a published model in a free colour would
        // share one with a law (Llama 3's point in chinchilla's vermillion). Every published model is black,
        // which no law line takes while another colour is free, each in its own marker shape.
        for (int i = 0; i < published.size(); i++) {
            ScalingRows.Published m = published.get(i);
            double v = tokens ? m.tokens() : m.params();
            XYSeries s = chart.addSeries(m.name() + " (published)", new double[] {m.computeFlops()}, new double[] {v});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(PUBLISHED_MARKERS.get(i % PUBLISHED_MARKERS.size()));
            s.setMarkerColor(PUBLISHED_COLOUR);
            s.setLineColor(PUBLISHED_COLOUR);
            s.setFillColor(PUBLISHED_COLOUR);
            data.add(m.name(), m.computeFlops(), v, "published: " + m.source() + "; FLOPs = 6ND");
        }
        return chart;
    }

    /**
     * The iso-loss lines of a surface over (N, D) on log-log axes, with its compute-efficient frontier
     * dashed ({@link ScalingRows#contours}); a line with fewer than two points in the box is listed, not drawn.
     */
    public static XYChart contours(String surfaceName, List<ScalingRows.ContourPoint> points, DataTable data) {
        XYChart chart = ChartTheme.xy("Loss contours of " + surfaceName + " over (N, D), with the compute-efficient frontier",
                "model size N (parameters)", "training data D (tokens)");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        Map<String, List<ScalingRows.ContourPoint>> bySeries = new LinkedHashMap<>();
        for (ScalingRows.ContourPoint p : points) {
            bySeries.computeIfAbsent(p.series(), k -> new ArrayList<>()).add(p);
            data.add(p.series(), p.params(), p.tokens(), p.loss());
        }
        for (Map.Entry<String, List<ScalingRows.ContourPoint>> e : bySeries.entrySet()) {
            if (e.getValue().size() < 2) {
                continue;
            }
            double[] xs = e.getValue().stream().mapToDouble(ScalingRows.ContourPoint::params).toArray();
            double[] ys = e.getValue().stream().mapToDouble(ScalingRows.ContourPoint::tokens).toArray();
            if (e.getKey().equals(ScalingRows.FRONTIER)) {
                XYSeries f = chart.addSeries("compute-efficient frontier", xs, ys);
                f.setMarker(SeriesMarkers.NONE);
                f.setLineStyle(ChartTheme.dashed());
                f.setLineColor(java.awt.Color.BLACK);
            } else {
                chart.addSeries(e.getKey(), xs, ys).setMarker(SeriesMarkers.NONE);
            }
        }
        return chart;
    }

    /** A number with 4 significant digits. */
    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
