package org.scalelab.cluster.params;

import java.util.Arrays;
import org.scalelab.cluster.collective.CollectiveAlgorithm;
import org.scalelab.cluster.collective.CollectiveOp;
import org.scalelab.cluster.collective.Network;
import org.scalelab.cluster.collective.Schedules;
import org.scalelab.cluster.step.ParallelLayout;
import org.scalelab.common.Check;
import org.scalelab.common.GpuSpec;
import org.scalelab.common.InvalidParameterException;

/**
 * The {@code collective:} block of a {@code kind: cluster} file: one collective on its own network,
 * the question {@code cluster collective} answers. Each key is that command's option in snake_case
 * with its default and its rules ({@code nvlink_gb_per_s} is the option {@code --nvlink-gb-per-s},
 * also spelt {@code --bandwidth-gb-per-s}; the inter-node link is given in Gbit/s only, as
 * everywhere in the cluster keys). The command builds this record from its options, so a file and
 * the command compute the same numbers.
 *
 * @param op                 all-reduce, all-gather, reduce-scatter, broadcast or all-to-all (required)
 * @param algorithm          ring, tree, binomial-tree, halving-doubling, hierarchical or pairwise
 *                           (default: the op's, {@link CollectiveOp#defaultAlgorithm()})
 * @param ranks              ranks (GPUs), 2 to {@value Network#MAX_RANKS} (required); the link-level
 *                           simulation runs only up to {@value Schedules#MAX_SIMULATED_RANKS} ({@link #simulated()})
 * @param bytes              message size as nccl-tests counts it, bytes (required)
 * @param latencyUs          intra-node latency per message α, µs (default
 *                           {@value ParallelLayout#DEFAULT_NVLINK_LATENCY_US}, the step model's NVLink latency)
 * @param gpu                GPU preset whose links are the defaults of the two bandwidths, the table
 *                           {@code cluster step} takes its defaults from ({@link GpuSpec#nvlinkGbPerS()},
 *                           {@link GpuSpec#interNodeGbitPerS()}); default none
 * @param nvlinkGbPerS       intra-node bandwidth per GPU, GB/s (default: the gpu's; required without a gpu)
 * @param interNodeLatencyUs inter-node latency per message, µs (default
 *                           {@value ParallelLayout#DEFAULT_INTER_NODE_LATENCY_US}, the step model's inter-node latency)
 * @param interNodeGbitPerS  inter-node bandwidth per NIC, Gbit/s (default: the gpu's NIC; without a gpu, the
 *                           intra-node bandwidth)
 * @param gpusPerNode        GPUs per node (default: all ranks in one node)
 * @param nicsPerNode        NICs per node shared by its GPUs (default: one per GPU)
 * @param podGpus            GPUs per pod, 0 = no pods (default 0)
 * @param oversubscription   pod uplink oversubscription ≥ 1 (default 1)
 * @param slowRank           a rank whose NVLink port and NIC run slower (simulation only; default none)
 * @param slowFactor         the slow rank's bandwidth multiplier, in (0, 1] (default 0.25)
 */
