package org.scalelab.cluster.collective;

import java.util.Arrays;
import java.util.List;
import org.scalelab.common.Check;

/**
 * The collective operations, with nccl-tests' definition of message size and bus bandwidth
 * (NVIDIA nccl-tests, doc/PERFORMANCE.md): the size S is the whole buffer (for all-gather the
 * gathered output, for reduce-scatter the input), algbw = S / t, busbw = algbw × factor.
 */
public enum CollectiveOp {
    /** Every rank ends with the sum of all ranks' buffers; busbw factor 2(n−1)/n. */
    ALL_REDUCE("all-reduce"),
    /** Every rank ends with every rank's piece; busbw factor (n−1)/n. */
    ALL_GATHER("all-gather"),
    /** Every rank ends with its piece of the sum; busbw factor (n−1)/n. */
    REDUCE_SCATTER("reduce-scatter"),
    /** Rank 0's buffer reaches every rank; busbw factor 1. */
    BROADCAST("broadcast");

    private final String label;

    CollectiveOp(String label) {
        this.label = label;
    }

    /** The name used on the command line and in parameter files. */
    public String label() {
        return label;
    }

    /** All names, for error messages. */
    public static List<String> names() {
        return Arrays.stream(values()).map(CollectiveOp::label).toList();
    }

    /** The operation called {@code name}; an unknown name fails naming {@code field} and listing the valid ones. */
    public static CollectiveOp byName(String field, String name) {
        Check.oneOf(field, name, names());
        return Arrays.stream(values()).filter(v -> v.label.equals(name)).findFirst().orElseThrow();
    }

    /**
     * nccl-tests' bus-bandwidth factor (doc/PERFORMANCE.md): all-reduce 2(n−1)/n, all-gather and
     * reduce-scatter (n−1)/n, broadcast 1. Dimensionless.
     *
     * @param ranks number of ranks n (≥ 1)
     */
    public double busBandwidthFactor(int ranks) {
        double n = ranks;
        return switch (this) {
            case ALL_REDUCE -> 2.0 * (n - 1) / n;
            case ALL_GATHER, REDUCE_SCATTER -> (n - 1) / n;
            case BROADCAST -> 1.0;
        };
    }
}
