package org.scalelab.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The theme's rules, each on the kind of chart that broke them. */
class ChartThemeTest {
    private static final double[] X = {1e18, 1e20, 1e22, 1e24};

    private static XYChart logLog() {
        XYChart c = ChartTheme.xy("t", "compute (FLOPs)", "parameters (count)");
        c.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        return c;
    }

    @Test
    void aSeriesNameHasTheSameColourOnEveryChart() {
        XYChart a = logLog();
        a.addSeries("chinchilla", X, new double[] {1e8, 1e9, 1e10, 1e11});
        a.addSeries("kaplan", X, new double[] {2e8, 3e9, 4e10, 5e11});
        a.addSeries("Gopher (published)", new double[] {5e23}, new double[] {2.8e11});
        XYChart b = logLog();
        b.addSeries("Gopher (published)", new double[] {5e23}, new double[] {2.8e11});
        b.addSeries("kaplan", X, new double[] {2e8, 3e9, 4e10, 5e11});
        b.addSeries("fitted law", X, new double[] {3e8, 4e9, 5e10, 6e11});
        b.addSeries("chinchilla", X, new double[] {1e8, 1e9, 1e10, 1e11});
        ChartTheme.finish(a);
        ChartTheme.finish(b);
        for (String n : List.of("chinchilla", "kaplan", "Gopher (published)")) {
            assertEquals(a.getSeriesMap().get(n).getLineColor(), b.getSeriesMap().get(n).getLineColor(), n);
        }
        assertEquals(ChartTheme.colour("stage 2 (P_os+g)"), ChartTheme.colour("stage 2"));
    }

    @Test
    void manySeriesAllLookDifferentAndNoneIsYellow() {
        XYChart c = logLog();
        for (int i = 0; i < 14; i++) {
            c.addSeries("kernel " + i + " @ device", X, new double[] {i + 1, 2 * (i + 1), 3 * (i + 1), 4 * (i + 1)});
        }
        ChartTheme.finish(c);
        Set<String> styles = new HashSet<>();
        for (XYSeries s : SeriesStyles.visible(c)) {
            assertTrue(styles.add(SeriesStyles.key(s)), "two series look alike: " + s.getName());
            assertTrue(ChartTheme.PALETTE.contains(s.getLineColor()));
            assertNotEquals(new Color(0xF0E442), s.getLineColor());
        }
        Set<Object> markers = new HashSet<>();
        SeriesStyles.visible(c).stream().limit(8).forEach(s -> markers.add(s.getMarker().getClass()));
        assertEquals(8, markers.size(), "the first eight series have eight different markers");
        assertEquals(List.of(), ChartTheme.problems(c));
    }

    @Test
    void coincidingSeriesAreDrawnSoBothShow() {
        XYChart c = logLog();
        double[] y = {1e8, 1e9, 1e10, 1e11};
        c.addSeries("chinchilla-approach1", X, y).setMarker(SeriesMarkers.NONE);
        c.addSeries("chinchilla-approach2", X, y.clone()).setMarker(SeriesMarkers.NONE);
        c.addSeries("other", X, new double[] {3e8, 3e9, 3e10, 3e11}).setMarker(SeriesMarkers.NONE);
        List<String> notes = ChartTheme.finish(c);
        XYSeries a = c.getSeriesMap().get("chinchilla-approach1");
        XYSeries b = c.getSeriesMap().get("chinchilla-approach2");
        assertFalse(Arrays.equals(a.getLineStyle().getDashArray(), b.getLineStyle().getDashArray()));
        assertTrue(a.getLineStyle().getLineWidth() > b.getLineStyle().getLineWidth(), "the one below is wider");
        assertEquals(List.of("chinchilla-approach2 coincides with chinchilla-approach1 (drawn dashed over it)"), notes);
        assertNotEquals(c.getSeriesMap().get("other").getLineStyle().getDashArray(), SeriesStyles.OVER[0]);
        assertEquals(List.of(), ChartTheme.problems(c));
    }

