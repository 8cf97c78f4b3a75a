package org.scalelab.sweeps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.scalelab.common.Check;
import org.scalelab.cluster.sim.MonteCarlo;
import org.scalelab.common.InvalidParameterException;

/**
 * A sweep ready to run: its grid, its points (each checked by the base kind, each with its seed
 * and its body as JSON) and the task that computes one point. Everything that can be wrong with
 * a sweep file is found here, before Spark starts or a file is written.
 *
 * @param kind         the base kind
 * @param grid         the points' axis values
 * @param seeds        each point's seed
 * @param points       what each Spark task receives
 * @param metrics      the metrics kept
 * @param replications replications per point
 * @param masterSeed   the sweep's seed
 */
public record SweepPlan(SweepKind kind, Grid grid, long[] seeds, List<SweepPoint> points, List<String> metrics,
        int replications, long masterSeed) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Builds the plan and checks every point.
     *
     * @param base         the base file's body (without {@code kind}, {@code name}, {@code seed})
     * @param metrics      the metrics to keep, or empty for the kind's defaults
     * @throws InvalidParameterException naming {@code axes.<path>[i]} for the first bad axis value, with
     *     the kind's rule; {@code axes.<path>} for a key path the kind does not have; {@code metrics[i]}
     *     for an unknown or repeated metric; {@code base.<path>} for a problem of the base itself;
     *     {@code replications} outside [1, 10⁶] or when the points' replications together would cost
     *     more than {@link MonteCarlo#MAX_EVENTS} simulated events (a sweep is one request)
     */
    public static SweepPlan of(SweepKind kind, ObjectNode base, Grid grid, List<String> metrics, int replications, long masterSeed) {
        Check.inRange("replications", replications, 1, MonteCarlo.MAX_REPLICATIONS);
        List<String> kept = metrics.isEmpty() ? kind.defaultMetrics() : List.copyOf(metrics);
        for (int i = 0; i < kept.size(); i++) {
            Check.oneOf("metrics[" + i + "]", kept.get(i), kind.metrics());
            int first = kept.indexOf(kept.get(i));
            if (first < i) {
                throw new InvalidParameterException("metrics[" + i + "]", "is already metrics[" + first + "]", kept.get(i));
            }
        }
        long[] seeds = PointSeeds.of(masterSeed, grid.size());
        List<SweepPoint> points = new ArrayList<>(grid.size());
        int good = -1;
        double eventsPerReplication = 0;
        for (int i = 0; i < grid.size(); i++) {
            ObjectNode body = grid.apply(base, i);
            try {
                eventsPerReplication += kind.check(body);
            } catch (InvalidParameterException e) {
                throw onAxis(kind.kind(), grid, i, culprit(kind, base, grid, i, good), e);
            }
            if (!(eventsPerReplication * replications <= MonteCarlo.MAX_EVENTS)) {
                // no need to check the rest: the points so far already cost too much
                throw new InvalidParameterException("replications", String.format(java.util.Locale.ROOT,
                        "must be fewer for this sweep: one replication of its first %d points (of %d) already costs about %.3g "
                        + "simulated events, and one request may cost at most %s", i + 1, grid.size(), eventsPerReplication,
                        org.scalelab.common.Check.format(MonteCarlo.MAX_EVENTS)), replications);
            }
            good = i;
            try {
                points.add(new SweepPoint(i, seeds[i], JSON.writeValueAsString(body)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new SweepPlan(kind, grid, seeds, List.copyOf(points), kept, replications, masterSeed);
    }

    /**
     * For a failure on a key that is not an axis (a rule between keys, such as a layout that must
     * divide the GPUs): the one axis whose value, put back to that of the last point that passed,
     * makes point {@code index} pass; -1 when there is none or no point passed yet.
     */
    private static int culprit(SweepKind kind, ObjectNode base, Grid grid, int index, int good) {
        if (good < 0) {
            return -1;
        }
        int[] bad = grid.valueIndices(index);
        int[] ok = grid.valueIndices(good);
        for (int a = 0; a < bad.length; a++) {
            if (bad[a] == ok[a]) {
                continue;
            }
            int[] k = bad.clone();
            k[a] = ok[a];
            try {
                kind.check(grid.applyValues(base, k));
                return a;
            } catch (InvalidParameterException ignored) {
                // not this axis alone
            }
        }
        return -1;
    }

    /** Names the axis value behind a failure of point {@code index}, else the base key. */
    static InvalidParameterException onAxis(String kindName, Grid grid, int index, int culprit, InvalidParameterException e) {
        String field = e.field();
        int[] k = grid.valueIndices(index);
        List<Axis> axes = grid.axes();
        if (culprit >= 0 && axes.stream().noneMatch(a -> field.equals(a.path()) || field.startsWith(a.path() + ".")
                || field.startsWith(a.path() + "["))) {
            String path = axes.get(culprit).path();
            InvalidParameterException named = new InvalidParameterException("axes." + path + "[" + k[culprit] + "]",
                    "is rejected by kind " + kindName + ": " + field + " " + e.rule() + " (" + field + " is " + e.value() + ")", axes.get(culprit).values().get(k[culprit]));
            named.initCause(e);
            return named;
        }
        for (int a = 0; a < axes.size(); a++) {
            String path = axes.get(a).path();
            if (!e.rule().startsWith("unknown key") && path.startsWith(field + ".")) {
                // the axis goes through a key the kind holds to be a value, not a mapping
                InvalidParameterException named = new InvalidParameterException("axes." + path,
                        "goes through " + field + ", which " + e.rule(), e.value());
                named.initCause(e);
                return named;
            }
            if (e.rule().startsWith("unknown key") && (field.equals(path) || path.startsWith(field + "."))) {
                InvalidParameterException named = new InvalidParameterException("axes." + path,
                        "no such key in kind " + kindName + (field.equals(path) ? "" : " (at " + field + ")") + ": " + e.rule(), path);
                named.initCause(e);
                return named;
            }
            if (field.equals(path) || field.startsWith(path + ".") || field.startsWith(path + "[")) {
                InvalidParameterException named = new InvalidParameterException("axes." + path + "[" + k[a] + "]",
                        e.rule() + (field.equals(path) ? "" : " (at " + field + ")"), e.value());
                named.initCause(e);
                return named;
            }
        }
        StringBuilder at = new StringBuilder();
        for (int a = 0; a < axes.size(); a++) {
            JsonNode v = axes.get(a).values().get(k[a]);
            at.append(a == 0 ? "" : ", ").append(axes.get(a).path()).append('=').append(v);
        }
        InvalidParameterException named = new InvalidParameterException("base." + field,
                e.rule() + " (at point " + index + ": " + at + ")", e.value());
        named.initCause(e);
        return named;
    }
}
