package org.scalelab.reports.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.scalelab.cluster.checkpoint.CheckpointIntervals;
import org.scalelab.cluster.checkpoint.CheckpointPlan;
import org.scalelab.cluster.checkpoint.CheckpointPolicy;
import org.scalelab.cluster.failure.FailureCause;
import org.scalelab.cluster.failure.FailureDistribution;
import org.scalelab.cluster.failure.Llama3Failures;
import org.scalelab.cluster.sim.Estimate;
import org.scalelab.cluster.sim.JobModel;
import org.scalelab.cluster.sim.MonteCarlo;
import org.scalelab.cluster.sim.Recovery;
import org.scalelab.cluster.sim.ScenarioBuilder;
import org.scalelab.cluster.sim.StepShares;
import org.scalelab.cluster.sim.Summary;
import org.scalelab.cluster.step.GemmModel;
import org.scalelab.cluster.step.HbmBandwidth;
import org.scalelab.cluster.step.ParallelLayout;
import org.scalelab.cluster.step.StepModel;
import org.scalelab.cluster.step.StepOptions;
import org.scalelab.cluster.step.StepResult;
import org.scalelab.cluster.step.StepSpec;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.common.ProgressListener;
import org.scalelab.common.Units;
import org.scalelab.memory.BytesPerParam;
import org.scalelab.common.GpuSpec;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.TransformerShape;
import org.scalelab.memory.ZeroStage;
import org.scalelab.cluster.params.ClusterParameters;
import org.scalelab.cluster.params.Checkpoint;
import org.scalelab.cluster.params.Cluster;
import org.scalelab.cluster.params.Failures;
import org.scalelab.cluster.params.Model;
import org.scalelab.cluster.params.Training;
import org.scalelab.cluster.params.WhatIf;

/**
 * Turns a {@link ClusterParameters} file into domain objects (step model, failure causes,
 * checkpoint plan, simulator job) and runs its replications. Shared by {@code cluster simulate},
 * the {@code cluster} report section and the points of a sweep over a cluster file.
 */
public final class ClusterScenario {
    /**
     * A prepared scenario.
     *
     * @param job          the simulator input
     * @param step         the modelled step, or null for the abstract job
     * @param spec         the step specification, or null for the abstract job
     * @param derived      derived times, or null for the abstract job
     * @param expectedEttr Daly's complete model at the scenario's interval (exact for the abstract
     *                     job; for a cluster scenario an estimate that ignores spares and maintenance)
     */
    public record Prepared(JobModel job, StepResult step, StepSpec spec, ScenarioBuilder.Derived derived, double expectedEttr) {
        public boolean isWhatIf() {
            return step == null;
        }
    }

    private ClusterScenario() {}

    /**
     * The scenario of a file: the abstract what-if job, or the full cluster scenario on its GPUs.
     * Relative paths in the file ({@code training.matmul_efficiency_from}) resolve against the
     * working folder; {@link #prepare(ClusterParameters, Function)} resolves them elsewhere.
     *
     * @throws org.scalelab.common.InvalidParameterException naming the key path of a setting that
     *     proves impossible when building the step (a layout that does not divide the GPUs), or
     *     {@code collective} for a collective file, or {@code days} for a step file (no days), which
     *     have no run to simulate
     */
    public static Prepared prepare(ClusterParameters p) {
        return prepare(p, Path::of);
    }

    /** As {@link #prepare(ClusterParameters)}, with {@code resolve} turning a path written in the file into a file. */
    public static Prepared prepare(ClusterParameters p, Function<String, Path> resolve) {
        if (p.isCollective()) {
            throw new InvalidParameterException("collective", "a collective file answers one collective and has no run to"
                    + " simulate or sweep (run it with scalelab run)", p.collective().op());
        }
        if (p.isStep()) {
            throw new InvalidParameterException("days", "is required to simulate or sweep the run: this file has model,"
                    + " training and cluster only, so it answers one step (run it with scalelab run, or add days, failures"
                    + " and checkpoint)", "missing");
        }
        return p.isWhatIf() ? prepareWhatIf(p) : prepareCluster(p, p.cluster().gpus(), resolve);
    }

