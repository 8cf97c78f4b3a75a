package org.scalelab.reports.memory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scalelab.common.GpuSpec;
import org.scalelab.memory.MemoryBreakdown;
import org.scalelab.memory.MemoryComparisons.FitCell;
import org.scalelab.memory.MemoryComparisons.OpBytes;
import org.scalelab.memory.MemoryComparisons.SeqPoint;
import org.scalelab.memory.MemoryComparisons.StagePoint;
import org.scalelab.memory.PeakMemory;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.TrainingSetup;
import org.scalelab.report.chart.ChartFiles;
import org.scalelab.report.chart.ChartTheme;
import org.scalelab.report.chart.DataTable;
import org.scalelab.report.chart.ChartRef;

/**
 * The charts of a memory section, each drawn from the rows {@link org.scalelab.memory.MemoryComparisons}
 * computed and written with exactly those rows beside it.
 */
final class MemoryCharts {
    private static final String[] COMPONENTS = {"parameters", "gradients", "optimizer states", "ZeRO-3 gathered layer", "activations",
        "buffers", "reserve"};

    /** Ops of the activation chart with a band of their own; one more band holds the rest (the palette has seven colours). */
    private static final int SHOWN_OPS = 6;

    private MemoryCharts() {}

    /**
     * Stacked bars by component for stages 0-3: the ZeRO paper's Figure 1 for this model, at
     * {@code setup}'s N_d (which may differ from the file's {@code fileDp}; the caption then says so).
     * {@code peak} is the step peak at the file's own N_d, named in the caption when a recipe is set.
     */
    static ChartRef stagesStacked(ChartFiles files, TrainingSetup setup, GpuSpec gpu, List<StagePoint> points, long fileDp,
            PeakMemory peak) throws IOException {
        CategoryChart chart = ChartTheme.category("Per-GPU memory by ZeRO stage (N_d = " + setup.dp() + ", t = " + setup.tp()
                + ", p = " + setup.pp() + ")", "ZeRO stage", "Per-GPU memory (GB, 10^9 bytes)");
        chart.getStyler().setStacked(true);
        List<String> stages = new ArrayList<>();
        double[][] gb = new double[COMPONENTS.length][points.size()];
        DataTable data = new DataTable("zero_stage", "parameters_gb", "gradients_gb", "optimizer_states_gb", "gathered_gb",
                "activations_gb", "buffers_gb", "reserve_gb", "total_gb", "gpu_memory_gb", "fits");
        for (int k = 0; k < points.size(); k++) {
            StagePoint p = points.get(k);
            double[] c = components(p.breakdown());
            stages.add(p.stage().number() + " (" + p.stage().paperName() + ")");
            for (int i = 0; i < c.length; i++) {
                gb[i][k] = c[i] / 1e9;
            }
            data.add(p.stage().number(), c[0] / 1e9, c[1] / 1e9, c[2] / 1e9, c[3] / 1e9, c[4] / 1e9, c[5] / 1e9, c[6] / 1e9,
                    p.totalBytes() / 1e9, gpu.memoryGb(), p.fits());
        }
        for (int i = 0; i < COMPONENTS.length; i++) {
            List<Double> ys = new ArrayList<>();
            for (double v : gb[i]) {
                ys.add(v);
            }
            chart.addSeries(COMPONENTS[i], stages, ys);
        }
        String caption = "Per-GPU memory by component for ZeRO stages 0-3 (ZeRO paper Figure 1 for this model); "
                + gpu.key() + " holds " + String.format(Locale.ROOT, "%.1f", gpu.memoryGb()) + " GB.";
        if (setup.dp() != fileDp) {
            caption += " Drawn at N_d = " + setup.dp() + ", the largest of dp_sweep: at the file's N_d = " + fileDp
                    + " ZeRO partitions nothing, so the four stages would hold the same.";
        } else if (setup.dp() == 1) {
            caption += " At N_d = 1 ZeRO partitions nothing, so the four stages hold the same; a dp_sweep above 1 draws them apart.";
        }
        if (setup.recipe() != null) {
            caption += String.format(Locale.ROOT, " The bars are the steady-state lines (their sum is per_gpu_bytes.total), not the"
                    + " step peak: recipe %s peaks at %.2f GB at %s (N_d = %d, as torch.cuda.max_memory_allocated would report it).",
                    setup.recipe().key(), peak.peakAllocatedBytes() / 1e9, peak.peakPhase().key().replace('_', ' '), fileDp);
        }
        return files.write("memory-by-stage", caption, chart, data);
    }

