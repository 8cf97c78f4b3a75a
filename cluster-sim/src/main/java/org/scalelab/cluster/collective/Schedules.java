package org.scalelab.cluster.collective;

import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;

/**
 * Writes each (operation, algorithm) pair out as steps of transfers between concrete ranks. The
 * rank-level patterns are the textbook ones (Thakur, Rabenseifner and Gropp, IJHPCA 2005): rings
 * pass one chunk of S/p to the next rank per step (a flat ring's hop between nodes striped over
 * the node's {@link Network#rails()} NICs, standing for NCCL's channels); binomial trees pair ranks at distance 2^k;
 * recursive halving exchanges halves with the partner i XOR 2^k; hierarchical combines rings per
 * node and across nodes on one shard. NCCL's double binary tree (Sanders, Speck and Träff,
 * "Two-tree algorithms for full bandwidth broadcast, reduction and scan", Parallel Computing 35(12),
 * 2009) numbers positions 1..p in order, a position of height k (k trailing zero bits) hanging
 * under the nearer multiple of 2^(k+1); tree A puts rank i at position i + 1, tree B at position
 * i (position p is rank 0), so the ranks that are inner nodes of one tree are leaves of the
 * other. Each tree carries half the message in c pipelined chunks. Pairwise all-to-all sends rank
 * i's piece for rank i + k, for every k, in one group.
 */
public final class Schedules {
    /** Largest number of pipeline chunks of a ring (chain) broadcast. */
    public static final int MAX_BROADCAST_CHUNKS = 64;

    private Schedules() {}

    /**
     * The schedule of {@code op} by {@code algorithm} on {@code network} for a message of
     * {@code bytes} (nccl-tests' size: the whole buffer).
     *
     * @throws InvalidParameterException when the algorithm does not apply (tree for all-gather,
     *     halving-doubling on a rank count that is not a power of two)
     */
    public static Schedule build(CollectiveOp op, CollectiveAlgorithm algorithm, Network network, double bytes) {
        checkApplicable(op, algorithm, network);
        checkSize(network, bytes);
        Schedule s = new Schedule();
        int p = network.ranks();
        int[] all = range(0, p, 1);
        switch (algorithm) {
            case RING -> ring(s, op, all, bytes, network);
            case TREE -> doubleBinaryTree(s, op, network, bytes, treeChunks(network, bytes));
            case BINOMIAL_TREE -> tree(s, op, new int[][] {all}, bytes);
            case PAIRWISE -> pairwise(s, p, bytes);
            case HALVING_DOUBLING -> halvingDoubling(s, op, new int[][] {all}, bytes);
            case HIERARCHICAL -> hierarchical(s, op, network, bytes);
        }
        return s;
    }

    /**
     * Most ranks the link-level simulator plays: a ring all-reduce on p ranks is 2(p − 1)·p
     * transfers, 8.4 million at 2048 (seconds of work); the closed form has no such limit.
     */
    public static final int MAX_SIMULATED_RANKS = 2048;
    /**
     * Largest buffer (bytes): 10¹⁸, ten thousand times the memory of a 100,000-GPU cluster of
     * 80 GB GPUs; larger sizes describe no collective that can run.
     */
    public static final double MAX_BYTES = 1e18;

    /** Fails when the buffer or the rank count is beyond what the simulator plays. */
    public static void checkSize(Network network, double bytes) {
        Check.inHalfOpen("bytes", bytes, 0, MAX_BYTES);
        Check.inRange("ranks", network.ranks(), 1, MAX_SIMULATED_RANKS);
    }

    /** Fails when {@code algorithm} cannot run {@code op} on {@code network}. */
    public static void checkApplicable(CollectiveOp op, CollectiveAlgorithm algorithm, Network network) {
        if (!algorithm.supports(op)) {
            String rule = op == CollectiveOp.ALL_TO_ALL ? "all-to-all runs by pairwise exchange only"
                    : algorithm == CollectiveAlgorithm.PAIRWISE ? "pairwise exchange is the all-to-all algorithm"
                    : "trees are defined for all-reduce and broadcast only (as in NCCL)";
            throw new InvalidParameterException("algorithm", rule, algorithm.key() + " with " + op.key());
        }
        if (algorithm == CollectiveAlgorithm.HALVING_DOUBLING && Integer.bitCount(network.ranks()) != 1) {
            throw new InvalidParameterException("ranks", "must be a power of two for halving-doubling", network.ranks());
        }
    }

