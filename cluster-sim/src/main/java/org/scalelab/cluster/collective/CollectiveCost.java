package org.scalelab.cluster.collective;

/**
 * Closed-form α-β times of the collectives (Hockney's model: a message of b bytes over one hop
 * costs α + b/β). On a uniform network they reduce to the textbook formulas (Thakur, Rabenseifner
 * and Gropp, "Optimization of collective communication operations in MPICH", IJHPCA 19(1), 2005;
 * the distributed-training-book cost model, ch. "collective cost model"):
 * <ul>
 *   <li>ring all-reduce 2(p−1)α + 2(p−1)/p·S/β; ring all-gather and reduce-scatter (p−1)α + (p−1)/p·S/β;</li>
 *   <li>binomial-tree all-reduce 2⌈log₂p⌉(α + S/β); binomial broadcast ⌈log₂p⌉(α + S/β);</li>
 *   <li>NCCL's pipelined double binary tree ({@code tree}) all-reduce 2(D + c − 1)(α + S/(cβ)) with
 *       depth D = ⌊log₂p⌋ and c pipeline chunks, which tends to 2·S/β whatever p (NCCL's tuning
 *       model converts tree bus bandwidth to algorithm bandwidth by 0.5: NVIDIA/nccl-tests#279 "Is it
 *       suitable to calculate busBw in AllReduceGetBw for all of the algos?"); broadcast is the
 *       downward half, (D + c − 1)(α + S/(cβ)). At p = 2 each rank is the root of one tree and
 *       sends half the message in the other, so a step costs α + S/(2cβ) and the all-reduce
 *       2α + S/β;</li>
 *   <li>pairwise all-to-all: every rank sends S/p to each other rank, all exchanges posted at once
 *       as NCCL groups them, so each port streams its share: max over tiers of α + k·S/(pβ) with k
 *       the peers reached over that tier; on a uniform network α + (p−1)/p·S/β;</li>
 *   <li>recursive halving-doubling all-reduce (Rabenseifner) 2·log₂p·α + 2(p−1)/p·S/β;</li>
 *   <li>hierarchical all-reduce 2(G−1)α₁ + 2(G−1)/G·S/β₁ + 2(N−1)α₂ + 2(N−1)/N·(S/G)/β₂.</li>
 * </ul>
 * On two tiers, a step of a flat algorithm costs its slowest hop: a ring step crosses a node
 * boundary whenever the ranks span nodes, and does so on r = min(local ranks, NICs per node) NICs
 * at once ({@link Network#rails()}): NCCL runs one ring and one tree per channel and spreads the
 * channels over the node's NICs, so a tree step's node crossing gets r·β too (nccl-tests with
 * NCCL_ALGO=Tree on 2 nodes: busbw 92.6 GB/s on one NIC, 184.9 GB/s on two, NVIDIA/nccl#1357), so the crossing gets r·β, capped by the NVLink hop (2 nodes of 8 H100 with
 * 8 × 400 Gbit/s NICs: busbw min(450, 8 × 50) = 400 GB/s, where nccl-tests prints about that; one
 * NIC would give 50). A binomial-tree or halving-doubling step at partner distance d
 * crosses when d ≥ G or 2d does not divide G. A ring broadcast is a chain pipelined in c chunks,
 * (p − 2 + c)(α + S/(cβ)), with c from {@link Schedules#broadcastChunks}. Between pods a hop
 * gets min(β, podGpus·β/(o·k)) for k senders leaving the pod at once: k = r for rings, 2r for trees (both trees cross),
 * k = podGpus for a halving-doubling exchange, k = G for the hierarchical inter-node rings. These
 * forms ignore other contention: shared NICs or a slow link make the simulated time longer, as
 * they should. All times
 * are in seconds; S is nccl-tests' message size in bytes.
 * Source: Thakur, Rabenseifner and Gropp 2005 (ring, binomial, halving-doubling)
 * Source: Sanders, Speck and Träff 2009 (double binary tree); NVIDIA/nccl-tests#279 "Is it suitable to calculate busBw in
 *         AllReduceGetBw for all of the algos?" (tree ratio 0.5)
 * Source: NVIDIA/nccl-tests#130 "algorithm bandwidth of all2all" (all-to-all bus bandwidth)
 * Source: NVIDIA/nccl#412 "How will NCCL behave when there are multiple NICs on a node?" (the ring's inter-node bandwidth
 *         adds up over the node's NICs, up to the NVLink bandwidth); nccl-tests doc/PERFORMANCE.md (busbw)
 * Source: NVIDIA/nccl#1357 "NCCL Tree allreduce test cannot reach the theoretical bus bandwidth on 2 nodes with 4 nics"
 *         (the tree's bus bandwidth doubles from one NIC to two: 92.57 to 184.87 GB/s)
 */
