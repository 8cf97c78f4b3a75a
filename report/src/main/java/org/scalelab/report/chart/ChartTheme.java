package org.scalelab.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * The one look of every ScaleLab chart. Axis titles must name their unit; callers pass them.
 * Use {@link #xy}, {@link #category} or {@link #heatMap}, then set log axes where the data spans
 * decades ({@code chart.getStyler().setXAxisLogarithmic(true)}). {@link ChartFiles} calls
 * {@link #finish} on every chart before writing it: each series gets its colour from its name
 * (the same law, model or stage has the same colour on every chart), a marker and line pattern
 * no other series of the chart has, coinciding series are drawn dashed over a wider solid line,
 * log axes get at least two labelled decades in one notation (1,000 and 10,000, or 1E3 and 1E9,
 * never "1000, 1E4"), and linear axes tick at round numbers.
 */
public final class ChartTheme {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 560;

    /**
     * A colour-blind-safe palette: Okabe and Ito 2008 ("Color Universal Design"), without its
     * yellow (#F0E442), which cannot be seen on white.
     */
    static final List<Color> PALETTE = List.of(
            new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
            new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000));

    /** Neutral grey for background points (many runs behind the fitted curve). */
    public static final Color MUTED = new Color(0x99, 0x99, 0x99, 0x99);

    /** Black for reference lines (published values, fitted minima, optima). */
    public static final Color REFERENCE = Color.BLACK;

    /**
     * Names seen on several charts, pinned so they never depend on which other series share a
     * chart: the scaling laws, the ZeRO stages and the devices of the kernels report.
     */
    private static final Map<String, Integer> PINNED = Map.ofEntries(
            Map.entry("epoch", 0), Map.entry("chinchilla", 1), Map.entry("chinchilla-tex", 2), Map.entry("kaplan", 3),
            Map.entry("deepseek", 4), Map.entry("llama3", 5), Map.entry("chinchilla-approach1", 6),
            Map.entry("chinchilla-approach2", 2),
            Map.entry("stage 0", 0), Map.entry("stage 1", 1), Map.entry("stage 2", 2), Map.entry("stage 3", 3));

    private ChartTheme() {}

    public static XYChart xy(String title, String xAxisTitle, String yAxisTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).theme(Styler.ChartTheme.XChart).build();
        style(chart.getStyler());
        chart.getStyler().setMarkerSize(7);
        return chart;
    }

    public static CategoryChart category(String title, String xAxisTitle, String yAxisTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).theme(Styler.ChartTheme.XChart).build();
        style(chart.getStyler());
        return chart;
    }

    public static HeatMapChart heatMap(String title, String xAxisTitle, String yAxisTitle) {
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).theme(Styler.ChartTheme.XChart).build();
        style(chart.getStyler());
        // one hue, light to dark (Okabe-Ito sky blue to blue): ordered, colour-blind safe, black labels readable
        chart.getStyler().setRangeColors(new Color[] {new Color(0xF2F8FC), new Color(0x56B4E9), new Color(0x0072B2)});
        return chart;
    }

    /** A dashed stroke for reference lines (published values, optima). */
    public static BasicStroke dashed() {
        return new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    }

    /**
     * The colour of a series name on every chart: a pinned colour for names that recur (laws,
     * ZeRO stages, matched by prefix), else one chosen from the name's hash. {@link #finish} moves
     * a series to a free colour only when another series of the same chart already holds it.
     */
    public static Color colour(String name) {
        String key = name.toLowerCase(java.util.Locale.ROOT).strip();
        Integer pinned = pinned(key);
        return PALETTE.get(pinned != null ? pinned : Math.floorMod(key.hashCode(), PALETTE.size()));
    }

    static boolean isPinned(String name) {
        return pinned(name.toLowerCase(java.util.Locale.ROOT).strip()) != null;
    }

    private static Integer pinned(String key) {
        Integer pinned = PINNED.get(key);
        if (pinned == null) {
            for (Map.Entry<String, Integer> e : PINNED.entrySet()) {
                if (key.startsWith(e.getKey() + " (")) {
                    pinned = e.getValue();
                }
            }
        }
        return pinned;
    }

    /** The i-th palette colour (cycling), for series that form an ordered family (budgets, sizes). */
    public static Color colourAt(int i) {
        return PALETTE.get(Math.floorMod(i, PALETTE.size()));
    }

    /**
     * Applies the series styles, axis ranges and tick fixes to a finished chart (idempotent), and
     * returns a sentence for each pair of series drawn over each other (empty when none).
     */
    public static List<String> finish(Chart<?, ?> chart) {
        List<String> notes = SeriesStyles.apply(chart);
        AxisRanges.apply(chart);
        return notes;
    }

    /**
     * What breaks the theme in a chart after {@link #finish}: a colour outside the palette, two
     * series that look the same (bars: the same colour), coinciding series drawn alike, a numeric
     * axis without a unit, a log axis with fewer than two labelled decades, a title wider than the
     * image at its font size, or a legend taller than the plot. Empty when the chart reads.
     */
    public static List<String> problems(Chart<?, ?> chart) {
        List<String> out = new java.util.ArrayList<>(SeriesStyles.problems(chart));
        out.addAll(AxisRanges.problems(chart));
        out.addAll(ChartLayout.problems(chart));
        return out;
    }

    /** Whether a colour is one the theme uses for series. */
    static boolean isThemeColour(Color c) {
        return c == null || PALETTE.contains(c) || c.equals(MUTED) || c.getAlpha() == 0;
    }

    private static void style(Styler styler) {
        styler.setSeriesColors(PALETTE.toArray(new Color[0]));
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(true);
        styler.setLegendPosition(LegendPosition.OutsideE);
        styler.setLegendBorderColor(new Color(0xDDDDDD));
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setAntiAlias(true);
        if (styler instanceof org.knowm.xchart.style.AxesChartStyler axes) {
            axes.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            axes.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            axes.setPlotGridLinesColor(new Color(0xE5E5E5));
        }
    }
}
