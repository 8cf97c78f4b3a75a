package org.scalelab.cluster.sim;

import org.scalelab.cluster.step.StepBreakdown;
import org.scalelab.common.Check;

/**
 * How a training step's time splits, as fractions that sum to 1: productive compute (the model's
 * FLOPs), recomputation, memory-bound kernels, exposed communication and the pipeline bubble. The
 * simulator books the steps' time by these shares, so the bubble and the rest never count as
 * productive.
 *
 * @param compute              productive compute
 * @param recompute            the forward repeated by activation recomputation
 * @param memoryBound          element-wise kernels, the loss and the optimizer update
 * @param exposedCommunication communication not hidden behind compute
 * @param allToAll             the expert-parallel all-to-all not hidden behind compute
 * @param pipelineBubble       pipeline fill and drain
 */
public record StepShares(double compute, double recompute, double memoryBound, double exposedCommunication,
        double allToAll, double pipelineBubble) {

    public StepShares {
        Check.inRange("compute_share", compute, 0, 1);
        Check.inRange("recompute_share", recompute, 0, 1);
        Check.inRange("memory_bound_share", memoryBound, 0, 1);
        Check.inRange("exposed_comm_fraction", exposedCommunication, 0, 1);
        Check.inRange("all_to_all_share", allToAll, 0, 1);
        Check.inRange("pipeline_bubble_share", pipelineBubble, 0, 1);
        double sum = compute + recompute + memoryBound + exposedCommunication + allToAll + pipelineBubble;
        Check.inRange("step_shares_sum", sum, 1 - 1e-9, 1 + 1e-9);
    }

    /** Shares without all-to-all (a dense model). */
    public StepShares(double compute, double recompute, double memoryBound, double exposedCommunication,
            double pipelineBubble) {
        this(compute, recompute, memoryBound, exposedCommunication, 0, pipelineBubble);
    }

    /** A step that is all compute (the abstract job of Daly's model). */
    public static StepShares allCompute() {
        return new StepShares(1, 0, 0, 0, 0);
    }

    /** A step whose only overhead is exposed communication, a fraction in [0, 1]. */
    public static StepShares withExposedCommunication(double fraction) {
        Check.inRange("exposed_comm_fraction", fraction, 0, 1);
        return new StepShares(1 - fraction, 0, 0, fraction, 0);
    }

    /** The shares of a modelled step. */
    public static StepShares of(StepBreakdown b) {
        double t = b.total();
        return new StepShares(b.productiveCompute() / t, b.recompute() / t, b.memoryBound() / t,
                b.exposedCommunication() / t, b.allToAll() / t, b.pipelineBubble() / t);
    }
}
