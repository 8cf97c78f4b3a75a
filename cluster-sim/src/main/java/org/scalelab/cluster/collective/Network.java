package org.scalelab.cluster.collective;

import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;

/**
 * The links a collective runs over: {@code ranks} GPUs placed consecutively on nodes of
 * {@code gpusPerNode}; every GPU has its own intra-node port (NVLink) and shares the node's
 * {@code nicsPerNode} network ports (rail-optimised: GPU i uses NIC i mod nics). With one NIC per
 * GPU the network is uniform per tier, the case where the α-β closed forms are exact.
 *
 * @param ranks                    number of ranks (GPUs) in the collective, ≥ 1
 * @param gpusPerNode              GPUs per node, divides {@code ranks} when ranks span several nodes
 * @param latencyUs                intra-node per-message latency α (µs)
 * @param bandwidthGbPerS          intra-node per-GPU bandwidth β (GB/s, 10⁹ bytes/s)
 * @param interNodeLatencyUs       inter-node per-message latency (µs)
 * @param interNodeBandwidthGbPerS inter-node bandwidth per NIC (GB/s)
 * @param nicsPerNode              NICs per node (1 … gpusPerNode)
 * @param podGpus                  GPUs per pod (0 = one pod); traffic between pods crosses the
 *                                 pod's uplinks
 * @param oversubscription         pod uplink oversubscription o ≥ 1: a pod's uplinks carry
 *                                 podGpus × inter-node bandwidth / o in all (Llama 3: 1:7)
 */
public record Network(int ranks, int gpusPerNode, double latencyUs, double bandwidthGbPerS,
        double interNodeLatencyUs, double interNodeBandwidthGbPerS, int nicsPerNode, int podGpus,
        double oversubscription) {

    /**
     * Most ranks a collective may span: 2^20, ten times the largest GPU clusters announced (about
     * 100,000 GPUs in 2024); beyond it rank numbers and per-rank tables stop being meaningful.
     */
    public static final int MAX_RANKS = 1 << 20;
    /** Largest per-message latency (µs): one second, a thousand times any real link's. */
    public static final double MAX_LATENCY_US = 1e6;
    /** Largest link bandwidth (GB/s): 10⁶, a thousand times NVLink 5's 900 GB/s per GPU. */
    public static final double MAX_BANDWIDTH_GB_PER_S = 1e6;

    public Network {
        Check.inRange("ranks", ranks, 1, MAX_RANKS);
        Check.inRange("gpus_per_node", gpusPerNode, 1, MAX_RANKS);
        Check.inRange("latency_us", latencyUs, 0, MAX_LATENCY_US);
        Check.inHalfOpen("bandwidth_gb_per_s", bandwidthGbPerS, 0, MAX_BANDWIDTH_GB_PER_S);
        Check.inRange("inter_node_latency_us", interNodeLatencyUs, 0, MAX_LATENCY_US);
        Check.inHalfOpen("inter_node_bandwidth_gb_per_s", interNodeBandwidthGbPerS, 0, MAX_BANDWIDTH_GB_PER_S);
        Check.inRange("nics_per_node", nicsPerNode, 1, gpusPerNode);
        if (ranks > gpusPerNode && ranks % gpusPerNode != 0) {
            throw new InvalidParameterException("gpus_per_node", "must divide ranks (" + ranks + ")", gpusPerNode);
        }
        Check.atLeast("pod_gpus", podGpus, 0);
        if (podGpus > 0 && (podGpus % Math.min(ranks, gpusPerNode) != 0 || ranks % podGpus != 0 && ranks > podGpus)) {
            throw new InvalidParameterException("pod_gpus", "must be a multiple of gpus_per_node that divides ranks", podGpus);
        }
        Check.inRange("oversubscription", oversubscription, 1.0, 1e6);
    }

    /** A network without pods (no oversubscription). */
    public Network(int ranks, int gpusPerNode, double latencyUs, double bandwidthGbPerS, double interNodeLatencyUs,
            double interNodeBandwidthGbPerS, int nicsPerNode) {
        this(ranks, gpusPerNode, latencyUs, bandwidthGbPerS, interNodeLatencyUs, interNodeBandwidthGbPerS, nicsPerNode, 0, 1.0);
    }

    /** Number of pods the ranks span (1 without pods). */
    public int pods() {
        return podGpus == 0 || podGpus >= ranks ? 1 : ranks / podGpus;
    }

    /** Pod of a rank. */
    public int podOf(int rank) {
        return pods() == 1 ? 0 : rank / podGpus;
    }

    /**
     * Bandwidth (bytes/s) each of {@code senders} concurrent transfers leaving one pod gets:
     * its NIC's β, or its share of the pod uplinks, podGpus·β/o / senders, whichever is smaller.
     */
    public double crossPodBytesPerSecond(int senders) {
        return interBytesPerSecond() * Math.min(1.0, podGpus / (oversubscription * senders));
    }

    /** One node-like uniform network: every link has latency α and bandwidth β. */
    public static Network uniform(int ranks, double latencyUs, double bandwidthGbPerS) {
        return new Network(ranks, ranks, latencyUs, bandwidthGbPerS, latencyUs, bandwidthGbPerS, ranks);
    }

    /** Two tiers, one NIC per GPU. */
    public static Network twoTier(int ranks, int gpusPerNode, double latencyUs, double bandwidthGbPerS,
            double interNodeLatencyUs, double interNodeBandwidthGbPerS) {
        return new Network(ranks, gpusPerNode, latencyUs, bandwidthGbPerS, interNodeLatencyUs, interNodeBandwidthGbPerS,
                gpusPerNode);
    }

    /** GPUs per node actually used (a collective on fewer ranks than a node stays in one node). */
    public int localRanks() {
        return Math.min(ranks, gpusPerNode);
    }

    /** Number of nodes the ranks span. */
    public int nodes() {
        return ranks / localRanks();
    }

    /**
     * NICs of a node that a ring's node crossing is spread over: min(local ranks, NICs per node)
     * when the ranks span nodes, else 1. NCCL runs one ring per channel, its channels leave the
     * node through different NICs (multi-rail), so the crossing hop of the ring as a whole gets
     * rails × the NIC's bandwidth.
     * Source: NVIDIA/nccl#412 "How will NCCL behave when there are multiple NICs on a node?" (more NICs, more
     *         bandwidth, up to the NVLink intra-node bandwidth)
     */
    public int rails() {
        return nodes() > 1 ? Math.min(localRanks(), nicsPerNode) : 1;
    }

    /** Node of a rank. */
    public int nodeOf(int rank) {
        return rank / localRanks();
    }

    /** Intra-node latency in seconds. */
    public double intraLatencySeconds() {
        return latencyUs * 1e-6;
    }

    /** Intra-node bandwidth in bytes/s. */
    public double intraBytesPerSecond() {
        return bandwidthGbPerS * 1e9;
    }

    /** Inter-node latency in seconds. */
    public double interLatencySeconds() {
        return interNodeLatencyUs * 1e-6;
    }

    /** Inter-node bandwidth in bytes/s. */
    public double interBytesPerSecond() {
        return interNodeBandwidthGbPerS * 1e9;
    }
}
