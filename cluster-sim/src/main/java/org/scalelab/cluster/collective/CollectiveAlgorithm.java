package org.scalelab.cluster.collective;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.scalelab.common.Check;
import org.scalelab.common.Keyed;

/**
 * Collective algorithms. Ring, binomial tree and recursive halving-doubling are the flat
 * algorithms of the α-β literature (Thakur, Rabenseifner and Gropp 2005; summarised in the
 * distributed-training-book cost model); {@code tree} is NCCL's pipelined double binary tree
 * (Sanders, Speck and Träff 2009, as NCCL 2.4 implements it: two complementary binary trees,
 * each carrying half the message, reduce then broadcast in pipelined chunks); hierarchical is the
 * two-level scheme that reduces inside the node over NVLink, across nodes on one shard, and
 * gathers inside the node again; pairwise is the all-to-all exchange in which rank i sends its
 * k-th piece to rank i + k for every k, posted together as NCCL groups its sends.
 */
public enum CollectiveAlgorithm implements Keyed {
    RING("ring"),
    /** NCCL's pipelined double binary tree; also accepted as {@code double-binary-tree}. */
    TREE("tree"),
    /** The plain (non-pipelined) binomial tree: reduce then broadcast, the whole message per hop. */
    BINOMIAL_TREE("binomial-tree"),
    HALVING_DOUBLING("halving-doubling"),
    HIERARCHICAL("hierarchical"),
    /** Pairwise exchange, the all-to-all algorithm. */
    PAIRWISE("pairwise");

    /** The accepted alias of {@link #TREE}. */
    public static final String DOUBLE_BINARY_TREE_ALIAS = "double-binary-tree";

    private final String key;

    CollectiveAlgorithm(String key) {
        this.key = key;
    }

    /** The name used on the command line and in parameter files. */
    public String key() {
        return key;
    }

    /** All names, the alias included, for error messages. */
    public static List<String> names() {
        List<String> names = new java.util.ArrayList<>(Arrays.stream(values()).map(CollectiveAlgorithm::key).toList());
        names.add(2, DOUBLE_BINARY_TREE_ALIAS);
        return List.copyOf(names);
    }

    /** The algorithm called {@code name}; an unknown name fails naming {@code field} and listing the valid ones. */
    public static CollectiveAlgorithm byName(String field, String name) {
        String key = name == null ? null : name.toLowerCase(Locale.ROOT);
        Check.oneOf(field, key, names());
        if (DOUBLE_BINARY_TREE_ALIAS.equals(key)) {
            return TREE;
        }
        return Arrays.stream(values()).filter(v -> v.key.equals(key)).findFirst().orElseThrow();
    }

    /**
     * Whether this algorithm implements {@code op}. Trees are defined for all-reduce and broadcast
     * only, as in NCCL, which runs all-gather and reduce-scatter on rings; all-to-all has its own
     * algorithm, pairwise exchange, which does nothing else.
     */
    public boolean supports(CollectiveOp op) {
        return switch (this) {
            case TREE, BINOMIAL_TREE -> op == CollectiveOp.ALL_REDUCE || op == CollectiveOp.BROADCAST;
            case PAIRWISE -> op == CollectiveOp.ALL_TO_ALL;
            default -> op != CollectiveOp.ALL_TO_ALL;
        };
    }
}
