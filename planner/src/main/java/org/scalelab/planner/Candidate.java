package org.scalelab.planner;

import org.scalelab.cluster.step.StepResult;
import org.scalelab.memory.MemoryBreakdown;

/**
 * A scored layout.
 *
 * @param layout           the layout
 * @param memory           the memory model's breakdown on the most loaded GPU
 * @param neededBytes      the GPU memory that GPU needs, bytes: the breakdown's total or, with a recipe,
 *                         the step's peak plus the reserve when larger (as {@code scalelab memory} tests it)
 * @param step             the step model's result (MFU is its output)
 * @param steps            optimizer steps to train the tokens, ⌈D / batch tokens⌉
 * @param computeSeconds   failure-free training time, steps × step seconds
 * @param fits             whether the memory model says it fits the GPU
 * @param whyLost          why it lost to the chosen layout (null for the chosen one)
 */
public record Candidate(Layout layout, MemoryBreakdown memory, double neededBytes, StepResult step, long steps, double computeSeconds,
        boolean fits, String whyLost) {

    /** The same candidate with a reason for losing. */
    Candidate losing(String reason) {
        return new Candidate(layout, memory, neededBytes, step, steps, computeSeconds, fits, reason);
    }
}
