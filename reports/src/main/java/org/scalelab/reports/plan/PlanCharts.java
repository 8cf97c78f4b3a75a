package org.scalelab.reports.plan;

import org.scalelab.memory.PerGpuBytes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scalelab.common.Units;
import org.scalelab.planner.Plan;
import org.scalelab.planner.Planner;
import org.scalelab.planner.Sensitivity;
import org.scalelab.report.chart.ChartFiles;
import org.scalelab.report.chart.ChartRef;
import org.scalelab.report.chart.ChartTheme;
import org.scalelab.report.chart.DataTable;
import org.scalelab.reports.cluster.ClusterCharts;
import org.scalelab.reports.scaling.ScalingCharts;
import org.scalelab.scaling.Law;

/** The plan page's charts, each with its data written beside it. */
final class PlanCharts {
    private PlanCharts() {}

    static List<ChartRef> all(Planner.Outcome o, ChartFiles files, int threads) throws IOException {
        List<ChartRef> charts = new ArrayList<>();
        charts.add(allocation(o, files));
        charts.add(memory(o.answer(), files));
        if (o.run() != null) {
            charts.add(ClusterCharts.timeline(files, Sensitivity.timeline(o), o.run().horizonDays() * Units.SECONDS_PER_DAY));
        }
        Plan p = o.answer();
        String headline = p.interruptions() == null ? "" : String.format(Locale.ROOT, " The point at %d GPUs comes from %d"
                + " replications over at most %.0f job MTBFs, so it differs a little from the headline's %.2f wall days"
                + " (%d replications over the whole run), drawn as its own point.", p.gpus(),
                Sensitivity.replications(o.spec()), Sensitivity.HORIZON_MTBFS, p.wallDays(), p.replications());
        charts.add(sweep(files, "plan-days-vs-gpus", "Training days against the GPU count", "Training days against the GPU"
                + " count: TP, PP, ZeRO and recomputation of the chosen layout kept, the rest searched again (computed;"
                + " wall time simulated)." + headline, "cluster size (GPUs)", "gpus", Sensitivity.daysVsGpus(o, threads), true,
                p.interruptions() == null ? null : p));
        if (o.run() != null) {
            charts.add(sweep(files, "plan-ettr-vs-mtbf", "ETTR against the job's MTBF", "ETTR against the job's MTBF (every"
                    + " failure rate scaled; simulated)", "job MTBF (hours)", "job_mtbf_hours", Sensitivity.ettrVsMtbf(o, threads),
                    false, null));
            charts.add(sweep(files, "plan-days-vs-interval", "Wall days against the checkpoint interval", "Wall days against"
                    + " the checkpoint interval (the middle point is the plan's; simulated)", "checkpoint interval (s)",
                    "checkpoint_interval_seconds", Sensitivity.daysVsInterval(o, threads), true, null));
        }
        return charts;
    }

    /**
     * The plan's (N, D) on the law's iso-loss lines, or on its iso-FLOP line when the law has no loss.
     * A mixture-of-experts plan has no routed law: it is drawn at its active parameter count on the
     * dense law, for orientation only, as the caption says (C = 6 N_active D puts it on its own
     * iso-FLOP line).
     */
    private static ChartRef allocation(Planner.Outcome o, ChartFiles files) throws IOException {
        Plan p = o.answer();
        Law law = o.spec().law();
        boolean moe = p.moe() != null;
        double n0 = moe ? p.moe().activeParams() : p.params();
        String who = moe ? "this plan at N_active" : "this plan";
        double nLo = n0 / 100;
        double nHi = n0 * 100;
        DataTable data = new DataTable("series", "params", "tokens", "loss_nats");
        XYChart chart;
        boolean hasLoss = law.loss(n0, p.tokens()) != null;
        if (hasLoss) {
            chart = ScalingCharts.contours(ScalingCharts.Surface.of(law), nLo, nHi, data);
            if (moe) {
                chart.setTitle("Dense " + law.id() + " loss contours, the plan at its active parameters");
            }
        } else {
            chart = ChartTheme.xy("The plan on the iso-FLOP line of its budget (" + law.id() + " has no loss)",
                    moe ? "active parameters N_active (parameters)" : "model size N (parameters)", "training data D (tokens)");
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setYAxisLogarithmic(true);
            double[] n = ScalingCharts.logSpace(nLo, nHi, 40);
            double[] d = new double[n.length];
            for (int i = 0; i < n.length; i++) {
                d[i] = p.computeFlops() / (6 * n[i]);
                data.add("iso-FLOP C = 6ND", n[i], d[i], null);
            }
            chart.addSeries("iso-FLOP C = 6ND", n, d).setMarker(SeriesMarkers.NONE);
        }
        Law.LawOptimum opt = law.optimum(p.computeFlops());
        XYSeries optimum = chart.addSeries(law.id() + " optimum at C", new double[] {opt.params()}, new double[] {opt.tokens()});
        optimum.setMarker(SeriesMarkers.DIAMOND);
        data.add(law.id() + " optimum at C", opt.params(), opt.tokens(), opt.loss());
        XYSeries plan = chart.addSeries(who, new double[] {n0}, new double[] {p.tokens()});
        plan.setMarker(SeriesMarkers.CIRCLE);
        data.add(who, n0, p.tokens(), law.loss(n0, p.tokens()));
        String caption = moe
                ? String.format(Locale.ROOT, "For orientation only: no scaling law for routed models is applied. The dense"
                        + " %s law is drawn with the plan at its active parameters N_active = %.3g (of %.3g in all) and"
                        + " D = %.3g, and its optimum at C = 6 N_active D = %.3g FLOPs (computed)", law.id(), n0,
                        (double) p.params(), p.tokens(), p.computeFlops())
                : String.format(Locale.ROOT, "The plan's N = %.3g and D = %.3g beside the %s law's optimum at C = %.3g"
                        + " FLOPs (computed)", n0, p.tokens(), law.id(), p.computeFlops());
        return files.write("plan-allocation", caption, chart, data);
    }

    /** The chosen layout's per-GPU memory by component, beside the GPU's memory. */
    private static ChartRef memory(Plan p, ChartFiles files) throws IOException {
        PerGpuBytes b = p.perGpuBytes();
        List<String> names = List.of("parameters", "gradients", "optimizer_states", "gathered_parameters", "activations",
                "buffers", "reserve", "total", "gpu_memory");
        long[] bytes = {b.parameters(), b.gradients(), b.optimizerStates(), b.gatheredParameters(), b.activations(), b.buffers(),
            b.reserve(), b.total(), p.gpuMemoryBytes()};
        DataTable data = new DataTable("component", "bytes", "gb");
        List<Double> gb = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            gb.add(bytes[i] / 1e9);
            data.add(names.get(i), bytes[i], bytes[i] / 1e9);
        }
        CategoryChart chart = ChartTheme.category("Memory of the most loaded GPU by component", "component",
                "GB (10^9 bytes)");
        chart.getStyler().setLegendVisible(false);
        chart.addSeries("per GPU", names, gb);
        return files.write("plan-memory", "Per-GPU memory of the chosen layout (" + p.layout().label() + ") by component,"
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