    /** Pipeline chunks of a ring broadcast: the count that minimises (p − 2 + c)(α + S/(cβ)), capped. */
    public static int broadcastChunks(int ranks, double bytes, double alphaSeconds, double betaBytesPerSecond) {
        if (ranks <= 2) {
            return 1;
        }
        if (alphaSeconds <= 0) {
            return MAX_BROADCAST_CHUNKS;
        }
        double c = Math.sqrt((ranks - 2) * bytes / (alphaSeconds * betaBytesPerSecond));
        return (int) Math.max(1, Math.min(MAX_BROADCAST_CHUNKS, Math.round(c)));
    }

    /** Depth of the double binary tree on {@code ranks}: ⌊log₂ p⌋ (0 for one rank). */
    public static int treeDepth(int ranks) {
        return 31 - Integer.numberOfLeadingZeros(Math.max(1, ranks));
    }

    /**
     * Pipeline chunks of the double binary tree: the count that minimises (D + c − 1)(α + S/(cβ)),
     * c = √((D − 1)·S/(αβ)), capped at {@link #MAX_BROADCAST_CHUNKS}.
     */
    public static int treeChunks(int ranks, double bytes, double alphaSeconds, double betaBytesPerSecond) {
        int depth = treeDepth(ranks);
        if (depth <= 1) {
            return 1;
        }
        if (alphaSeconds <= 0) {
            return MAX_BROADCAST_CHUNKS;
        }
        double c = Math.sqrt((depth - 1) * bytes / (alphaSeconds * betaBytesPerSecond));
        return (int) Math.max(1, Math.min(MAX_BROADCAST_CHUNKS, Math.round(c)));
    }

    /**
     * Pipeline chunks of the double binary tree on {@code network}: {@link #treeChunks(int, double, double, double)}
     * with the slowest hop's latency and bandwidth (the node crossing at rails × the NIC's, as the ring's).
     */
    static int treeChunks(Network network, double bytes) {
        return treeChunks(network.ranks(), bytes, slowestHopLatencySeconds(network), slowestHopBytesPerSecond(network));
    }

    /** Latency of the slowest hop: the node crossing's when the network spans nodes, seconds. */
    private static double slowestHopLatencySeconds(Network network) {
        return network.nodes() > 1 ? Math.max(network.interLatencySeconds(), network.intraLatencySeconds())
                : network.intraLatencySeconds();
    }

    /** Bandwidth of the slowest hop: a node crossing striped over the rails, when the network spans nodes, bytes/s. */
    private static double slowestHopBytesPerSecond(Network network) {
        return network.nodes() > 1 ? Math.min(network.rails() * network.interBytesPerSecond(), network.intraBytesPerSecond())
                : network.intraBytesPerSecond();
    }

    /** Parent position of position {@code i} in the in-order binary tree on 1..p (0 for the root). */
    static int treeParent(int i, int p) {
        int root = Integer.highestOneBit(p);
        int node = i;
        while (node != root) {
            int low = node & -node;
            node = (node / low) % 4 == 1 ? node + low : node - low;
            if (node <= p) {
                return node;
            }
        }
        return 0;
    }

