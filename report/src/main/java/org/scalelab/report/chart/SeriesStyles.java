package org.scalelab.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.MarkerSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Gives each series of a chart its colour (from its name, see {@link ChartTheme#colour}), a
 * marker and a line pattern, so that no two series of one chart look alike, and draws series that
 * coincide so both show: the later one dashed over a wider solid line of the earlier. Styles a
 * caller set explicitly (reference lines in black, dashed limits) are kept.
 */
final class SeriesStyles {
    /** Names of helper series that draw nothing (see {@link AxisRanges}); never styled or checked. */
    static final String HIDDEN_PREFIX = "\u200bhidden:";

    private static final List<Marker> MARKERS = List.of(SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS, SeriesMarkers.TRAPEZOID);

    /** Line patterns for the first, second, third and later uses of one colour in a chart. */
    private static final float[][] PATTERNS = {null, {8f, 4f}, {2f, 3f}, {10f, 3f, 2f, 3f}};

    /** The patterns of series drawn over one they coincide with. */
    static final float[][] OVER = {{7f, 5f}, {2f, 4f}, {12f, 4f, 2f, 4f}};

    /** How close, as a share of the y axis span (log10 on log axes), two points must be to coincide. */
    static final double COINCIDE = 0.005;

    private SeriesStyles() {}

    /** Longest legend label; longer names are cut (the full name stays in the CSV beside the chart). */
    static final int LEGEND_CHARS = 48;

    static List<String> apply(Chart<?, ?> chart) {
        for (Object o : chart.getSeriesMap().values()) {
            if (o instanceof org.knowm.xchart.internal.series.Series s && s.getName().length() > LEGEND_CHARS
                    && s.getName().equals(s.getLabel())) {
                s.setLabel(s.getName().substring(0, LEGEND_CHARS - 1).strip() + "\u2026");
            }
        }
        if (chart instanceof XYChart xy) {
            return applyXy(xy);
        }
        if (chart instanceof CategoryChart c) {
            Set<Color> used = new HashSet<>();
            c.getSeriesMap().values().forEach(s -> { if (s.getFillColor() != null) used.add(s.getFillColor()); });
            for (CategorySeries s : c.getSeriesMap().values()) {
                if (s.getFillColor() == null) {
                    Color col = pick(s.getName(), used);
                    s.setFillColor(col);
                    s.setLineColor(col);
                    s.setMarkerColor(col);
                    used.add(col);
                }
            }
        }
        return List.of();
    }

    private static List<String> applyXy(XYChart chart) {
        List<XYSeries> all = visible(chart);
        Map<XYSeries, Color> colours = colours(all);
        Map<Color, Integer> uses = new HashMap<>();
        Set<String> styles = new HashSet<>();
        Set<Marker> markersUsed = new HashSet<>();
        for (XYSeries s : all) {
            Color c = colours.get(s);
            Color ownColour = explicitColour(s);
            int use = uses.merge(c, 1, Integer::sum) - 1;
            if (s.getLineColor() == null) {
                s.setLineColor(c);
            }
            if (s.getMarkerColor() == null) {
                s.setMarkerColor(c);
            }
            if (s.getFillColor() == null) {
                s.setFillColor(c);
            }
            boolean freeLine = s.getLineStyle() == null;
            if (freeLine) {
                s.setLineStyle(stroke(2f, PATTERNS[Math.min(use, PATTERNS.length - 1)]));
            }
            if (s.getMarker() == null) {
                s.setMarker(marker(c, markersUsed, styles, s));
            }
            for (int k = 0; ownColour == null && styles.contains(key(s)) && k < ChartTheme.PALETTE.size(); k++) {
                s.setLineColor(ChartTheme.PALETTE.get(k)).setFillColor(ChartTheme.PALETTE.get(k));
                s.setMarkerColor(ChartTheme.PALETTE.get(k));
            }
            for (int p = 1; styles.contains(key(s)) && freeLine && p < PATTERNS.length; p++) {
                s.setLineStyle(stroke(2f, PATTERNS[p]));
            }
            markersUsed.add(s.getMarker());
            styles.add(key(s));
        }
        return coincide(chart, all);
    }

    /**
     * Draws the later of two coinciding series dashed over a wider line of the earlier; a third
     * series over the same one gets the next dash pattern.
     */
    private static List<String> coincide(XYChart chart, List<XYSeries> all) {
        List<String> notes = new ArrayList<>();
        boolean logY = chart.getStyler().isYAxisLogarithmic();
        double span = ySpan(chart, all);
        Map<XYSeries, Integer> over = new HashMap<>();
        for (int j = 1; j < all.size(); j++) {
            XYSeries b = all.get(j);
            List<XYSeries> hits = new ArrayList<>();
            for (int i = 0; i < j; i++) {
                if (coincides(all.get(i), b, logY, span)) {
                    hits.add(all.get(i));
                }
            }
            if (hits.isEmpty()) {
                continue;
            }
            XYSeries a = hits.get(0);
            BasicStroke sa = a.getLineStyle();
            if (sa.getLineWidth() < 4.5f) {
                a.setLineStyle(stroke(4.5f, sa.getDashArray()));
            }
            int k = over.merge(a, 1, Integer::sum) - 1;
            float[] dash = OVER[k % OVER.length];
            // coinciding is not transitive: b may also meet an earlier series that a does not, already
            // drawn with this dash; take the next dash no series b meets is drawn with
            for (int n = 1; n < OVER.length && drawnWith(hits, dash); n++) {
                dash = OVER[(k + n) % OVER.length];
            }
            b.setLineStyle(stroke(2f, dash));
            notes.add(b.getName() + " coincides with " + a.getName() + " (drawn dashed over it)");
        }
        return notes;
    }

    private static boolean drawnWith(List<XYSeries> series, float[] dash) {
        return series.stream().anyMatch(s -> s.getLineStyle().getLineWidth() == 2f
                && Arrays.equals(s.getLineStyle().getDashArray(), dash));
    }

    /**
     * Whether at least two points (or the single points of two one-point series) at the same x
     * lie within {@link #COINCIDE} of the y span, and they are at least half of the shared x.
     */
    static boolean coincides(XYSeries a, XYSeries b, boolean logY, double span) {
        Map<Double, Double> byX = new HashMap<>();
        for (int k = 0; k < a.getXData().length; k++) {
            byX.put(a.getXData()[k], a.getYData()[k]);
        }
        int shared = 0;
        int close = 0;
        for (int k = 0; k < b.getXData().length; k++) {
            Double ya = byX.get(b.getXData()[k]);
            if (ya == null) {
                continue;
            }
            shared++;
            double d = logY ? Math.abs(Math.log10(ya) - Math.log10(b.getYData()[k])) : Math.abs(ya - b.getYData()[k]);
            if (d <= COINCIDE * span || d == 0) {
                close++;
            }
        }
        boolean points = a.getXData().length == 1 && b.getXData().length == 1 && close == 1;
        return points || close >= 2 && 2 * close >= shared;
    }

    static double ySpan(XYChart chart, List<XYSeries> all) {
        boolean log = chart.getStyler().isYAxisLogarithmic();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : all) {
            for (double y : s.getYData()) {
                if (Double.isFinite(y) && (!log || y > 0)) {
                    double t = log ? Math.log10(y) : y;
                    lo = Math.min(lo, t);
                    hi = Math.max(hi, t);
                }
            }
        }
        return hi > lo ? hi - lo : 0;
    }

    static List<XYSeries> visible(XYChart chart) {
        return chart.getSeriesMap().values().stream().filter(s -> !s.getName().startsWith(HIDDEN_PREFIX)).toList();
    }

    /**
     * Colours by claim: colours a caller set first, then pinned names (laws, stages), then the
     * rest by their name's colour or the first free one, so a pinned name never moves.
     */
    private static Map<XYSeries, Color> colours(List<XYSeries> all) {
        Map<XYSeries, Color> out = new HashMap<>();
        Set<Color> used = new HashSet<>();
        for (int pass = 0; pass < 3; pass++) {
            for (XYSeries s : all) {
                Color explicit = explicitColour(s);
                int priority = explicit != null ? 0 : ChartTheme.isPinned(s.getName()) ? 1 : 2;
                if (priority == pass) {
                    Color c = explicit != null ? explicit : pick(s.getName(), used);
                    out.put(s, c);
                    used.add(c);
                }
            }
        }
        return out;
    }

    private static Color explicitColour(MarkerSeries s) {
        return s.getLineColor() != null ? s.getLineColor() : s.getMarkerColor();
    }

    /** The name's colour when no other series holds it, else the first free one, else the name's. */
    private static Color pick(String name, Set<Color> used) {
        Color preferred = ChartTheme.colour(name);
        if (!used.contains(preferred)) {
            return preferred;
        }
        return ChartTheme.PALETTE.stream().filter(c -> !used.contains(c)).findFirst().orElse(preferred);
    }

    /** A marker no series of the chart uses yet, else one that makes a new (colour, marker) pair. */
    private static Marker marker(Color c, Set<Marker> used, Set<String> styles, XYSeries s) {
        for (Marker m : MARKERS) {
            if (!used.contains(m)) {
                return m;
            }
        }
        for (Marker m : MARKERS) {
            s.setMarker(m);
            if (!styles.contains(key(s))) {
                return m;
            }
        }
        return MARKERS.get(0);
    }

    /** What a reader tells series apart by: colour, marker and line pattern. */
    static String key(XYSeries s) {
        Color c = s.getLineColor() != null ? s.getLineColor() : s.getMarkerColor();
        String marker = s.getMarker() == null ? "default" : s.getMarker().getClass().getSimpleName();
        float[] dash = s.getLineStyle() == null ? null : s.getLineStyle().getDashArray();
        boolean line = s.getXYSeriesRenderStyle() != XYSeries.XYSeriesRenderStyle.Scatter && s.getXData().length > 1;
        return c + "|" + marker + "|" + (line ? Arrays.toString(dash) : "no line");
    }

    static BasicStroke stroke(float width, float[] dash) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
    }

    /** Colours outside the theme, look-alike series and coinciding series drawn alike. */
    static List<String> problems(Chart<?, ?> chart) {
        List<String> out = new ArrayList<>();
        for (Object o : chart.getSeriesMap().values()) {
            if (o instanceof MarkerSeries s && !s.getName().startsWith(HIDDEN_PREFIX)) {
                for (Color c : new Color[] {s.getLineColor(), s.getMarkerColor(), s.getFillColor()}) {
                    if (!ChartTheme.isThemeColour(c)) {
                        out.add("series '" + s.getName() + "': colour " + c + " is not in the theme");
                    }
                }
            }
        }
        if (chart instanceof CategoryChart c) {
            Map<Color, String> seen = new HashMap<>();
            for (CategorySeries s : c.getSeriesMap().values()) {
                String other = s.getFillColor() == null ? null : seen.putIfAbsent(s.getFillColor(), s.getName());
                if (other != null) {
                    out.add("series '" + s.getName() + "' has the colour of '" + other + "'");
                }
            }
        }
        if (chart instanceof XYChart xy) {
            List<XYSeries> all = visible(xy);
            Map<String, String> seen = new HashMap<>();
            double span = ySpan(xy, all);
            for (int j = 0; j < all.size(); j++) {
                String other = seen.putIfAbsent(key(all.get(j)), all.get(j).getName());
                if (other != null) {
                    out.add("series '" + all.get(j).getName() + "' looks like '" + other + "'");
                }
                for (int i = 0; i < j; i++) {
                    XYSeries a = all.get(i);
                    XYSeries b = all.get(j);
                    boolean lines = a.getXYSeriesRenderStyle() != XYSeries.XYSeriesRenderStyle.Scatter
                            && b.getXYSeriesRenderStyle() != XYSeries.XYSeriesRenderStyle.Scatter && a.getMarker() == b.getMarker();
                    if (lines && coincides(a, b, xy.getStyler().isYAxisLogarithmic(), span)
                            && Arrays.equals(a.getLineStyle().getDashArray(), b.getLineStyle().getDashArray())
                            && a.getLineStyle().getLineWidth() == b.getLineStyle().getLineWidth()) {
                        out.add("series '" + b.getName() + "' coincides with '" + a.getName() + "' and is drawn alike");
                    }
                }
            }
        }
        return out;
    }
}
