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
import org.scalelab.memory.ActivationOp;
import org.scalelab.memory.BlockActivations;
import org.scalelab.memory.MemoryBreakdown;
import org.scalelab.memory.MemoryModel;
import org.scalelab.memory.Offload;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.TrainingSetup;
import org.scalelab.memory.ZeroStage;
import org.scalelab.report.chart.ChartFiles;
import org.scalelab.report.chart.ChartTheme;
import org.scalelab.report.chart.DataTable;
import org.scalelab.report.chart.ChartRef;

/** The four charts of a memory section; each is written with the data behind it. */
final class MemoryCharts {
    private static final String[] COMPONENTS = {"parameters", "gradients", "optimizer states", "zero-3 gathered layer", "activations",
        "buffers", "reserve"};

    /** Ops of the activation chart with a band of their own; one more band holds the rest (the palette has seven colours). */
    private static final int SHOWN_OPS = 6;

    private MemoryCharts() {}

    /** Stacked bars by component for stages 0-3: the ZeRO paper's Figure 1 for this model. */
    static ChartRef stagesStacked(ChartFiles files, TrainingSetup setup, GpuSpec gpu) throws IOException {
        CategoryChart chart = ChartTheme.category("Per-GPU memory by ZeRO stage (N_d = " + setup.dp() + ", t = " + setup.tp()
                + ", p = " + setup.pp() + ")", "ZeRO stage", "Per-GPU memory (GB, 10^9 bytes)");
        chart.getStyler().setStacked(true);
        List<String> stages = new ArrayList<>();
        double[][] gb = new double[COMPONENTS.length][4];
        DataTable data = new DataTable("zero_stage", "parameters_gb", "gradients_gb", "optimizer_states_gb", "gathered_gb",
                "activations_gb", "buffers_gb", "reserve_gb", "total_gb", "gpu_memory_gb", "fits");
        for (ZeroStage stage : ZeroStage.all()) {
            MemoryBreakdown m = MemoryModel.estimate(setup.toBuilder().stage(stage).offload(compatibleOffload(setup, stage)).build());
            double[] c = components(m);
            stages.add(stage.number() + " (" + stage.paperName() + ")");
            for (int i = 0; i < c.length; i++) {
                gb[i][stage.number()] = c[i] / 1e9;
            }
            data.add(stage.number(), c[0] / 1e9, c[1] / 1e9, c[2] / 1e9, c[3] / 1e9, c[4] / 1e9, c[5] / 1e9, c[6] / 1e9,
                    m.totalBytes() / 1e9, gpu.memoryGb(), m.fits(gpu.memoryBytes()));
        }
        for (int i = 0; i < COMPONENTS.length; i++) {
            List<Double> ys = new ArrayList<>();
            for (double v : gb[i]) {
                ys.add(v);
            }
            chart.addSeries(COMPONENTS[i], stages, ys);
        }
        return files.write("memory-by-stage", "Per-GPU memory by component for ZeRO stages 0-3 (ZeRO paper Figure 1 for this model); "
                + gpu.name() + " holds " + String.format(Locale.ROOT, "%.1f", gpu.memoryGb()) + " GB.", chart, data);
    }

    /** Per-GPU total vs data-parallel degree for each stage, log-log. */
    static ChartRef versusDp(ChartFiles files, TrainingSetup setup, GpuSpec gpu, List<Long> dps) throws IOException {
        XYChart chart = ChartTheme.xy("Per-GPU memory vs data-parallel degree", "Data-parallel degree N_d (GPUs)",
                "Per-GPU memory (GB, 10^9 bytes)");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        DataTable data = new DataTable("dp", "zero_stage", "total_gb", "model_states_gb", "gpu_memory_gb");
        List<Double> xs = dps.stream().map(Long::doubleValue).toList();
        for (ZeroStage stage : ZeroStage.all()) {
            List<Double> ys = new ArrayList<>();
            for (long dp : dps) {
                MemoryBreakdown m = MemoryModel.estimate(setup.toBuilder().stage(stage).dp(dp)
                        .offload(compatibleOffload(setup, stage)).build());
                ys.add(m.totalBytes() / 1e9);
                data.add(dp, stage.number(), m.totalBytes() / 1e9, m.modelStatesBytes() / 1e9, gpu.memoryGb());
            }
            chart.addSeries("stage " + stage.number() + " (" + stage.paperName() + ")", xs, ys);
        }
        XYSeries limit = chart.addSeries(gpu.name() + " memory", List.of(xs.get(0), xs.get(xs.size() - 1)),
                List.of(gpu.memoryGb(), gpu.memoryGb()));
        limit.setLineStyle(ChartTheme.dashed());
        limit.setMarker(SeriesMarkers.NONE);
        return files.write("memory-vs-dp", "Per-GPU memory against the data-parallel degree for each ZeRO stage (log-log); "
                + "the dashed line is the GPU's memory.", chart, data);
    }