    @Test
    void aSeriesMeetingTwoThatDoNotMeetEachOtherIsDrawnUnlikeBoth() {
        // one-point series (a kernel timed at one size): w meets a, b meets z and a, z does not meet a;
        // b used to take the first dash over z, the dash a already had over w, and was drawn alike a
        XYChart c = ChartTheme.xy("t", "x (units)", "y (units)");
        String[] names = {"f", "w", "z", "a", "b"};
        double[] ys = {30, 10.00, 10.20, 10.09, 10.15}; // span 20: points within 0.1 coincide
        for (int i = 0; i < names.length; i++) {
            c.addSeries(names[i], new double[] {1}, new double[] {ys[i]}).setMarker(SeriesMarkers.CIRCLE);
        }
        ChartTheme.finish(c);
        assertEquals(List.of(), ChartTheme.problems(c));
    }

    @Test
    void theCheckSeesCoincidingSeriesDrawnAlikeAndColoursOutsideTheTheme() {
        XYChart c = logLog();
        double[] y = {1e8, 1e9, 1e10, 1e11};
        for (String n : List.of("a", "b")) {
            XYSeries s = c.addSeries(n, X, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Color.BLACK);
            s.setLineStyle(ChartTheme.dashed());
        }
        c.addSeries("yellow", X, new double[] {5, 50, 500, 5000}).setLineColor(new Color(0xF0E442));
        List<String> problems = ChartTheme.problems(c);
        assertTrue(problems.stream().anyMatch(p -> p.contains("'b' coincides with 'a' and is drawn alike")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("'yellow': colour") && p.contains("not in the theme")), problems.toString());
    }

    @Test
    void aLogAxisWithinOneDecadeGetsTwoLabelledDecades() {
        XYChart c = ChartTheme.xy("memory", "data-parallel degree (GPUs)", "per-GPU memory (GB)");
        c.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        c.addSeries("stage 3", new double[] {1, 2, 4, 8, 16, 32, 64}, new double[] {80, 60, 45, 38, 33, 31, 30});
        assertTrue(ChartTheme.problems(c).stream().anyMatch(p -> p.startsWith("y log axis")), ChartTheme.problems(c).toString());
        ChartTheme.finish(c);
        assertEquals(10.0, c.getStyler().getYAxisMin(), 1e-12);
        assertEquals(100.0, c.getStyler().getYAxisMax(), 1e-12);
        assertEquals(null, c.getStyler().getXAxisMin(), "1 to 64 holds two decades already");
        assertEquals(List.of(), ChartTheme.problems(c));
    }

    @Test
    void equallySpacedDataTickAtRoundNumbers() {
        XYChart odd = ChartTheme.xy("timeline", "wall-clock time (days)", "cumulative time (hours)");
        double[] days = new double[200];
        double[] hours = new double[200];
        for (int k = 0; k < days.length; k++) {
            days[k] = 0.27 * (k + 1);
            hours[k] = k;
        }
        odd.addSeries("training_steps", days, hours);
        ChartTheme.finish(odd);
        assertEquals(2, odd.getSeriesMap().size(), "an invisible point breaks XChart's ticks-at-the-data rule");
        XYChart round = ChartTheme.xy("sizes", "GPUs (count)", "ETTR (fraction)");
        round.addSeries("ettr", new double[] {0, 1000, 2000, 3000}, new double[] {0.9, 0.8, 0.7, 0.6});
        ChartTheme.finish(round);
        assertEquals(1, round.getSeriesMap().size(), "ticks at 0, 1000, 2000 are round already");
    }

    @Test
    void everyNumericAxisNamesItsUnit() {
        XYChart c = ChartTheme.xy("t", "matrix side", "GFLOP/s (log)");
        c.addSeries("s", new double[] {1, 2}, new double[] {1, 2});
        assertEquals(List.of("x axis title 'matrix side' names no unit"), ChartTheme.problems(c));
        assertTrue(AxisRanges.problems(ChartTheme.xy("t", "goodput_tokens_per_second", "cluster.gpus")).isEmpty());
        assertTrue(AxisRanges.problems(ChartTheme.xy("t", "cluster.tp + cluster.pp", "loss")).isEmpty(), "sweep keys name themselves");
    }

    @Test
    void aTitleWiderThanTheImageAtItsFontSizeIsAProblem() {
        String clipped = "Training days against the GPU count (TP, PP, ZeRO and recomputation of the chosen layout kept;"
                + " computed, wall time simulated)";
        XYChart c = ChartTheme.xy(clipped, "cluster size (GPUs)", "training time (days)");
        c.addSeries("wall", new double[] {1, 2}, new double[] {1, 2});
        ChartTheme.finish(c);
        assertTrue(ChartTheme.problems(c).stream().anyMatch(p -> p.startsWith("title '" + clipped + "'")),
                ChartTheme.problems(c).toString());
        c.setTitle("Training days against the GPU count");
        assertEquals(List.of(), ChartTheme.problems(c));
    }

