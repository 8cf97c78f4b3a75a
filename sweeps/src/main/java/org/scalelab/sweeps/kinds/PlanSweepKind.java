package org.scalelab.sweeps.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.scalelab.planner.Plan;
import org.scalelab.planner.Planner;
import org.scalelab.planner.params.PlanParameters;
import org.scalelab.report.params.ParameterFiles;
import org.scalelab.sweeps.PointModel;
import org.scalelab.sweeps.SweepKind;

/**
 * Sweeps over a {@code kind: plan} file: each point is the planner's answer for the point's file,
 * as {@code scalelab plan} gives it, on one thread (Spark runs the points in parallel), with the
 * sweep's replications and the point's seed. Metrics are the keys of the plan's JSON answer; the
 * wall time carries its 95 % interval over the replications, the other metrics are exact.
 */
public final class PlanSweepKind implements SweepKind {
    private static final List<String> METRICS = List.of("wall_days", "compute_days", "gpu_hours", "ettr", "step_seconds",
            "mfu", "params", "tokens", "compute_flops", "gpus", "tp", "pp", "dp", "per_gpu_gb", "usd", "energy_mwh");

    @Override
    public String kind() {
        return "plan";
    }

    @Override
    public double check(ObjectNode body) {
        ParameterFiles.bind(body, PlanParameters.class).toSpec(0);
        // the layout (and so the simulated job) is the planner's answer; each point's run checks its own work
        return 0;
    }

    @Override
    public int defaultReplications(ObjectNode base) {
        PlanParameters p = ParameterFiles.bind(base, PlanParameters.class);
        return p.toSpec(0).replications();
    }

    @Override
    public List<String> metrics() {
        return METRICS;
    }

    @Override
    public List<String> defaultMetrics() {
        return List.of("wall_days", "gpu_hours", "mfu");
    }

    @Override
    public PointModel model(int replications, List<String> metrics) {
        return new Model(replications, List.copyOf(metrics));
    }

    /** One point: plan it with the sweep's replications, pick the metrics. */
    record Model(int replications, List<String> metrics) implements PointModel {
        @Override
        public double[] evaluate(String pointJson, long seed) {
            ObjectNode body = Json.object(pointJson);
            if (!body.path("no_failures").asBoolean(false)) {
                body.put("replications", replications);
            }
            Plan a = Planner.plan(ParameterFiles.bind(body, PlanParameters.class).toSpec(seed), 1).answer();
            return Metrics.pack(metrics, name -> switch (name) {
                case "wall_days" -> Metrics.Value.of(a.wallDays(), a.wallDaysCi());
                case "compute_days" -> Metrics.Value.exact(a.computeDays());
                case "gpu_hours" -> Metrics.Value.exact(a.gpuHours());
                case "ettr" -> Metrics.Value.exact(a.ettr());
                case "step_seconds" -> Metrics.Value.exact(a.stepSeconds());
                case "mfu" -> Metrics.Value.exact(a.mfu());
                case "params" -> Metrics.Value.exact(a.params());
                case "tokens" -> Metrics.Value.exact(a.tokens());
                case "compute_flops" -> Metrics.Value.exact(a.computeFlops());
                case "gpus" -> Metrics.Value.exact(a.gpus());
                case "tp" -> Metrics.Value.exact(a.layout().tp());
                case "pp" -> Metrics.Value.exact(a.layout().pp());
                case "dp" -> Metrics.Value.exact(a.layout().dp());
                case "per_gpu_gb" -> Metrics.Value.exact(a.perGpuBytes().total() / 1e9);
                case "usd" -> a.usd() == null ? Metrics.Value.NONE : Metrics.Value.exact(a.usd());
                case "energy_mwh" -> a.energyMwh() == null ? Metrics.Value.NONE : Metrics.Value.exact(a.energyMwh());
                default -> throw new IllegalArgumentException(name);
            });
        }
    }
}
