package org.scalelab.cluster.step;

/**
 * Where one training step's time goes on the critical path (seconds, per step).
 *
 * @param matmul          matrix multiplies: hardware FLOPs / (peak × matmul efficiency)
 * @param memoryBound     element-wise work, norms, the loss over the vocabulary and the optimizer
 *                        update: bytes moved / HBM bandwidth
 * @param tpComm          tensor-parallel all-reduces inside the node (not overlapped)
 * @param ppBubble        pipeline bubble (p − 1)/m of the per-stage time
 * @param dpCommExposed   data-parallel gradient reduction not hidden behind the backward pass
 * @param zeroGather      ZeRO-3 parameter all-gathers not hidden behind compute
 */
public record StepBreakdown(double matmul, double memoryBound, double tpComm, double ppBubble, double dpCommExposed,
        double zeroGather) {

    /** The step time: the sum of the parts (s). */
    public double total() {
        return matmul + memoryBound + tpComm + ppBubble + dpCommExposed + zeroGather;
    }

    /** Exposed communication (TP + DP + ZeRO gathers), seconds. */
    public double exposedCommunication() {
        return tpComm + dpCommExposed + zeroGather;
    }
}
