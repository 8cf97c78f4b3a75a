package org.scalelab.cluster.step;

import org.scalelab.cluster.collective.Network;
import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;

/**
 * How a job's GPUs are laid out: data × tensor × pipeline × expert parallel degrees on nodes of
 * {@code gpusPerNode}, with the node's links.
 *
 * <p>Expert parallelism (EP) spreads the routed experts of each mixture-of-experts block over
 * {@code ep} GPUs, each holding E/ep of them; {@code dp} counts the replicas of each expert shard.
 * Everything else (attention, dense blocks, shared experts, routers) is data-parallel over
 * ep × dp GPUs, so GPUs = tp × pp × ep × dp (DeepSeek-V3's 2,048 GPUs: pp 16 × ep 64 × dp 2).
 * Ranks are ordered tensor first, then expert (Megatron-LM's default order {@code tp-cp-ep-dp-pp}):
 * an EP group stays inside one node when tp × ep ≤ gpus_per_node.
 * Source: Lepikhin et al. 2020 (GShard), Section 2.2 (experts sharded over devices, the rest replicated);
 * DeepSeek-AI 2024 (arXiv:2412.19437), Section 3.2 (PP 16, EP 64, ZeRO-1 DP on 2,048 H800s).
 *
 * @param gpus                     GPUs in the job (= dp × tp × pp × ep)
 * @param dp                       data-parallel degree (of the expert shards; dense weights are
 *                                 data-parallel over ep × dp)
 * @param tp                       tensor-parallel degree (inside a node: divides gpus_per_node)
 * @param pp                       pipeline-parallel degree
 * @param ep                       expert-parallel degree (1 for a dense model)
 * @param gpusPerNode              GPUs per node
 * @param nvlinkGbPerS             intra-node bandwidth per GPU (GB/s, 10⁹ bytes/s)
 * @param nvlinkLatencyUs          intra-node per-message latency (µs)
 * @param interNodeGbitPerS        inter-node line rate per GPU NIC (Gbit/s, 10⁹ bits/s)
 * @param interNodeLatencyUs       inter-node per-message latency (µs)
 */