    /**
     * NCCL's double binary tree: two complementary trees, each carrying half the message in c
     * pipelined chunks; a hop between nodes is striped over the node's {@link Network#rails()} NICs,
     * as NCCL's tree channels each leave through their own NIC.
     */
    private static void doubleBinaryTree(Schedule s, CollectiveOp op, Network network, double bytes, int chunks) {
        int p = network.ranks();
        int depth = treeDepth(p);
        double piece = bytes / (2.0 * chunks);
        int[] parent = new int[p + 1];
        for (int i = 1; i <= p; i++) {
            parent[i] = treeParent(i, p);
        }
        int steps = depth + chunks - 1;
        if (op == CollectiveOp.ALL_REDUCE) {
            for (int t = 0; t < steps; t++) {
                for (int tree = 0; tree < 2; tree++) {
                    for (int i = 1; i <= p; i++) {
                        int j = t - Integer.numberOfTrailingZeros(i);
                        if (parent[i] != 0 && j >= 0 && j < chunks) {
                            hop(s, network, rankAt(tree, i, p), rankAt(tree, parent[i], p), piece);
                        }
                    }
                }
                s.endStep();
            }
        }
        for (int t = 0; t < steps; t++) {
            for (int tree = 0; tree < 2; tree++) {
                for (int i = 1; i <= p; i++) {
                    if (parent[i] == 0) {
                        continue;
                    }
                    int j = t - (depth - Integer.numberOfTrailingZeros(parent[i]));
                    if (j >= 0 && j < chunks) {
                        hop(s, network, rankAt(tree, parent[i], p), rankAt(tree, i, p), piece);
                    }
                }
            }
            s.endStep();
        }
    }

    /** Rank at tree position {@code i}: tree A holds rank i − 1, tree B rank i mod p. */
    private static int rankAt(int tree, int position, int p) {
        return tree == 0 ? position - 1 : position % p;
    }

    private static void pairwise(Schedule s, int p, double bytes) {
        for (int i = 0; i < p; i++) {
            for (int k = 1; k < p; k++) {
                s.send(i, (i + k) % p, bytes / p);
            }
        }
        s.endStep();
    }

    /**
     * The flat ring over all ranks. Its hop between nodes is striped over the node's
     * {@link Network#rails()} NICs, as NCCL's channels each leave through their own NIC.
     */
    private static void ring(Schedule s, CollectiveOp op, int[] ring, double bytes, Network network) {
        int g = ring.length;
        int[][] groups = {ring};
        switch (op) {
            case ALL_REDUCE -> ringPasses(s, groups, bytes / g, 2 * (g - 1), network);
            case ALL_GATHER, REDUCE_SCATTER -> ringPasses(s, groups, bytes / g, g - 1, network);
            case BROADCAST -> {
                int c = ringBroadcastChunks(network, bytes);
                for (int t = 0; t < g - 2 + c; t++) {
                    for (int j = 0; j < g - 1; j++) {
                        if (t - j >= 0 && t - j < c) {
                            hop(s, network, ring[j], ring[j + 1], bytes / c);
                        }
                    }
                    s.endStep();
                }
            }
            case ALL_TO_ALL -> throw new IllegalStateException("all-to-all runs pairwise");
        }
    }

    /**
     * Pipeline chunks of a ring (chain) broadcast on {@code network}: {@link #broadcastChunks} with
     * the slowest hop's latency and bandwidth (the node crossing at rails × the NIC's).
     */
    static int ringBroadcastChunks(Network network, double bytes) {
        return broadcastChunks(network.ranks(), bytes, slowestHopLatencySeconds(network), slowestHopBytesPerSecond(network));
    }

    /** One ring hop; between nodes of a striped ring ({@code network} given), one piece per rail. */
    private static void hop(Schedule s, Network network, int from, int to, double bytes) {
        int rails = network == null ? 1 : network.rails();
        if (rails == 1 || network.nodeOf(from) == network.nodeOf(to)) {
            s.send(from, to, bytes);
            return;
        }
        for (int r = 0; r < rails; r++) {
            s.send(from, to, bytes / rails, r);
        }
    }

    /** Ring passes over each group; {@code striped} (or null) is the network whose rails node crossings use. */
    private static void ringPasses(Schedule s, int[][] groups, double chunk, int steps, Network striped) {
        for (int t = 0; t < steps; t++) {
            for (int[] grp : groups) {
                for (int i = 0; i < grp.length; i++) {
                    hop(s, striped, grp[i], grp[(i + 1) % grp.length], chunk);
                }
            }
            s.endStep();
        }
    }

    private static void ringPasses(Schedule s, int[][] groups, double chunk, int steps) {
        ringPasses(s, groups, chunk, steps, null);
    }

    private static void tree(Schedule s, CollectiveOp op, int[][] groups, double bytes) {
        if (op == CollectiveOp.ALL_REDUCE) {
            binomialReduce(s, groups, bytes);
        }
        binomialBroadcast(s, groups, bytes);
    }