    private static Prepared prepareWhatIf(ClusterParameters p) {
        WhatIf w = p.whatIf();
        double m = w.mtbfHours() * Units.SECONDS_PER_HOUR;
        double tau = switch (w.interval()) {
            case "young" -> CheckpointIntervals.youngSeconds(w.checkpointSeconds(), m);
            case "daly" -> CheckpointIntervals.dalySeconds(w.checkpointSeconds(), m);
            default -> w.intervalSeconds();
        };
        JobModel job;
        try {
            job = JobModel.abstractJob(p.days() * Units.SECONDS_PER_DAY, tau, m, w.checkpointSeconds(), w.restartSeconds());
        } catch (InvalidParameterException e) {
            // the job's rules name its own fields; in the file they are keys of the what_if block
            throw WHAT_IF_KEYS.contains(e.field()) ? e.under("what_if") : e;
        }
        return new Prepared(job, null, null, null, CheckpointIntervals.dalyEfficiency(tau, w.checkpointSeconds(), w.restartSeconds(), m));
    }

    /** The cluster scenario on {@code gpus} GPUs (failure rates scale with the GPU count). */
    static Prepared prepareCluster(ClusterParameters p, int gpus, Function<String, Path> resolve) {
        StepSpec spec = stepSpec(p.model(), p.training(), p.cluster(), gpus, resolve);
        StepResult step = StepModel.compute(spec);
        List<FailureCause> causes = under("failures", () -> causes(p.failures(), p.cluster().gpus(), gpus));
        Checkpoint ck = p.checkpoint();
        double bytes = ck.checkpointGb() != null ? ck.checkpointGb() * 1e9
                : under("checkpoint", () -> BytesPerParam.byName(ck.bytesPerParam())).checkpointBytes(spec.paramCount());
        CheckpointPlan plan = under("checkpoint", () -> new CheckpointPlan(CheckpointPolicy.byName("policy", ck.policy()),
                ck.intervalSeconds(), bytes, ck.storageWriteGbPerS(), ck.storageReadGbPerS(), ck.twoStage(), ck.hostCopyGbPerS(),
                ck.inMemoryRecovery()));
        org.scalelab.cluster.params.Recovery r = p.recovery();
        Recovery recovery = under("recovery", () -> new Recovery(r.detectionSeconds(), r.restartSeconds(), r.spareNodes(),
                r.repairHours(), r.maintenanceIntervalHours(), r.maintenanceSeconds()));
        ScenarioBuilder.Derived d;
        try {
            d = ScenarioBuilder.build(step.stepSeconds(), StepShares.of(step.breakdown()), gpus, p.days(), causes, plan, recovery);
        } catch (InvalidParameterException e) {
            throw asFileKey(e, r.restartSeconds(), plan.recoveryReadSeconds(gpus));
        }
        double expected = CheckpointIntervals.dalyEfficiency(d.job().intervalSeconds(), d.checkpointStallSeconds(),
                recovery.detectionSeconds() + d.job().restartSeconds(), d.mtbfHours() * Units.SECONDS_PER_HOUR);
        return new Prepared(d.job(), step, spec, d, expected);
    }

