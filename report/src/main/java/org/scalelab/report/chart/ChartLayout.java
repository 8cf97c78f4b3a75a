package org.scalelab.report.chart;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * Whether the parts XChart 3.8 places outside the plot fit the image: it centres the title and cuts
 * it at both edges when it is wider than the chart, and it stacks the legend entries down the right
 * side past the bottom edge when there are too many. Sizes are measured with the fonts the chart
 * draws with; a legend entry is as tall as XChart makes it (its text or its 20-pixel bar box, or its
 * marker, plus the legend padding).
 */
final class ChartLayout {
    /** XChart's legend box for bars, pixels ({@code Legend_.BOX_SIZE}). */
    private static final double BOX = 20;

    /** XChart measures text with an anti-aliased, fractional-metrics-free context. */
    private static final FontRenderContext FRC = new FontRenderContext(null, true, false);

    private ChartLayout() {}

    static List<String> problems(Chart<?, ?> chart) {
        List<String> out = new ArrayList<>();
        Styler st = chart.getStyler();
        double pad = st.getChartPadding();
        String title = chart.getTitle();
        double titleHeight = 0;
        if (st.isChartTitleVisible() && title != null && !title.isBlank()) {
            Rectangle2D b = bounds(title, st.getChartTitleFont());
            titleHeight = b.getHeight() + pad;
            double room = chart.getWidth() - 2 * pad;
            if (b.getWidth() > room) {
                out.add(String.format(Locale.ROOT, "title '%s' is %.0f px wide at %d pt, the chart has %.0f px: shorten it"
                        + " (the caption holds the explanation)", title, b.getWidth(), st.getChartTitleFont().getSize(), room));
            }
        }
        if (st.isLegendVisible() && st.getLegendPosition() == Styler.LegendPosition.OutsideE) {
            double axis = 0;
            if (st instanceof AxesChartStyler axes) {
                axis = bounds("0", axes.getAxisTickLabelsFont()).getHeight() + bounds("0", axes.getAxisTitleFont()).getHeight()
                        + 2 * pad;
            }
            double room = chart.getHeight() - 2 * pad - titleHeight - axis;
            double height = st.getLegendPadding();
            double width = 0;
            int entries = 0;
            double graphic = chart instanceof CategoryChart ? BOX : markerSize(st);
            for (Object o : chart.getSeriesMap().values()) {
                if (o instanceof Series s && s.isShowInLegend() && s.isEnabled()) {
                    Rectangle2D b = bounds(s.getLabel() == null ? s.getName() : s.getLabel(), st.getLegendFont());
                    height += Math.max(b.getHeight(), graphic) + st.getLegendPadding();
                    width = Math.max(width, b.getWidth());
                    entries++;
                }
            }
            if (height > room) {
                out.add(String.format(Locale.ROOT, "legend of %d entries is %.0f px tall, the plot has %.0f px: group the"
                        + " series (the data file keeps them all)", entries, height, room));
            }
            double legendWidth = width + st.getLegendSeriesLineLength() + 3 * st.getLegendPadding();
            if (legendWidth > chart.getWidth() / 2.0) {
                out.add(String.format(Locale.ROOT, "legend is %.0f px wide, more than half the chart's %d px", legendWidth,
                        chart.getWidth()));
            }
        }
        return out;
    }

    private static double markerSize(Styler st) {
        return st instanceof org.knowm.xchart.style.XYStyler xy ? xy.getMarkerSize() : BOX;
    }

    static Rectangle2D bounds(String text, Font font) {
        return font.getStringBounds(text.isEmpty() ? " " : text, FRC);
    }
}
