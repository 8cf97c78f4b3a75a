package org.scalelab.reports.memory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.scalelab.common.GpuSpec;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.memory.MeasuredComparison;
import org.scalelab.memory.HostMemory;
import org.scalelab.memory.MemoryBreakdown;
import org.scalelab.memory.MemoryComparisons;
import org.scalelab.memory.MemoryModel;
import org.scalelab.memory.MemorySolver;
import org.scalelab.memory.PeakMemory;
import org.scalelab.memory.Recipe;
import org.scalelab.memory.StepPeak;
import org.scalelab.memory.TrainingSetup;
import org.scalelab.memory.ZeroStage;
import org.scalelab.report.chart.ChartFiles;
import org.scalelab.report.ReportContext;
import org.scalelab.report.Section;
import org.scalelab.report.SectionReport;
import org.scalelab.report.chart.ChartRef;
import org.scalelab.report.SectionReport.Row;
import org.scalelab.report.SectionReport.Table;
import org.scalelab.memory.params.MemoryParameters;

/** {@code kind: memory}: per-GPU memory of one setup, across ZeRO stages, DP degrees, model sizes and sequence lengths. */
public final class MemorySection implements Section<MemoryParameters> {
    static final String ZERO = "Rajbhandari et al. 2019, ZeRO: Memory Optimizations Toward Training Trillion Parameter Models, arXiv:1910.02054 (§3, §5, Figure 1, Tables 1-2)";
    static final String ACT = "Korthikanti et al. 2022, Reducing Activation Recomputation in Large Transformer Models, arXiv:2205.05198 (Section 4-5, Table 2, Eq. 1-6)";
    static final String DS = "DeepSpeed runtime/zero/config.py defaults (buffer sizes); deepspeedai/DeepSpeed docs memory.rst";
    static final String MEG = "NVIDIA Megatron-LM megatron/training/theoretical_memory_usage.py (18 bytes/param, most loaded shard)";
    static final String GPU = "NVIDIA A100/H100/H200 datasheets (dense = sparse/2); nvidia-smi totals from public printouts (see GpuSpec)";
    static final String TORCH_AMP = "PyTorch documentation, Automatic Mixed Precision package - torch.amp (autocast op lists, "
            + "weight-cast cache); torch.optim.AdamW(fused=True)";
    static final String TORCH_ADAMW = "PyTorch torch/optim/adamw.py (AdamW state initialisation: moments allocated like the parameters)";
    static final String TORCH_PEAK = "PyTorch documentation, torch.cuda.max_memory_allocated (peak of allocated tensor memory, "
            + "without the caching allocator's reserve)";

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public Class<MemoryParameters> parameterType() {
        return MemoryParameters.class;
    }