    /**
     * The step of the file's model, training and cluster blocks on {@code gpus} GPUs, read as
     * {@code cluster step} reads its options: the shape by {@link org.scalelab.memory.ShapeSpec} (through the model
     * block), the matmul efficiency by {@link KernelsEfficiency#choose}, the HBM bandwidth by
     * {@link HbmBandwidth#of} ({@code cluster.hbm_gb_per_s}, else the GPU's measured one), the kernel and
     * mixture-of-experts settings by {@link StepOptions}. {@code cluster.dp} applies on the file's
     * own GPU count only; other counts (the cluster-size chart) take dp = gpus / (tp x pp x ep).
     */
    static StepSpec stepSpec(Model mo, Training tr, Cluster cl, int gpus, Function<String, Path> resolve) {
        TransformerShape shape = under("model", mo::shape);
        long params = mo.params() != null ? mo.params() : shape.paramCount();
        Integer dp = gpus == cl.gpus() ? cl.dp() : null;
        ParallelLayout layout = under("cluster", () -> ParallelLayout.of(gpus, dp, cl.tp(), cl.pp(), cl.ep(), cl.gpusPerNode(),
                cl.nvlinkGbPerS(), cl.nvlinkLatencyUs(), cl.interNodeGbitPerS(), cl.interNodeLatencyUs()));
        GpuSpec gpu = under("cluster", () -> StepCommand.customGpu(GpuSpec.byName(cl.gpu()), cl.peakTflopPerS()));
        HbmBandwidth hbm = under("cluster", () -> HbmBandwidth.of(gpu, cl.hbmGbPerS(), "given"));
        GemmModel.Ceiling e = under("training", () -> KernelsEfficiency.choose(gpu, tr.matmulEfficiency(),
                tr.matmulEfficiencySource(), tr.matmulEfficiencyFrom() == null ? null : resolve.apply(tr.matmulEfficiencyFrom()),
                tr.matmulKernel(), "parameter file"));
        StepOptions options = under("training", () -> StepOptions.of(gpu, tr.recipe(), tr.flashAttention(), tr.dropout(),
                tr.causal(), tr.sequenceParallel(), tr.attentionEfficiency(), tr.tpOverlap(), tr.gradientAccumulationFusion())
                .withMoe(tr.gemmPrecision(), tr.expertLoadImbalance(), tr.a2aOverlap()));
        try {
            return new StepSpec(shape, params, tr.seq(), tr.microBatch(), tr.gradAccum(), gpu, e.value(), e.source(), layout,
                    ZeroStage.of(tr.zero()), Recompute.byName(tr.recompute()), tr.dpOverlap(), tr.virtualStages(), options, hbm);
        } catch (InvalidParameterException x) {
            // The step checks the layout against the shape too: a rule on a cluster key names the cluster block.
            throw x.under(CLUSTER_KEYS.contains(x.field()) ? "cluster" : "training");
        }
    }

    private static List<FailureCause> causes(Failures f, int configuredGpus, int gpus) {
        FailureDistribution dist = FailureDistribution.byName("distribution", f.distribution());
        List<FailureCause> out = new ArrayList<>();
        if (f.table() != null) {
            for (FailureCause c : Llama3Failures.causes(gpus, dist, f.weibullShape())) {
                out.add(new FailureCause(c.name(), c.mtbfHours() * f.mtbfScale(), c.distribution(), c.weibullShape(), c.needsReplacement()));
            }
            return out;
        }
        for (Failures.Cause c : f.causes()) {
            out.add(new FailureCause(c.name(), c.mtbfHours() * f.mtbfScale() * configuredGpus / gpus, dist, f.weibullShape(),
                    c.needsReplacement()));
        }
        return out;
    }

    /** The keys of the what_if block that the abstract job's own checks may name. */
    private static final java.util.Set<String> WHAT_IF_KEYS = java.util.Set.of("checkpoint_seconds", "restart_seconds",
            "interval_seconds", "mtbf_hours");

    /**
     * A rule the simulated job broke, named by the file key the user wrote: the job's restart is
     * {@code recovery.restart_seconds} plus the checkpoint read (the message echoes the key's own
     * value), its checkpoint stall derives from the {@code checkpoint} block.
     */
    private static InvalidParameterException asFileKey(InvalidParameterException e, double restartSeconds, double readSeconds) {
        return switch (e.field()) {
            case "restart_seconds" -> new InvalidParameterException("recovery.restart_seconds", e.rule()
                    + (readSeconds > 0 ? " (the limit covers it plus the " + org.scalelab.common.Check.format(JobModel.rounded(readSeconds))
                    + " s checkpoint read)" : ""), org.scalelab.common.Check.format(restartSeconds));
            case "checkpoint_seconds" -> new InvalidParameterException("checkpoint", "the checkpoint stall (its size over"
                    + " storage_write_gb_per_s) " + e.rule(), org.scalelab.common.Check.format(JobModel.rounded(Double.parseDouble(e.value()))) + " s");
            default -> e;
        };
    }

