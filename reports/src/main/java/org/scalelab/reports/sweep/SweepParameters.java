package org.scalelab.reports.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;

/**
 * A {@code kind: sweep} parameter file: a base parameter file of another kind, axes that vary
 * key paths of it, and what to keep. The sweep's {@code seed:} and {@code replications} override
 * the base's. {@code master} and {@code partitions} are the {@code scalelab sweep} options of the
 * same names.
 *
 * @param base         an inline parameter file of kind cluster, memory or plan (with its own {@code kind:})
 * @param axes         key path of the base (e.g. {@code cluster.gpus}) to a list of values or
 *                     {@code {from, to, steps, scale: linear|log}}; in file order
 * @param zip          groups of axis paths that vary together instead of across (optional)
 * @param replications Monte-Carlo replications per point, in [1, 10⁶] (default: the base's, else the kind's)
 * @param metrics      result fields kept per point (default: the kind's headline metrics)
 * @param master       Spark master URL (default local[*], or spark-submit's --master), checked for its form
 *                     ({@link #MASTER}) before Spark starts
 * @param partitions   Spark tasks, in [1, {@value #MAX_PARTITIONS}] (default: twice the cores Spark has, at most
 *                     one per point)
 * @throws InvalidParameterException naming {@code base.kind}, {@code axes}, {@code replications}, {@code master}
 *     or {@code partitions}
 */
public record SweepParameters(ObjectNode base, Map<String, JsonNode> axes, List<List<String>> zip, Integer replications,
        List<String> metrics, String master, Integer partitions) {
    /** Most Spark tasks: as many as the most points a sweep may have; more would only be empty tasks. */
    public static final int MAX_PARTITIONS = 100_000;
    private static final String HOST_PORT = "([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\]):[0-9]{1,5}";

    /**
     * The master URLs Spark accepts: {@code local}, {@code local[N]} / {@code local[*]} (N from 1 to
     * 9999), with {@code ,F} task retries, {@code spark://HOST:PORT} (several masters
     * comma-separated), {@code yarn} and {@code k8s://URL}. Anything else would fail
     * inside Spark's start with its own stack trace.
     */
    public static final java.util.regex.Pattern MASTER = java.util.regex.Pattern.compile(
            "local(\\[([1-9][0-9]{0,3}|\\*)(,[1-9][0-9]{0,3})?\\])?"
            + "|spark://" + HOST_PORT + "(," + HOST_PORT + ")*|yarn|k8s://[A-Za-z0-9._:/\\[\\]-]+");
    private static final String MASTER_RULE = "must be local[*], local[N] (N from 1 to 9999), local[N,F], spark://HOST:PORT, "
            + "yarn or k8s://HOST:PORT";

    public SweepParameters {
        Check.present("base", base);
        JsonNode kind = base.get("kind");
        if (kind == null || !kind.isTextual()) {
            throw new InvalidParameterException("base.kind", "must name the base's kind (cluster, memory or plan)", kind == null ? "missing" : kind);
        }
        Check.present("axes", axes);
        if (axes.isEmpty()) {
            throw new InvalidParameterException("axes", "must vary at least one key path of the base", "{}");
        }
        axes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(axes));
        zip = zip == null ? List.of() : zip.stream().map(List::copyOf).toList();
        if (replications != null) {
            Check.inRange("replications", replications, 1, org.scalelab.cluster.sim.MonteCarlo.MAX_REPLICATIONS);
        }
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        if (master != null && !MASTER.matcher(master).matches()) {
            throw new InvalidParameterException("master", MASTER_RULE, master.isBlank() ? "empty" : master);
        }
        if (partitions != null) {
            Check.inRange("partitions", partitions, 1, MAX_PARTITIONS);
        }
    }

    /** The base's {@code kind:}. */
    public String baseKind() {
        return base.get("kind").asText();
    }

    /** The same sweep on another master (null keeps this one). */
    public SweepParameters withMaster(String newMaster) {
        return newMaster == null ? this : new SweepParameters(base, axes, zip, replications, metrics, newMaster, partitions);
    }

    /** The same sweep in another number of Spark tasks (null keeps this one). */
    public SweepParameters withPartitions(Integer newPartitions) {
        return newPartitions == null ? this : new SweepParameters(base, axes, zip, replications, metrics, master, newPartitions);
    }
}