    @Override
    public SectionReport run(MemoryParameters p, ReportContext context) throws IOException {
        TrainingSetup setup = p.setup();
        GpuSpec gpu = p.gpuSpec();
        long maxParams = 0;
        if (p.maxModel()) {
            // the largest model for this layout (ZeRO paper §5.4, Table 2 method); the page then sizes that model
            maxParams = MemorySolver.maxParams(setup, gpu.memoryBytes(), p.host()).orElse(0);
            if (maxParams == 0) {
                throw new InvalidParameterException("max_model", "no model fits " + gpu.key() + " with this layout"
                        + " (ZeRO stage " + setup.stage().number() + ", N_d = " + setup.dp() + ")", true);
            }
            setup = setup.toBuilder().paramCount(maxParams).build();
        }
        MemoryBreakdown m = MemoryModel.estimate(setup);
        ChartFiles files = context.charts();
        List<ChartRef> charts = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        // at N_d = 1 ZeRO partitions nothing and the four bars are equal: draw the stages at dp_sweep's largest degree
        long stagesDp = setup.dp() > 1 ? setup.dp() : p.dpSweep().stream().mapToLong(Long::longValue).max().orElse(1);
        TrainingSetup stagesSetup = setup.toBuilder().dp(stagesDp).build();
        charts.add(MemoryCharts.stagesStacked(files, stagesSetup, gpu, MemoryComparisons.byStage(stagesSetup, gpu.memoryBytes()),
                setup.dp(), StepPeak.estimate(setup)));
        charts.add(MemoryCharts.versusDp(files, gpu, MemoryComparisons.byStageAndDp(setup, p.dpSweep(), gpu.memoryBytes())));
        charts.add(MemoryCharts.fitsHeatMap(files, setup, gpu, p.modelSizesB(),
                MemoryComparisons.lowestFittingStage(setup, p.modelSizesB(), p.gpuCounts(), gpu.memoryBytes())));
        if (setup.shape() != null) {
            charts.add(MemoryCharts.activationsVsSeq(files, setup, MemoryComparisons.activationsBySeq(setup, p.seqSweep())));
            charts.add(MemoryCharts.activationOpsStacked(files, setup, setup.shape().isMoe(), MemoryComparisons.activationOps(setup)));
            notes.add("Activations are derived op by op for this block (Q/K/V widths with its KV heads, its MLP width, gated or "
                    + "plain, dropout " + (setup.dropout() ? "on" : "off") + ", flash attention "
                    + (setup.flashAttention() ? "on" : "off") + "); GPT-3's block gives Korthikanti's 34sbh + 5as²b.");
        } else {
            notes.add("No transformer shape given: activations are 0 and the activation chart is omitted.");
        }
        if (p.params() != null && setup.shape() != null
                && Math.abs(setup.shape().paramCount() - p.params()) > 0.05 * p.params()) {
            notes.add(String.format(Locale.ROOT, "params (%.3g) differs from the %s shape's %d parameters by more than 5%%: model states "
                    + "use params, activations the shape.", p.params(), setup.shape().key(), setup.shape().paramCount()));
        }
        notes.add("GB = 10^9 bytes throughout (the ZeRO paper's unit); DeepSpeed prints GiB labelled GB.");
        notes.add("Reserve and communication buffers are separate lines: reserve " + fmtGb(m.reserveBytes()) + ", buffers "
                + (setup.buffers() == null ? "not counted" : fmtGb(m.buffersBytes())) + ".");

        List<Row> headline = headline(setup, gpu, m, p.host(), p.cpuMemoryGb() != HostMemory.DGX_H100_BYTES / 1e9);
        if (setup.recipe() != null) {
            PeakMemory peak = StepPeak.estimate(setup);
            headline.add(0, new Row("Peak allocated per GPU (at " + phase(peak.peakPhase().key()) + ")", fmtGb(peak.peakAllocatedBytes()),
                    "computed (step peak of recipe " + setup.recipe().key() + " as torch.cuda.max_memory_allocated would report it, "
                            + "no reserve)"));
        }
        List<Table> tables = new ArrayList<>();
        if (m.moe() != null) {
            tables.add(MemoryTables.moeSplit(setup, m));
            notes.add(String.format(Locale.ROOT, "Mixture of experts: %d of %d blocks route each token to %d of %d experts%s; %s."
                    + " Expert parallelism ep = %d puts %d experts of each MoE block on a GPU; the GPUs are tp x pp x ep x dp ="
                    + " %d, the dense layers data-parallel over ep x dp = %d. Each GPU's experts are sized for %.0f routed"
                    + " tokens per block and micro-batch (%s). Parameters: %.4g total, %.4g active per token.",
                    setup.shape().moeLayers(), setup.shape().layers(), setup.shape().moe().expertsPerToken(),
                    setup.shape().moe().experts(), setup.shape().moe().sharedExperts() > 0
                            ? " plus " + setup.shape().moe().sharedExperts() + " shared" : "",
                    setup.shape().moe().dropless() ? "dropless routing" : "capacity factor " + setup.shape().moe().capacityFactor(),
                    setup.ep(), m.moe().expertsPerGpu(), setup.gpus(), setup.denseDp(), m.moe().routedTokensPerMicroBatch(),
                    setup.shape().moe().dropless() ? "k·s·b × load imbalance " + setup.expertLoadImbalance()
                            : "k·s·b × capacity factor (Fedus et al. 2022, Eq. 3)",
                    (double) setup.paramCount(), (double) setup.activeParamCount()));
            if (setup.shape().mla() != null) {
                notes.add("Latent attention (DeepSeek-V2, Section 2.1.2): activations use its query/key width a·(d_h + d_h^R),"
                        + " value width a·d_v and the compressed latents; the rotary key before broadcasting is left out"
                        + " (an approximation).");
            }
        }
        tables.add(MemoryTables.breakdownByStage(setup, gpu));
        tables.add(MemoryTables.maxModelByDp(setup, gpu, p.dpSweep()));
        tables.add(MemoryTables.zeroFigure1Check());
        MeasuredComparison comparison = null;
        if (p.measured() != null) {
            double steady = p.measured().steadyBytes() == null ? Double.NaN : p.measured().steadyBytes();
            comparison = MeasuredComparison.of(m, p.measured().peakBytes(), steady);
        } else if (p.measuredFile() != null) {
            MeasuredFile file = MeasuredFile.read("measured_file", context.resolve(p.measuredFile()));
            comparison = MeasuredComparison.of(m, file.peakBytes(), file.steadyBytes());
        }
        if (comparison != null) {
            tables.add(MemoryTables.measured(comparison));
        }
        MemoryResult result = MemoryResult.of(setup, m, gpu, p.host(), comparison);
        if (p.deepspeed() != null) {
            MemoryResult.DeepSpeed ds = DeepSpeedBlock.estimate(p.deepspeed(), setup);
            result = result.withDeepSpeed(ds);
            tables.add(DeepSpeedBlock.table(ds));
            headline.addAll(DeepSpeedBlock.headline(ds));
            notes.add(DeepSpeedBlock.note(ds, setup));
        }
        notes.add(String.format(Locale.ROOT, "Peak of a step as torch.cuda.max_memory_allocated would report it (no reserve): %.2f GB at %s; "
                + "live there: %s.", result.peakAllocatedBytes() / 1e9, result.peakPhase(), String.join(", ",
                result.peakLive().stream().map(l -> String.format(Locale.ROOT, "%s %.2f GB", displayLine(l.name()), l.bytes() / 1e9))
                        .toList())));
        if (setup.recipe() != null) {
            notes.add("Recipe " + setup.recipe().key() + ": " + setup.recipe().validation() + ".");
        }
        // with a recipe the answer is the step peak (what PyTorch allocates); the steady-state lines leave out transients
        String perGpu = setup.recipe() == null ? String.format(Locale.ROOT, "%.2f GB per GPU", m.totalBytes() / 1e9)
                : String.format(Locale.ROOT, "peak %.2f GB per GPU at %s (as torch.cuda.max_memory_allocated would report it; "
                        + "the steady-state lines sum to %.2f GB)", result.peakAllocatedBytes() / 1e9, phase(result.peakPhase()),
                        m.totalBytes() / 1e9);
        String summary = String.format(Locale.ROOT, "%s on %s: %s with ZeRO stage %d (N_d = %d, t = %d, p = %d%s, %s); it %s "
                        + "in %.2f GB.", displayName(context.name(), setup), gpu.key(), perGpu, setup.stage().number(), setup.dp(),
                setup.tp(), setup.pp(), setup.ep() > 1 ? ", ep = " + setup.ep() : "", gpus(setup.gpus()),
                result.fits() ? "fits" : "does not fit", gpu.memoryGb());
        if (result.moeDetail() != null && result.moeDetail().doesNotFit() != null) {
            summary += " Why: " + result.moeDetail().doesNotFit() + ".";
        } else if (result.doesNotFit() != null) {
            summary += " Why: " + result.doesNotFit() + ".";
        }
        String title = "GPU memory: " + displayName(context.name(), setup);
        if (p.maxModel()) {
            String answer = String.format(Locale.ROOT, "%.3g B parameters on %s (ZeRO stage %d, N_d = %d, t = %d, p = %d)",
                    maxParams / 1e9, gpu.key(), setup.stage().number(), setup.dp(), setup.tp(), setup.pp());
            title = "Largest model that fits: " + answer;
            summary = "The largest model that fits is " + answer + ", computed by the ZeRO paper's Table 2 method"
                    + (setup.shape() == null ? " (model states only)" : " (with this shape's activations)") + ". " + summary;
            headline.removeIf(h -> h.label().startsWith("Largest model that fits (")); // the answer leads instead
            headline.add(0, new Row("Largest model that fits", String.format(Locale.ROOT, "%.3g B parameters", maxParams / 1e9),
                    "computed (Rajbhandari et al. 2019, §5.4, Table 2 method)"));
        }
        List<String> sources = new ArrayList<>(List.of(ZERO, ACT, DS, MEG, GPU));
        if (p.deepspeed() != null) {
            sources.add(DeepSpeedBlock.SOURCE);
        }
        if (setup.recipe() != null) {
            sources.addAll(recipeSources(setup.recipe()));
        }
        return new SectionReport(title, summary, headline, charts, tables, sources, notes, result);
    }

