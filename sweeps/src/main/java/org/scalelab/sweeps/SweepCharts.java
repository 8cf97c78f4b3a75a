package org.scalelab.sweeps;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.scalelab.report.chart.ChartFiles;
import org.scalelab.report.chart.ChartRef;
import org.scalelab.report.chart.ChartTheme;
import org.scalelab.report.chart.DataTable;

/**
 * The charts of a sweep, per metric: lines over the one dimension (mean with its 95 % interval as
 * error bars); for two dimensions a heat map of the mean (first dimension up, second across) and
 * one line per value of the first dimension; for three or more, small multiples: one heat map over
 * the second and third dimensions per value of the first (further dimensions at their first value).
 */
final class SweepCharts {
    private final SweepPlan plan;
    private final List<SparkSweep.Result> results;
    private final List<List<Integer>> dims;
    private final int[] sizes;

    private SweepCharts(SweepPlan plan, List<SparkSweep.Result> results) {
        this.plan = plan;
        this.results = results;
        this.dims = plan.grid().dimensions();
        this.sizes = dims.stream().mapToInt(d -> plan.grid().axes().get(d.get(0)).size()).toArray();
    }

    /** Writes every chart and returns their references in display order. */
    static List<ChartRef> write(ChartFiles files, SweepPlan plan, List<SparkSweep.Result> results) throws IOException {
        return new SweepCharts(plan, results).writeAll(files);
    }

    private List<ChartRef> writeAll(ChartFiles files) throws IOException {
        List<ChartRef> out = new ArrayList<>();
        for (int m = 0; m < plan.metrics().size(); m++) {
            String metric = plan.metrics().get(m);
            if (dims.size() == 1) {
                out.add(lines(files, m, metric, -1, 0));
            } else if (dims.size() == 2) {
                out.add(heatMap(files, m, metric, -1));
                out.add(lines(files, m, metric, 0, 1));
            } else {
                for (int k = 0; k < sizes[0]; k++) {
                    out.add(heatMap(files, m, metric, k));
                }
            }
        }
        return out;
    }

    /** Lines of {@code metric} over dimension {@code across}, one per value of {@code series} (or one line when -1). */
    private ChartRef lines(ChartFiles files, int m, String metric, int series, int across) throws IOException {
        String x = label(across);
        XYChart chart = ChartTheme.xy(metric + " over " + x, x, metric);
        boolean numeric = values(across).stream().allMatch(JsonNode::isNumber);
        DataTable data = series < 0 ? new DataTable(x, metric + "_mean", metric + "_lo95", metric + "_hi95")
                : new DataTable(label(series), x, metric + "_mean", metric + "_lo95", metric + "_hi95");
        int lines = series < 0 ? 1 : sizes[series];
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = 0;
        for (int s = 0; s < lines; s++) {
            double[] xs = new double[sizes[across]];
            double[] ys = new double[sizes[across]];
            double[] err = new double[sizes[across]];
            for (int k = 0; k < sizes[across]; k++) {
                int[] at = new int[dims.size()];
                at[across] = k;
                if (series >= 0) {
                    at[series] = s;
                }
                double[] v = values(at);
                xs[k] = numeric ? values(across).get(k).asDouble() : k;
                ys[k] = v[3 * m];
                err[k] = (v[3 * m + 2] - v[3 * m + 1]) / 2;
                Object xCell = cell(values(across).get(k));
                if (series < 0) {
                    data.add(xCell, v[3 * m], v[3 * m + 1], v[3 * m + 2]);
                } else {
                    data.add(cell(values(series).get(s)), xCell, v[3 * m], v[3 * m + 1], v[3 * m + 2]);
                }
            }
            String name = series < 0 ? metric : label(series) + " = " + values(series).get(s).asText();
            chart.addSeries(name, xs, ys, err);
            for (double y : ys) {
                yMin = Math.min(yMin, y > 0 ? y : Double.NEGATIVE_INFINITY);
                yMax = Math.max(yMax, y);
            }
        }
        // values spanning two decades or more (GPU counts, FLOP budgets, parameter counts) read on log axes
        chart.getStyler().setXAxisLogarithmic(numeric && spansDecades(values(across).stream().mapToDouble(JsonNode::asDouble).min().orElse(0),
                values(across).stream().mapToDouble(JsonNode::asDouble).max().orElse(0)));
        chart.getStyler().setYAxisLogarithmic(spansDecades(yMin, yMax));
        String file = metric + (series < 0 ? "-lines" : "-lines-by-" + slug(label(series)));
        String caption = metric + " (mean, error bars: 95 % interval over replications) against " + x
                + (series < 0 ? "" : ", one line per " + label(series)) + (numeric ? "" : "; x is the value's position in the axis");
        return files.write(file, caption, chart, data);
    }

    /** Whether positive values from {@code lo} to {@code hi} span a factor of 100 or more. */
    private static boolean spansDecades(double lo, double hi) {
        return lo > 0 && Double.isFinite(lo) && hi / lo >= 100;
    }

    /** A heat map of {@code metric} over the last two of the first three dimensions, at value {@code k} of the first when three or more. */
    private ChartRef heatMap(ChartFiles files, int m, String metric, int k) throws IOException {
        int yDim = k < 0 ? 0 : 1;
        int xDim = yDim + 1;
        String title = metric + " (mean)" + (k < 0 ? "" : ", " + label(0) + " = " + values(0).get(k).asText());
        HeatMapChart chart = ChartTheme.heatMap(title, label(xDim), label(yDim));
        List<String> xs = values(xDim).stream().map(JsonNode::asText).toList();
        List<String> ys = values(yDim).stream().map(JsonNode::asText).toList();
        List<Number[]> heat = new ArrayList<>();
        DataTable data = new DataTable(label(yDim), label(xDim), metric + "_mean", metric + "_lo95", metric + "_hi95");
        for (int j = 0; j < sizes[yDim]; j++) {
            for (int i = 0; i < sizes[xDim]; i++) {
                int[] at = new int[dims.size()];
                at[yDim] = j;
                at[xDim] = i;
                if (k >= 0) {
                    at[0] = k;
                }
                double[] v = values(at);
                heat.add(new Number[] {i, j, v[3 * m]});
                data.add(cell(values(yDim).get(j)), cell(values(xDim).get(i)), v[3 * m], v[3 * m + 1], v[3 * m + 2]);
            }
        }
        chart.addSeries(metric, xs, ys, heat);
        String file = metric + "-heatmap" + (k < 0 ? "" : "-" + slug(label(0)) + "-" + k);
        return files.write(file, title + " over " + label(yDim) + " and " + label(xDim), chart, data);
    }

    private double[] values(int[] dimIndices) {
        int index = 0;
        for (int d = 0; d < dims.size(); d++) {
            index = index * sizes[d] + dimIndices[d];
        }
        return results.get(index).values();
    }

    private List<JsonNode> values(int dim) {
        return plan.grid().axes().get(dims.get(dim).get(0)).values();
    }

    private String label(int dim) {
        return String.join(" + ", dims.get(dim).stream().map(a -> plan.grid().axes().get(a).path()).toList());
    }

    private static Object cell(JsonNode v) {
        return v.isIntegralNumber() ? (Object) v.asLong() : v.isNumber() ? (Object) v.asDouble() : v.asText();
    }

    private static String slug(String s) {
        return s.replaceAll("[^A-Za-z0-9]+", "_");
    }
}
