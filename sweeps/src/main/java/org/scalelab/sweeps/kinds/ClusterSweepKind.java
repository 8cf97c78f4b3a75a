package org.scalelab.sweeps.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.scalelab.cluster.params.ClusterParameters;
import org.scalelab.cluster.sim.MonteCarlo;
import org.scalelab.cluster.sim.Summary;
import org.scalelab.common.ProgressListener;
import org.scalelab.report.params.ParameterFiles;
import org.scalelab.reports.cluster.ClusterScenario;
import org.scalelab.reports.cluster.SimulationResult;
import org.scalelab.sweeps.PointModel;
import org.scalelab.sweeps.SweepKind;

/**
 * Sweeps over a {@code kind: cluster} file: each point is the file's scenario prepared exactly as
 * {@code cluster simulate} prepares it, simulated for the sweep's replications from the point's
 * seed on one thread (Spark runs the points in parallel). Metrics are the keys of
 * {@code cluster simulate}'s JSON result.
 */
public final class ClusterSweepKind implements SweepKind {
    private static final List<String> METRICS = List.of("ettr", "goodput_tokens_per_second", "mfu", "interruptions",
            "unexpected_interruptions", "planned_interruptions", "wall_seconds", "expected_ettr", "mtbf_hours",
            "interval_seconds", "checkpoint_seconds", "step_seconds", "step_mfu");

    @Override
    public String kind() {
        return "cluster";
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
    public List<String> metrics() {
        return METRICS;
    }

    @Override
    public List<String> defaultMetrics() {
        return List.of("ettr", "goodput_tokens_per_second", "interruptions");
    }

    @Override
    public PointModel model(int replications, List<String> metrics) {
        return new Model(replications, List.copyOf(metrics));
    }

    /** One point: prepare, simulate, summarise, pick the metrics. */
    record Model(int replications, List<String> metrics) implements PointModel {
        @Override
        public double[] evaluate(String pointJson, long seed) {
            ClusterParameters p = ParameterFiles.bind(Json.object(pointJson), ClusterParameters.class);
            ClusterScenario.Prepared prep = ClusterScenario.prepare(p);
            Summary s = Summary.of(prep.job(), MonteCarlo.run(prep.job(), replications, seed, 1, ProgressListener.NONE));
            SimulationResult r = ClusterScenario.result(prep, s, seed);
            return Metrics.pack(metrics, m -> value(r, m));
        }

        private static Metrics.Value value(SimulationResult r, String metric) {
            return switch (metric) {
                case "ettr" -> Metrics.Value.of(r.ettr(), r.ettrCi());
                case "goodput_tokens_per_second" -> Metrics.Value.of(r.goodputTokensPerSecond(), r.goodputTokensPerSecondCi());
                case "mfu" -> Metrics.Value.of(r.mfu(), r.mfuCi());
                case "interruptions" -> Metrics.Value.of(r.interruptions().get("total"), r.interruptionsCi().get("total"));
                case "unexpected_interruptions" -> Metrics.Value.of(r.interruptions().get("unexpected"), r.interruptionsCi().get("unexpected"));
                case "planned_interruptions" -> Metrics.Value.of(r.interruptions().get("planned"), r.interruptionsCi().get("planned"));
                case "wall_seconds" -> Metrics.Value.of(r.wallSeconds(), r.wallSecondsCi());
                case "expected_ettr" -> Metrics.Value.exact(r.expectedEttr());
                case "mtbf_hours" -> Metrics.Value.exact(r.mtbfHours());
                case "interval_seconds" -> Metrics.Value.exact(r.intervalSeconds());
                case "checkpoint_seconds" -> Metrics.Value.exact(r.checkpointSeconds());
                case "step_seconds" -> r.stepSeconds() == null ? Metrics.Value.NONE : Metrics.Value.exact(r.stepSeconds());
                case "step_mfu" -> r.stepMfu() == null ? Metrics.Value.NONE : Metrics.Value.exact(r.stepMfu());
                default -> throw new IllegalArgumentException(metric);
            };
        }
    }
}
