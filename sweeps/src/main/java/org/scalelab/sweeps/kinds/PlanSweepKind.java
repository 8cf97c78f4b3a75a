package org.scalelab.sweeps.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import org.scalelab.planner.Plan;
import org.scalelab.planner.Planner;
import org.scalelab.planner.params.PlanParameters;
import org.scalelab.report.params.ParameterFiles;

/**
 * Sweeps over a {@code kind: plan} file: each point is the planner's answer for the point's file,
 * as {@code scalelab plan} gives it, on one thread (Spark runs the points in parallel), with the
 * sweep's replications and the point's seed. Metrics are the keys of the plan's JSON answer; the
 * wall time carries its 95 % interval over the replications, the other metrics are exact.
 */
public final class PlanSweepKind extends BaseSweepKind {
    public PlanSweepKind() {
        super("plan", List.of("wall_days", "compute_days", "gpu_hours", "ettr", "step_seconds", "mfu", "params", "tokens",
                "compute_flops", "gpus", "tp", "pp", "dp", "per_gpu_gb", "usd", "energy_mwh"), List.of("wall_days", "gpu_hours", "mfu"));
    }

    @Override
    public double check(ObjectNode body) {
        ParameterFiles.bind(body, PlanParameters.class).toSpec(0);
        // the layout (and so the simulated job) is the planner's answer; each point's run checks its own work
        return 0;
    }

    @Override
    public int defaultReplications(ObjectNode base) {
        return ParameterFiles.bind(base, PlanParameters.class).toSpec(0).replications();
    }

    @Override
    Point point() {
        return PlanSweepKind::plan;
    }

    /** One point: plan it with the sweep's replications. */
    private static Function<String, Metrics.Value> plan(ObjectNode body, int replications, long seed) {
        if (!body.path("no_failures").asBoolean(false)) {
            body.put("replications", replications);
        }
        Plan a = Planner.plan(ParameterFiles.bind(body, PlanParameters.class).toSpec(seed), 1).answer();
        return name -> switch (name) {
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
            case "usd" -> Metrics.Value.orNone(a.usd());
            case "energy_mwh" -> Metrics.Value.orNone(a.energyMwh());
            default -> throw new IllegalArgumentException(name);
        };
    }
}
