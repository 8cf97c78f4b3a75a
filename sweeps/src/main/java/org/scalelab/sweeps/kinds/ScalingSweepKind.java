package org.scalelab.sweeps.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import org.scalelab.report.params.ParameterFiles;
import org.scalelab.scaling.Law;
import org.scalelab.scaling.params.ScalingParameters;

/**
 * Sweeps over a {@code kind: scaling} file: each point is the compute-optimal allocation of the
 * point's first budget under its first law, through {@link Law#optimum}. An axis on
 * {@code budgets_flops} or {@code laws} may give one value per point; it stands for a list of one.
 * Deterministic: one evaluation and a zero-width interval.
 */
public final class ScalingSweepKind extends BaseSweepKind {
    public ScalingSweepKind() {
        super("scaling", List.of("params", "tokens", "tokens_per_param", "loss", "compute_flops", "flops_per_token"),
                List.of("params", "tokens", "loss"));
    }

    @Override
    public double check(ObjectNode body) {
        bind(body);
        return 0;
    }

    @Override
    Point point() {
        return ScalingSweepKind::optimum;
    }

    /** Binds a point, reading a single budget or law as a list of one. */
    static ScalingParameters bind(ObjectNode body) {
        ObjectNode b = body.deepCopy();
        for (String key : List.of("budgets_flops", "laws")) {
            JsonNode v = b.get(key);
            if (v != null && v.isValueNode() && !v.isNull()) {
                b.putArray(key).add(v);
            }
        }
        return ParameterFiles.bind(b, ScalingParameters.class);
    }

    /** One point: the first law's optimum at the first budget. */
    private static Function<String, Metrics.Value> optimum(ObjectNode body, int replications, long seed) {
        ScalingParameters p = bind(body);
        Law.LawOptimum o = Law.byName("laws[0]", p.laws().get(0)).optimum(p.budgetsFlops().get(0));
        return name -> switch (name) {
            case "params" -> Metrics.Value.exact(o.params());
            case "tokens" -> Metrics.Value.exact(o.tokens());
            case "tokens_per_param" -> Metrics.Value.exact(o.tokensPerParam());
            case "loss" -> Metrics.Value.orNone(o.loss());
            case "compute_flops" -> Metrics.Value.exact(o.computeFlops());
            case "flops_per_token" -> Metrics.Value.orNone(o.flopsPerToken());
            default -> throw new IllegalArgumentException(name);
        };
    }
}