    /** Per-GPU total vs data-parallel degree for each stage, log-log. */
    static ChartRef versusDp(ChartFiles files, GpuSpec gpu, List<StagePoint> points) throws IOException {
        XYChart chart = ChartTheme.xy("Per-GPU memory vs data-parallel degree", "Data-parallel degree N_d (GPUs)",
                "Per-GPU memory (GB, 10^9 bytes)");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        DataTable data = new DataTable("dp", "zero_stage", "total_gb", "model_states_gb", "gpu_memory_gb");
        Map<String, List<StagePoint>> byStage = new LinkedHashMap<>();
        for (StagePoint p : points) {
            byStage.computeIfAbsent("stage " + p.stage().number() + " (" + p.stage().paperName() + ")", k -> new ArrayList<>()).add(p);
            data.add(p.dp(), p.stage().number(), p.totalBytes() / 1e9, p.modelStatesBytes() / 1e9, gpu.memoryGb());
        }
        List<Double> xs = List.of();
        for (Map.Entry<String, List<StagePoint>> e : byStage.entrySet()) {
            xs = e.getValue().stream().map(p -> (double) p.dp()).toList();
            chart.addSeries(e.getKey(), xs, e.getValue().stream().map(p -> p.totalBytes() / 1e9).toList());
        }
        XYSeries limit = chart.addSeries(gpu.key() + " memory", List.of(xs.get(0), xs.get(xs.size() - 1)),
                List.of(gpu.memoryGb(), gpu.memoryGb()));
        limit.setLineStyle(ChartTheme.dashed());
        limit.setMarker(SeriesMarkers.NONE);
        return files.write("memory-vs-dp", "Per-GPU memory against the data-parallel degree for each ZeRO stage (log-log); "
                + "the dashed line is the GPU's memory.", chart, data);
    }

