package org.scalelab.reports.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scalelab.cluster.collective.CollectiveAlgorithm;
import org.scalelab.cluster.collective.CollectiveCost;
import org.scalelab.cluster.collective.CollectiveOp;
import org.scalelab.cluster.collective.Network;
import org.scalelab.cluster.collective.Schedules;
import org.scalelab.cluster.params.Collective;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.report.ReportContext;
import org.scalelab.report.SectionReport;
import org.scalelab.report.SectionReport.Row;
import org.scalelab.report.SectionReport.Table;
import org.scalelab.report.chart.ChartFiles;
import org.scalelab.report.chart.ChartRef;
import org.scalelab.report.chart.ChartTheme;
import org.scalelab.report.chart.DataTable;

/**
 * The page of a {@code kind: cluster} file with a {@code collective:} block: the numbers
 * {@code cluster collective} prints for the same keys ({@link CollectiveCommand#compute}), and the
 * collective's time and bus bandwidth against message size for every algorithm that runs it on
 * the file's network, the file's size marked.
 */
public final class CollectiveReport {
    static final List<String> SOURCES = List.of(
            "Thakur, Rabenseifner, Gropp. Optimization of collective communication operations in MPICH. IJHPCA 19(1), 2005"
                    + " (alpha-beta costs of ring, binomial tree, recursive halving-doubling).",
            "Sanders, Speck, Traeff. Two-tree algorithms for full bandwidth broadcast, reduction and scan. Parallel Computing"
                    + " 35(12), 2009 (double binary tree); NVIDIA/nccl-tests#279 \"Is it suitable to calculate busBw in"
                    + " AllReduceGetBw for all of the algos?\" (NCCL's tree bandwidth ratio).",
            "NVIDIA nccl-tests, doc/PERFORMANCE.md (algbw and busbw definitions); NVIDIA/nccl-tests#130 \"algorithm bandwidth of"
                    + " all2all\" (all-to-all busbw).");

    /** Message sizes of the charts: 1 kB to 4 GB by factors of 4, and the file's size. */
    private static final double FIRST_BYTES = 1e3;
    private static final double LAST_BYTES = 4.1e9;

    private CollectiveReport() {}

    /** The machine-readable result: what {@code cluster collective --format json} prints. */
    public record Report(CollectiveCommand.Result collective) { }

    static SectionReport run(Collective c, ReportContext context) throws IOException {
        CollectiveCommand.Result r = CollectiveCommand.compute(c);
        Network net = c.network();
        CollectiveOp op = c.collectiveOp();
        List<ChartRef> charts = charts(context.charts(), c, net, op);
        String title = String.format(Locale.ROOT, "Collective: %s (%s) of %s bytes on %d GPUs", r.op(), r.algorithm(),
                fmt(r.bytes()), r.ranks());
        String summary = String.format(Locale.ROOT, "A %s of %s bytes over %d ranks by %s takes %s s by the alpha-beta closed"
                + " form: algorithm bandwidth %.1f GB/s, bus bandwidth %.1f GB/s as nccl-tests defines them.", r.op(),
                fmt(r.bytes()), r.ranks(), r.algorithm(), fmt(r.seconds()), r.algbwGbPerS(), r.busbwGbPerS());
        String closed = "computed (alpha-beta closed form of " + r.algorithm() + ")";
        List<Row> headline = List.of(
                new Row("Time", fmt(r.seconds()) + " s", closed),
                new Row("Algorithm bandwidth (algbw = S / t)", String.format(Locale.ROOT, "%.2f GB/s", r.algbwGbPerS()),
                        "computed (nccl-tests doc/PERFORMANCE.md)"),
                new Row("Bus bandwidth (busbw)", String.format(Locale.ROOT, "%.2f GB/s", r.busbwGbPerS()),
                        "computed (nccl-tests doc/PERFORMANCE.md: algbw x " + busFactor(op) + ")"),
                new Row("Time played transfer by transfer over the links", r.simulatedSeconds() == null ? "skipped"
                        : fmt(r.simulatedSeconds()) + " s", r.simulatedSeconds() == null ? "not simulated (limit "
                        + Schedules.MAX_SIMULATED_RANKS + " ranks)" : "simulated (link-level simulation"
                        + (c.slowRank() == null ? "" : "; rank " + c.slowRank() + " at " + c.slowFactor() + " of its bandwidth") + ")"));
        List<String> notes = new ArrayList<>();
        if (r.note() != null) {
            notes.add("Link-level " + r.note() + ".");
        }
        notes.add(String.format(Locale.ROOT, "Network: %d ranks, %d per node, NVLink %s GB/s and %s us per message; inter-node"
                + " %s Gbit/s per NIC and %s us; %d NICs per node%s.", net.ranks(), net.gpusPerNode(), fmt(net.bandwidthGbPerS()),
                fmt(net.latencyUs()), fmt(8 * net.interNodeBandwidthGbPerS()), fmt(net.interNodeLatencyUs()), net.nicsPerNode(),
                net.podGpus() > 0 ? String.format(Locale.ROOT, ", pods of %d GPUs at oversubscription %s", net.podGpus(),
                        fmt(net.oversubscription())) : ""));
        notes.add("The closed form and the link-level simulation agree on an idle, uniform network; the simulation is"
                + " longer where NICs are shared or a rank is slow. Both run at the link rates given: real NCCL reaches less"
                + " (kernel launch, protocol and congestion are not modelled).");
        return new SectionReport(title, summary, headline, charts, List.of(byAlgorithm(c, net, op)), SOURCES, notes,
                new Report(r));
    }

