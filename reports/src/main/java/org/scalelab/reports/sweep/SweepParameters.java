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
 * @param replications Monte-Carlo replications per point (default: the base's, else the kind's)
 * @param metrics      result fields kept per point (default: the kind's headline metrics)
 * @param master       Spark master URL (default local[*], or spark-submit's --master)
 * @param partitions   Spark tasks (default: twice the cores Spark has, at most one per point)
 */
public record SweepParameters(ObjectNode base, Map<String, JsonNode> axes, List<List<String>> zip, Integer replications,
        List<String> metrics, String master, Integer partitions) {

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
            Check.atLeastOne("replications", replications);
        }
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        if (master != null && master.isBlank()) {
            throw new InvalidParameterException("master", "must be local[*], local[N] or a cluster URL such as spark://HOST:7077", "empty");
        }
        if (partitions != null) {
            Check.atLeastOne("partitions", partitions);
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