    /**
     * Heat map over model size × GPU count: the lowest ZeRO stage that fits (4 = none fits). Fit is
     * monotone in the stage, so one map shows the fits/doesn't-fit boundary of all four stages.
     */
    static ChartRef fitsHeatMap(ChartFiles files, TrainingSetup setup, GpuSpec gpu, List<Double> sizesB, List<Long> gpuCounts)
            throws IOException {
        HeatMapChart chart = ChartTheme.heatMap("Lowest ZeRO stage that fits on " + gpu.name() + " (4 = none)",
                "GPUs (count)", "Model size (billions of parameters)");
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(4);
        chart.getStyler().setShowValue(true);
        DataTable data = new DataTable("model_params_b", "gpus", "dp", "fits_stage_0", "fits_stage_1", "fits_stage_2",
                "fits_stage_3", "lowest_fitting_stage");
        List<Number[]> cells = new ArrayList<>();
        long mp = setup.tp() * setup.pp();
        // a GPU count below t·p cannot hold one model replica: leave those columns out
        List<Long> counts = gpuCounts.stream().filter(g -> g >= mp).toList();
        gpuCounts = counts.isEmpty() ? List.of(mp) : counts;
        for (int yi = 0; yi < sizesB.size(); yi++) {
            for (int xi = 0; xi < gpuCounts.size(); xi++) {
                long dp = Math.max(1, gpuCounts.get(xi) / mp);
                boolean[] fits = new boolean[4];
                int lowest = 4;
                for (ZeroStage stage : ZeroStage.all()) {
                    TrainingSetup s = setup.toBuilder().shape(null).ep(1).paramCount(Math.round(sizesB.get(yi) * 1e9)).stage(stage)
                            .dp(dp).offload(compatibleOffload(setup, stage)).build();
                    fits[stage.number()] = MemoryModel.estimate(s).fits(gpu.memoryBytes());
                    if (fits[stage.number()] && lowest == 4) {
                        lowest = stage.number();
                    }
                }
                cells.add(new Number[] {xi, yi, lowest});
                data.add(sizesB.get(yi), gpuCounts.get(xi), dp, fits[0], fits[1], fits[2], fits[3], lowest);
            }
        }
        chart.addSeries("lowest stage", gpuCounts.stream().map(String::valueOf).toList(),
                sizesB.stream().map(MemoryCharts::billions).toList(), cells);
        return files.write("fits-heatmap", "Which ZeRO stages fit: the lowest stage that fits each model size and GPU count "
                + "(every higher stage fits too; 4 = none). Model states, buffers and reserve only: activations depend on "
                + "the shape, which the sizes here do not have" + (setup.ep() > 1 ? "; each size is a dense model (no expert parallelism)" : "")
                + ". t = " + setup.tp() + ", p = " + setup.pp() + ".", chart, data);
    }

