package org.scalelab.reports.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.scalelab.common.GpuSpec;
import org.scalelab.memory.MeasuredComparison;
import org.scalelab.memory.MemoryBreakdown;
import org.scalelab.memory.MemoryComparisons;
import org.scalelab.memory.MemoryComparisons.StagePoint;
import org.scalelab.memory.MemorySolver;
import org.scalelab.memory.MoeMemory;
import org.scalelab.memory.TrainingSetup;
import org.scalelab.memory.ZeroStage;
import org.scalelab.report.SectionReport.Table;

/** The extra tables of a memory section. */
final class MemoryTables {
    private MemoryTables() {}

    /** Component lines for each stage at the setup's layout. */
    static Table breakdownByStage(TrainingSetup setup, GpuSpec gpu) {
        List<List<String>> rows = new ArrayList<>();
        for (StagePoint p : MemoryComparisons.byStage(setup, gpu.memoryBytes())) {
            MemoryBreakdown m = p.breakdown();
            rows.add(List.of(MemorySection.stageName(p.stage()), gb(m.parametersBytes()), gb(m.gradientsBytes()),
                    gb(m.optimizerStatesBytes()), gb(m.activationsBytes()), gb(m.buffersBytes()), gb(m.reserveBytes()),
                    gb(p.totalBytes()), p.fits() ? "yes" : "no"));
        }
        return new Table("Per-GPU memory by component and ZeRO stage (GB = 10^9 bytes), computed (ZeRO §5; Korthikanti Table 2)",
                List.of("ZeRO stage", "parameters GB", "gradients GB", "optimizer states GB", "activations GB", "buffers GB",
                    "reserve GB", "total GB", "fits " + gpu.key()), rows);
    }

    /** The largest trainable model per stage and DP degree (the ZeRO paper's Table 2 question). */
    static Table maxModelByDp(TrainingSetup setup, GpuSpec gpu, List<Long> dps) {
        List<List<String>> rows = new ArrayList<>();
        for (long dp : dps) {
            List<String> row = new ArrayList<>();
            row.add(Long.toString(dp));
            row.add(Long.toString(dp * setup.tp() * setup.pp() * setup.ep()));
            for (ZeroStage stage : ZeroStage.all()) {
                OptionalLong max = MemorySolver.maxParams(setup.toBuilder().paramCount(setup.paramCount()).dp(dp).build()
                        .atStage(stage), gpu.memoryBytes());
                row.add(max.isPresent() ? String.format(Locale.ROOT, "%.2f", max.getAsLong() / 1e9) : "none");
            }
            rows.add(row);
        }
        return new Table("Largest model that fits " + gpu.key() + " (billions of parameters), computed (ZeRO §5.4, Table 2 method"
                + (setup.shape() == null ? "; model states only" : "; with this shape's activations") + ")",
                List.of("N_d", "GPUs", "stage 0", "stage 1", "stage 2", "stage 3"), rows);
    }

    /**
     * A mixture-of-experts model's per-GPU bytes split into dense and routed-expert parts: model states
     * (dense sharded by ZeRO over ep·dp, experts over dp), the routed experts' and routers' activations, and
     * the all-to-all buffers.
     */
    static Table moeSplit(TrainingSetup setup, MemoryBreakdown m) {
        MoeMemory e = m.moe();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("dense (attention, norms, embeddings, routers, shared experts)", String.format(Locale.ROOT, "%.3f",
                e.denseParams() / 1e9), Long.toString(setup.denseDp()), gb(e.dense().parametersBytes()), gb(e.dense().gradientsBytes()),
                gb(e.dense().optimizerStatesBytes()), gb(e.dense().totalBytes())));
        rows.add(List.of("routed experts (" + e.expertsPerGpu() + " per MoE block on this GPU)", String.format(Locale.ROOT, "%.3f",
                e.expertParams() / 1e9), Long.toString(setup.dp()), gb(e.expert().parametersBytes()), gb(e.expert().gradientsBytes()),
                gb(e.expert().optimizerStatesBytes()), gb(e.expert().totalBytes())));
        List<List<String>> all = new ArrayList<>(rows);
        all.add(List.of("routed experts' activations", "", "", "", "", "", gb(e.expertActivationsBytes())));
        all.add(List.of("router logits (fp32)", "", "", "", "", "", gb(e.routerLogitsBytes())));
        all.add(List.of("all-to-all send buffer", "", "", "", "", "", gb(e.allToAllSendBytes())));
        all.add(List.of("all-to-all receive buffer", "", "", "", "", "", gb(e.allToAllReceiveBytes())));
        return new Table("Mixture of experts: dense and expert parts of the per-GPU memory (GB = 10^9 bytes), computed"
                + " (ZeRO §5 per part; DeepSpeed-MoE, Rajbhandari et al. 2022; ep = " + setup.ep() + ")",
                List.of("part", "parameters on this GPU before ZeRO (billions)", "ZeRO shards over", "parameters GB",
                    "gradients GB", "optimizer states GB", "total GB"), all);
    }

    /** The ZeRO paper's Figure 1 beside our computation: a standing validation row. */
    static Table zeroFigure1Check() {
        String[] printed = {"120", "31.4", "16.6", "1.9"};
        List<List<String>> rows = new ArrayList<>();
        TrainingSetup figure1 = TrainingSetup.builder().paramCount(7_500_000_000L).dp(64).build();
        for (StagePoint p : MemoryComparisons.byStage(figure1, Long.MAX_VALUE)) {
            rows.add(List.of(MemorySection.stageName(p.stage()), printed[p.stage().number()],
                    String.format(Locale.ROOT, "%.3f", p.totalBytes() / 1e9)));
        }
        return new Table("Validation: ZeRO paper Figure 1 (Ψ = 7.5B, N_d = 64, K = 12), published vs computed, GB",
                List.of("ZeRO stage", "published GB (Figure 1)", "computed GB"), rows);
    }

    /** Prediction beside a measurement. */
    static Table measured(MeasuredComparison c) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("peak", gb(c.predictedPeakBytes()), gb(c.measuredPeakBytes()), pct(c.peakRelativeError())));
        if (!Double.isNaN(c.measuredSteadyBytes())) {
            rows.add(List.of("steady (model states + buffers + reserve)", gb(c.predictedSteadyBytes()), gb(c.measuredSteadyBytes()),
                    pct(c.steadyRelativeError())));
        }
        return new Table("Predicted (computed) vs measured (given in the parameter file) per-GPU memory, GB",
                List.of("quantity", "predicted GB", "measured GB", "relative error"), rows);
    }

    private static String gb(double bytes) {
        return String.format(Locale.ROOT, "%.3f", bytes / 1e9);
    }

    private static String pct(double x) {
        return String.format(Locale.ROOT, "%+.1f%%", 100 * x);
    }
}