    /** The keys of the cluster block that the step's own checks may name. */
    private static final java.util.Set<String> CLUSTER_KEYS = java.util.Set.of("tp", "pp", "ep", "dp", "gpus", "gpus_per_node");

    private static <T> T under(String prefix, java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (InvalidParameterException e) {
            throw e.under(prefix);
        }
    }

    /** Runs the replications and builds the printed result. */
    static SimulationResult simulate(Prepared prep, int replications, long seed, int threads, ProgressListener progress) {
        Summary s = MonteCarlo.summarize(prep.job(), replications, seed, threads, progress);
        return result(prep, s, seed);
    }

    /** What {@code cluster simulate} prints for replications summarised in {@code s}. */
    public static SimulationResult result(Prepared prep, Summary s, long seed) {
        Estimate ettr = s.ettr();
        Double goodput = null;
        double[] goodputCi = null;
        Double goodputMfu = null;
        double[] goodputMfuCi = null;
        if (!prep.isWhatIf()) {
            double tps = prep.step().tokensPerSecond();
            goodput = ettr.mean() * tps;
            goodputCi = new double[] {ettr.lo() * tps, ettr.hi() * tps};
            goodputMfu = ettr.mean() * prep.step().mfu();
            goodputMfuCi = new double[] {ettr.lo() * prep.step().mfu(), ettr.hi() * prep.step().mfu()};
        }
        Map<String, Double> interruptions = new LinkedHashMap<>();
        interruptions.put("total", s.total().mean());
        interruptions.put("unexpected", s.unexpected().mean());
        interruptions.put("planned", s.planned().mean());
        Map<String, double[]> interruptionsCi = new LinkedHashMap<>();
        interruptionsCi.put("total", ci(s.total()));
        interruptionsCi.put("unexpected", ci(s.unexpected()));
        interruptionsCi.put("planned", ci(s.planned()));
        Map<String, Double> byCause = new LinkedHashMap<>();
        Map<String, double[]> byCauseCi = new LinkedHashMap<>();
        s.byCause().forEach((k, v) -> {
            byCause.put(k, v.mean());
            byCauseCi.put(k, ci(v));
        });
        Map<String, Double> breakdown = new LinkedHashMap<>();
        Map<String, double[]> breakdownCi = new LinkedHashMap<>();
        s.secondsByCategory().forEach((k, v) -> {
            breakdown.put(k, v.mean());
            breakdownCi.put(k, ci(v));
        });
        JobModel job = prep.job();
        return new SimulationResult(ettr.mean(), ci(ettr), s.wallSeconds().mean(), ci(s.wallSeconds()), goodput, goodputCi,
                goodputMfu, goodputMfuCi, prep.isWhatIf() ? null : prep.step().mfu(),
                prep.isWhatIf() ? null : prep.step().hfu(), prep.isWhatIf() ? null : prep.spec().hbm().gbPerS(),
                prep.isWhatIf() ? null : prep.spec().hbm().source(), prep.isWhatIf() ? null : prep.step().modelFlopsPerToken(), interruptions, interruptionsCi, byCause, byCauseCi, breakdown, breakdownCi,
                s.eventsTotal(), seed, s.replications(), job.intervalSeconds(),
                prep.derived() == null ? null : prep.derived().intervalSteps(), job.checkpointStallSeconds(),
                job.restartSeconds(), job.combinedMtbfSeconds() / Units.SECONDS_PER_HOUR, prep.expectedEttr(),
                prep.isWhatIf() ? null : prep.step().stepSeconds());
    }

    private static double[] ci(Estimate e) {
        return new double[] {e.lo(), e.hi()};
    }
}
