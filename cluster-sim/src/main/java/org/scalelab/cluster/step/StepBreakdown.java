package org.scalelab.cluster.step;

/**
 * Where one training step's time goes on the critical path (seconds, per step). The parts sum to
 * the step time. Only {@code productiveCompute} does the model's FLOPs; recomputation, memory-bound
 * kernels, exposed communication and the pipeline bubble are overheads.
 *
 * @param productiveCompute     matrix multiplies and attention kernels of the forward and backward
 *                              passes (the model FLOPs, at the rate their shapes allow)
 * @param recompute             the forward work repeated by activation recomputation
 * @param memoryBound           element-wise kernels, norms, the loss over the vocabulary, weight
 *                              casts and the optimizer update: bytes moved / HBM bandwidth
 * @param exposedCommunication  tensor-parallel all-reduces, pipeline sends and the data-parallel
 *                              gradient reductions and parameter all-gathers not hidden behind compute
 * @param allToAll              the expert-parallel token dispatch and combine not hidden behind
 *                              compute (0 for dense models and for ep = 1)
 * @param pipelineBubble        pipeline fill and drain: (p − 1)/(v·m) of the per-stage time
 */
public record StepBreakdown(double productiveCompute, double recompute, double memoryBound, double exposedCommunication,
        double allToAll, double pipelineBubble) {

    /** A breakdown without all-to-all (a dense model). */
    public StepBreakdown(double productiveCompute, double recompute, double memoryBound, double exposedCommunication,
            double pipelineBubble) {
        this(productiveCompute, recompute, memoryBound, exposedCommunication, 0, pipelineBubble);
    }

    /** The step time: the sum of the parts (s). */
    public double total() {
        return productiveCompute + recompute + memoryBound + exposedCommunication + allToAll + pipelineBubble;
    }
}