public final class CollectiveCost {
    private CollectiveCost() {}

    /** Closed-form time in seconds of {@code op} by {@code algorithm} for {@code bytes} on {@code net}. */
    public static double seconds(CollectiveOp op, CollectiveAlgorithm algorithm, Network net, double bytes) {
        Schedules.checkApplicable(op, algorithm, net);
        int p = net.ranks();
        if (p == 1) {
            return 0.0;
        }
        return switch (algorithm) {
            case RING -> ring(op, net, bytes);
            case TREE -> doubleBinaryTree(op, net, bytes);
            case BINOMIAL_TREE -> tree(op, net, bytes);
            case PAIRWISE -> pairwise(net, bytes);
            case HALVING_DOUBLING -> halvingDoubling(op, net, bytes);
            case HIERARCHICAL -> hierarchical(op, net, bytes);
        };
    }

    /** Algorithm bandwidth S/t in GB/s (nccl-tests doc/PERFORMANCE.md). */
    public static double algorithmBandwidthGbPerS(double bytes, double seconds) {
        return seconds > 0 ? bytes / seconds / 1e9 : Double.POSITIVE_INFINITY;
    }

    /** Bus bandwidth algbw × factor in GB/s (nccl-tests doc/PERFORMANCE.md). */
    public static double busBandwidthGbPerS(CollectiveOp op, int ranks, double bytes, double seconds) {
        return algorithmBandwidthGbPerS(bytes, seconds) * op.busBandwidthFactor(ranks);
    }

    private static double ring(CollectiveOp op, Network net, double bytes) {
        int p = net.ranks();
        return switch (op) {
            case ALL_REDUCE -> 2.0 * (p - 1) * railHop(net, bytes / p);
            case ALL_GATHER, REDUCE_SCATTER -> (p - 1) * railHop(net, bytes / p);
            case BROADCAST -> {
                int c = Schedules.ringBroadcastChunks(net, bytes);
                yield (p - 2 + c) * railHop(net, bytes / c);
            }
            case ALL_TO_ALL -> throw new IllegalStateException("all-to-all runs pairwise");
        };
    }

    private static double doubleBinaryTree(CollectiveOp op, Network net, double bytes) {
        int p = net.ranks();
        int c = Schedules.treeChunks(net, bytes);
        // Each tree carries half the message: a step sends one piece S/(2c) per tree, two at once. At
        // p = 2 the trees degenerate to one edge each, in opposite directions, and each rank is the
        // root of one of them, so it sends one piece a step: 2α + S/β in all, as the ring's 2(p−1)/p·S/β.
        int piecesPerStep = p == 2 ? 1 : 2;
        // Between pods the two trees' crossings of a step leave the pod at once: 2r senders share its uplinks.
        double phase = (Schedules.treeDepth(p) + c - 1) * railHop(net, piecesPerStep * bytes / (2.0 * c), 2);
        return op == CollectiveOp.ALL_REDUCE ? 2 * phase : phase;
    }

    private static double pairwise(Network net, double bytes) {
        int p = net.ranks();
        int g = net.localRanks();
        double piece = bytes / p;
        double t = hop(net.intraLatencySeconds(), net.intraBytesPerSecond(), (g - 1) * piece);
        if (net.nodes() > 1) {
            int offNodeInPod = (net.pods() > 1 ? net.podGpus() : p) - g;
            t = Math.max(t, hop(net.interLatencySeconds(), net.interBytesPerSecond() / nicSharers(net), offNodeInPod * piece));
        }
        if (net.pods() > 1) {
            // Every rank of the pod sends its pieces for the other pods through the pod's uplinks.
            double uplink = net.podGpus() * net.interBytesPerSecond() / net.oversubscription();
            double perRank = Math.min(net.interBytesPerSecond(), uplink / net.podGpus());
            t = Math.max(t, hop(net.interLatencySeconds(), perRank, (p - net.podGpus()) * piece));
        }
        return t;
    }

    /** GPUs sharing one NIC. */
    private static int nicSharers(Network net) {
        return (net.localRanks() + net.nicsPerNode() - 1) / net.nicsPerNode();
    }

    private static double tree(CollectiveOp op, Network net, double bytes) {
        double broadcast = 0;
        for (int d = 1; d < net.ranks(); d <<= 1) {
            broadcast += pairHop(net, d, bytes, false);
        }
        return op == CollectiveOp.ALL_REDUCE ? 2 * broadcast : broadcast;
    }