    private static List<Row> headline(TrainingSetup setup, GpuSpec gpu, MemoryBreakdown m, HostMemory host, boolean hostGiven) {
        String zero = "computed (Rajbhandari et al. 2019, §5)";
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Parameters per GPU", fmtGb(m.parametersBytes()), zero));
        rows.add(new Row("Gradients per GPU", fmtGb(m.gradientsBytes()), zero));
        rows.add(new Row("Optimizer states per GPU", fmtGb(m.optimizerStatesBytes()), zero));
        rows.add(new Row("ZeRO-3 gathered layer", fmtGb(m.gatheredBytes()),
                "computed (DeepSpeed estimate_zero3_model_states_mem_needs: 4 bytes per parameter of the largest layer)"));
        if (m.moe() != null) {
            String moe = "computed (ZeRO §5 per part: dense over ep x dp, experts over dp; DeepSpeed-MoE, Rajbhandari et al. 2022)";
            rows.add(new Row("of which dense states", fmtGb(m.moe().dense().totalBytes()), moe));
            rows.add(new Row("of which routed-expert states", fmtGb(m.moe().expert().totalBytes()), moe));
        }
        rows.add(new Row("Activations per GPU", fmtGb(m.activationsBytes()),
                setup.shape() == null ? "no shape given" : "computed (op by op; Korthikanti et al. 2022, Section 4.1, Eq. 5)"));
        if (m.moe() != null) {
            rows.add(new Row("of which routed experts and routers", fmtGb(m.moe().expertActivationsBytes() + m.moe().routerLogitsBytes()),
                    "computed (tokens each expert receives: k·s·b × capacity factor or load imbalance; Fedus et al. 2022, Eq. 3)"));
        }
        rows.add(new Row("Communication buffers", fmtGb(m.buffersBytes()),
                (setup.buffers() == null ? "not counted (default)" : "computed from DeepSpeed's default bucket sizes")
                + (m.moe() != null && m.moe().allToAllBytes() > 0 ? "; all-to-all send and receive "
                        + fmtGb(m.moe().allToAllBytes()) + " (GShard, Lepikhin et al. 2021)" : "")));
        // A file without reserve_gb reads 0 (the record fills the default): label the default as such.
        rows.add(new Row("Reserve", fmtGb(m.reserveBytes()), m.reserveBytes() > 0 ? "given" : "assumed: default 0"));
        rows.add(new Row("Total per GPU (sum of steady-state lines)", fmtGb(m.totalBytes()), "computed (sum of the lines above"
                + (setup.recipe() == null ? ")" : "; not the step peak, which adds the transients of the step: see the first row)")));
        boolean preset = GpuSpec.names().contains(gpu.key());
        rows.add(new Row("GPU memory (" + gpu.key() + ")", fmtGb(gpu.memoryBytes()),
                preset ? "published (nvidia-smi total of this GPU, see GpuSpec)" : "given in the parameter file"));
        if (m.cpuBytes() > 0) {
            rows.add(new Row("Offloaded to CPU per GPU", fmtGb(m.cpuBytes()), "computed (ZeRO-Offload placement)"));
            rows.add(new Row("Offloaded to CPU per node (" + host.gpusPerNode() + " GPUs)", fmtGb(host.nodeBytes(m.cpuBytes()))
                    + (host.holds(m.cpuBytes()) ? "" : " (does not fit)"), "computed (per GPU x gpus_per_node)"));
            rows.add(new Row("Host memory per node", fmtGb(host.bytesPerNode()),
                    hostGiven ? "given in the parameter file (cpu_memory_gb)" : "default (" + HostMemory.DGX_H100_SOURCE + ")"));
        }
        if (setup.shape() != null) {
            OptionalLong b = MemorySolver.maxMicroBatch(setup, gpu.memoryBytes());
            rows.add(new Row("Largest micro-batch that fits", b.isPresent() ? b.getAsLong() + " sequences" : "none",
                    "computed (search on the model above)"));
        }
        OptionalLong dp = MemorySolver.minDataParallel(setup, gpu.memoryBytes());
        rows.add(new Row("Fewest GPUs that fit (stage " + setup.stage().number() + ")",
                dp.isPresent() ? gpus(dp.getAsLong() * setup.tp() * setup.pp() * setup.ep()) + " (N_d = " + dp.getAsLong() + ")"
                        : "none up to N_d = 2^24",
                "computed (search on the model above)"));
        OptionalLong max = MemorySolver.maxParams(setup.toBuilder().paramCount(setup.paramCount()).build(), gpu.memoryBytes());
        rows.add(new Row("Largest model that fits (stage " + setup.stage().number() + ", N_d = " + setup.dp() + ")",
                max.isPresent() ? String.format(Locale.ROOT, "%.2fe9 params", max.getAsLong() / 1e9) : "none",
                "computed (ZeRO paper Table 2 question)"));
        return rows;
    }