public record ParallelLayout(int gpus, int dp, int tp, int pp, int ep, int gpusPerNode, double nvlinkGbPerS,
        double nvlinkLatencyUs, double interNodeGbitPerS, double interNodeLatencyUs) {

    // The node and link defaults of every command and file that lays out a job (cluster step,
    // kind: cluster, plan; cluster collective and a collective: block take the NVLink latency):
    // one place, so they cannot drift apart. The link bandwidths follow the GPU:
    // GpuSpec.nvlinkGbPerS() and GpuSpec.interNodeGbitPerS() of the --gpu preset.

    /** GPUs per node unless given: an HGX/DGX H100 node (NVIDIA DGX H100 data sheet: 8 GPUs). */
    public static final int DEFAULT_GPUS_PER_NODE = 8;
    /** Intra-node latency per message unless given, µs (assumed). */
    public static final double DEFAULT_NVLINK_LATENCY_US = 3;
    /** Inter-node latency per message unless given, µs (assumed). */
    public static final double DEFAULT_INTER_NODE_LATENCY_US = 10;
    /**
     * Share of the NVLink line rate NCCL reaches after its protocol overhead: 370 of 450 GB/s on
     * 8 × H100 (NVIDIA/nccl-tests#212 "H100 all reduce performance is poor").
     */
    public static final double NCCL_NVLINK_EFFICIENCY = 370.0 / 450.0;

    public ParallelLayout {
        Check.inRange("gpus", gpus, 1, Network.MAX_RANKS);
        Check.atLeastOne("dp", dp);
        Check.atLeastOne("tp", tp);
        Check.atLeastOne("pp", pp);
        Check.atLeastOne("ep", ep);
        Check.inRange("gpus_per_node", gpusPerNode, 1, org.scalelab.memory.TrainingSetup.MAX_GPUS);
        Check.divides("tp", tp, "gpus_per_node", gpusPerNode);
        if ((long) dp * tp * pp * ep != gpus) {
            String rule = ep == 1 ? "dp x tp x pp must equal gpus (" + gpus + "); tp " + tp + ", pp " + pp
                    : "dp x tp x pp x ep must equal gpus (" + gpus + "); tp " + tp + ", pp " + pp + ", ep " + ep;
            throw new InvalidParameterException("dp", rule, dp);
        }
        if (gpus > gpusPerNode && gpus % gpusPerNode != 0) {
            throw new InvalidParameterException("gpus", "must be a multiple of gpus_per_node (" + gpusPerNode + ")", gpus);
        }
        Check.positive("nvlink_gb_per_s", nvlinkGbPerS);
        Check.nonNegative("nvlink_latency_us", nvlinkLatencyUs);
        Check.positive("inter_node_gbit_per_s", interNodeGbitPerS);
        Check.nonNegative("inter_node_latency_us", interNodeLatencyUs);
    }

    /** A layout without expert parallelism (ep = 1). */
    public ParallelLayout(int gpus, int dp, int tp, int pp, int gpusPerNode, double nvlinkGbPerS, double nvlinkLatencyUs,
            double interNodeGbitPerS, double interNodeLatencyUs) {
        this(gpus, dp, tp, pp, 1, gpusPerNode, nvlinkGbPerS, nvlinkLatencyUs, interNodeGbitPerS, interNodeLatencyUs);
    }

    /**
     * The layout with dp = gpus / (tp·pp) when {@code dp} is null (no expert parallelism).
     *
     * @throws InvalidParameterException naming {@code tp} or {@code pp} when they do not divide gpus
     */
    public static ParallelLayout of(int gpus, Integer dp, int tp, int pp, int gpusPerNode, double nvlinkGbPerS,
            double nvlinkLatencyUs, double interNodeGbitPerS, double interNodeLatencyUs) {
        return of(gpus, dp, tp, pp, 1, gpusPerNode, nvlinkGbPerS, nvlinkLatencyUs, interNodeGbitPerS, interNodeLatencyUs);
    }

    /**
     * The layout with dp = gpus / (tp·pp·ep) when {@code dp} is null.
     *
     * @throws InvalidParameterException naming {@code tp}, {@code pp} or {@code ep} when they do not divide gpus
     */
    public static ParallelLayout of(int gpus, Integer dp, int tp, int pp, int ep, int gpusPerNode, double nvlinkGbPerS,
            double nvlinkLatencyUs, double interNodeGbitPerS, double interNodeLatencyUs) {
        Check.inRange("gpus", gpus, 1, Network.MAX_RANKS);
        Check.atLeastOne("tp", tp);
        Check.atLeastOne("pp", pp);
        Check.atLeastOne("ep", ep);
        Check.divides("tp", tp, "gpus", gpus);
        Check.divides("pp", pp, "gpus / tp", gpus / tp);
        Check.divides("ep", ep, "gpus / (tp x pp)", gpus / (tp * pp));
        int d = dp != null ? dp : gpus / (tp * pp * ep);
        return new ParallelLayout(gpus, d, tp, pp, ep, gpusPerNode, nvlinkGbPerS, nvlinkLatencyUs, interNodeGbitPerS,
                interNodeLatencyUs);
    }

    /** The same layout on another number of GPUs (dp scaled; tp, pp and ep kept). */
    public ParallelLayout withGpus(int newGpus) {
        return of(newGpus, null, tp, pp, ep, gpusPerNode, nvlinkGbPerS, nvlinkLatencyUs, interNodeGbitPerS, interNodeLatencyUs);
    }

    /** GPUs over which the dense weights (everything but the routed experts) are replicated: ep × dp. */
    public int denseDp() {
        return ep * dp;
    }

    /**
     * EP ranks that share a node: ep when tp × ep fits in a node (the EP group's all-to-all stays on
     * NVLink), else the node's gpus_per_node / tp.
     */
    public int epRanksPerNode() {
        return Math.max(1, Math.min(ep, gpusPerNode / tp));
    }

    /**
     * NVLink bandwidth NCCL's collectives reach over the node's links, GB/s: the line rate less
     * NCCL's protocol overhead, about 20 % ("450GB/s is the line rate. With the protocol overhead
     * (~20%) NCCL can get an effective NVLink bandwidth of 370GB/s", NVIDIA's NCCL maintainer on an
     * 8 × H100 node): nvlink_gb_per_s × 370/450. The same share on Ampere gives 246.7 GB/s of an
     * A100's 300, within the 230-250 GB/s all-reduce busbw vendors check 8 × A100 nodes against.
     * The step model's collectives and pipeline sends on NVLink run at this rate.
     * Source: NVIDIA/nccl-tests#212 "H100 all reduce performance is poor" (sjeaugey, 2024-05-06)
     */
    public double ncclNvlinkGbPerS() {
        return nvlinkGbPerS * NCCL_NVLINK_EFFICIENCY;
    }

    /** Nodes in the job. */
    public int nodes() {
        return Math.max(1, gpus / gpusPerNode);
    }
}
