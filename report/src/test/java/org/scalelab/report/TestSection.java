package org.scalelab.report;

import java.io.IOException;
import java.util.List;
import org.scalelab.common.Check;
import org.scalelab.report.chart.ChartTheme;
import org.scalelab.report.chart.DataTable;

/** A kind that exists only in tests: a nested record like a real cluster file, and a switch to fail midway. */
public final class TestSection implements Section<TestSection.Params> {
    public record Network(Double interNodeGbitPerS, Double latencySeconds) {
        public Network {
            Check.positive("inter_node_gbit_per_s", Check.present("inter_node_gbit_per_s", interNodeGbitPerS));
            latencySeconds = latencySeconds == null ? 5e-6 : Check.nonNegative("latency_seconds", latencySeconds);
        }
    }

    public record Cluster(Integer gpus, Network network) {
        public Cluster {
            Check.atLeastOne("gpus", Check.present("gpus", gpus));
            Check.present("network", network);
        }
    }

    public record Params(Cluster cluster, List<Long> sizes, Boolean failAfterFirstChart, String label) {
        public Params {
            Check.present("cluster", cluster);
            sizes = sizes == null ? List.of(1L) : sizes;
            for (int i = 0; i < sizes.size(); i++) {
                Check.atLeastOne("sizes[" + i + "]", sizes.get(i));
            }
            failAfterFirstChart = failAfterFirstChart != null && failAfterFirstChart;
        }
    }

    @Override
    public String kind() {
        return "test";
    }

    @Override
    public Class<Params> parameterType() {
        return Params.class;
    }

    @Override
    public SectionReport run(Params p, ReportContext context) throws IOException {
        var chart = ChartTheme.xy("Sizes", "index (count)", "size (bytes)");
        double[] x = new double[p.sizes().size()];
        double[] y = new double[x.length];
        DataTable data = new DataTable("index", "size_bytes");
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = p.sizes().get(i);
            data.add(i, p.sizes().get(i));
        }
        chart.addSeries("sizes", x, y);
        var ref = context.charts().write("sizes", "The sizes", chart, data);
        if (p.failAfterFirstChart()) {
            throw new IllegalStateException("injected failure after the first chart");
        }
        if (p.cluster().gpus() > 1_000_000) {
            throw new org.scalelab.common.InvalidParameterException("cluster.gpus", "must be at most 1000000 for this test", p.cluster().gpus());
        }
        return new SectionReport("Test section", "A test.", List.of(new SectionReport.Row("GPUs", p.cluster().gpus() + " GPUs", "input")),
                List.of(ref), List.of(), List.of("Nobody et al. 2099"), List.of(), java.util.Map.of("gpus", p.cluster().gpus()));
    }
}