    /**
     * The model as a page names it: the file's {@code name:} with the shape preset and size, else
     * the shape preset and size ("custom" is the label of a shape given by its sizes, not a name).
     */
    static String displayName(String fileName, TrainingSetup s) {
        if (fileName == null) {
            return modelName(s);
        }
        String params = String.format(Locale.ROOT, "%.3gB params", s.paramCount() / 1e9);
        boolean preset = s.shape() != null && !"custom".equals(s.shape().key());
        return fileName + " (" + (preset ? s.shape().key() + ", " : "") + params + ")";
    }

    /** "1 GPU", "8 GPUs". */
    static String gpus(long n) {
        return n + (n == 1 ? " GPU" : " GPUs");
    }

    /** A step phase as a reader says it: "forward end", "backward", "optimizer step". */
    static String phase(String key) {
        return key.replace('_', ' ');
    }

    /** A live line's name on the page, with ZeRO spelt as the paper spells it. */
    static String displayLine(String name) {
        return name.replace("zero-3", "ZeRO-3");
    }

    /** Where a recipe's bytes come from (Megatron-LM's file is among the page's sources already). */
    static List<String> recipeSources(Recipe r) {
        return switch (r) {
            case MEGATRON_BF16, MEGATRON_BF16_DISTOPT -> List.of(TORCH_PEAK);
            case TORCH_AMP_BF16 -> List.of(TORCH_AMP, TORCH_PEAK);
            case BF16_PURE -> List.of(TORCH_ADAMW, TORCH_AMP, TORCH_PEAK);
        };
    }

    static String modelName(TrainingSetup s) {
        String params = String.format(Locale.ROOT, "%.3gB params", s.paramCount() / 1e9);
        return s.shape() == null ? params : s.shape().key() + " (" + params + ")";
    }

    static String fmtGb(double bytes) {
        return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }

    static String stageName(ZeroStage s) {
        return s.number() + " (" + s.paperName() + ")";
    }
}
