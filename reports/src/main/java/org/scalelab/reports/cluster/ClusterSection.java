package org.scalelab.reports.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scalelab.cluster.checkpoint.CheckpointIntervals;
import org.scalelab.cluster.collective.Network;
import org.scalelab.cluster.failure.Llama3Failures;
import org.scalelab.cluster.sim.JobModel;
import org.scalelab.cluster.sim.MonteCarlo;
import org.scalelab.cluster.sim.Summary;
import org.scalelab.cluster.sim.Sweeps;
import org.scalelab.cluster.step.StepModel;
import org.scalelab.cluster.step.StepOp;
import org.scalelab.common.Units;
import org.scalelab.report.chart.ChartFiles;
import org.scalelab.report.ReportContext;
import org.scalelab.report.Section;
import org.scalelab.report.SectionReport;
import org.scalelab.report.chart.ChartRef;
import org.scalelab.report.SectionReport.Row;
import org.scalelab.report.SectionReport.Table;
import org.scalelab.cluster.params.ClusterParameters;
import org.scalelab.cluster.params.Published;

/** {@code kind: cluster}: simulates the file's run and draws the cluster charts. */
public final class ClusterSection implements Section<ClusterParameters> {
    /** The sources of the step model, on every page that prints a step. */
    static final List<String> STEP_SOURCES = List.of(
            "Chowdhery et al. PaLM. arXiv:2204.02311, Appendix B (model FLOPs and MFU).",
            "Korthikanti et al. Reducing Activation Recomputation in Large Transformer Models. arXiv:2205.05198.",
            "Narayanan et al. Efficient Large-Scale Language Model Training on GPU Clusters Using Megatron-LM. SC'21 ((p-1)/m bubble).",
            "NVIDIA. Matrix Multiplication Background User's Guide (math and memory bounds; tile and wave quantization).",
            "stas00/ml-engineering, compute/accelerator/README.md: Maximum Achievable Matmul FLOPS table (A100 SXM 271.2, H100 SXM 794.5 TFLOP/s BF16).",
            "deepseek-ai/FlashMLA, README, Performance (up to 3000 GB/s memory-bound on an H800 SXM5); ukri-bench/benchmark-BabelStream,"
                    + " README, Example performance data (Copy 1,709.4 GB/s on an A100-SXM4-80GB): the HBM bandwidth memory-bound kernels reach.",
            "Dao. FlashAttention-2. 2023; Shah et al. FlashAttention-3. 2024 (attention kernel efficiency).",
            "Thakur, Rabenseifner, Gropp. Optimization of collective communication operations in MPICH. IJHPCA 19(1), 2005.",
            "NVIDIA nccl-tests, doc/PERFORMANCE.md (algbw and busbw definitions).",
            "Rajbhandari et al. ZeRO. arXiv:1910.02054 (communication volume by stage).",
            "deepspeedai/DeepSpeed#2252 \"Why Stage2 need communicate gradients every steps, even if grad_accumulation_steps > 1?\""
                    + " (ZeRO-2 and ZeRO-3 reduce gradients after every micro-batch's backward).",
            "NVIDIA Megatron-LM, megatron/training/arguments.py (bf16 gradients accumulated and all-reduced in fp32).");

    /** The sources of a simulated run: the failure and checkpoint literature, then the step model's. */
    static final List<String> SOURCES = java.util.stream.Stream.concat(java.util.stream.Stream.of(
            "Young, J. W. A first order approximation to the optimum checkpoint interval. CACM 17(9), 1974.",
            "Daly, J. T. A higher order estimate of the optimum checkpoint interval for restart dumps. FGCS 22(3), 2006 (Eq. 37, complete model).",
            "Grattafiori/Dubey et al. The Llama 3 Herd of Models. arXiv:2407.21783, 2024 (Table 5: 419 unexpected interruptions in 54 days on 16,384 H100s; 466 in all; >90% effective training time).",
            "Jiang et al. (ByteDance). MegaScale: Scaling Large Language Model Training to More Than 10,000 GPUs. NSDI 2024."),
            STEP_SOURCES.stream()).toList();

