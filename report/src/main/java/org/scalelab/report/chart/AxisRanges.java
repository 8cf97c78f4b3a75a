package org.scalelab.report.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Axis fixes XChart 3.8 needs to read well. A log axis labels only powers of ten, so one whose
 * data spans less than two of them shows one label or none: it is widened to the enclosing
 * decades. A linear x axis whose data are equally spaced ticks at the data values themselves
 * (0.27, 3.51, 6.75 days): one invisible point off that lattice makes XChart pick round steps.
 */
final class AxisRanges {
    /** A unit in an axis title: "(GB)", "(count)", or a snake_case/dotted name ending in a unit or count. */
    private static final Pattern UNIT = Pattern.compile(
            ".*\\((?!log\\)).+\\).*|.*(%|/s\\b).*|.*(_|\\.|\\b)(seconds?|per_second|hours|days|minutes|bytes|gb|gib|gbit|flops|tokens|params|parameters|"
                    + "gpus|nodes|count|interruptions|replications|fraction|ettr|mfu|scale|ratio|percent|year)$");

    private AxisRanges() {}

    static void apply(Chart<?, ?> chart) {
        if (chart instanceof XYChart xy) {
            AxesChartStyler st = xy.getStyler();
            List<XYSeries> all = SeriesStyles.visible(xy);
            if (st.isXAxisLogarithmic() && st.getXAxisMin() == null && st.getXAxisMax() == null) {
                double[] r = range(all, true, false);
                if (r != null && labelledDecades(r) < 2) {
                    st.setXAxisMin(decadeBelow(r[0])).setXAxisMax(decadeAbove(r[1]));
                }
            }
            if (st.isYAxisLogarithmic() && st.getYAxisMin() == null && st.getYAxisMax() == null) {
                double[] r = range(all, false, true);
                if (r != null && labelledDecades(r) < 2) {
                    st.setYAxisMin(decadeBelow(r[0])).setYAxisMax(decadeAbove(r[1]));
                }
            }
            if (st.isXAxisLogarithmic() && st.getXAxisDecimalPattern() == null) {
                double[] r = range(all, true, false);
                if (r != null) {
                    st.setXAxisDecimalPattern(logPattern(bound(st.getXAxisMin(), r[0]), bound(st.getXAxisMax(), r[1])));
                }
            }
            if (st.isYAxisLogarithmic() && st.getYAxisDecimalPattern() == null) {
                double[] r = range(all, false, true);
                if (r != null) {
                    st.setYAxisDecimalPattern(logPattern(bound(st.getYAxisMin(), r[0]), bound(st.getYAxisMax(), r[1])));
                }
            }
            if (!st.isXAxisLogarithmic()) {
                roundXTicks(xy, all);
            }
        } else if (chart instanceof CategoryChart c && c.getStyler().isYAxisLogarithmic() && c.getStyler().getYAxisMin() == null) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (var s : c.getSeriesMap().values()) {
                for (Number n : s.getYData()) {
                    if (n != null && n.doubleValue() > 0) {
                        lo = Math.min(lo, n.doubleValue());
                        hi = Math.max(hi, n.doubleValue());
                    }
                }
            }
            if (lo <= hi && labelledDecades(new double[] {lo, hi}) < 2) {
                c.getStyler().setYAxisMin(decadeBelow(lo)).setYAxisMax(decadeAbove(hi));
            }
            if (lo <= hi && c.getStyler().getYAxisDecimalPattern() == null) {
                c.getStyler().setYAxisDecimalPattern(logPattern(bound(c.getStyler().getYAxisMin(), lo), bound(c.getStyler().getYAxisMax(), hi)));
            }
        }
    }

    /**
     * One notation for every label of a log axis. XChart 3.8 writes a power of ten above 1000 as
     * "1E4" and 1000 itself as "1000", so one axis mixed the two ("100, 1000, 1E4"). An axis within
     * [0.001, 10^7) gets plain grouped numbers (1,000; 10,000); a wider one "1E3" throughout.
     */
    static String logPattern(double lo, double hi) {
        return lo >= 1e-3 && hi < 1e7 ? PLAIN : SCIENTIFIC;
    }

    /** Log-axis labels as plain grouped numbers: 0.01, 1, 1,000, 100,000. */
    static final String PLAIN = "#,##0.###";

    /** Log-axis labels in scientific notation, for axes spanning beyond [0.001, 10^7): 1E-4, 1E3, 1E9. */
    static final String SCIENTIFIC = "0E0";

    private static double bound(Double set, double data) {
        return set != null ? set : data;
    }

    /** How many powers of ten lie in {@code [lo, hi]}: the labels XChart's log axis draws. */
    static int labelledDecades(double[] r) {
        return (int) (Math.floor(Math.log10(r[1]) + 1e-9) - Math.ceil(Math.log10(r[0]) - 1e-9)) + 1;
    }

    private static double decadeBelow(double v) {
        return Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
    }

    private static double decadeAbove(double v) {
        double up = Math.pow(10, Math.ceil(Math.log10(v) - 1e-9));
        return up <= decadeBelow(v) ? up * 10 : up;
    }

    /** The positive data range along x or y (with error bars), or null when there is none. */
    static double[] range(List<XYSeries> all, boolean x, boolean withErrors) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : all) {
            double[] v = x ? s.getXData() : s.getYData();
            double[] e = withErrors ? s.getExtraValues() : null;
            for (int k = 0; k < v.length; k++) {
                double err = e != null && k < e.length && Double.isFinite(e[k]) ? e[k] : 0;
                for (double d : new double[] {v[k] - err, v[k], v[k] + err}) {
                    if (d > 0 && Double.isFinite(d)) {
                        lo = Math.min(lo, d);
                        hi = Math.max(hi, d);
                    }
                }
            }
        }
        return lo <= hi ? new double[] {lo, hi} : null;
    }

    /**
     * XChart 3.8 ticks an axis whose distinct x values (in series order) are equally spaced at
     * those values; when they are not round, one invisible point between the first two breaks the
     * spacing so it falls back to round steps.
     */
    private static void roundXTicks(XYChart chart, List<XYSeries> all) {
        Set<Double> xs = new LinkedHashSet<>();
        all.forEach(s -> { for (double v : s.getXData()) { xs.add(v); } });
        List<Double> v = new ArrayList<>(xs);
        if (v.size() < 3 || chart.getSeriesMap().keySet().stream().anyMatch(n -> n.startsWith(SeriesStyles.HIDDEN_PREFIX))) {
            return;
        }
        double step = v.get(1) - v.get(0);
        for (int i = 2; i < v.size(); i++) {
            if (Math.abs(v.get(i) - v.get(i - 1) - step) >= 1e-4) {
                return; // not equally spaced: XChart picks round steps itself
            }
        }
        if (isRound(step) && isRound(v.get(0) == 0 ? step : v.get(0)) && Math.abs(v.get(0) / step - Math.rint(v.get(0) / step)) < 1e-9) {
            return; // ticks at the data are round numbers already
        }
        XYSeries first = all.get(0);
        XYSeries h = chart.addSeries(SeriesStyles.HIDDEN_PREFIX + "ticks", new double[] {(v.get(0) + v.get(1)) / 2},
                new double[] {first.getYData()[0]});
        h.setShowInLegend(false);
        h.setMarker(SeriesMarkers.NONE);
        Color clear = new Color(0, 0, 0, 0);
        h.setLineColor(clear).setFillColor(clear);
        h.setMarkerColor(clear);
    }

    /** Whether a positive number is 1, 2, 2.5 or 5 times a power of ten. */
    static boolean isRound(double d) {
        if (!(d > 0)) {
            return false;
        }
        double m = d / Math.pow(10, Math.floor(Math.log10(d)));
        for (double r : new double[] {1, 2, 2.5, 5, 10}) {
            if (Math.abs(m - r) < 1e-6) {
                return true;
            }
        }
        return false;
    }

    /** Numeric axes without a unit in their title, log axes with fewer than two labelled decades. */
    static List<String> problems(Chart<?, ?> chart) {
        List<String> out = new ArrayList<>();
        if (chart instanceof XYChart xy) {
            unit(out, "x", xy.getXAxisTitle());
            unit(out, "y", xy.getYAxisTitle());
            AxesChartStyler st = xy.getStyler();
            List<XYSeries> all = SeriesStyles.visible(xy);
            decades(out, "x", st.isXAxisLogarithmic(), st.getXAxisMin(), st.getXAxisMax(), range(all, true, false));
            decades(out, "y", st.isYAxisLogarithmic(), st.getYAxisMin(), st.getYAxisMax(), range(all, false, true));
        } else if (chart instanceof CategoryChart c) {
            unit(out, "y", c.getYAxisTitle());
        }
        return out;
    }

    /**
     * A parameter-file key or result field as a title (a sweep's axis or metric: {@code cluster.gpus},
     * {@code wall_days}, {@code tp}): its name is the project's one name for the quantity, with its
     * unit in it where it has one.
     */
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_.]*( \\+ [a-z][a-z0-9_.]*)*");

    private static void unit(List<String> out, String axis, String title) {
        if (title != null && KEY.matcher(title.strip()).matches()) {
            return;
        }
        if (title == null || !UNIT.matcher(title.toLowerCase(Locale.ROOT).strip()).matches()) {
            out.add(axis + " axis title '" + title + "' names no unit");
        }
    }

    private static void decades(List<String> out, String axis, boolean log, Double min, Double max, double[] data) {
        if (!log || data == null) {
            return;
        }
        double[] r = {min != null ? min : data[0], max != null ? max : data[1]};
        if (labelledDecades(r) < 2) {
            out.add(axis + " log axis " + r[0] + " to " + r[1] + " has fewer than two labelled decades");
        }
    }
}
