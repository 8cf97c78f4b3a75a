package org.scalelab.memory;

import org.scalelab.common.Check;

/**
 * CPU memory of one node, shared by its GPUs, which bounds what offload can move there.
 *
 * @param bytesPerNode host memory of one node, bytes
 * @param gpusPerNode  GPUs sharing it
 */
public record HostMemory(double bytesPerNode, long gpusPerNode) {
    /** Default host memory per node, 2,000 GB: NVIDIA DGX H100 data sheet, "System memory: 2TB". */
    public static final double DGX_H100_BYTES = 2000e9;

    /** Validates both fields; messages name the parameter-file keys. */
    public HostMemory {
        Check.positive("cpu_memory_gb", bytesPerNode);
        Check.atLeastOne("gpus_per_node", gpusPerNode);
    }

    /** A DGX H100: 2 TB of system memory for 8 GPUs (NVIDIA DGX H100 data sheet). */
    public static HostMemory dgxH100() {
        return new HostMemory(DGX_H100_BYTES, 8);
    }

    /** Host memory available to one GPU's offloaded states, bytes. */
    public double bytesPerGpu() {
        return bytesPerNode / gpusPerNode;
    }
}
