package org.scalelab.sweeps.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import org.scalelab.cluster.params.ClusterParameters;
import org.scalelab.cluster.sim.MonteCarlo;
import org.scalelab.cluster.sim.Summary;
import org.scalelab.common.ProgressListener;
import org.scalelab.report.params.ParameterFiles;
import org.scalelab.reports.cluster.ClusterScenario;
import org.scalelab.reports.cluster.SimulationResult;

/**
 * Sweeps over a {@code kind: cluster} file: each point is the file's scenario prepared exactly as
 * {@code cluster simulate} prepares it, simulated for the sweep's replications from the point's
 * seed on one thread (Spark runs the points in parallel). Metrics are the keys of
 * {@code cluster simulate}'s JSON result.
 */
public final class ClusterSweepKind extends BaseSweepKind {
    public ClusterSweepKind() {
        super("cluster", List.of("ettr", "goodput_tokens_per_second", "goodput_mfu", "interruptions", "unexpected_interruptions",
                "planned_interruptions", "wall_seconds", "expected_ettr", "mtbf_hours", "interval_seconds", "checkpoint_seconds",
                "step_seconds", "step_mfu", "step_hfu", "model_flops_per_token"), List.of("ettr", "goodput_tokens_per_second", "interruptions"));
    }

    @Override
    public double check(ObjectNode body) {
        return ClusterScenario.prepare(ParameterFiles.bind(body, ClusterParameters.class)).job().expectedEventsPerReplication();
    }

    @Override
    public int defaultReplications(ObjectNode base) {
        return ParameterFiles.bind(base, ClusterParameters.class).replications();
    }

    @Override
    Point point() {
        return ClusterSweepKind::simulate;
    }

    /** One point: prepare, simulate, summarise. */
    private static Function<String, Metrics.Value> simulate(ObjectNode body, int replications, long seed) {
        ClusterScenario.Prepared prep = ClusterScenario.prepare(ParameterFiles.bind(body, ClusterParameters.class));
        Summary s = Summary.of(prep.job(), MonteCarlo.run(prep.job(), replications, seed, 1, ProgressListener.NONE));
        SimulationResult r = ClusterScenario.result(prep, s, seed);
        return metric -> switch (metric) {
            case "ettr" -> Metrics.Value.of(r.ettr(), r.ettrCi());
            case "goodput_tokens_per_second" -> Metrics.Value.of(r.goodputTokensPerSecond(), r.goodputTokensPerSecondCi());
            case "goodput_mfu" -> Metrics.Value.of(r.goodputMfu(), r.goodputMfuCi());
            case "interruptions" -> Metrics.Value.of(r.interruptions().get("total"), r.interruptionsCi().get("total"));
            case "unexpected_interruptions" -> Metrics.Value.of(r.interruptions().get("unexpected"), r.interruptionsCi().get("unexpected"));
            case "planned_interruptions" -> Metrics.Value.of(r.interruptions().get("planned"), r.interruptionsCi().get("planned"));
            case "wall_seconds" -> Metrics.Value.of(r.wallSeconds(), r.wallSecondsCi());
            case "expected_ettr" -> Metrics.Value.exact(r.expectedEttr());
            case "mtbf_hours" -> Metrics.Value.exact(r.mtbfHours());
            case "interval_seconds" -> Metrics.Value.exact(r.intervalSeconds());
            case "checkpoint_seconds" -> Metrics.Value.exact(r.checkpointSeconds());
            case "step_seconds" -> Metrics.Value.orNone(r.stepSeconds());
            case "step_mfu" -> Metrics.Value.orNone(r.stepMfu());
            case "step_hfu" -> Metrics.Value.orNone(r.stepHfu());
            case "model_flops_per_token" -> Metrics.Value.orNone(r.modelFlopsPerToken());
            default -> throw new IllegalArgumentException(metric);
        };
    }
}
