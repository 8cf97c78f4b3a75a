package org.scalelab.sweeps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scalelab.report.cli.HumanTable;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.scalelab.report.ReportContext;
import org.scalelab.report.SectionReport;
import org.scalelab.report.chart.ChartRef;
import org.scalelab.reports.sweep.SweepParameters;
import org.scalelab.reports.sweep.SweepRunner;
import org.scalelab.sweeps.kinds.SweepKinds;

/**
 * The {@link SweepRunner} of the sweeps jar (registered in META-INF/services): plans and checks
 * every point, runs them on Spark, writes {@code points.csv}, {@code points.parquet/} and the charts,
 * and reports the extremes of the first metric.
 */
public final class SparkSweepRunner implements SweepRunner {
    /** What {@code result.json} holds for a sweep. */
    public record Result(String baseKind, int points, int replications, long seed, String master, int partitions,
            List<String> axes, List<String> metrics, String pointsCsv, String pointsParquet) { }

    @Override
    public SectionReport run(SweepParameters sweep, ReportContext context) throws IOException {
        SweepPlan plan = plan(sweep, context.seed());
        String master = sweep.master() != null ? sweep.master() : System.getProperty("spark.master", "local[*]");
        boolean ownSession = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = SparkSessions.start(master, List.of());
        try {
            int partitions = sweep.partitions() != null ? sweep.partitions()
                    : Math.max(1, Math.min(plan.points().size(), 2 * spark.sparkContext().defaultParallelism()));
            List<SparkSweep.Result> results;
            try (ReportContext.Progress.Task task = context.task("sweep", partitions)) {
                results = SparkSweep.run(spark, plan.points(), plan.kind().model(plan.replications(), plan.metrics()), partitions, task);
            }
            SweepOutputs.write(spark, plan, results, context.outDir());
            List<ChartRef> charts = SweepCharts.write(context.charts(), plan, results);
            return report(plan, results, "Apache Spark " + spark.version(), master, partitions, charts);
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    /**
     * Checks the sweep and every point, as {@link #run} does before starting Spark.
     *
     * @throws org.scalelab.common.InvalidParameterException naming the bad key (see {@link SweepPlan#of})
     */
    public static SweepPlan plan(SweepParameters sweep, long seed) {
        SweepKind kind = SweepKinds.forName(sweep.baseKind());
        ObjectNode base = sweep.base().deepCopy();
        base.remove(List.of("kind", "name", "seed"));
        int replications;
        try {
            replications = sweep.replications() != null ? sweep.replications() : kind.defaultReplications(base);
        } catch (org.scalelab.common.InvalidParameterException e) {
            throw e.under("base");
        }
        List<Axis> axes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : sweep.axes().entrySet()) {
            axes.add(Axis.parse(e.getKey(), e.getValue()));
        }
        try {
            return SweepPlan.of(kind, base, new Grid(axes, sweep.zip()), sweep.metrics(), replications, seed);
        } catch (org.scalelab.common.InvalidParameterException e) {
            // replications the sweep file does not give are the base's
            throw sweep.replications() == null && e.field().equals("replications") ? e.under("base") : e;
        }
    }

    private static SectionReport report(SweepPlan plan, List<SparkSweep.Result> results, String spark, String master,
            int partitions, List<ChartRef> charts) {
        String first = plan.metrics().get(0);
        SparkSweep.Result lo = null;
        SparkSweep.Result hi = null;
        for (SparkSweep.Result r : results) {
            double v = r.values()[0];
            if (Double.isFinite(v)) {
                lo = lo == null || v < lo.values()[0] ? r : lo;
                hi = hi == null || v > hi.values()[0] ? r : hi;
            }
        }
        String origin = plan.replications() > 1 ? "simulated (" + plan.replications() + " replications per point, 95 % interval)"
                : "computed (the " + plan.kind().kind() + " model of each point)";
        List<SectionReport.Row> headline = new ArrayList<>();
        headline.add(new SectionReport.Row("Points", String.valueOf(plan.points().size()), "the grid of the sweep file"));
        headline.add(new SectionReport.Row("Replications per point", String.valueOf(plan.replications()), "the sweep file"));
        headline.add(new SectionReport.Row("Master seed", String.valueOf(plan.masterSeed()), "point i's seed is split from it"));
        if (hi != null) {
            headline.add(new SectionReport.Row("Highest " + first, describe(plan, hi), origin));
            headline.add(new SectionReport.Row("Lowest " + first, describe(plan, lo), origin));
        }
        headline.add(new SectionReport.Row("Spark", master + ", " + partitions + " tasks", spark));
        String summary = String.format(Locale.ROOT, "%d points of a kind: %s file (%s) x %d replications on %s: %s from %s to %s.",
                plan.points().size(), plan.kind().kind(), String.join(", ", plan.grid().axes().stream().map(Axis::path).toList()),
                plan.replications(), master, first, lo == null ? "-" : PointsCsv.number(lo.values()[0]),
                hi == null ? "-" : PointsCsv.number(hi.values()[0]));
        List<String> notes = List.of(
                "points.csv and points.parquet/ hold every point: index, seed, axis values, and per metric the mean and the 95 % "
                        + "interval (<metric>_lo95, <metric>_hi95). points.csv is byte-identical for any Spark master and partitioning.",
                "Each point runs the " + plan.kind().kind() + " kind's own model; point i's seed is the i-th split of the master seed, "
                        + "so one point can be rerun alone with --seed and its seed from points.csv.");
        Result result = new Result(plan.kind().kind(), plan.points().size(), plan.replications(), plan.masterSeed(), master, partitions,
                plan.grid().axes().stream().map(Axis::path).toList(), plan.metrics(), "points.csv", "points.parquet");
        return new SectionReport("Sweep: " + first + " over " + String.join(" x ", plan.grid().axes().stream().map(Axis::path).toList()),
                summary, headline, charts, List.of(), List.of(spark + ", spark.apache.org"), notes, result);
    }

    private static String describe(SweepPlan plan, SparkSweep.Result r) {
        StringBuilder sb = new StringBuilder(HumanTable.sig(r.values()[0]));
        if (plan.replications() > 1) {
            sb.append(" [").append(HumanTable.sig(r.values()[1])).append(", ").append(HumanTable.sig(r.values()[2])).append(']');
        }
        sb.append(" at ");
        List<JsonNode> values = plan.grid().values(r.index());
        for (int a = 0; a < values.size(); a++) {
            sb.append(a == 0 ? "" : ", ").append(plan.grid().axes().get(a).path()).append(" = ")
                    .append(values.get(a).isNumber() ? HumanTable.sig(values.get(a).asDouble()) : values.get(a).asText());
        }
        return sb.toString();
    }
}
