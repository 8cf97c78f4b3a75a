package org.scalelab.sweeps.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.scalelab.report.params.ParameterFiles;
import org.scalelab.scaling.Law;
import org.scalelab.scaling.params.ScalingParameters;
import org.scalelab.sweeps.PointModel;
import org.scalelab.sweeps.SweepKind;

/**
 * Sweeps over a {@code kind: scaling} file: each point is the compute-optimal allocation of the
 * point's first budget under its first law, through {@link Law#optimum}. An axis on
 * {@code budgets_flops} or {@code laws} may give one value per point; it stands for a list of one.
 * Deterministic: one evaluation and a zero-width interval.
 */
public final class ScalingSweepKind implements SweepKind {
    private static final List<String> METRICS = List.of("params", "tokens", "tokens_per_param", "loss", "compute_flops",
            "flops_per_token");

    @Override
    public String kind() {
        return "scaling";
    }

    @Override
    public double check(ObjectNode body) {
        bind(body);
        return 0;
    }

    @Override
    public int defaultReplications(ObjectNode base) {
        return 1;
    }

    @Override
    public List<String> metrics() {
        return METRICS;
    }

    @Override
    public List<String> defaultMetrics() {
        return List.of("params", "tokens", "loss");
    }

    @Override
    public PointModel model(int replications, List<String> metrics) {
        return new Model(List.copyOf(metrics));
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
    record Model(List<String> metrics) implements PointModel {
        @Override
        public double[] evaluate(String pointJson, long seed) {
            ScalingParameters p = bind(Json.object(pointJson));
            Law.LawOptimum o = Law.byName("laws[0]", p.laws().get(0)).optimum(p.budgetsFlops().get(0));
            return Metrics.pack(metrics, name -> switch (name) {
                case "params" -> Metrics.Value.exact(o.params());
                case "tokens" -> Metrics.Value.exact(o.tokens());
                case "tokens_per_param" -> Metrics.Value.exact(o.tokensPerParam());
                case "loss" -> o.loss() == null ? Metrics.Value.NONE : Metrics.Value.exact(o.loss());
                case "compute_flops" -> Metrics.Value.exact(o.computeFlops());
                case "flops_per_token" -> o.flopsPerToken() == null ? Metrics.Value.NONE : Metrics.Value.exact(o.flopsPerToken());
                default -> throw new IllegalArgumentException(name);
            });
        }
    }
}
