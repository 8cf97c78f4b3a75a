package org.scalelab.reports.plan;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scalelab.cluster.step.HbmBandwidth;
import org.scalelab.planner.Allocator;
import org.scalelab.planner.Layout;
import org.scalelab.planner.LayoutSearch;
import org.scalelab.planner.Plan;
import org.scalelab.planner.PlanSpec;
import org.scalelab.planner.Planner;
import org.scalelab.planner.Published;
import org.scalelab.planner.ShapeChooser;
import org.scalelab.report.ReportContext;
import org.scalelab.report.SectionReport;
import org.scalelab.report.SectionReport.Row;
import org.scalelab.report.SectionReport.Table;
import org.scalelab.report.chart.ChartRef;

/** Turns a plan into the plan page: headline numbers, tables, charts, sources and assumptions. */
final class PlanReport {
    private PlanReport() {}

    static SectionReport of(Planner.Outcome o, ReportContext context, int threads) throws IOException {
        Plan p = o.answer();
        PlanSpec spec = o.spec();
        List<ChartRef> charts = PlanCharts.all(PlanRows.of(o, threads), context.charts());
        List<Table> tables = new ArrayList<>();
        tables.add(layouts(o));
        Published.Run run = Published.matching(p);
        if (run != null) {
            tables.add(comparison(p, spec, run, o.search().best().step().breakdown()));
        }
        if (p.moe() != null) {
            tables.add(new Table("Why this expert parallelism: the fastest layout of each EP tried (computed)",
                    List.of("expert parallelism"), p.moe().epChoice().stream().map(List::of).toList()));
        }
        if (p.byGpus() != null) {
            tables.add(byGpus(p));
        }
        if (p.interruptions() != null) {
            tables.add(causes(p));
        }
        tables.add(new Table("Where each number of the allocation came from", List.of("choice"),
                p.choices().stream().map(List::of).toList()));
        String summary = String.format(Locale.ROOT, "%s params on %s tokens (%.3g FLOPs) on %d x %s: %s, %.1f %% MFU; "
                + "%.2f days failure-free, %.2f days with failures and checkpoints (ETTR %.3f), %,.0f GPU-hours.",
                sci(p.params()), sci(p.tokens()), p.computeFlops(), p.gpus(), p.gpu(), p.layout().label(), 100 * p.mfu(),
                p.computeDays(), p.wallDays(), p.ettr(), p.gpuHours());
        return new SectionReport("Training plan: " + p.model().name() + " on " + p.gpus() + " x " + p.gpu(), summary,
                headline(o), charts, tables, sources(p), notes(o), p);
    }

