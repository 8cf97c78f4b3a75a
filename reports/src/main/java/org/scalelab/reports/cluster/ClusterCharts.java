package org.scalelab.reports.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scalelab.cluster.step.StepOp;
import org.scalelab.cluster.step.StepResult;
import org.scalelab.report.chart.ChartFiles;
import org.scalelab.report.chart.ChartTheme;
import org.scalelab.report.chart.DataTable;
import org.scalelab.report.chart.ChartRef;

/** The charts of the cluster section, drawn from {@link ClusterRows} and the step model's result, each with those rows beside it. */
public final class ClusterCharts {
    private ClusterCharts() {}

    /** Cumulative hours per state against days, for one replication ({@link ClusterRows#timeline}). */
    public static ChartRef timeline(ChartFiles files, ClusterRows.TimelineRows rows) throws IOException {
        int points = rows.days().length - 1;
        double[] xs = rows.days();
        double[][] cum = rows.hours();
        XYChart chart = ChartTheme.xy("Where the time went (replication 1)", "Wall-clock time (days)", "Cumulative time (hours)");
        chart.getStyler().setYAxisLogarithmic(true);
        DataTable table = new DataTable("day", "training_step_hours", "checkpoint_hours", "lost_hours", "detection_hours",
                "restart_hours", "waiting_hours", "maintenance_hours");
        for (int k = 1; k <= points; k++) {
            table.add(xs[k], cum[0][k], cum[1][k], cum[2][k], cum[3][k], cum[4][k], cum[5][k], cum[6][k]);
        }
        for (int c = 0; c < cum.length; c++) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int k = 1; k <= points; k++) {
                if (cum[c][k] > 0) { // log axis: a category shows from its first occurrence
                    x.add(xs[k]);
                    y.add(cum[c][k]);
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(rows.series().get(c), x, y).setMarker(SeriesMarkers.NONE);
            }
        }
        return files.write("cluster-timeline", "Cumulative time in training steps (compute, recomputation, memory-bound work,"
                + " exposed communication and pipeline bubble together; split in the time breakdown), checkpoints, lost work,"
                + " restarts and waiting over the run (one replication; log scale).", chart, table);
    }

    /** ETTR against the checkpoint interval with Young's and Daly's intervals marked. */
    static ChartRef ettrVsInterval(ChartFiles files, List<ClusterRows.EttrPoint> points, double[] analytical, double young,
            double daly, boolean exact) throws IOException {
        XYChart chart = ChartTheme.xy("ETTR vs checkpoint interval", "Compute between checkpoints (minutes)", "ETTR (fraction)");
        chart.getStyler().setXAxisLogarithmic(true);
        DataTable table = new DataTable("interval_minutes", "ettr", "ettr_lo", "ettr_hi", "daly_model_ettr");
        int n = points.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] err = new double[n];
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (int i = 0; i < n; i++) {
            ClusterRows.EttrPoint p = points.get(i);
            x[i] = p.x() / 60;
            y[i] = p.ettr();
            err[i] = p.halfWidth();
            table.add(x[i], y[i], p.lo(), p.hi(), analytical[i]);
            lo = Math.min(lo, Math.min(y[i], analytical[i]));
            hi = Math.max(hi, Math.max(y[i], analytical[i]));
        }
        chart.addSeries("simulated (95% interval)", x, y, err);
        XYSeries a = chart.addSeries(exact ? "Daly complete model (exact)" : "Daly complete model (estimate)", x, analytical);
        a.setMarker(SeriesMarkers.NONE);
        a.setLineStyle(ChartTheme.dashed());
        XYSeries ys = chart.addSeries("Young interval", new double[] {young / 60, young / 60}, new double[] {lo, hi});
        ys.setMarker(SeriesMarkers.NONE);
        XYSeries ds = chart.addSeries("Daly interval", new double[] {daly / 60, daly / 60}, new double[] {lo, hi});
        ds.setMarker(SeriesMarkers.NONE);
        ds.setLineStyle(ChartTheme.dashed());
        return files.write("cluster-ettr-vs-interval", "Simulated ETTR (common random numbers across intervals) against"
                + " Daly's complete model; Young's and Daly's intervals marked.", chart, table);
    }

    /** Mean interruptions per cause, beside published counts where given. */
    static ChartRef interruptionsByCause(ChartFiles files, Map<String, Double> simulated, Map<String, Double> published)
            throws IOException {
        CategoryChart chart = ChartTheme.category("Interruptions by cause", "Cause", "Interruptions (count per run)");
        chart.getStyler().setXAxisLabelRotation(60);
        List<String> names = new ArrayList<>(simulated.keySet());
        List<Double> sim = names.stream().map(simulated::get).toList();
        chart.addSeries("simulated (mean)", names, sim);
        DataTable table = new DataTable("cause", "simulated_mean", "published");
        for (String n : names) {
            table.add(n, simulated.get(n), published == null ? null : published.get(n));
        }
        if (published != null) {
            chart.addSeries("published", names, names.stream().map(n -> published.getOrDefault(n, 0.0)).toList());
        }
        return files.write("cluster-interruptions-by-cause", "Unexpected interruptions per cause: simulated mean"
                + (published != null ? " beside the published counts." : "."), chart, table);
    }

    /**
     * The modelled step op by op: one bar per op with time (seconds per step, largest first), coloured
     * by its category (compute, recomputation, memory-bound, communication, all-to-all, bubble), so
     * the overheads read next to the products. The data file keeps every op, with its FLOPs and bytes.
     */
    static ChartRef stepBreakdown(ChartFiles files, StepResult step) throws IOException {
        CategoryChart chart = ChartTheme.category("Training step by op", "op", "Time per step (seconds)");
        chart.getStyler().setStacked(true);
        chart.getStyler().setXAxisLabelRotation(60);
        DataTable table = new DataTable("op", "category", "seconds", "flops", "bytes");
        for (StepOp op : step.ops()) {
            table.add(op.name(), op.kind().key(), op.seconds(), op.flops(), op.bytes());
        }
        List<StepOp> timed = step.ops().stream().filter(op -> op.seconds() > 0)
                .sorted(Comparator.comparingDouble(StepOp::seconds).reversed()).toList();
        List<String> names = timed.stream().map(StepOp::name).toList();
        for (StepOp.Kind kind : StepOp.Kind.values()) {
            if (timed.stream().anyMatch(op -> op.kind() == kind)) {
                chart.addSeries(kind.key(), names, timed.stream().map(op -> op.kind() == kind ? op.seconds() : 0.0).toList());
            }
        }
        return files.write("cluster-step-breakdown", String.format(Locale.ROOT, "Modelled step (%.3f s) op by op,"
                + " largest first, coloured by category: only compute does the model's FLOPs; recomputation,"
                + " memory-bound kernels, exposed communication and the pipeline bubble are overheads. The data file"
                + " lists each of the %d ops with its category, seconds, FLOPs and bytes.", step.stepSeconds(),
                step.ops().size()), chart, table);
    }

    /** All-reduce time and bus bandwidth against message size for each algorithm ({@link ClusterRows#allReduce}) on {@code ranks} GPUs. */
    static List<ChartRef> collectives(ChartFiles files, int ranks, List<ClusterRows.AllReducePoint> rows) throws IOException {
        XYChart time = ChartTheme.xy("All-reduce time on " + ranks + " GPUs", "Message size (bytes)", "Time (seconds)");
        XYChart bus = ChartTheme.xy("All-reduce bus bandwidth on " + ranks + " GPUs", "Message size (bytes)",
                "Bus bandwidth (GB/s)");
        time.getStyler().setXAxisLogarithmic(true);
        time.getStyler().setYAxisLogarithmic(true);
        bus.getStyler().setXAxisLogarithmic(true);
        bus.getStyler().setYAxisLogarithmic(true);
        DataTable table = new DataTable("algorithm", "bytes", "seconds", "algbw_gb_per_s", "busbw_gb_per_s");
        Map<String, List<ClusterRows.AllReducePoint>> byAlgorithm = new LinkedHashMap<>();
        for (ClusterRows.AllReducePoint r : rows) {
            byAlgorithm.computeIfAbsent(r.algorithm(), k -> new ArrayList<>()).add(r);
            table.add(r.algorithm(), r.bytes(), r.seconds(), r.algbwGbPerS(), r.busbwGbPerS());
        }
        for (Map.Entry<String, List<ClusterRows.AllReducePoint>> e : byAlgorithm.entrySet()) {
            List<Double> xs = e.getValue().stream().map(ClusterRows.AllReducePoint::bytes).toList();
            time.addSeries(e.getKey(), xs, e.getValue().stream().map(ClusterRows.AllReducePoint::seconds).toList());
            bus.addSeries(e.getKey(), xs, e.getValue().stream().map(ClusterRows.AllReducePoint::busbwGbPerS).toList());
        }
        return List.of(
                files.write("cluster-collective-time", "All-reduce time by algorithm (alpha-beta closed form, checked against"
                        + " the link-level simulation in the tests).", time, table),
                files.write("cluster-collective-busbw", "All-reduce bus bandwidth as nccl-tests defines it, by algorithm.", bus, table));
    }

    /** ETTR against the number of GPUs. */
    static ChartRef ettrVsClusterSize(ChartFiles files, List<ClusterRows.EttrPoint> points) throws IOException {
        XYChart chart = ChartTheme.xy("ETTR vs cluster size", "cluster size (GPUs)", "ETTR (fraction)");
        chart.getStyler().setXAxisLogarithmic(true);
        DataTable table = new DataTable("gpus", "ettr", "ettr_lo", "ettr_hi", "unexpected_interruptions");
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        double[] e = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            ClusterRows.EttrPoint p = points.get(i);
            x[i] = p.x();
            y[i] = p.ettr();
            e[i] = p.halfWidth();
            table.add(p.x(), y[i], p.lo(), p.hi(), p.unexpectedInterruptions());
        }
        chart.addSeries("simulated (95% interval)", x, y, e);
        return files.write("cluster-ettr-vs-size", "ETTR as the cluster grows (failure rates proportional to GPUs; checkpoint"
                + " interval re-optimised by the file's policy).", chart, table);
    }
}
