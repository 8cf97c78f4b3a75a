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

    /** Where {@link #DGX_H100_BYTES} comes from, as reports cite it. */
    public static final String DGX_H100_SOURCE = "NVIDIA DGX H100 data sheet: 2 TB system memory for 8 GPUs";

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

    /**
     * What the node's host memory must hold when each of its {@link #gpusPerNode} GPUs offloads
     * {@code cpuBytesPerGpu}, bytes: every rank's offloaded states live in its own node's CPU memory, as
     * DeepSpeed's {@code estimate_zero3_model_states_mem_needs} counts them (cpu_mem per node = 18·Ψ/nodes
     * with parameters and optimizer offloaded, i.e. the node's GPUs' shares).
     */
    public double nodeBytes(double cpuBytesPerGpu) {
        return cpuBytesPerGpu * gpusPerNode;
    }

    /** Whether the node holds what each of its GPUs offloads: {@link #nodeBytes} within {@link #bytesPerNode}. */
    public boolean holds(double cpuBytesPerGpu) {
        return nodeBytes(cpuBytesPerGpu) <= bytesPerNode;
    }
}