    @Test
    void barSeriesSharingAColourAndALegendPastThePlotAreProblems() {
        CategoryChart many = ChartTheme.category("Training step, op by op", "category", "time per step (seconds)");
        many.getStyler().setStacked(true);
        for (int i = 0; i < 19; i++) {
            many.addSeries("op_number_" + i, List.of("compute"), List.of(i + 1.0));
        }
        ChartTheme.finish(many);
        List<String> problems = ChartTheme.problems(many);
        assertTrue(problems.stream().anyMatch(p -> p.contains("has the colour of")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("legend of 19 entries")), problems.toString());
        CategoryChart grouped = ChartTheme.category("Training step by category", "step", "time per step (seconds)");
        grouped.getStyler().setStacked(true);
        for (String k : List.of("compute", "recompute", "memory_bound", "communication", "all_to_all", "bubble")) {
            grouped.addSeries(k, List.of("one step"), List.of(1.0));
        }
        ChartTheme.finish(grouped);
        assertEquals(List.of(), ChartTheme.problems(grouped));
    }

    @Test
    void aDataFileNamesItsAxisQuantityNotItsLetter() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new DataTable("x", "wall_days"));
        assertTrue(e.getMessage().contains("'x' names an axis"), e.getMessage());
        assertEquals(List.of("gpus", "wall_days"), new DataTable("gpus", "wall_days").columns());
    }

    /** Every label a log axis from lo to hi would draw (its powers of ten), in the axis's own pattern. */
    private static List<String> decadeLabels(String pattern, double lo, double hi) {
        java.text.DecimalFormat f = new java.text.DecimalFormat(pattern, java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        List<String> out = new java.util.ArrayList<>();
        for (int e = (int) Math.ceil(Math.log10(lo) - 1e-9); e <= Math.floor(Math.log10(hi) + 1e-9); e++) {
            out.add(f.format(Math.pow(10, e)));
        }
        return out;
    }

    @Test
    void everyLogAxisLabelsItsDecadesInOneNotation() {
        // XChart's default wrote "100, 1000, 1E4" on an activations-vs-seq axis (512 to 8192 tokens)
        XYChart seq = ChartTheme.xy("t", "Sequence length (tokens)", "Activation memory per GPU (GB, 10^9 bytes)");
        seq.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        seq.addSeries("a", new double[] {512, 1024, 2048, 4096, 8192}, new double[] {0.5, 1, 2, 4, 80});
        ChartTheme.finish(seq);
        assertEquals(List.of("100", "1,000", "10,000"), decadeLabels(seq.getStyler().getXAxisDecimalPattern(), 100, 1e4));
        assertEquals(List.of("0.1", "1", "10", "100"), decadeLabels(seq.getStyler().getYAxisDecimalPattern(), 0.1, 100));
        // a collective sweep from 1 kB to 1 GB: scientific throughout, never "1000" beside "1E4"
        XYChart bytes = ChartTheme.xy("t", "Message size (bytes)", "Bus bandwidth (GB/s)");
        bytes.getStyler().setXAxisLogarithmic(true);
        bytes.addSeries("ring", new double[] {1e3, 1e5, 1e7, 1e9}, new double[] {1, 10, 100, 200});
        ChartTheme.finish(bytes);
        assertEquals(List.of("1E3", "1E4", "1E5", "1E6", "1E7", "1E8", "1E9"),
                decadeLabels(bytes.getStyler().getXAxisDecimalPattern(), 1e3, 1e9));
        // a pattern the chart sets itself is kept
        XYChart own = logLog();
        own.getStyler().setXAxisDecimalPattern("0.0E0");
        own.addSeries("s", X, new double[] {1e8, 1e9, 1e10, 1e11});
        ChartTheme.finish(own);
        assertEquals("0.0E0", own.getStyler().getXAxisDecimalPattern());
        assertEquals("0E0", own.getStyler().getYAxisDecimalPattern());
    }
}
