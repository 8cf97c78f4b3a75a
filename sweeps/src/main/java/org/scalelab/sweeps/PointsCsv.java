package org.scalelab.sweeps;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code points.csv}: one row per point, sorted by index, with the point's seed, its axis values
 * and, per metric, {@code <metric>_mean}, {@code <metric>_lo95} and {@code <metric>_hi95}. Numbers
 * have one fixed format (10 significant digits, plain between 1e-4 and 1e12, else scientific; no
 * locale), so the file is byte-identical for any master and partitioning.
 */
public final class PointsCsv {
    private PointsCsv() {}

    /** The column names: index, seed, the axis paths, then three per metric. */
    public static List<String> header(List<Axis> axes, List<String> metrics) {
        List<String> h = new ArrayList<>();
        h.add("index");
        h.add("seed");
        axes.forEach(a -> h.add(a.path()));
        for (String m : metrics) {
            h.add(m + "_mean");
            h.add(m + "_lo95");
            h.add(m + "_hi95");
        }
        return h;
    }

    /** The whole file. */
    public static String write(Grid grid, long[] seeds, List<String> metrics, List<SparkSweep.Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", header(grid.axes(), metrics))).append('\n');
        for (SparkSweep.Result r : results) {
            sb.append(r.index()).append(',').append(seeds[r.index()]);
            for (JsonNode v : grid.values(r.index())) {
                sb.append(',').append(value(v));
            }
            for (double v : r.values()) {
                sb.append(',').append(number(v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** An axis value as the file gave it (numbers from a range in the fixed format). */
    static String value(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.asText();
        }
        if (v.isNumber()) {
            return number(v.doubleValue());
        }
        String s = v.asText();
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** The fixed number format; non-finite values are empty cells. */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e12) {
            return new BigDecimal(v).round(new MathContext(10)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.9e", v);
    }
}
