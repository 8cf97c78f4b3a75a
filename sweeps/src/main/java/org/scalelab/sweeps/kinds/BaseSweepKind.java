package org.scalelab.sweeps.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.List;
import java.util.function.Function;
import org.scalelab.sweeps.PointModel;
import org.scalelab.sweeps.SweepKind;

/**
 * What every base kind shares: its name and metric lists, one replication per point unless the kind
 * simulates, and the point task that reads a point's body back, evaluates it and packs the chosen
 * metrics in order. A kind gives only how its body is checked and its {@link Point} computation.
 */
abstract class BaseSweepKind implements SweepKind {
    private final String kind;
    private final List<String> metrics;
    private final List<String> defaultMetrics;

    BaseSweepKind(String kind, List<String> metrics, List<String> defaultMetrics) {
        this.kind = kind;
        this.metrics = List.copyOf(metrics);
        this.defaultMetrics = List.copyOf(defaultMetrics);
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final List<String> metrics() {
        return metrics;
    }

    @Override
    public final List<String> defaultMetrics() {
        return defaultMetrics;
    }

    /** One evaluation per point: a deterministic kind's default; a simulating kind reads its base file's setting. */
    @Override
    public int defaultReplications(ObjectNode base) {
        return 1;
    }

    @Override
    public final PointModel model(int replications, List<String> chosen) {
        return new Model(point(), replications, List.copyOf(chosen));
    }

    /** The kind's computation of one point. */
    abstract Point point();

    /**
     * One point's computation: the value of each metric of the point whose (validated) body is
     * {@code body}, with {@code replications} Monte-Carlo replications from {@code seed} (a deterministic
     * kind ignores both). Serializable: Spark ships it to the executors with the job.
     */
    @FunctionalInterface
    interface Point extends Serializable {
        Function<String, Metrics.Value> evaluate(ObjectNode body, int replications, long seed);
    }

    /** The task of every point: read the body back, evaluate it, pick the metrics in order. */
    record Model(Point point, int replications, List<String> metrics) implements PointModel {
        @Override
        public double[] evaluate(String pointJson, long seed) {
            return Metrics.pack(metrics, point.evaluate(Json.object(pointJson), replications, seed));
        }
    }
}