    /** What the step model leaves out, said on every page that prints a step. */
    static final String STEP_NOT_MODELLED = "Not modelled in the step: stragglers, kernel-launch and host overheads, and NCCL"
            + " running below the link rate.";

    /** The HBM bandwidth the step's memory-bound kernels ran at, with its source, as a headline row. */
    static Row hbmRow(org.scalelab.cluster.step.StepSpec spec) {
        return new Row("HBM bandwidth of memory-bound kernels", String.format(Locale.ROOT, "%,.0f GB/s", spec.hbm().gbPerS()),
                spec.hbm().source());
    }

    /** The HBM bandwidth the step's memory-bound kernels ran at, with its source, as a report note. */
    static String hbmNote(org.scalelab.cluster.step.StepSpec spec) {
        return String.format(Locale.ROOT, "Memory-bound kernels at %,.0f GB/s of HBM: %s.", spec.hbm().gbPerS(),
                spec.hbm().source());
    }

    @Override
    public String kind() {
        return "cluster";
    }

    @Override
    public Class<ClusterParameters> parameterType() {
        return ClusterParameters.class;
    }

    @Override
    public SectionReport run(ClusterParameters p, ReportContext context) throws IOException {
        if (p.isCollective()) {
            return CollectiveReport.run(p.collective(), context);
        }
        if (p.isStep()) {
            return StepReport.run(p, context);
        }
        ClusterScenario.Prepared prep = ClusterScenario.prepare(p, context::resolve);
        int reps = context.full() ? p.fullReplications() : p.replications();
        int threads = Runtime.getRuntime().availableProcessors();
        long seed = context.seed();
        Summary summary;
        try (ReportContext.Progress.Task task = context.task("cluster: " + reps + " replications", reps)) {
            summary = MonteCarlo.summarize(prep.job(), reps, seed, threads, task);
        }
        SimulationResult result = ClusterScenario.result(prep, summary, seed);
        ChartFiles files = context.charts();
        List<ChartRef> charts = new ArrayList<>();
        JobModel job = prep.job();
        charts.add(ClusterCharts.timeline(files, ClusterRows.timeline(MonteCarlo.timelineOfFirst(job, seed), job.horizonSeconds())));

        double delta = job.checkpointStallSeconds();
        double restart = job.detectionSeconds() + job.restartSeconds();
        double m = job.combinedMtbfSeconds();
        double young = CheckpointIntervals.youngSeconds(Math.max(delta, 1e-9), m);
        double daly = CheckpointIntervals.dalySeconds(Math.max(delta, 1e-9), m);
        double[] intervals = new double[p.intervalFactors().size()];
        double[] analytical = new double[intervals.length];
        for (int i = 0; i < intervals.length; i++) {
            intervals[i] = roundToSteps(p.intervalFactors().get(i) * daly, prep);
            analytical[i] = CheckpointIntervals.dalyEfficiency(intervals[i], delta, restart, m);
        }
        List<Sweeps.Point> sweep;
        try (ReportContext.Progress.Task task = context.task("cluster: interval sweep", intervals.length)) {
            sweep = Sweeps.overIntervals(job, intervals, reps, seed, threads, task);
        }
        charts.add(ClusterCharts.ettrVsInterval(files, ClusterRows.ettr(sweep), analytical, young, daly, prep.isWhatIf()));
        charts.add(ClusterCharts.interruptionsByCause(files, result.interruptionsByCause(), publishedByCause(p)));

        List<Sweeps.Point> sizes = List.of();
        if (!prep.isWhatIf()) {
            charts.add(ClusterCharts.stepBreakdown(files, prep.step()));
            var c = p.cluster();
            // 64 nodes (a power of two, so that halving-doubling is drawn too), or the whole job if
            // smaller; pods enter only when such a group spans several.
            int ranks = Math.min(c.gpus(), 64 * c.gpusPerNode());
            int pod = c.podGpus() > 0 && c.podGpus() < ranks && ranks % c.podGpus() == 0 ? c.podGpus() : 0;
            int local = Math.min(c.gpusPerNode(), ranks);
            Network net = new Network(ranks, local, c.nvlinkLatencyUs(), c.nvlinkGbPerS(), c.interNodeLatencyUs(),
                    c.interNodeGbitPerS() / 8, local, pod, c.oversubscription());
            charts.addAll(ClusterCharts.collectives(files, net.ranks(), ClusterRows.allReduce(net)));
            sizes = clusterSizes(p, reps, seed, threads, context);
            if (!sizes.isEmpty()) {
                charts.add(ClusterCharts.ettrVsClusterSize(files, ClusterRows.ettr(sizes)));
            }
        }
        return new SectionReport(title(p, prep), summary(result, reps, seed), headline(p, result, prep), charts,
                tables(p, result, prep), SOURCES, notes(p, prep, result), new Report(result.printed(), sweep, sizes));
    }

