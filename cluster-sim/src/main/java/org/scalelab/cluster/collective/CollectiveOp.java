package org.scalelab.cluster.collective;

import java.util.Arrays;
import java.util.List;
import org.scalelab.common.Check;
import org.scalelab.common.Keyed;

/**
 * The collective operations, with nccl-tests' definition of message size and bus bandwidth
 * (NVIDIA nccl-tests, doc/PERFORMANCE.md): the size S is the whole buffer (for all-gather the
 * gathered output, for reduce-scatter the input), algbw = S / t, busbw = algbw × factor.
 */
public enum CollectiveOp implements Keyed {
    /** Every rank ends with the sum of all ranks' buffers; busbw factor 2(n−1)/n. */
    ALL_REDUCE("all-reduce"),
    /** Every rank ends with every rank's piece; busbw factor (n−1)/n. */
    ALL_GATHER("all-gather"),
    /** Every rank ends with its piece of the sum; busbw factor (n−1)/n. */
    REDUCE_SCATTER("reduce-scatter"),
    /** Rank 0's buffer reaches every rank; busbw factor 1. */
    BROADCAST("broadcast"),
    /**
     * Every rank sends a distinct piece of S/n bytes to every rank (S is the per-rank buffer, as
     * nccl-tests counts it); busbw factor (n−1)/n. The exchange mixture-of-experts layers make.
     */
    ALL_TO_ALL("all-to-all");

    private final String key;

    CollectiveOp(String key) {
        this.key = key;
    }

    /** The name used on the command line and in parameter files. */
    public String key() {
        return key;
    }

    /**
     * The algorithm used when none is given: ring for all-reduce, all-gather, reduce-scatter and
     * broadcast (NCCL's default for large messages), pairwise exchange for all-to-all.
     */
    public CollectiveAlgorithm defaultAlgorithm() {
        return this == ALL_TO_ALL ? CollectiveAlgorithm.PAIRWISE : CollectiveAlgorithm.RING;
    }

    /** All names, for error messages. */
    public static List<String> names() {
        return Arrays.stream(values()).map(CollectiveOp::key).toList();
    }

    /** The operation called {@code name}; an unknown name fails naming {@code field} and listing the valid ones. */
    public static CollectiveOp byName(String field, String name) {
        Check.oneOf(field, name, names());
        return Arrays.stream(values()).filter(v -> v.key.equals(name)).findFirst().orElseThrow();
    }

    /**
     * nccl-tests' bus-bandwidth factor (doc/PERFORMANCE.md): all-reduce 2(n−1)/n, all-gather and
     * reduce-scatter (n−1)/n, broadcast 1, all-to-all (n−1)/n (NVIDIA/nccl-tests#130 "algorithm
     * bandwidth of all2all": 1/n of the data stays local; NVIDIA/nccl-tests#181 "AlltoAllGetBw is
     * incorrect when used with multiple nodes"). Dimensionless.
     *
     * @param ranks number of ranks n (≥ 1)
     */
    public double busBandwidthFactor(int ranks) {
        double n = ranks;
        return switch (this) {
            case ALL_REDUCE -> 2.0 * (n - 1) / n;
            case ALL_GATHER, REDUCE_SCATTER, ALL_TO_ALL -> (n - 1) / n;
            case BROADCAST -> 1.0;
        };
    }
}