    private static void binomialReduce(Schedule s, int[][] groups, double bytes) {
        int g = groups[0].length;
        for (int d = 1; d < g; d <<= 1) {
            for (int[] grp : groups) {
                for (int i = d; i < g; i += 2 * d) {
                    s.send(grp[i], grp[i - d], bytes);
                }
            }
            s.endStep();
        }
    }

    private static void binomialBroadcast(Schedule s, int[][] groups, double bytes) {
        int g = groups[0].length;
        for (int d = Integer.highestOneBit(Math.max(1, g - 1)); d >= 1 && g > 1; d >>= 1) {
            for (int[] grp : groups) {
                for (int i = 0; i + d < g; i += 2 * d) {
                    s.send(grp[i], grp[i + d], bytes);
                }
            }
            s.endStep();
        }
    }

    private static void halvingDoubling(Schedule s, CollectiveOp op, int[][] groups, double bytes) {
        int g = groups[0].length;
        switch (op) {
            case ALL_REDUCE -> {
                recursiveHalving(s, groups, bytes);
                recursiveDoubling(s, groups, bytes);
            }
            case REDUCE_SCATTER -> recursiveHalving(s, groups, bytes);
            case ALL_GATHER -> recursiveDoubling(s, groups, bytes);
            case BROADCAST -> {
                // Scatter by a binomial tree, then all-gather by recursive doubling (van de Geijn).
                double part = bytes;
                for (int d = g / 2; d >= 1; d >>= 1) {
                    part /= 2;
                    for (int[] grp : groups) {
                        for (int i = 0; i < g; i += 2 * d) {
                            s.send(grp[i], grp[i + d], part);
                        }
                    }
                    s.endStep();
                }
                recursiveDoubling(s, groups, bytes);
            }
            case ALL_TO_ALL -> throw new IllegalStateException("all-to-all runs pairwise");
        }
    }

    private static void recursiveHalving(Schedule s, int[][] groups, double bytes) {
        int g = groups[0].length;
        double part = bytes;
        for (int d = g / 2; d >= 1; d >>= 1) {
            part /= 2;
            exchange(s, groups, d, part);
        }
    }

    private static void recursiveDoubling(Schedule s, int[][] groups, double bytes) {
        int g = groups[0].length;
        for (int d = 1; d < g; d <<= 1) {
            exchange(s, groups, d, bytes * d / g);
        }
    }

    private static void exchange(Schedule s, int[][] groups, int d, double part) {
        for (int[] grp : groups) {
            for (int i = 0; i < grp.length; i++) {
                s.send(grp[i], grp[i ^ d], part);
            }
        }
        s.endStep();
    }

    private static void hierarchical(Schedule s, CollectiveOp op, Network network, double bytes) {
        int local = network.localRanks();
        int nodes = network.nodes();
        int[][] intra = new int[nodes][];
        for (int n = 0; n < nodes; n++) {
            intra[n] = range(n * local, (n + 1) * local, 1);
        }
        int[][] inter = new int[local][];
        for (int l = 0; l < local; l++) {
            inter[l] = range(l, nodes * local, local);
        }
        int p = network.ranks();
        switch (op) {
            case ALL_REDUCE -> {
                ringPasses(s, intra, bytes / local, local - 1);
                ringPasses(s, inter, bytes / p, 2 * (nodes - 1));
                ringPasses(s, intra, bytes / local, local - 1);
            }
            case ALL_GATHER -> {
                ringPasses(s, inter, bytes / p, nodes - 1);
                ringPasses(s, intra, bytes / local, local - 1);
            }
            case REDUCE_SCATTER -> {
                ringPasses(s, intra, bytes / local, local - 1);
                ringPasses(s, inter, bytes / p, nodes - 1);
            }
            case BROADCAST -> {
                binomialBroadcast(s, new int[][] {inter[0]}, bytes);
                binomialBroadcast(s, intra, bytes);
            }
            case ALL_TO_ALL -> throw new IllegalStateException("all-to-all runs pairwise");
        }
    }

    private static int[] range(int from, int to, int stride) {
        int[] r = new int[(to - from + stride - 1) / stride];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i * stride;
        }
        return r;
    }
}