    /** The section's machine-readable result. */
    public record Report(SimulationResult simulation, List<Sweeps.Point> intervalSweep, List<Sweeps.Point> clusterSizes) { }

    private static double roundToSteps(double seconds, ClusterScenario.Prepared prep) {
        if (prep.isWhatIf()) {
            return seconds;
        }
        double step = prep.step().stepSeconds();
        return Math.max(1, Math.round(seconds / step)) * step;
    }

    private static List<Sweeps.Point> clusterSizes(ClusterParameters p, int reps, long seed, int threads, ReportContext ctx) {
        int g = p.cluster().gpus();
        int unit = p.cluster().tp() * p.cluster().pp() * p.cluster().gpusPerNode();
        List<Integer> wanted = !p.clusterSizes().isEmpty() ? p.clusterSizes() : List.of(g / 16, g / 4, g);
        List<JobModel> jobs = new ArrayList<>();
        List<Double> xs = new ArrayList<>();
        for (int size : wanted) {
            if (size <= 0 || size % unit != 0 && size % (p.cluster().tp() * p.cluster().pp()) != 0) {
                continue;
            }
            try {
                jobs.add(ClusterScenario.prepareCluster(p, size, ctx::resolve).job());
                xs.add((double) size);
            } catch (IllegalArgumentException e) {
                // A size the layout cannot take (pp not dividing it, for instance) is left out of the chart.
            }
        }
        if (jobs.size() < 2) {
            return List.of();
        }
        try (ReportContext.Progress.Task task = ctx.task("cluster: sizes", jobs.size())) {
            return Sweeps.overJobs(jobs, xs.stream().mapToDouble(Double::doubleValue).toArray(), reps, seed, threads, task);
        }
    }

    private static Map<String, Double> publishedByCause(ClusterParameters p) {
        if (p.isWhatIf() || p.failures().table() == null) {
            return null;
        }
        double scale = p.days() / Llama3Failures.DAYS * p.cluster().gpus() / Llama3Failures.GPUS;
        Map<String, Double> m = new LinkedHashMap<>();
        for (Llama3Failures.Row r : Llama3Failures.TABLE) {
            m.put(r.component(), r.count() * scale);
        }
        return m;
    }

    private static String title(ClusterParameters p, ClusterScenario.Prepared prep) {
        if (prep.isWhatIf()) {
            return String.format(Locale.ROOT, "Cluster: abstract job, MTBF %.3g h, checkpoint %.3g s, restart %.3g s, %.3g days",
                    p.whatIf().mtbfHours(), p.whatIf().checkpointSeconds(), p.whatIf().restartSeconds(), p.days());
        }
        return String.format(Locale.ROOT, "Cluster: %s on %,d x %s, %.3g days", prep.spec().shape().key(), p.cluster().gpus(),
                p.cluster().gpu(), p.days());
    }

