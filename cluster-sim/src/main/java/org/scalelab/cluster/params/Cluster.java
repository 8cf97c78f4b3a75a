package org.scalelab.cluster.params;

import org.scalelab.cluster.step.ParallelLayout;
import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;

/**
 * The {@code cluster:} block of a {@code kind: cluster} file: GPUs, layout and links;
 * {@code peak_tflop_per_s} (dense BF16 peak, TFLOP/s) makes a custom GPU from the preset;
 * {@code hbm_gb_per_s} is the HBM bandwidth the memory-bound kernels reach, GB/s (default: the GPU's
 * measured one, {@link org.scalelab.cluster.step.HbmBandwidth#measured}); {@code ep} is the
 * expert-parallel degree (default 1; GPUs = tp × pp × ep × dp) and {@code dp} the data-parallel degree (default gpus / (tp × pp × ep)). {@code peak_tflops} is the older
 * name of {@code peak_tflop_per_s}, still read: the record moves it there, so {@link #peakTflops()} is
 * always null after construction.
 *
 * @throws InvalidParameterException when both {@code peak_tflop_per_s} and {@code peak_tflops} are
 *     given, or a value breaks its rule
 */
public record Cluster(String gpu, Integer gpus, Integer gpusPerNode, Integer tp, Integer pp, Double nvlinkGbPerS,
        Double nvlinkLatencyUs, Double interNodeGbitPerS, Double interNodeLatencyUs, Double peakTflopPerS, Double hbmGbPerS, Integer podGpus,
        Double oversubscription, Integer ep, Integer dp, Double peakTflops) {
    public Cluster {
        if (peakTflops != null) {
            if (peakTflopPerS != null) {
                throw new InvalidParameterException("peak_tflops", "give peak_tflop_per_s or its older name peak_tflops,"
                        + " not both", peakTflops);
            }
            peakTflopPerS = peakTflops;
            peakTflops = null;
        }
        if (dp != null) {
            Check.atLeastOne("dp", dp);
        }
        gpu = gpu == null ? "h100-sxm" : gpu;
        Check.inRange("gpus", Check.present("gpus", gpus), 1, org.scalelab.cluster.collective.Network.MAX_RANKS);
        gpusPerNode = gpusPerNode == null ? Math.min(ParallelLayout.DEFAULT_GPUS_PER_NODE, gpus) : gpusPerNode;
        Check.inRange("gpus_per_node", gpusPerNode, 1, gpus);
        tp = tp == null ? 1 : tp;
        Check.atLeastOne("tp", tp);
        Check.divides("tp", tp, "gpus_per_node", gpusPerNode);
        pp = pp == null ? 1 : pp;
        ep = ep == null ? 1 : ep;
        Check.atLeastOne("ep", ep);
        // The network's bounds, as cluster step checks its options (Gbit/s for the inter-node link).
        double maxGb = org.scalelab.cluster.collective.Network.MAX_BANDWIDTH_GB_PER_S;
        double maxUs = org.scalelab.cluster.collective.Network.MAX_LATENCY_US;
        // The links default to the GPU preset's (A100 300 GB/s and 200 Gbit/s, H100 450 and 400, ...).
        org.scalelab.common.GpuSpec preset = org.scalelab.common.GpuSpec.byName(gpu);
        nvlinkGbPerS = nvlinkGbPerS == null ? preset.nvlinkGbPerS() : nvlinkGbPerS;
        Check.inHalfOpen("nvlink_gb_per_s", nvlinkGbPerS, 0, maxGb);
        nvlinkLatencyUs = nvlinkLatencyUs == null ? ParallelLayout.DEFAULT_NVLINK_LATENCY_US : nvlinkLatencyUs;
        Check.inRange("nvlink_latency_us", nvlinkLatencyUs, 0, maxUs);
        interNodeGbitPerS = interNodeGbitPerS == null ? preset.interNodeGbitPerS() : interNodeGbitPerS;
        Check.inHalfOpen("inter_node_gbit_per_s", interNodeGbitPerS, 0, 8 * maxGb);
        interNodeLatencyUs = interNodeLatencyUs == null ? ParallelLayout.DEFAULT_INTER_NODE_LATENCY_US : interNodeLatencyUs;
        Check.inRange("inter_node_latency_us", interNodeLatencyUs, 0, maxUs);
        podGpus = podGpus == null ? 0 : podGpus;
        Check.atLeast("pod_gpus", podGpus, 0);
        oversubscription = oversubscription == null ? 1.0 : oversubscription;
        Check.inRange("oversubscription", oversubscription, 1.0, 1e6);
        if (peakTflopPerS != null) {
            Check.inHalfOpen("peak_tflop_per_s", peakTflopPerS, 0, 1e6); // an exaFLOP/s per GPU
        }
        if (hbmGbPerS != null) {
            Check.inHalfOpen("hbm_gb_per_s", hbmGbPerS, 0, 1e6); // a petabyte/s per GPU
        }
    }
}