    /** Every algorithm that runs {@code op} on {@code net}, the file's first. */
    private static List<CollectiveAlgorithm> algorithms(Collective c, Network net, CollectiveOp op) {
        List<CollectiveAlgorithm> out = new ArrayList<>();
        out.add(c.collectiveAlgorithm());
        for (CollectiveAlgorithm a : CollectiveAlgorithm.values()) {
            if (a == c.collectiveAlgorithm()) {
                continue;
            }
            try {
                Schedules.checkApplicable(op, a, net);
                out.add(a);
            } catch (InvalidParameterException e) {
                // Not defined for this op or rank count (trees for all-gather, halving-doubling off powers of two).
            }
        }
        return out;
    }

    private static Table byAlgorithm(Collective c, Network net, CollectiveOp op) {
        List<List<String>> rows = new ArrayList<>();
        for (CollectiveAlgorithm a : algorithms(c, net, op)) {
            double t = CollectiveCost.seconds(op, a, net, c.bytes());
            rows.add(List.of(a.key(), fmt(t), String.format(Locale.ROOT, "%.2f", CollectiveCost.algorithmBandwidthGbPerS(c.bytes(), t)),
                    String.format(Locale.ROOT, "%.2f", CollectiveCost.busBandwidthGbPerS(op, net.ranks(), c.bytes(), t))));
        }
        return new Table("The same " + op.key() + " of " + fmt(c.bytes()) + " bytes by every algorithm that runs it here"
                + " (closed form)", List.of("algorithm", "seconds", "algbw (GB/s)", "busbw (GB/s)"), rows);
    }

    private static List<ChartRef> charts(ChartFiles files, Collective c, Network net, CollectiveOp op) throws IOException {
        String what = op.key() + " on " + net.ranks() + " GPUs";
        XYChart time = ChartTheme.xy("Time of " + what, "Message size (bytes)", "Time (seconds)");
        XYChart bus = ChartTheme.xy("Bus bandwidth of " + what, "Message size (bytes)", "Bus bandwidth (GB/s)");
        for (XYChart chart : List.of(time, bus)) {
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setYAxisLogarithmic(true);
        }
        DataTable table = new DataTable("algorithm", "bytes", "seconds", "algbw_gb_per_s", "busbw_gb_per_s");
        List<Double> sizes = new ArrayList<>();
        for (double b = Math.min(FIRST_BYTES, c.bytes()); b <= Math.max(LAST_BYTES, c.bytes() * 1.0001); b *= 4) {
            sizes.add(b);
        }
        for (CollectiveAlgorithm a : algorithms(c, net, op)) {
            List<Double> ts = new ArrayList<>();
            List<Double> bs = new ArrayList<>();
            for (double b : sizes) {
                double t = CollectiveCost.seconds(op, a, net, b);
                double bw = CollectiveCost.busBandwidthGbPerS(op, net.ranks(), b, t);
                ts.add(t);
                bs.add(bw);
                table.add(a.key(), b, t, CollectiveCost.algorithmBandwidthGbPerS(b, t), bw);
            }
            time.addSeries(a.key(), sizes, ts);
            bus.addSeries(a.key(), sizes, bs);
        }
        CollectiveAlgorithm chosen = c.collectiveAlgorithm();
        double t = CollectiveCost.seconds(op, chosen, net, c.bytes());
        mark(time, c.bytes(), t);
        mark(bus, c.bytes(), CollectiveCost.busBandwidthGbPerS(op, net.ranks(), c.bytes(), t));
        return List.of(
                files.write("cluster-collective-time", "Time of the " + what + " by algorithm against message size (alpha-beta"
                        + " closed form); the file's size by " + chosen.key() + " marked.", time, table),
                files.write("cluster-collective-busbw", "Bus bandwidth of the " + what + " as nccl-tests defines it, by"
                        + " algorithm; the file's size marked.", bus, table));
    }

    private static void mark(XYChart chart, double x, double y) {
        XYSeries s = chart.addSeries("this file", new double[] {x}, new double[] {y});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.DIAMOND);
    }

    private static String busFactor(CollectiveOp op) {
        return switch (op) {
            case ALL_REDUCE -> "2(n-1)/n";
            case BROADCAST -> "1";
            default -> "(n-1)/n";
        };
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.4g", x);
    }
}
