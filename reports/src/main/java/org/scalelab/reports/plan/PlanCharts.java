package org.scalelab.reports.plan;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scalelab.planner.Plan;
import org.scalelab.planner.Sensitivity;
import org.scalelab.report.chart.ChartFiles;
import org.scalelab.report.chart.ChartRef;
import org.scalelab.report.chart.ChartTheme;
import org.scalelab.report.chart.DataTable;
import org.scalelab.reports.cluster.ClusterCharts;
import org.scalelab.reports.scaling.ScalingCharts;

/** The plan page's charts, drawn from {@link PlanRows}, each with those rows written beside it. */
final class PlanCharts {
    private PlanCharts() {}

    static List<ChartRef> all(PlanRows rows, ChartFiles files) throws IOException {
        List<ChartRef> charts = new ArrayList<>();
        charts.add(allocation(rows.allocation(), files));
        charts.add(memory(rows.layout(), rows.memory(), files));
        if (rows.timeline() != null) {
            charts.add(ClusterCharts.timeline(files, rows.timeline()));
        }
        charts.add(sweep(files, "plan-days-vs-gpus", "Training days against the GPU count", "Training days against the GPU"
                + " count: TP, PP, ZeRO and recomputation of the chosen layout kept, the rest searched again (computed;"
                + " wall time simulated)." + rows.headlineNote(), "cluster size (GPUs)", "gpus", rows.daysVsGpus(), true,
                rows.headline()));
        if (rows.timeline() != null) {
            charts.add(sweep(files, "plan-ettr-vs-mtbf", "ETTR against the job's MTBF", "ETTR against the job's MTBF (every"
                    + " failure rate scaled; simulated)", "job MTBF (hours)", "job_mtbf_hours", rows.ettrVsMtbf(),
                    false, null));
            charts.add(sweep(files, "plan-days-vs-interval", "Wall days against the checkpoint interval", "Wall days against"
                    + " the checkpoint interval (the middle point is the plan's; simulated)", "checkpoint interval (s)",
                    "checkpoint_interval_seconds", rows.daysVsInterval(), true, null));
        }
        return charts;
    }

    /**
     * The plan's (N, D) on the law's iso-loss lines, or on its iso-FLOP line when the law has no loss.
     * A mixture-of-experts plan has no routed law: it is drawn at its active parameter count on the
     * dense law, for orientation only, as the caption says (C = 6 N_active D puts it on its own
     * iso-FLOP line).
     */
    private static ChartRef allocation(PlanRows.Allocation a, ChartFiles files) throws IOException {
        DataTable data = new DataTable("series", "params", "tokens", "loss_nats");
        XYChart chart;
        if (a.plan().loss() != null) {
            chart = ScalingCharts.contours(a.law(), a.contours(), data);
            if (a.moe()) {
                chart.setTitle("Dense " + a.law() + " loss contours, the plan at its active parameters");
            }
        } else {
            chart = ChartTheme.xy("The plan on the iso-FLOP line of its budget (" + a.law() + " has no loss)",
                    a.moe() ? "active parameters N_active (parameters)" : "model size N (parameters)", "training data D (tokens)");
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setYAxisLogarithmic(true);
            double[] n = new double[a.isoFlop().size()];
            double[] d = new double[n.length];
            for (int i = 0; i < n.length; i++) {
                PlanRows.Point pt = a.isoFlop().get(i);
                n[i] = pt.params();
                d[i] = pt.tokens();
                data.add(pt.series(), pt.params(), pt.tokens(), pt.loss());
            }
            chart.addSeries("iso-FLOP C = 6ND", n, d).setMarker(SeriesMarkers.NONE);
        }
        PlanRows.Point opt = a.optimum();
        XYSeries optimum = chart.addSeries(opt.series(), new double[] {opt.params()}, new double[] {opt.tokens()});
        optimum.setMarker(SeriesMarkers.DIAMOND);
        data.add(opt.series(), opt.params(), opt.tokens(), opt.loss());
        PlanRows.Point p = a.plan();
        XYSeries plan = chart.addSeries(p.series(), new double[] {p.params()}, new double[] {p.tokens()});
        plan.setMarker(SeriesMarkers.CIRCLE);
        data.add(p.series(), p.params(), p.tokens(), p.loss());
        String caption = a.moe()
                ? String.format(Locale.ROOT, "For orientation only: no scaling law for routed models is applied. The dense"
                        + " %s law is drawn with the plan at its active parameters N_active = %.3g (of %.3g in all) and"
                        + " D = %.3g, and its optimum at C = 6 N_active D = %.3g FLOPs (computed)", a.law(), p.params(),
                        a.totalParams(), p.tokens(), a.computeFlops())
                : String.format(Locale.ROOT, "The plan's N = %.3g and D = %.3g beside the %s law's optimum at C = %.3g"
                        + " FLOPs (computed)", p.params(), p.tokens(), a.law(), a.computeFlops());
        return files.write("plan-allocation", caption, chart, data);
    }

    /** The chosen layout's per-GPU memory by component, beside the GPU's memory. */
    private static ChartRef memory(String layout, List<PlanRows.Component> components, ChartFiles files) throws IOException {
        DataTable data = new DataTable("component", "bytes", "gb");
        List<String> names = new ArrayList<>();
        List<Double> gb = new ArrayList<>();
        for (PlanRows.Component c : components) {
            names.add(c.name());
            gb.add(c.bytes() / 1e9);
            data.add(c.name(), c.bytes(), c.bytes() / 1e9);
        }
        CategoryChart chart = ChartTheme.category("Memory of the most loaded GPU by component", "component",
                "GB (10^9 bytes)");
        chart.getStyler().setLegendVisible(false);
        chart.addSeries("per GPU", names, gb);
        return files.write("plan-memory", "Per-GPU memory of the chosen layout (" + layout + ") by component,"
                + " beside the GPU's memory (computed: the memory model)", chart, data);
    }

    /**
     * One sensitivity sweep: {@code column} names the swept quantity and unit in the data file;
     * {@code plan}, when given, adds the headline's own wall days at its GPU count as a point.
     */
    private static ChartRef sweep(ChartFiles files, String name, String title, String caption, String xTitle, String column,
            List<Sensitivity.Point> points, boolean days, Plan plan) throws IOException {
        XYChart chart = ChartTheme.xy(title, xTitle, days ? "training time (days)" : "ETTR (fraction)");
        chart.getStyler().setXAxisLogarithmic(true);
        DataTable data = new DataTable(column, "compute_days", "wall_days", "ettr", "series");
        double[] x = new double[points.size()];
        double[] compute = new double[points.size()];
        double[] wall = new double[points.size()];
        double[] ettr = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            Sensitivity.Point pt = points.get(i);
            x[i] = pt.x();
            compute[i] = pt.computeDays();
            wall[i] = pt.wallDays();
            ettr[i] = pt.ettr();
            data.add(pt.x(), pt.computeDays(), pt.wallDays(), pt.ettr(), "sweep");
        }
        if (points.size() >= 1) {
            if (days) {
                chart.addSeries("failure-free (compute)", x, compute);
                chart.addSeries("with failures (wall)", x, wall);
            } else {
                chart.addSeries("ETTR", x, ettr);
            }
        }
        if (plan != null) {
            chart.addSeries("headline wall days", new double[] {plan.gpus()}, new double[] {plan.wallDays()})
                    .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            data.add(plan.gpus(), plan.computeDays(), plan.wallDays(), plan.ettr(), "headline");
        }
        return files.write(name, caption, chart, data);
    }
}