    private static double halvingDoubling(CollectiveOp op, Network net, double bytes) {
        int p = net.ranks();
        double halving = 0;
        double scatter = 0; // the broadcast's binomial scatter: one sender per pair, not an exchange
        double part = bytes;
        for (int d = p / 2; d >= 1; d >>= 1) {
            part /= 2;
            halving += pairHop(net, d, part, true);
            scatter += pairHop(net, d, part, false);
        }
        double doubling = 0;
        for (int d = 1; d < p; d <<= 1) {
            doubling += pairHop(net, d, bytes * d / p, true);
        }
        return switch (op) {
            case ALL_REDUCE -> halving + doubling;
            case REDUCE_SCATTER -> halving;
            case ALL_GATHER -> doubling;
            case BROADCAST -> scatter + doubling;
            case ALL_TO_ALL -> throw new IllegalStateException("all-to-all runs pairwise");
        };
    }

    private static double hierarchical(CollectiveOp op, Network net, double bytes) {
        int g = net.localRanks();
        int n = net.nodes();
        int p = net.ranks();
        double intra = (g - 1) * hop(net.intraLatencySeconds(), net.intraBytesPerSecond(), bytes / g);
        // The G inter-node rings (one per local rank) each cross a pod boundary once per step.
        double interBeta = net.pods() > 1 ? Math.min(net.interBytesPerSecond(), net.crossPodBytesPerSecond(g))
                : net.interBytesPerSecond();
        double bcastBeta = net.pods() > 1 ? net.crossPodBytesPerSecond(1) : net.interBytesPerSecond();
        return switch (op) {
            case ALL_REDUCE -> 2 * intra + 2.0 * (n - 1) * hop(net.interLatencySeconds(), interBeta, bytes / p);
            case ALL_GATHER, REDUCE_SCATTER -> intra + (n - 1) * hop(net.interLatencySeconds(), interBeta, bytes / p);
            case BROADCAST -> ceilLog2(n) * hop(net.interLatencySeconds(), bcastBeta, bytes)
                    + ceilLog2(g) * hop(net.intraLatencySeconds(), net.intraBytesPerSecond(), bytes);
            case ALL_TO_ALL -> throw new IllegalStateException("all-to-all runs pairwise");
        };
    }

    /** α + b/β: one hop, seconds. */
    static double hop(double alphaSeconds, double betaBytesPerSecond, double bytes) {
        return alphaSeconds + bytes / betaBytesPerSecond;
    }

    private static double intraHop(Network net, double bytes) {
        return hop(net.intraLatencySeconds(), net.intraBytesPerSecond(), bytes);
    }

    private static double slowestHop(Network net, double bytes) {
        return Math.max(intraHop(net, bytes), hop(net.interLatencySeconds(), net.interBytesPerSecond(), bytes));
    }

    /** The slowest hop of a step whose pod-crossing transfers number {@code senders} per pod. */
    private static double slowestHop(Network net, double bytes, boolean crossesPods, int senders) {
        double h = slowestHop(net, bytes);
        return crossesPods ? Math.max(h, hop(net.interLatencySeconds(), net.crossPodBytesPerSecond(senders), bytes)) : h;
    }

    /**
     * One step of the flat ring or the double binary tree: the NVLink hop, or the node crossing
     * striped over r = rails NICs (r pieces of b/r, each at the NIC's rate; between pods, r senders
     * share the pod's uplinks). NCCL builds a ring and a tree per channel and spreads the channels
     * over the node's NICs, so the tree's bandwidth adds up over NICs as the ring's does.
     */
    private static double railHop(Network net, double bytes) {
        return railHop(net, bytes, 1);
    }

    /** {@link #railHop(Network, double)} with {@code flows} striped transfers leaving a pod at once. */
    private static double railHop(Network net, double bytes, int flows) {
        if (net.nodes() == 1) {
            return intraHop(net, bytes);
        }
        int r = net.rails();
        double h = Math.max(intraHop(net, bytes), hop(net.interLatencySeconds(), r * net.interBytesPerSecond(), bytes));
        return net.pods() > 1 ? Math.max(h, hop(net.interLatencySeconds(), r * net.crossPodBytesPerSecond(flows * r), bytes)) : h;
    }

    /** A tree (one sender per pod when crossing) or an exchange (every rank of the pod sends). */
    private static double pairHop(Network net, int distance, double bytes, boolean exchange) {
        int g = net.localRanks();
        boolean crosses = net.nodes() > 1 && (distance >= g || g % (2 * distance) != 0);
        boolean crossesPods = net.pods() > 1 && distance >= net.podGpus();
        return crosses ? slowestHop(net, bytes, crossesPods, exchange ? net.podGpus() : 1) : intraHop(net, bytes);
    }

    private static int ceilLog2(int n) {
        return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    }
}