public record Collective(String op, String algorithm, Integer ranks, Double bytes, Double latencyUs, String gpu, Double nvlinkGbPerS,
        Double interNodeLatencyUs, Double interNodeGbitPerS, Integer gpusPerNode, Integer nicsPerNode, Integer podGpus,
        Double oversubscription, Integer slowRank, Double slowFactor) {

    /** The slow rank's bandwidth multiplier unless given. */
    public static final double DEFAULT_SLOW_FACTOR = 0.25;

    public Collective {
        CollectiveOp o = CollectiveOp.byName("op", Check.present("op", op));
        CollectiveAlgorithm a = algorithm == null ? o.defaultAlgorithm() : CollectiveAlgorithm.byName("algorithm", algorithm);
        if (Check.present("ranks", ranks) < 2) {
            // One rank has nothing to exchange: no time, and no bus bandwidth to report.
            throw new InvalidParameterException("ranks", "must be >= 2 (one rank has nothing to exchange)", ranks);
        }
        Check.inRange("ranks", ranks, 2, Network.MAX_RANKS);
        Check.inHalfOpen("bytes", Check.present("bytes", bytes), 0, Schedules.MAX_BYTES);
        Check.integral("bytes", bytes); // a buffer holds whole bytes (nccl-tests sizes are counts)
        latencyUs = latencyUs == null ? ParallelLayout.DEFAULT_NVLINK_LATENCY_US : latencyUs;
        // The network's bounds, checked under this block's names (the network record names its own
        // fields, in GB/s where the inter-node key is in Gbit/s).
        double maxGb = Network.MAX_BANDWIDTH_GB_PER_S;
        Check.inRange("latency_us", latencyUs, 0, Network.MAX_LATENCY_US);
        if (gpu != null) {
            // the links of the GPU's DGX, as cluster step takes them; a given bandwidth overrides its own
            GpuSpec preset = GpuSpec.byName(gpu);
            nvlinkGbPerS = nvlinkGbPerS == null ? preset.nvlinkGbPerS() : nvlinkGbPerS;
            interNodeGbitPerS = interNodeGbitPerS == null ? preset.interNodeGbitPerS() : interNodeGbitPerS;
        }
        if (nvlinkGbPerS == null) {
            throw new InvalidParameterException("nvlink_gb_per_s", "is required unless gpu is given (the intra-node"
                    + " bandwidth per GPU, GB/s)", "missing");
        }
        Check.inHalfOpen("nvlink_gb_per_s", nvlinkGbPerS, 0, maxGb);
        interNodeLatencyUs = interNodeLatencyUs == null ? ParallelLayout.DEFAULT_INTER_NODE_LATENCY_US : interNodeLatencyUs;
        Check.inRange("inter_node_latency_us", interNodeLatencyUs, 0, Network.MAX_LATENCY_US);
        if (interNodeGbitPerS != null) {
            Check.inHalfOpen("inter_node_gbit_per_s", interNodeGbitPerS, 0, 8 * maxGb);
        }
        if (gpusPerNode != null) {
            Check.atLeastOne("gpus_per_node", gpusPerNode);
        }
        podGpus = podGpus == null ? 0 : podGpus;
        oversubscription = oversubscription == null ? 1.0 : oversubscription;
        slowFactor = slowFactor == null ? DEFAULT_SLOW_FACTOR : slowFactor;
        if (slowRank != null) {
            Check.inRange("slow_rank", slowRank, 0, ranks - 1L);
            if (ranks > Schedules.MAX_SIMULATED_RANKS) {
                throw new InvalidParameterException("slow_rank", "needs the link-level simulation, which plays at most "
                        + Schedules.MAX_SIMULATED_RANKS + " ranks (ranks is " + ranks + ")", slowRank);
            }
            Check.inHalfOpen("slow_factor", slowFactor, 0, 1);
        }
        Schedules.checkApplicable(o, a, network(ranks, latencyUs, nvlinkGbPerS, interNodeLatencyUs, interNodeGbitPerS,
                gpusPerNode, nicsPerNode, podGpus, oversubscription));
    }

    /**
     * Whether the link-level simulator plays this collective: up to
     * {@value Schedules#MAX_SIMULATED_RANKS} ranks (it plays every transfer; above that only the
     * closed form is computed).
     */
    public boolean simulated() {
        return ranks <= Schedules.MAX_SIMULATED_RANKS;
    }

    /** The collective. */
    public CollectiveOp collectiveOp() {
        return CollectiveOp.byName("op", op);
    }

    /** The algorithm: the given one, else the op's default. */
    public CollectiveAlgorithm collectiveAlgorithm() {
        return algorithm == null ? collectiveOp().defaultAlgorithm() : CollectiveAlgorithm.byName("algorithm", algorithm);
    }

    /** The network the collective runs on, with the defaults above filled in. */
    public Network network() {
        return network(ranks, latencyUs, nvlinkGbPerS, interNodeLatencyUs, interNodeGbitPerS, gpusPerNode, nicsPerNode,
                podGpus, oversubscription);
    }

    /**
     * Each rank's bandwidth multiplier for the link-level simulation: 1, and {@code slow_factor} for
     * the slow rank; null without one.
     */
    public double[] rankBandwidthFactors() {
        if (slowRank == null) {
            return null;
        }
        double[] f = new double[ranks];
        Arrays.fill(f, 1.0);
        f[slowRank] = slowFactor;
        return f;
    }

    private static Network network(int ranks, double latencyUs, double nvlinkGbPerS, double interNodeLatencyUs,
            Double interNodeGbitPerS, Integer gpusPerNode, Integer nicsPerNode, int podGpus, double oversubscription) {
        int g = gpusPerNode == null ? ranks : gpusPerNode;
        return new Network(ranks, g, latencyUs, nvlinkGbPerS, interNodeLatencyUs,
                interNodeGbitPerS == null ? nvlinkGbPerS : interNodeGbitPerS / 8, nicsPerNode == null ? g : nicsPerNode, podGpus,
                oversubscription);
    }
}