    private static String summary(SimulationResult r, int reps, long seed) {
        String interval = r.hasIntervals() ? String.format(Locale.ROOT, "95%% interval %.1f-%.1f%%", 100 * r.ettrCi()[0],
                100 * r.ettrCi()[1]) : "no interval: one replication has no spread";
        return String.format(Locale.ROOT, "Over %d replication%s (seed %d) the run spends %.1f%% of its wall time training"
                + " (%s), with %.0f interruptions on average (%.0f unexpected, %.0f planned).",
                reps, reps == 1 ? "" : "s", seed, 100 * r.ettr(), interval, r.interruptions().get("total"),
                r.interruptions().get("unexpected"), r.interruptions().get("planned"));
    }

    private static List<Row> headline(ClusterParameters p, SimulationResult r, ClusterScenario.Prepared prep) {
        String sim = "computed (discrete-event simulation, " + r.replications() + (r.replications() == 1 ? " replication" : " replications")
                + ", seed " + r.seed() + ")";
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("ETTR (time in training steps / wall)", r.hasIntervals() ? String.format(Locale.ROOT, "%.4f [%.4f, %.4f]",
                r.ettr(), r.ettrCi()[0], r.ettrCi()[1]) : String.format(Locale.ROOT, "%.4f [-]", r.ettr()),
                r.hasIntervals() ? sim : sim + "; 95 % interval: " + SimulationResult.NO_INTERVAL));
        rows.add(new Row("ETTR by Daly's complete model", String.format(Locale.ROOT, "%.4f", r.expectedEttr()),
                "computed (Daly 2006, complete model" + (prep.isWhatIf() ? ")" : "; ignores spares and maintenance)")));
        rows.add(new Row("Interruptions (total / unexpected / planned)", String.format(Locale.ROOT, "%.1f / %.1f / %.1f",
                r.interruptions().get("total"), r.interruptions().get("unexpected"), r.interruptions().get("planned")), sim));
        rows.add(new Row("Checkpoint interval", String.format(Locale.ROOT, "%.0f s", r.intervalSeconds()),
                "computed (policy of the file; Young 1974 / Daly 2006 Eq. 37)"));
        rows.add(new Row("Checkpoint stall / restart incl. read", String.format(Locale.ROOT, "%.3g s / %.3g s",
                r.checkpointSeconds(), r.restartSeconds()), "computed from the file's bytes and bandwidths"));
        rows.add(new Row("Job MTBF", String.format(Locale.ROOT, "%.3g h", r.mtbfHours()), "computed from the file's failure rates"));
        if (!prep.isWhatIf()) {
            rows.add(new Row("Step time", String.format(Locale.ROOT, "%.3f s", r.stepSeconds()), "computed (step model)"));
            rows.add(new Row("MFU / HFU of an uninterrupted step", String.format(Locale.ROOT, "%.1f%% / %.1f%%", 100 * r.stepMfu(),
                    100 * prep.step().hfu()), "computed (PaLM App. B model FLOPs without the embedding lookup; HFU adds the"
                    + " recomputed forward; matmul efficiency: " + prep.spec().matmulEfficiencyLabel() + ")"));
            rows.add(hbmRow(prep.spec()));
            Double measured = p.training().measuredStepSeconds();
            if (measured != null) {
                rows.add(new Row("Measured step / its MFU", String.format(Locale.ROOT, "%.3f s / %.1f%%", measured,
                        100 * StepModel.measuredMfu(prep.spec(), measured)), "training.measured_step_seconds (given); MFU"
                        + " computed: the model FLOPs above over measured seconds x GPUs x BF16 peak"));
                rows.add(new Row("Step model's error vs the measured step", String.format(Locale.ROOT, "%+.1f%%",
                        100 * (r.stepSeconds() - measured) / measured), "computed: (model - measured) / measured"));
            }
            rows.add(new Row("Goodput", String.format(Locale.ROOT, "%.3g tokens/s", r.goodputTokensPerSecond()), sim));
            rows.add(new Row("Goodput MFU (step MFU x ETTR)", String.format(Locale.ROOT, "%.1f%%", 100 * r.goodputMfu()), sim
                    + "; goodput_mfu in result.json, step_mfu the step's"));
        }
        rows.add(new Row("Simulated events", String.format(Locale.ROOT, "%,d", r.simulatedEvents()), sim));
        return rows;
    }

    private static List<Table> tables(ClusterParameters p, SimulationResult r, ClusterScenario.Prepared prep) {
        List<Table> out = new ArrayList<>();
        List<List<String>> breakdown = new ArrayList<>();
        r.timeBreakdownSeconds().forEach((k, v) -> breakdown.add(List.of(k, String.format(Locale.ROOT, "%.1f", v / Units.SECONDS_PER_HOUR),
                String.format(Locale.ROOT, "%.2f%%", 100 * v / r.wallSeconds()))));
        out.add(new Table("Where the wall time goes (means; the rows sum to the wall time; only productive_compute runs the"
                + " model's FLOPs)", List.of("category", "hours", "share"), breakdown));
        if (!prep.isWhatIf()) {
            List<List<String>> ops = new ArrayList<>();
            for (StepOp op : prep.step().ops()) {
                ops.add(List.of(op.name(), op.kind().key(), String.format(Locale.ROOT, "%.4f", op.seconds()),
                        String.format(Locale.ROOT, "%.3g", op.flops()), String.format(Locale.ROOT, "%.3g", op.bytes())));
            }
            out.add(new Table(String.format(Locale.ROOT, "The modelled step op by op (busiest stage, one GPU; %.3f s in all)",
                    prep.step().stepSeconds()), List.of("op", "category", "seconds", "FLOPs", "bytes"), ops));
        }
        Published pub = p.published();
        if (pub != null) {
            // Interruption counts match by construction when the failure rates come from the same published
            // table: they check the calibration and are not validation. Only what was not used to calibrate validates.
            boolean calibrated = !p.isWhatIf() && p.failures().table() != null;
            List<List<String>> rows = new ArrayList<>();
            List<List<String>> calibration = new ArrayList<>();
            List<List<String>> counts = calibrated ? calibration : rows;
            String src = pub.source() == null ? "published" : pub.source();
            if (pub.interruptions() != null) {
                counts.add(List.of("interruptions", fmt(pub.interruptions()), fmt(r.interruptions().get("total")), src));
            }
            if (pub.unexpected() != null) {
                counts.add(List.of("unexpected interruptions", fmt(pub.unexpected()), fmt(r.interruptions().get("unexpected")), src));
            }
            if (pub.planned() != null) {
                counts.add(List.of("planned interruptions", fmt(pub.planned()), fmt(r.interruptions().get("planned")), src));
            }
            if (pub.ettrAtLeast() != null) {
                rows.add(List.of("effective training time", "> " + fmt(pub.ettrAtLeast()), String.format(Locale.ROOT, "%.4f", r.ettr()), src));
            }
            if (pub.stepSeconds() != null && !prep.isWhatIf()) {
                rows.add(List.of("step time (s)", fmt(pub.stepSeconds()), String.format(Locale.ROOT, "%.3f", r.stepSeconds()), src));
            }
            if (pub.mfu() != null && !prep.isWhatIf()) {
                rows.add(List.of("MFU", fmt(pub.mfu()), String.format(Locale.ROOT, "%.3f", r.stepMfu()), src));
            }
            if (!calibration.isEmpty()) {
                out.add(new Table("Calibration check, not validation: the failure rates were calibrated from this same table ("
                        + p.failures().table() + "), so these counts match by construction",
                        List.of("metric", "published", "ours (mean)", "source"), calibration));
            }
            if (!rows.isEmpty()) {
                out.add(new Table("Validation: published figures not used to calibrate, beside ours",
                        List.of("metric", "published", "ours (mean)", "source"), rows));
            }
        }
        return out;
    }

    /** The note that training's expert settings change nothing on a model without experts, if they differ from their defaults. */
    static java.util.Optional<String> withoutEffect(ClusterScenario.Prepared prep) {
        Map<String, Double> unused = prep.spec().options().withoutEffectOn(prep.spec().shape());
        if (unused.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<String> given = new ArrayList<>();
        unused.forEach((k, v) -> given.add("training." + k + " " + org.scalelab.common.Check.format(v)));
        return java.util.Optional.of(String.join(" and ", given) + (given.size() > 1 ? " have" : " has") + " no effect: "
                + prep.spec().shape().key() + " has no experts (give model.experts to make it a mixture of experts).");
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? String.format(Locale.ROOT, "%.0f", x) : String.format(Locale.ROOT, "%.3g", x);
    }

    private static List<String> notes(ClusterParameters p, ClusterScenario.Prepared prep, SimulationResult r) {
        List<String> notes = new ArrayList<>();
        notes.add("Seed " + r.seed() + "; each replication draws from its own split stream, so the numbers do not depend on the thread count.");
        notes.add("ETTR is the ratio estimator of committed work over wall time up to the first durable checkpoint after the"
                + " horizon (Wald's identity), which removes the end-of-run bias of cutting a cycle at the horizon.");
        Map<String, String> driver = new java.util.HashMap<>(Map.of(
                "lost", "the checkpoint interval and the failure rate (work since the last checkpoint is redone)",
                "restart", "recovery.restart_seconds plus the checkpoint read (checkpoint bytes / storage read bandwidth)",
                "detection", "recovery.detection_seconds",
                "checkpoint", "the checkpoint stall (bytes / storage write bandwidth, or the host copy for two-stage checkpoints)",
                "waiting", "recovery.spare_nodes and recovery.repair_hours",
                "maintenance", "recovery.maintenance_seconds and maintenance_interval_hours",
                "exposed_communication", "the step model's exposed communication (TP, pipeline and DP not overlapped)",
                "pipeline_bubble", "the pipeline depth over the micro-batches per step, (p - 1)/(v m)",
                "memory_bound", "element-wise kernels, the loss and the optimizer update (bytes over HBM)",
                "recompute", "activation recomputation (training.recompute)"));
        driver.put("all_to_all", "the expert-parallel token dispatch and combine (all-to-alls) not overlapped");
        List<Map.Entry<String, Double>> losses = new ArrayList<>(r.timeBreakdownSeconds().entrySet());
        losses.removeIf(e -> e.getKey().equals("productive_compute") || e.getValue() <= 0);
        losses.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) -> e.getValue()).reversed());
        if (!losses.isEmpty()) {
            var top = losses.get(0);
            notes.add(String.format(Locale.ROOT, "The largest loss is %s (%.1f h, %.1f%% of the wall time), driven by %s.",
                    top.getKey(), top.getValue() / Units.SECONDS_PER_HOUR, 100 * top.getValue() / r.wallSeconds(), driver.getOrDefault(top.getKey(), "")));
        }
        if (p.published() != null && p.published().ettrAtLeast() != null) {
            double gap = r.ettr() - p.published().ettrAtLeast();
            notes.add(String.format(Locale.ROOT, "Gap to the published effective training time (> %.2f): %+.4f. The paper does not"
                    + " state detection, restart or checkpoint durations; the values in the parameter file are our assumptions"
                    + " and the note above names the one that costs most.", p.published().ettrAtLeast(), gap));
        }
        if (!prep.isWhatIf()) {
            notes.add(String.format(java.util.Locale.ROOT, "Matmul efficiency %.1f %% of peak: %s.", 100 * prep.spec().matmulEfficiency(),
                    prep.spec().matmulEfficiencyLabel()));
            notes.add(hbmNote(prep.spec()));
            notes.add(STEP_NOT_MODELLED);
            withoutEffect(prep).ifPresent(notes::add);
        }
        return notes;
    }
}
