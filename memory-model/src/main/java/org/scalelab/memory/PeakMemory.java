package org.scalelab.memory;

import java.util.List;

/**
 * The predicted peak of a training step as {@code torch.cuda.max_memory_allocated} would report it
 * (allocated tensors only: no allocator slack, no CUDA context), where in the step it occurs, and
 * what is live there.
 *
 * @param peakAllocatedBytes the largest of the three phases, bytes
 * @param peakPhase          the phase at which it occurs (the earliest on a tie)
 * @param live               what is live at the peak, bytes each; they sum to {@code peakAllocatedBytes}
 * @param forwardEndBytes    allocated at the end of the forward pass, bytes
 * @param backwardBytes      largest allocation during the backward pass, bytes
 * @param optimizerStepBytes allocated during the optimizer update, bytes
 */
public record PeakMemory(double peakAllocatedBytes, StepPhase peakPhase, List<MemoryLine> live,
                         double forwardEndBytes, double backwardBytes, double optimizerStepBytes) {

    /** Copies the live lines. */
    public PeakMemory {
        live = List.copyOf(live);
    }
}
