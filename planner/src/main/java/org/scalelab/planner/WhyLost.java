package org.scalelab.planner;

import java.util.Locale;
import org.scalelab.cluster.step.StepBreakdown;

/**
 * Why a runner-up lost to the chosen layout: the part of the step-time breakdown (per trained
 * token, since the rounded batch may differ) whose growth costs it the most training time.
 * The parts are those of the step model: matrix multiplies (more of them with recomputation, or
 * fewer GPUs doing them when some are idle), memory-bound work, exposed communication (TP, DP and
 * ZeRO gathers) and the pipeline bubble.
 */
final class WhyLost {
    private WhyLost() {}

    /** Relative difference in training time below which two layouts tie. */
    static final double TIE = 5e-4;

    static String reason(Candidate loser, Candidate best) {
        return reason(loser, best, Integer.MAX_VALUE);
    }

    /** As {@link #reason(Candidate, Candidate)}, naming an EP group that leaves a node of {@code gpusPerNode}. */
    static String reason(Candidate loser, Candidate best, int gpusPerNode) {
        if (loser.computeSeconds() <= best.computeSeconds() * (1 + TIE)) {
            return "tie: within 0.05 % of the chosen layout's training time; the search keeps the first it finds "
                    + "(smaller TP, PP, ZeRO stage and micro-batch, less recomputation)";
        }
        double[] l = perRun(loser);
        double[] b = perRun(best);
        String[] names = {"compute", "memory-bound work", "communication", "bubble", "all-to-all"};
        int worst = 0;
        double worstDelta = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < l.length; i++) {
            if (l[i] - b[i] > worstDelta) {
                worstDelta = l[i] - b[i];
                worst = i;
            }
        }
        String name = names[worst];
        Layout ll = loser.layout();
        Layout bl = best.layout();
        String detail;
        if (worst == 0 && loser.step().hardwareFlopsPerStep() / loser.step().tokensPerStep()
                > 1.0001 * best.step().hardwareFlopsPerStep() / best.step().tokensPerStep()) {
            name = "recomputation";
            detail = "recompute=" + ll.recompute();
        } else if (worst == 0 && ll.usedGpus() < bl.usedGpus()) {
            name = "idle GPUs";
            detail = ll.idleGpus() + " idle";
        } else if (worst == 3) {
            detail = String.format(Locale.ROOT, "%.1f %% of the step vs %.1f %%",
                    100 * loser.step().breakdown().pipelineBubble() / loser.step().stepSeconds(),
                    100 * best.step().breakdown().pipelineBubble() / best.step().stepSeconds());
        } else if (worst == 4) {
            detail = String.format(Locale.ROOT, "%.1f %% of the step exposed vs %.1f %%%s",
                    100 * loser.step().breakdown().allToAll() / loser.step().stepSeconds(),
                    100 * best.step().breakdown().allToAll() / best.step().stepSeconds(), crossing(ll, bl, gpusPerNode));
        } else if (worst == 2) {
            detail = String.format(Locale.ROOT, "%.1f %% of the step exposed vs %.1f %%",
                    100 * loser.step().breakdown().exposedCommunication() / loser.step().stepSeconds(),
                    100 * best.step().breakdown().exposedCommunication() / best.step().stepSeconds());
        } else {
            detail = String.format(Locale.ROOT, "%.2f s vs %.2f s per step", partSeconds(loser, worst), partSeconds(best, worst));
        }
        double slower = 100 * (loser.computeSeconds() / best.computeSeconds() - 1);
        return String.format(Locale.ROOT, "%s: %s; +%.1f %% training time", name, detail, slower);
    }

    /** Seconds of each part over the whole run: compute, memory-bound, exposed communication, bubble, all-to-all. */
    private static double[] perRun(Candidate c) {
        StepBreakdown b = c.step().breakdown();
        double k = c.steps();
        return new double[] {(b.productiveCompute() + b.recompute()) * k, b.memoryBound() * k, b.exposedCommunication() * k,
            b.pipelineBubble() * k, b.allToAll() * k};
    }

    /** Whether the loser's expert-parallel group leaves the node where the winner's stays inside one. */
    private static String crossing(Layout loser, Layout best, int node) {
        boolean loserCrosses = loser.tp() * loser.expertParallel() > node;
        boolean bestCrosses = best.tp() * best.expertParallel() > node;
        return loserCrosses && !bestCrosses ? "; its EP group crosses the node boundary (inter-node all-to-all)" : "";
    }

    private static double partSeconds(Candidate c, int part) {
        StepBreakdown b = c.step().breakdown();
        return part == 0 ? b.productiveCompute() + b.recompute() : b.memoryBound();
    }
}
