package org.scalelab.cluster.params;

import java.util.List;
import org.scalelab.cluster.failure.FailureTable;
import org.scalelab.cluster.step.ParallelLayout;
import org.scalelab.cluster.step.StepOptions;
import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.memory.MoeSpec;
import org.scalelab.memory.ShapeSpec;
import org.scalelab.memory.TransformerShape;

/**
 * A {@code kind: cluster} parameter file: an abstract what-if job ({@code what_if}), one collective
 * ({@code collective}, alone: {@code cluster collective}'s question), or a full scenario (model,
 * training, cluster, failures, checkpoint, recovery). Keys are snake_case record components; units
 * are in the names. Missing optional keys get the defaults below.
 *
 * @param days              wall-clock days simulated (required, except for a collective)
 * @param replications      Monte-Carlo replications by default (demo size; default 100)
 * @param fullReplications  replications with {@code --full} (default 1000)
 * @param intervalFactors   checkpoint intervals swept for the ETTR chart, as multiples of Daly's
 *                          interval (default 0.25, 0.5, 1, 2, 4)
 * @param clusterSizes      GPU counts for the ETTR-vs-cluster-size chart (default: 1/16, 1/4, 1×
 *                          the configured count; failure rates scale with the GPU count)
 * @param published         published figures shown beside ours (optional)
 * @param collective        one collective on its own network, the file's only block (see {@link Collective})
 */