    /**
     * One layer's kept activations op by op, stacked, for each recomputation policy: what each
     * tensor of the block costs ({@link BlockActivations#perLayer}; Korthikanti et al. 2022, Section 4.1).
     */
    static ChartRef activationOpsStacked(ChartFiles files, TrainingSetup setup) throws IOException {
        CategoryChart chart = ChartTheme.category("Activations kept per " + (setup.shape().isMoe() ? "MoE " : "") + "layer, by op ("
                + setup.shape().name() + ", s = "
                + setup.seqLength() + ", b = " + setup.microBatch() + ", t = " + setup.tp() + ")", "Recomputation",
                "Bytes per layer per GPU (MB, 10^6 bytes)");
        chart.getStyler().setStacked(true);
        DataTable data = new DataTable("recompute", "op", "bytes");
        List<String> policies = new ArrayList<>();
        Map<String, double[]> byOp = new LinkedHashMap<>();
        Recompute[] all = Recompute.values();
        for (int i = 0; i < all.length; i++) {
            policies.add(all[i].key());
            for (ActivationOp op : BlockActivations.perBlock(setup.shape(), setup.shape().isMoe(), setup.seqLength(),
                    setup.microBatch(), setup.tp(), setup.sequenceParallel(), all[i], setup.activationOptions(),
                    setup.routedTokenFactor())) {
                byOp.computeIfAbsent(op.name(), k -> new double[all.length])[i] += op.bytes();
                data.add(all[i].key(), op.name(), Math.round(op.bytes()));
            }
        }
        // The largest ops each get a colour; the rest share one "other" band, so that no two bands
        // look alike and the legend fits. The data file keeps every op.
        List<Map.Entry<String, double[]>> ops = new ArrayList<>(byOp.entrySet());
        ops.sort(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -Arrays.stream(e.getValue()).max().orElse(0)));
        int shown = ops.size() <= SHOWN_OPS + 1 ? ops.size() : SHOWN_OPS;
        double[] other = new double[all.length];
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
            chart.addSeries(e.getKey(), policies, ys);
        }
        return files.write("activation-ops", "Activation bytes one layer keeps for its backward pass, for each "
                + "recomputation policy: the " + shown + " largest ops by name, the rest as one band (the data file lists all "
                + byOp.size() + "). Korthikanti et al. 2022, Section 4.1, with this block's widths; dropout "
                + (setup.dropout() ? "on" : "off") + ", flash attention " + (setup.flashAttention() ? "on" : "off")
                + ", sequence parallel " + (setup.sequenceParallel() ? "on" : "off") + ".", chart, data);
    }

    /** Activation memory vs sequence length for each recomputation policy (and FlashAttention). */
    static ChartRef activationsVsSeq(ChartFiles files, TrainingSetup setup, List<Long> seqs) throws IOException {
        XYChart chart = ChartTheme.xy("Activation memory vs sequence length (" + setup.shape().name() + ", b = "
                + setup.microBatch() + ", t = " + setup.tp() + ", p = " + setup.pp() + ")", "Sequence length (tokens)",
                "Activation memory per GPU (GB, 10^9 bytes)");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        DataTable data = new DataTable("seq_tokens", "policy", "activations_gb");
        List<Double> xs = seqs.stream().map(Long::doubleValue).toList();
        for (Recompute r : Recompute.values()) {
            addPolicy(chart, data, setup.toBuilder().recompute(r).flashAttention(false), seqs, xs, "recompute " + r.key());
        }
        addPolicy(chart, data, setup.toBuilder().recompute(Recompute.NONE).flashAttention(true), seqs, xs,
                "no recompute + flash attention");
        return files.write("activations-vs-seq", "Peak activation memory (first pipeline stage) against sequence length "
                + "for each recomputation policy (Korthikanti et al. 2022, Table 2; sequence parallel "
                + (setup.sequenceParallel() ? "on" : "off") + ").", chart, data);
    }

    private static void addPolicy(XYChart chart, DataTable data, TrainingSetup.Builder b, List<Long> seqs, List<Double> xs,
                                  String name) {
        List<Double> ys = new ArrayList<>();
        for (long s : seqs) {
            double gb = MemoryModel.activations(b.seqLength(s).build()) / 1e9;
            ys.add(gb);
            data.add(s, name, gb);
        }
        chart.addSeries(name, xs, ys);
    }

    private static double[] components(MemoryBreakdown m) {
        return new double[] {m.parametersBytes(), m.gradientsBytes(), m.optimizerStatesBytes(), m.gatheredBytes(),
            m.activationsBytes(), m.buffersBytes(), m.reserveBytes()};
    }

    /** Parameter offload exists only at stage 3; elsewhere the comparison keeps optimizer offload. */
    static Offload compatibleOffload(TrainingSetup setup, ZeroStage stage) {
        return setup.offload() == Offload.OPTIMIZER_AND_PARAMS && stage != ZeroStage.STAGE_3
                ? Offload.OPTIMIZER : setup.offload();
    }

    private static String billions(double b) {
        return b == Math.rint(b) ? String.format(Locale.ROOT, "%.0fB", b) : String.format(Locale.ROOT, "%.1fB", b);
    }
}
