package org.scalelab.cluster.collective;

import java.util.Arrays;
import java.util.List;
import org.scalelab.common.Check;

/**
 * Collective algorithms. Ring, binomial tree and recursive halving-doubling are the flat
 * algorithms of the α-β literature (Thakur, Rabenseifner and Gropp 2005; summarised in the
 * distributed-training-book cost model); hierarchical is the two-level scheme that reduces inside
 * the node over NVLink, across nodes on one shard, and gathers inside the node again.
 */
public enum CollectiveAlgorithm {
    RING("ring"),
    TREE("tree"),
    HALVING_DOUBLING("halving-doubling"),
    HIERARCHICAL("hierarchical");

    private final String label;

    CollectiveAlgorithm(String label) {
        this.label = label;
    }

    /** The name used on the command line and in parameter files. */
    public String label() {
        return label;
    }

    /** All names, for error messages. */
    public static List<String> names() {
        return Arrays.stream(values()).map(CollectiveAlgorithm::label).toList();
    }

    /** The algorithm called {@code name}; an unknown name fails naming {@code field} and listing the valid ones. */
    public static CollectiveAlgorithm byName(String field, String name) {
        Check.oneOf(field, name, names());
        return Arrays.stream(values()).filter(v -> v.label.equals(name)).findFirst().orElseThrow();
    }

    /**
     * Whether this algorithm implements {@code op}. A binomial tree is defined here for all-reduce
     * (reduce then broadcast) and broadcast only, as in NCCL, which runs all-gather and
     * reduce-scatter on rings.
     */
    public boolean supports(CollectiveOp op) {
        return this != TREE || op == CollectiveOp.ALL_REDUCE || op == CollectiveOp.BROADCAST;
    }
}