public record ClusterParameters(Double days, Integer replications, Integer fullReplications, WhatIf whatIf, Model model,
        Training training, Cluster cluster, Failures failures, Checkpoint checkpoint, Recovery recovery,
        List<Double> intervalFactors, List<Integer> clusterSizes, Published published, Collective collective) {

    /** Largest MTBF: 10⁹ hours; beyond it no failure happens in any run and seconds overflow nothing useful. */
    public static final double MAX_MTBF_HOURS = 1e9;

    /** Smallest and largest multiple of Daly's interval in the interval sweep. */
    public static final double MIN_INTERVAL_FACTOR = 0.01;
    public static final double MAX_INTERVAL_FACTOR = 100;

    public ClusterParameters {
        if (collective != null) {
            onlyBlock(days, replications, fullReplications, whatIf, model, training, cluster, failures, checkpoint, recovery,
                    intervalFactors, clusterSizes, published);
        } else {
            Check.inHalfOpen("days", Check.present("days", days), 0, org.scalelab.cluster.sim.JobModel.MAX_DAYS);
        }
        replications = replications == null ? 100 : replications;
        Check.inRange("replications", replications, 1, org.scalelab.cluster.sim.MonteCarlo.MAX_REPLICATIONS);
        fullReplications = fullReplications == null ? 1000 : fullReplications;
        Check.inRange("full_replications", fullReplications, 1, org.scalelab.cluster.sim.MonteCarlo.MAX_REPLICATIONS);
        intervalFactors = intervalFactors == null ? List.of(0.25, 0.5, 1.0, 2.0, 4.0) : List.copyOf(intervalFactors);
        for (int i = 0; i < intervalFactors.size(); i++) {
            // Multiples of Daly's interval: far outside [0.01, 100] the interval is shorter than a
            // checkpoint or longer than the run, and the sweep says nothing.
            Check.inRange("interval_factors[" + i + "]", Check.present("interval_factors[" + i + "]", intervalFactors.get(i)),
                    MIN_INTERVAL_FACTOR, MAX_INTERVAL_FACTOR);
        }
        clusterSizes = clusterSizes == null ? List.of() : List.copyOf(clusterSizes);
        for (int i = 0; i < clusterSizes.size(); i++) {
            Check.inRange("cluster_sizes[" + i + "]", clusterSizes.get(i), 1, org.scalelab.cluster.collective.Network.MAX_RANKS);
        }
        if (published != null && published.hasNoFigure()) {
            throw new InvalidParameterException("published", "must give at least one figure (interruptions, unexpected, planned, "
                    + "ettr_at_least, step_seconds or mfu) beside its source", "only source");
        }
        if (collective == null && whatIf == null) {
            if (model == null) {
                throw new InvalidParameterException("model", "is required (or describe an abstract job under what_if, or one"
                        + " collective under collective)", "missing");
            }
            Check.present("training", training);
            Check.present("cluster", cluster);
            Check.present("failures", failures);
            Check.present("checkpoint", checkpoint);
            recovery = recovery == null ? new Recovery(null, null, null, null, null, null) : recovery;
        } else if (collective == null && (model != null || cluster != null)) {
            throw new InvalidParameterException("what_if", "cannot be combined with model and cluster", "both given");
        }
    }

    /** Whether this file describes the abstract what-if job. */
    public boolean isWhatIf() {
        return whatIf != null;
    }

    /** Whether this file asks about one collective ({@code collective:}, the file's only block). */
    public boolean isCollective() {
        return collective != null;
    }

    /**
     * A collective file answers one question, the collective's time and bandwidths: a key of the run
     * (days, replications, the scenario's blocks, what_if) beside it would be silently unused, so it is
     * rejected by name.
     */
    private static void onlyBlock(Object... others) {
        String[] keys = {"days", "replications", "full_replications", "what_if", "model", "training", "cluster", "failures",
            "checkpoint", "recovery", "interval_factors", "cluster_sizes", "published"};
        for (int i = 0; i < keys.length; i++) {
            if (others[i] != null) {
                throw new InvalidParameterException(keys[i], "cannot be combined with collective (a collective file answers"
                        + " one collective's time and bandwidths; put the run in its own file)", "given");
            }
        }
    }

    /**
     * The abstract job of Daly's model. The job MTBF is given ({@code mtbf_hours}) or derived from a
     * GPU count and a published failure table ({@code gpus} and {@code failures}, e.g. 16384 and
     * llama3: 3.09 h), see {@link FailureTable#jobMtbfHours}.
     *
     * @param mtbfHours       job MTBF, hours (or derived from gpus and failures)
     * @param checkpointSeconds time to take one checkpoint δ, s (required)
     * @param restartSeconds  time to restart after a failure R, s (default
     *                        {@value org.scalelab.cluster.sim.Recovery#DEFAULT_RESTART_SECONDS}, as recovery.restart_seconds)
     * @param interval        fixed, young or daly (default daly)
     * @param intervalSeconds the interval for {@code fixed}
     * @param gpus            GPUs of the job, to derive the MTBF from {@code failures}
     * @param failures        failure table name ({@link FailureTable#names()}), with {@code gpus}
     */
    public record WhatIf(Double mtbfHours, Double checkpointSeconds, Double restartSeconds, String interval,
            Double intervalSeconds, Integer gpus, String failures) {
        public WhatIf {
            mtbfHours = ClusterParameters.mtbfHours(mtbfHours, gpus, failures);
            Check.positive("checkpoint_seconds", Check.present("checkpoint_seconds", checkpointSeconds));
            restartSeconds = restartSeconds == null ? org.scalelab.cluster.sim.Recovery.DEFAULT_RESTART_SECONDS : restartSeconds;
            Check.nonNegative("restart_seconds", restartSeconds);
            interval = interval == null ? (intervalSeconds != null ? "fixed" : "daly") : interval;
            Check.oneOf("interval", interval, List.of("fixed", "young", "daly"));
            if (interval.equals("fixed")) {
                Check.positive("interval_seconds", Check.present("interval_seconds", intervalSeconds));
            }
        }
    }

    /**
     * The job MTBF in hours: {@code mtbfHours} when given, else derived from {@code gpus} and the
     * failure table {@code failures}; giving both ways, or only half of the second, fails.
     */
    public static double mtbfHours(Double mtbfHours, Integer gpus, String failures) {
        if (mtbfHours != null) {
            if (gpus != null || failures != null) {
                throw new InvalidParameterException("mtbf_hours", "give mtbf_hours, or gpus with failures, not both",
                        Check.format(mtbfHours));
            }
            // 10^9 hours (about 114,000 years): failures rarer than that never happen in a run.
            return Check.inHalfOpen("mtbf_hours", mtbfHours, 0, MAX_MTBF_HOURS);
        }
        if (gpus == null && failures == null) {
            throw new InvalidParameterException("mtbf_hours", "required (or gpus with failures, e.g. 16384 and llama3)", "missing");
        }
        Check.atLeastOne("gpus", Check.present("gpus", gpus));
        return FailureTable.byName("failures", Check.present("failures", failures)).jobMtbfHours(gpus);
    }

    /**
     * The transformer: a preset ({@code preset}, the option {@code --model}) or a custom shape, and the
     * mixture-of-experts keys, read by {@link ShapeSpec} as {@code cluster step}, {@code memory} and
     * {@code plan} read them (same names, defaults and rules).
     *
     * @param preset           shape preset name ({@link TransformerShape#presetNames()})
     * @param layers           custom shape: layers L
     * @param hidden           custom shape: hidden size h
     * @param heads            custom shape: attention heads a
     * @param vocab            custom shape: vocabulary, tokens (default {@value ShapeSpec#DEFAULT_VOCAB})
     * @param params           parameter count N (default: the shape's own count)
     * @param kvHeads          custom shape: key/value heads (default heads)
     * @param ffnHidden        custom shape: MLP width (default 4·hidden)
     * @param ffnMultiplier    custom shape: MLP width as a multiple of hidden (instead of ffn_hidden)
     * @param gatedMlp         custom shape: gated SwiGLU MLP, RMSNorm, no biases (default false)
     * @param untiedEmbeddings custom shape: a separate output layer (default false)
     * @param experts          routed experts per MoE block (overrides a preset's; makes a dense shape MoE)
     * @param expertsPerToken  experts per token k (default the preset's, else 2)
     * @param sharedExperts    shared experts (default the preset's, else 0)
     * @param expertFfnHidden  one expert's MLP width (default the preset's, else the shape's MLP width)
     * @param moeLayerFreq     every how many blocks an MoE block appears (default the preset's, else 1)
     * @param firstDenseLayers leading dense blocks (default the preset's, else 0)
     * @param capacityFactor   expert capacity over the even share, 0 = dropless (default the preset's, else 0)
     */
    public record Model(String preset, Integer layers, Integer hidden, Integer heads, Integer vocab, Long params,
            Integer kvHeads, Integer ffnHidden, Double ffnMultiplier, Boolean gatedMlp, Boolean untiedEmbeddings,
            Integer experts, Integer expertsPerToken, Integer sharedExperts, Integer expertFfnHidden, Integer moeLayerFreq,
            Integer firstDenseLayers, Double capacityFactor) {
        public Model {
            if (preset == null && layers == null && hidden == null && heads == null) {
                throw new InvalidParameterException("preset", "is required (or layers, hidden and heads)", "missing");
            }
            vocab = vocab == null ? ShapeSpec.DEFAULT_VOCAB : vocab;
            if (params != null) {
                Check.atLeastOne("params", params);
            }
            resolved(new ShapeSpec(preset, layers, hidden, heads, kvHeads, vocab, ffnHidden, ffnMultiplier, gatedMlp,
                    untiedEmbeddings, new MoeSpec(experts, expertsPerToken, sharedExperts, expertFfnHidden, moeLayerFreq,
                            firstDenseLayers, capacityFactor)));
        }

        /** The shape keys as {@link ShapeSpec} reads them (its {@code model} is this block's {@code preset}). */
        public ShapeSpec shapeSpec() {
            return new ShapeSpec(preset, layers, hidden, heads, kvHeads, vocab, ffnHidden, ffnMultiplier, gatedMlp,
                    untiedEmbeddings, new MoeSpec(experts, expertsPerToken, sharedExperts, expertFfnHidden, moeLayerFreq,
                            firstDenseLayers, capacityFactor));
        }

        /**
         * The shape: the preset or the custom shape with the mixture-of-experts keys applied.
         *
         * @throws InvalidParameterException naming the key, {@code preset} where {@link ShapeSpec} says {@code model}
         */
        public TransformerShape shape() {
            return resolved(shapeSpec());
        }

        private static TransformerShape resolved(ShapeSpec spec) {
            try {
                return spec.resolve();
            } catch (InvalidParameterException e) {
                if (!e.field().equals("model")) {
                    throw e;
                }
                // ShapeSpec names the preset as the option does (--model); this block's key is preset.
                throw new InvalidParameterException("preset", e.rule().replace("either model or", "either preset or"), e.value(),
                        e.hint());
            }
        }
    }

    /**
     * Batch, sequence and training settings. The kernel keys (recipe, flash_attention, dropout,
     * causal, sequence_parallel, attention_efficiency, tp_overlap, gradient_accumulation_fusion)
     * and matmul_efficiency default as on {@code cluster step}: null means the step model's default.
     * The mixture-of-experts keys default as there too ({@link StepOptions}): gemm_precision bf16,
     * expert_load_imbalance 1.0 (the busiest expert's tokens over the mean), a2a_overlap 0 (fraction
     * of the all-to-all hidden). matmul_efficiency_from (a {@code kernels run --format json} result,
     * relative to the parameter file's folder) with matmul_kernel replaces matmul_efficiency, and
     * measured_step_seconds (a measured step, seconds) adds its MFU and the model's error, as the
     * options of the same names do.
     */
    public record Training(Integer seq, Integer microBatch, Integer gradAccum, Integer zero, String recompute,
            Double dpOverlap, Double matmulEfficiency, String matmulEfficiencySource, Integer virtualStages, String recipe,
            Boolean flashAttention, Boolean dropout, Boolean causal, Boolean sequenceParallel, Double attentionEfficiency,
            Double tpOverlap, Boolean gradientAccumulationFusion, String gemmPrecision, Double expertLoadImbalance,
            Double a2aOverlap, String matmulEfficiencyFrom, String matmulKernel, Double measuredStepSeconds) {
        public Training {
            gemmPrecision = gemmPrecision == null ? StepOptions.DEFAULT_GEMM_PRECISION : gemmPrecision;
            org.scalelab.cluster.step.GemmPrecision.byName(gemmPrecision);
            expertLoadImbalance = expertLoadImbalance == null ? StepOptions.DEFAULT_EXPERT_LOAD_IMBALANCE : expertLoadImbalance;
            Check.inRange("expert_load_imbalance", expertLoadImbalance, 1, org.scalelab.memory.MoeShape.MAX_EXPERTS);
            a2aOverlap = a2aOverlap == null ? StepOptions.DEFAULT_A2A_OVERLAP : a2aOverlap;
            Check.inRange("a2a_overlap", a2aOverlap, 0, 1);
            matmulSource(matmulEfficiencyFrom, matmulKernel);
            if (measuredStepSeconds != null) {
                Check.positive("measured_step_seconds", measuredStepSeconds);
            }
            Check.atLeastOne("seq", Check.present("seq", seq));
            microBatch = microBatch == null ? 1 : microBatch;
            gradAccum = gradAccum == null ? 1 : gradAccum;
            zero = zero == null ? 0 : zero; // plain data parallelism, as cluster step and kind: memory
            recompute = recompute == null ? "none" : recompute;
            dpOverlap = dpOverlap == null ? 0.0 : dpOverlap;
            virtualStages = virtualStages == null ? 1 : virtualStages;
        }
    }

    /**
     * The rule of {@code matmul_kernel} (and {@code --matmul-kernel}): it picks rows of the
     * {@code matmul_efficiency_from} file, so it needs one.
     *
     * @throws InvalidParameterException naming {@code matmul_kernel} when given without the file
     */
    public static void matmulSource(Object matmulEfficiencyFrom, String matmulKernel) {
        if (matmulKernel != null && matmulEfficiencyFrom == null) {
            throw new InvalidParameterException("matmul_kernel", "picks rows of a kernels result, so it needs"
                    + " matmul_efficiency_from (--matmul-efficiency-from)", matmulKernel);
        }
    }

    /**
     * GPUs, layout and links; {@code peak_tflops} and {@code hbm_gb_per_s} make a custom GPU from the
     * preset; {@code ep} is the expert-parallel degree (default 1; GPUs = tp × pp × ep × dp) and
     * {@code dp} the data-parallel degree (default gpus / (tp × pp × ep)).
     */
    public record Cluster(String gpu, Integer gpus, Integer gpusPerNode, Integer tp, Integer pp, Double nvlinkGbPerS,
            Double nvlinkLatencyUs, Double interNodeGbitPerS, Double interNodeLatencyUs, Double peakTflops, Double hbmGbPerS, Integer podGpus,
            Double oversubscription, Integer ep, Integer dp) {
        public Cluster {
            if (dp != null) {
                Check.atLeastOne("dp", dp);
            }
            gpu = gpu == null ? "h100-sxm" : gpu;
            Check.inRange("gpus", Check.present("gpus", gpus), 1, org.scalelab.cluster.collective.Network.MAX_RANKS);
            gpusPerNode = gpusPerNode == null ? Math.min(ParallelLayout.DEFAULT_GPUS_PER_NODE, gpus) : gpusPerNode;
            Check.inRange("gpus_per_node", gpusPerNode, 1, gpus);
            tp = tp == null ? 1 : tp;
            Check.atLeastOne("tp", tp);
            Check.divides("tp", tp, "gpus_per_node", gpusPerNode);
            pp = pp == null ? 1 : pp;
            ep = ep == null ? 1 : ep;
            Check.atLeastOne("ep", ep);
            // The network's bounds, as cluster step checks its options (Gbit/s for the inter-node link).
            double maxGb = org.scalelab.cluster.collective.Network.MAX_BANDWIDTH_GB_PER_S;
            double maxUs = org.scalelab.cluster.collective.Network.MAX_LATENCY_US;
            nvlinkGbPerS = nvlinkGbPerS == null ? ParallelLayout.DEFAULT_NVLINK_GB_PER_S : nvlinkGbPerS;
            Check.inHalfOpen("nvlink_gb_per_s", nvlinkGbPerS, 0, maxGb);
            nvlinkLatencyUs = nvlinkLatencyUs == null ? ParallelLayout.DEFAULT_NVLINK_LATENCY_US : nvlinkLatencyUs;
            Check.inRange("nvlink_latency_us", nvlinkLatencyUs, 0, maxUs);
            interNodeGbitPerS = interNodeGbitPerS == null ? ParallelLayout.DEFAULT_INTER_NODE_GBIT_PER_S : interNodeGbitPerS;
            Check.inHalfOpen("inter_node_gbit_per_s", interNodeGbitPerS, 0, 8 * maxGb);
            interNodeLatencyUs = interNodeLatencyUs == null ? ParallelLayout.DEFAULT_INTER_NODE_LATENCY_US : interNodeLatencyUs;
            Check.inRange("inter_node_latency_us", interNodeLatencyUs, 0, maxUs);
            podGpus = podGpus == null ? 0 : podGpus;
            Check.atLeast("pod_gpus", podGpus, 0);
            oversubscription = oversubscription == null ? 1.0 : oversubscription;
            Check.inRange("oversubscription", oversubscription, 1.0, 1e6);
            if (peakTflops != null) {
                Check.inHalfOpen("peak_tflops", peakTflops, 0, 1e6); // an exaFLOP/s per GPU
            }
            if (hbmGbPerS != null) {
                Check.inHalfOpen("hbm_gb_per_s", hbmGbPerS, 0, 1e6); // a petabyte/s per GPU
            }
        }
    }

    /**
     * Failure processes: the Llama 3 table ({@code table: llama3}) scaled to the job's GPUs, or
     * explicit causes with job-level MTBFs. {@code mtbf_scale} multiplies every cause's MTBF
     * (default 1; 2 = half as many failures per GPU-hour), the knob a what-if or a sweep turns for
     * hardware more or less reliable than the source's.
     */
    public record Failures(String table, List<Cause> causes, String distribution, Double weibullShape, Double mtbfScale) {
        public Failures {
            mtbfScale = mtbfScale == null ? 1.0 : mtbfScale;
            Check.positive("mtbf_scale", mtbfScale);
            if (table != null) {
                FailureTable.byName("table", table);
            } else {
                Check.nonEmpty("causes", causes);
            }
            causes = causes == null ? List.of() : List.copyOf(causes);
            distribution = distribution == null ? "exponential" : distribution;
            org.scalelab.cluster.failure.FailureDistribution.byName("distribution", distribution);
            weibullShape = weibullShape == null ? 1.0 : weibullShape;
            Check.positive("weibull_shape", weibullShape);
        }
    }

    /** One failure cause with its MTBF for the configured job (hours). */
    public record Cause(String name, Double mtbfHours, Boolean needsReplacement) {
        public Cause {
            Check.present("name", name);
            Check.positive("mtbf_hours", Check.present("mtbf_hours", mtbfHours));
            needsReplacement = needsReplacement == null ? Boolean.TRUE : needsReplacement;
        }
    }

    /** Checkpoint policy, size and bandwidths. */
    public record Checkpoint(String policy, Double intervalSeconds, String bytesPerParam, Double checkpointGb,
            Double storageWriteGbPerS, Double storageReadGbPerS, Boolean twoStage, Double hostCopyGbPerS,
            Boolean inMemoryRecovery) {
        public Checkpoint {
            policy = policy == null ? "daly" : policy;
            org.scalelab.cluster.checkpoint.CheckpointPolicy.byName("policy", policy);
            bytesPerParam = bytesPerParam == null ? "zero-paper" : bytesPerParam;
            Check.positive("storage_write_gb_per_s", Check.present("storage_write_gb_per_s", storageWriteGbPerS));
            storageReadGbPerS = storageReadGbPerS == null ? storageWriteGbPerS : storageReadGbPerS;
            Check.positive("storage_read_gb_per_s", storageReadGbPerS);
            twoStage = twoStage != null && twoStage;
            hostCopyGbPerS = hostCopyGbPerS == null ? 25.0 : hostCopyGbPerS;
            Check.positive("host_copy_gb_per_s", hostCopyGbPerS);
            inMemoryRecovery = inMemoryRecovery != null && inMemoryRecovery;
        }
    }

    /**
     * Detection, restart, spares, repair and planned maintenance, with {@code plan}'s defaults
     * ({@link org.scalelab.cluster.sim.Recovery#DEFAULT}): detection 120 s, restart 600 s, 64 spare
     * nodes, repair 72 h, maintenance of 1800 s at the Llama 3 cadence scaled to the job's GPUs
     * ({@code maintenance_interval_hours} left null here; 0 = no maintenance).
     */
    public record Recovery(Double detectionSeconds, Double restartSeconds, Integer spareNodes, Double repairHours,
            Double maintenanceIntervalHours, Double maintenanceSeconds) {
        public Recovery {
            var d = org.scalelab.cluster.sim.Recovery.DEFAULT;
            detectionSeconds = detectionSeconds == null ? d.detectionSeconds() : detectionSeconds;
            restartSeconds = restartSeconds == null ? d.restartSeconds() : restartSeconds;
            spareNodes = spareNodes == null ? d.spareNodes() : spareNodes;
            repairHours = repairHours == null ? d.repairHours() : repairHours;
            maintenanceSeconds = maintenanceSeconds == null ? d.maintenanceSeconds() : maintenanceSeconds;
        }
    }

    /**
     * Published figures for the same run, shown beside ours and held to the same rules as every
     * other key: counts are whole and at most {@value #MAX_PUBLISHED_COUNT}, the unexpected and
     * planned interruptions do not exceed the total, ETTR and MFU are fractions in (0, 1], the step
     * time is positive and at most a day, and a block gives its source (and, checked by the file,
     * at least one figure).
     *
     * @param source        where the figures come from (paper, section, table)
     * @param interruptions all job interruptions in the run
     * @param unexpected    the unexpected (failure) interruptions among them
     * @param planned       the planned (maintenance) interruptions among them
     * @param ettrAtLeast   the effective training time ratio the source reports as a lower bound
     * @param stepSeconds   the measured step time, seconds
     * @param mfu           the reported model FLOPs utilization, a fraction
     */
    public record Published(String source, Double interruptions, Double unexpected, Double planned, Double ettrAtLeast,
            Double stepSeconds, Double mfu) {
        public Published {
            if (source == null || source.isBlank()) {
                throw new InvalidParameterException("source", "is required (the paper, section or table the figures come from)",
                        source == null ? "missing" : "empty");
            }
            count("interruptions", interruptions);
            count("unexpected", unexpected);
            count("planned", planned);
            if (interruptions != null && unexpected != null && planned != null && unexpected + planned > interruptions) {
                throw new InvalidParameterException("unexpected", "unexpected + planned must not exceed interruptions ("
                        + Check.format(interruptions) + ")", Check.format(unexpected) + " + " + Check.format(planned));
            }
            for (String key : new String[] {"unexpected", "planned"}) {
                Double part = key.equals("unexpected") ? unexpected : planned;
                if (interruptions != null && part != null && part > interruptions) {
                    throw new InvalidParameterException(key, "must not exceed interruptions (" + Check.format(interruptions) + ")",
                            Check.format(part));
                }
            }
            if (ettrAtLeast != null) {
                Check.inHalfOpen("ettr_at_least", ettrAtLeast, 0, 1);
            }
            if (stepSeconds != null) {
                Check.inHalfOpen("step_seconds", stepSeconds, 0, MAX_PUBLISHED_STEP_SECONDS);
            }
            if (mfu != null) {
                Check.inHalfOpen("mfu", mfu, 0, 1);
            }
        }

        /** Whether the block gives no figure at all (only its source). */
        public boolean hasNoFigure() {
            return interruptions == null && unexpected == null && planned == null && ettrAtLeast == null && stepSeconds == null
                    && mfu == null;
        }

        private static void count(String key, Double value) {
            if (value != null) {
                Check.inRange(key, value, 0, MAX_PUBLISHED_COUNT);
                Check.integral(key, value);
            }
        }
    }

    /** Largest published interruption count: a million, far beyond any reported run (Llama 3: 466 in 54 days). */
    public static final double MAX_PUBLISHED_COUNT = 1e6;
    /** Longest published step time: a day. */
    public static final double MAX_PUBLISHED_STEP_SECONDS = 86_400;
}