    private static List<Row> headline(Planner.Outcome o) {
        Plan p = o.answer();
        PlanSpec spec = o.spec();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("Parameters N", sci(p.params()), origin(p, "params")));
        if (p.moe() != null) {
            Plan.Moe m = p.moe();
            rows.add(new Row("Active parameters N_active", sci(m.activeParams()), String.format(Locale.ROOT,
                    "computed: the shape's count less the %d - %d routed experts a token skips in each MoE block "
                    + "(Jiang et al. 2024, Mixtral, Section 2.1); the laws, 6ND and MFU use it", m.experts(), m.expertsPerToken())));
            rows.add(new Row("Scaling law", "none for routed models", Allocator.MOE_LAW_NOTE));
            rows.add(new Row("Expert parallelism", String.format(Locale.ROOT, "EP %d: %d of %d routed experts per GPU",
                    m.ep(), m.experts() / m.ep(), m.experts()), "computed: " + m.epChoice().get(0)));
            rows.add(new Row("GEMMs and all-to-all", String.format(Locale.ROOT, "%s GEMMs; %.0f %% of the all-to-all hidden; "
                    + "busiest expert %.2f x the mean load", m.gemmPrecision(), 100 * m.a2aOverlap(), m.expertLoadImbalance()),
                    "given (defaults: bf16, 0, 1.0)"));
        }
        rows.add(new Row("Training tokens D", sci(p.tokens()), origin(p, "tokens")));
        rows.add(new Row("Training compute C", String.format(Locale.ROOT, "%.3g FLOPs", p.computeFlops()),
                spec.computeFlops() != null ? "given" : "computed: 6ND (Kaplan et al. 2020, Section 2.1)"));
        rows.add(new Row("Model shape", String.format(Locale.ROOT, "%s: %d layers x %d, %d heads (%d KV), FFN %d, vocabulary %d",
                p.model().name(), p.model().layers(), p.model().hidden(), p.model().heads(), p.model().kvHeads(),
                p.model().ffnHidden(), p.model().vocab()), spec.shape() != null ? "given"
                : "chosen: " + ShapeChooser.rule()));
        rows.add(new Row("Global batch", String.format(Locale.ROOT, "%,d tokens = %,d sequences of %d (asked %,.0f; %+.2f %%)",
                p.globalBatchTokens(), p.layout().batchSequences(), p.seq(), p.globalBatchTokensTarget(),
                100 * (p.globalBatchTokens() / p.globalBatchTokensTarget() - 1)),
                "computed: the target (" + origin(p, "global_batch_tokens_target") + ") rounded to DP x micro-batch sequences"));
        Layout l = p.layout();
        LayoutSearch.Result s = o.search();
        rows.add(new Row("Layout", l.label() + ", " + l.gradAccum() + " micro-batches per step, " + l.idleGpus() + " idle GPUs",
                String.format(Locale.ROOT, "computed: fastest of %,d layouts that fit (%,d checked by the memory model)",
                        s.fitting(), s.enumerated())));
        rows.add(new Row("Memory per GPU", String.format(Locale.ROOT, "%.1f GB of %.1f GB (states and activations %.1f GB)",
                p.neededBytes() / 1e9, p.gpuMemoryBytes() / 1e9, p.perGpuBytes().total() / 1e9),
                "computed: ZeRO model states (Rajbhandari et al. 2019, Section 5) + activations (Korthikanti et al. 2022,"
                + " Section 4), and the step's peak with the recipe's transients, as scalelab memory tests it; GPU memory as"
                + " the driver reports it"));
        rows.add(new Row("Step time", String.format(Locale.ROOT, "%.3f s", p.stepSeconds()), "computed: step model; matmul"
                + " efficiency " + String.format(Locale.ROOT, "%.3f", spec.matmulEfficiency()) + " (" + spec.matmulEfficiencyLabel() + ")"));
        rows.add(new Row("MFU", String.format(Locale.ROOT, "%.1f %%", 100 * p.mfu()), "computed: model FLOPs (PaLM, Appendix B)"
                + " over step time x peak; an output, never an input"));
        if (p.moe() != null) {
            rows.add(new Row("All-to-all per step, exposed", String.format(Locale.ROOT, "%.3f s (%.1f %% of the step)",
                    p.moe().allToAllSeconds(), 100 * p.moe().allToAllSeconds() / p.stepSeconds()),
                    "computed: step model, token dispatch and combine (two all-to-alls per MoE block in the forward, two in the backward) less the "
                    + "hidden share a2a_overlap"));
            if (p.moe().memoryDetail() != null) {
                Plan.MemoryDetail d = p.moe().memoryDetail();
                rows.add(new Row("Memory: dense and expert parts", String.format(Locale.ROOT, "dense states %.1f GB, expert "
                        + "states %.1f GB (%d experts per GPU per block), expert activations %.1f GB, all-to-all buffers "
                        + "%.1f GB", d.denseStatesBytes() / 1e9, d.expertStatesBytes() / 1e9, d.expertsPerGpu(),
                        d.expertActivationsBytes() / 1e9, d.allToAllBufferBytes() / 1e9),
                        "computed: memory model; dense states ZeRO-sharded over EP x DP, expert states over DP; "
                        + "already counted in the total above"));
            }
        }
        rows.add(new Row("Failure-free training time", String.format(Locale.ROOT, "%.2f days", p.computeDays()),
                "computed: steps x step time"));
        if (p.interruptions() != null) {
            rows.add(new Row("Wall time with failures", String.format(Locale.ROOT, "%.2f days (95 %% CI %.2f-%.2f)", p.wallDays(),
                    p.wallDaysCi()[0], p.wallDaysCi()[1]), String.format(Locale.ROOT, "simulated: discrete-event run, %d"
                    + " replications, seed %d; failure-free days / ETTR", p.replications(), p.seed())));
            rows.add(new Row("ETTR", String.format(Locale.ROOT, "%.3f", p.ettr()), "simulated: productive time over wall time"));
            rows.add(new Row("Checkpoint interval", String.format(Locale.ROOT, "%.0f s", p.checkpointIntervalSeconds()),
                    spec.checkpointIntervalSeconds() != null ? PlanProvenance.interval(spec.checkpointIntervalSeconds(), p)
                            : "computed: Daly 2006, Eq. 37, in whole steps"));
            rows.add(new Row("Interruptions", String.format(Locale.ROOT, "%.0f (%.0f unexpected, %.0f planned)",
                    p.interruptions().total(), p.interruptions().unexpected(), p.interruptions().planned()),
                    "simulated: Llama 3 Table 5 causes, rates scaled to the GPUs used; planned every 54 x 24 / 47 h (Llama 3,"
                    + " Section 3.3.4)"));
        } else {
            rows.add(new Row("Wall time", String.format(Locale.ROOT, "%.2f days", p.wallDays()),
                    "computed: failure-free (no_failures), ETTR 1"));
        }
        rows.add(new Row("GPU-hours", String.format(Locale.ROOT, "%,.0f", p.gpuHours()), "computed: wall time x GPUs allocated"));
        if (p.usd() != null) {
            rows.add(new Row("Cost", String.format(Locale.ROOT, "%,.0f USD", p.usd()), "computed: GPU-hours x usd_per_gpu_hour (given)"));
        }
        if (p.energyMwh() != null) {
            rows.add(new Row("Energy", String.format(Locale.ROOT, "%,.0f MWh", p.energyMwh()), "computed: GPU-hours x watts_per_gpu (given)"));
        }
        if (p.deadline() != null) {
            rows.add(new Row("Deadline", String.format(Locale.ROOT, "%.1f days: %s by %.2f days", p.deadline().deadlineDays(),
                    p.deadline().met() ? "met" : "missed", Math.abs(p.deadline().marginDays())), "computed"));
        }
        return rows;
    }

    private static Table layouts(Planner.Outcome o) {
        List<List<String>> rows = new ArrayList<>();
        Plan p = o.answer();
        rows.add(layoutRow("chosen", p.layout(), p.neededBytes(), p.stepSeconds(), p.mfu(), p.computeDays(), "-"));
        int i = 1;
        for (Plan.Alternative a : p.alternatives()) {
            rows.add(layoutRow(a.fits() ? String.valueOf(i) : i + " (does not fit)", a.layout(), a.neededBytes(),
                    a.stepSeconds(), a.mfu(), a.computeDays(), a.whyLost()));
            i++;
        }
        List<String> header = new ArrayList<>(List.of("rank", "tp", "pp", "dp", "zero", "micro_batch", "recompute",
                "virtual_stages", "idle_gpus", "per_gpu_gb", "step_seconds", "mfu", "compute_days", "why it lost"));
        if (p.layout().ep() != null) {
            header.add(3, "ep");
        }
        return new Table("Layouts: the chosen one and the runners-up, each with why it lost (computed)", header, rows);
    }

    private static List<String> layoutRow(String rank, Layout l, long bytes, double step, double mfu, double days, String why) {
        List<String> row = new ArrayList<>(layoutCells(rank, l, bytes, step, mfu, days, why));
        if (l.ep() != null) {
            row.add(3, String.valueOf(l.ep()));
        }
        return row;
    }

    private static List<String> layoutCells(String rank, Layout l, long bytes, double step, double mfu, double days, String why) {
        return List.of(rank, String.valueOf(l.tp()), String.valueOf(l.pp()), String.valueOf(l.dp()), String.valueOf(l.zero()),
                String.valueOf(l.microBatch()), l.recompute(), String.valueOf(l.virtualStages()),
                String.valueOf(l.idleGpus()), String.format(Locale.ROOT, "%.1f", bytes / 1e9),
                String.format(Locale.ROOT, "%.3f", step), String.format(Locale.ROOT, "%.1f %%", 100 * mfu),
                String.format(Locale.ROOT, "%.2f", days), why);
    }

    private static Table comparison(Plan p, PlanSpec spec, Published.Run run, org.scalelab.cluster.step.StepBreakdown step) {
        List<List<String>> rows = new ArrayList<>();
        for (Published.Row r : Published.compare(p, spec, run, step)) {
            rows.add(List.of(r.metric(), r.published(), r.ours(), r.kind(), r.note()));
        }
        return new Table(run.name() + ": published (" + run.source() + ") beside ours (computed)",
                List.of("metric", "published", "ours", "kind", "difference, explained"), rows);
    }

    private static Table byGpus(Plan p) {
        List<List<String>> rows = new ArrayList<>();
        for (Plan.GpuCount g : p.byGpus()) {
            rows.add(List.of(String.valueOf(g.gpus()), g.layout().label(), String.format(Locale.ROOT, "%.1f %%", 100 * g.mfu()),
                    String.format(Locale.ROOT, "%.2f", g.computeDays()), String.format(Locale.ROOT, "%.2f", g.wallDays()),
                    String.format(Locale.ROOT, "%,.0f", g.gpuHours()),
                    g.meetsDeadline() == null ? "-" : g.meetsDeadline() ? "yes" : "no"));
        }
        return new Table("Every GPU count of the range (computed; simulated with failures unless no_failures)",
                List.of("gpus", "layout", "mfu", "compute_days", "wall_days", "gpu_hours", "meets deadline"), rows);
    }

    private static Table causes(Plan p) {
        List<List<String>> rows = new ArrayList<>();
        p.interruptions().byCause().forEach((k, v) -> rows.add(List.of(k, String.format(Locale.ROOT, "%.1f", v))));
        return new Table("Unexpected interruptions by cause over the run (simulated; causes and rates from Llama 3 Table 5)",
                List.of("cause", "mean count"), rows);
    }

    private static List<String> sources(Plan p) {
        List<String> out = new ArrayList<>(List.of(
                "Besiroglu et al. 2024 (Epoch AI), Chinchilla scaling: a replication attempt: the default law's constants",
                "Hoffmann et al. 2022 (DeepMind), Chinchilla, Eq. 2 and 4: loss and compute-optimal allocation",
                "Kaplan et al. 2020 (OpenAI), Section 2.1: C = 6ND",
                "DeepSeek LLM 2024 (arXiv:2401.02954), Eq. 1: B_opt = 0.2920 C^0.3271; Eq. 2: M (FLOPs per token)",
                "Llama Team 2024 (arXiv:2407.21783), Table 3: shape proportions; Table 5 and Section 3.3.4: failure causes and counts",
                "Rajbhandari et al. 2019, ZeRO, Section 5: model states per GPU",
                "Korthikanti et al. 2022 (arXiv:2205.05198), Sections 4-5: activations and recomputation",
                "Narayanan et al. 2021 (arXiv:2104.04473), Section 2.2: pipeline bubble and interleaving; Section 3.2: TP within a server",
                "Chowdhery et al. 2022, PaLM, Appendix B: model FLOPs and MFU",
                "Daly 2006, A higher order estimate of the optimum checkpoint interval, Eq. 37",
                "Jiang et al. 2024, MegaScale (ByteDance), NSDI 2024: abstract and Table 2",
                "Meta, Llama 3.1 model card: 30.84M GPU-hours for the 405B model"));
        if (p.moe() != null) {
            out.addAll(List.of("DeepSeek-AI 2024, DeepSeek-V3 Technical Report (arXiv:2412.19437): Table 1 (2,664K H800 GPU-hours of "
                        + "pre-training), Section 3.2 (PP 16, EP 64, ZeRO-1 DP; DualPipe), Section 3.3 (FP8 GEMMs)",
                "Clark et al. 2022, Unified Scaling Laws for Routed Language Models (arXiv:2202.01169): why no routed law is applied"));
        }
        return out;
    }

    private static List<String> notes(Planner.Outcome o) {
        PlanSpec spec = o.spec();
        List<String> notes = new ArrayList<>(o.answer().warnings());
        // a published measurement is not ours and not an assumption; a given value is the user's
        notes.add(String.format(Locale.ROOT, "Matmul efficiency %.3f of peak, %s (%s).", spec.matmulEfficiency(),
                spec.matmulEfficiencySource().startsWith("measured") ? "a published measurement on large square products, "
                        + "not ours and not on this model's shapes" : "given".equals(spec.matmulEfficiencySource())
                        ? "given, not measured" : "assumed, not measured", spec.matmulEfficiencyLabel()));
        HbmBandwidth hbm = spec.hbm();
        notes.add(String.format(Locale.ROOT, "Memory-bound kernels at %,.0f GB/s of HBM, %s.", hbm.gbPerS(),
                hbm.equals(HbmBandwidth.measured(spec.gpu())) ? "a published measurement, not ours (" + hbm.source() + ")"
                        : "given, not measured"));
        if (!spec.noFailures()) {
            notes.add(String.format(Locale.ROOT, "Assumed recovery (the Llama 3 cluster example's assumptions unless given): "
                    + "detection %.0f s, restart %.0f s, %d spare nodes, repair %.0f h, a planned maintenance every %.2f h of"
                    + " %.0f s; checkpoints of parameters and optimizer states written and read at %.0f GB/s.",
                    spec.recovery().detectionSeconds(), spec.recovery().restartSeconds(), spec.recovery().spareNodes(),
                    spec.recovery().repairHours(), spec.recovery().maintenanceIntervalHours(o.answer().layout().usedGpus()),
                    spec.recovery().maintenanceSeconds(),
                    spec.storageWriteGbPerS()));
        }
        notes.add("The step model charges every kernel of a micro-batch, exposed TP/DP/ZeRO collectives, pipeline sends and"
                + " the pipeline bubble; it charges nothing for stragglers, kernel-launch gaps or the extra sends of"
                + " interleaving, so measured MFU is usually lower.");
        notes.add("Sequence parallelism is on whenever TP > 1; DP is lowered to fill whole nodes and the rest of the GPUs idle;"
                + " the DES runs for the chosen layout only, and the sensitivity charts use a twentieth of its replications (at least eight).");
        return notes;
    }

    /** Where the allocation's {@code key} came from: the last choice that names it. */
    private static String origin(Plan p, String key) {
        return PlanProvenance.choice(p, key);
    }

    static String sci(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