    /**
     * Heat map over model size × GPU count: the lowest ZeRO stage that fits (4 = none fits). Fit is
     * monotone in the stage, so one map shows the fits/doesn't-fit boundary of all four stages.
     * {@code cells} run size by size, each over the same GPU counts.
     */
    static ChartRef fitsHeatMap(ChartFiles files, TrainingSetup setup, GpuSpec gpu, List<Double> sizesB, List<FitCell> cells)
            throws IOException {
        HeatMapChart chart = ChartTheme.heatMap("Lowest ZeRO stage that fits on " + gpu.key() + " (4 = none)",
                "GPUs (count)", "Model size (billions of parameters)");
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(4);
        chart.getStyler().setShowValue(true);
        DataTable data = new DataTable("model_params_b", "gpus", "dp", "fits_stage_0", "fits_stage_1", "fits_stage_2",
                "fits_stage_3", "lowest_fitting_stage");
        int columns = sizesB.isEmpty() ? 0 : cells.size() / sizesB.size();
        List<Number[]> heat = new ArrayList<>();
        List<String> gpuLabels = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            FitCell c = cells.get(i);
            if (i < columns) {
                gpuLabels.add(String.valueOf(c.gpus()));
            }
            heat.add(new Number[] {i % columns, i / columns, c.lowestStage()});
            data.add(c.paramsB(), c.gpus(), c.dp(), c.fits().get(0), c.fits().get(1), c.fits().get(2), c.fits().get(3),
                    c.lowestStage());
        }
        chart.addSeries("lowest stage", gpuLabels, sizesB.stream().map(MemoryCharts::billions).toList(), heat);
        return files.write("fits-heatmap", "Which ZeRO stages fit: the lowest stage that fits each model size and GPU count "
                + "(every higher stage fits too; 4 = none). Model states, buffers and reserve only: activations depend on "
                + "the shape, which the sizes here do not have" + (setup.ep() > 1 ? "; each size is a dense model (no expert parallelism)" : "")
                + ". t = " + setup.tp() + ", p = " + setup.pp() + ".", chart, data);
    }

    /**
     * One layer's kept activations op by op, stacked, for each recomputation policy: what each
     * tensor of the block costs (Korthikanti et al. 2022, Section 4.1). {@code moe}: the block routes to experts.
     */
    static ChartRef activationOpsStacked(ChartFiles files, TrainingSetup setup, boolean moe, List<OpBytes> rows) throws IOException {
        CategoryChart chart = ChartTheme.category("Activations kept per " + (moe ? "MoE " : "") + "layer, by op ("
                + shapeLabel(setup) + ", s = "
                + setup.seqLength() + ", b = " + setup.microBatch() + ", t = " + setup.tp() + ")", "Recomputation",
                "Bytes per layer per GPU (MB, 10^6 bytes)");
        chart.getStyler().setStacked(true);
        DataTable data = new DataTable("recompute", "op", "bytes");
        Map<String, Integer> policies = new LinkedHashMap<>();
        for (OpBytes r : rows) {
            policies.putIfAbsent(r.recompute().key(), policies.size());
        }
        Map<String, double[]> byOp = new LinkedHashMap<>();
        for (OpBytes r : rows) {
            byOp.computeIfAbsent(r.op(), k -> new double[policies.size()])[policies.get(r.recompute().key())] += r.bytes();
            data.add(r.recompute().key(), r.op(), Math.round(r.bytes()));
        }
        // The largest ops each get a colour; the rest share one "other" band, so that no two bands
        // look alike and the legend fits. The data file keeps every op.
        List<Map.Entry<String, double[]>> ops = new ArrayList<>(byOp.entrySet());
        ops.sort(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -Arrays.stream(e.getValue()).max().orElse(0)));
        int shown = ops.size() <= SHOWN_OPS + 1 ? ops.size() : SHOWN_OPS;
        double[] other = new double[policies.size()];
        for (int k = shown; k < ops.size(); k++) {
            for (int i = 0; i < other.length; i++) {
                other[i] += ops.get(k).getValue()[i];
            }
        }
        java.util.Set<String> top = new java.util.HashSet<>();
        ops.subList(0, shown).forEach(e -> top.add(e.getKey()));
        Map<String, double[]> bands = new LinkedHashMap<>();
        byOp.forEach((name, v) -> {
            if (top.contains(name)) {
                bands.put(name, v);
            }
        });
        if (shown < ops.size()) {
            bands.put("other " + (ops.size() - shown) + " ops", other);
        }
        for (Map.Entry<String, double[]> e : bands.entrySet()) {
            List<Double> ys = new ArrayList<>();
            for (double v : e.getValue()) {
                ys.add(v / 1e6);
            }
            chart.addSeries(e.getKey(), new ArrayList<>(policies.keySet()), ys);
        }
        return files.write("activation-ops", "Activation bytes one layer keeps for its backward pass, for each "
                + "recomputation policy: the " + shown + " largest ops by name, the rest as one band (the data file lists all "
                + byOp.size() + "). Korthikanti et al. 2022, Section 4.1, with this block's widths; dropout "
                + (setup.dropout() ? "on" : "off") + ", flash attention " + (setup.flashAttention() ? "on" : "off")
                + ", sequence parallel " + (setup.sequenceParallel() ? "on" : "off") + ".", chart, data);
    }

    /**
     * Activation memory vs sequence length for each recomputation policy (and FlashAttention); the
     * caption names the series that is the file's own configuration, if one is.
     */
    static ChartRef activationsVsSeq(ChartFiles files, TrainingSetup setup, List<SeqPoint> rows) throws IOException {
        XYChart chart = ChartTheme.xy("Activation memory vs sequence length (" + shapeLabel(setup) + ", b = "
                + setup.microBatch() + ", t = " + setup.tp() + ", p = " + setup.pp() + ")", "Sequence length (tokens)",
                "Activation memory per GPU (GB, 10^9 bytes)");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        DataTable data = new DataTable("seq_tokens", "policy", "activations_gb");
        Map<String, List<SeqPoint>> byPolicy = new LinkedHashMap<>();
        for (SeqPoint r : rows) {
            String name = r.flashAttention() ? "no recompute + flash attention" : "recompute " + r.recompute().key();
            byPolicy.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
            data.add(r.seqTokens(), name, r.bytes() / 1e9);
        }
        for (Map.Entry<String, List<SeqPoint>> e : byPolicy.entrySet()) {
            chart.addSeries(e.getKey(), e.getValue().stream().map(r -> (double) r.seqTokens()).toList(),
                    e.getValue().stream().map(r -> r.bytes() / 1e9).toList());
        }
        String own;
        if (setup.flashAttention() && setup.recompute() == Recompute.NONE) {
            own = "This file's configuration is the \"no recompute + flash attention\" series.";
        } else if (!setup.flashAttention()) {
            own = "This file's configuration is the \"recompute " + setup.recompute().key() + "\" series.";
        } else {
            own = "No series is this file's configuration (recompute " + setup.recompute().key() + " with flash attention).";
        }
        return files.write("activations-vs-seq", "Peak activation memory (first pipeline stage) against sequence length "
                + "for each recomputation policy (Korthikanti et al. 2022, Table 2; sequence parallel "
                + (setup.sequenceParallel() ? "on" : "off") + "). The \"recompute none/selective/full\" series materialise the"
                + " attention scores (no flash attention, whatever the file sets). " + own, chart, data);
    }

    /** A shape preset's name, or a shape given by its sizes as "L = 12, h = 768" ("custom" names nothing). */
    static String shapeLabel(TrainingSetup setup) {
        var shape = setup.shape();
        return "custom".equals(shape.key()) ? "L = " + shape.layers() + ", h = " + shape.hidden() : shape.key();
    }

    private static double[] components(MemoryBreakdown m) {
        return new double[] {m.parametersBytes(), m.gradientsBytes(), m.optimizerStatesBytes(), m.gatheredBytes(),
            m.activationsBytes(), m.buffersBytes(), m.reserveBytes()};
    }

    private static String billions(double b) {
        return b == Math.rint(b) ? String.format(Locale.ROOT, "%.0fB", b) : String.format(Locale.ROOT, "%.1fB", b);
    }
}
