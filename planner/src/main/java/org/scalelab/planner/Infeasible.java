package org.scalelab.planner;

import java.util.List;
import java.util.Locale;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.memory.Recompute;

/**
 * The one-line errors of a plan that cannot be made, each naming the binding constraint and the
 * closest thing that works.
 */
final class Infeasible {
    /** The largest GPU count tried when looking for one on which the model fits. */
    static final int MAX_GPUS = 1 << 22;

    private Infeasible() {}

    /** No layout fits on {@code gpus}: the least memory any layout needs, and the fewest GPUs that would do. */
    static InvalidParameterException noLayout(PlanSpec spec, Allocation a, int gpus, LayoutScorer scorer) {
        Least least = least(spec, a, gpus, scorer);
        String head = String.format(Locale.ROOT, "%.3g params fit no layout on %d x %s", (double) a.params(), gpus,
                spec.gpu().key());
        if (least == null) {
            return new InvalidParameterException("gpus", head + ": tp x pp exceeds the GPUs for every allowed tp and pp", gpus);
        }
        String smallest = String.format(Locale.ROOT, "smallest need per GPU is %.1f GB (%.1f GB available) with %s",
                least.neededBytes / 1e9, spec.gpu().memoryBytes() / 1e9, least.layout.label());
        int need = fewestGpus(spec, a, gpus, scorer);
        String closest = need > 0 ? "need at least " + need + " GPUs"
                : "no GPU count up to " + MAX_GPUS + " helps (pinned ZeRO stage or sequence too long)";
        return new InvalidParameterException("gpus", head + ": " + smallest + "; " + closest, gpus);
    }

    /** The deadline is met by no GPU count tried: the fastest count and its wall time. */
    static InvalidParameterException deadline(double deadlineDays, int fastestGpus, double fastestDays, String tried) {
        return new InvalidParameterException("deadline_days", String.format(Locale.ROOT,
                "is met by no GPU count in %s; the fastest is %.2f days on %d GPUs", tried, fastestDays, fastestGpus),
                deadlineDays);
    }

    private record Least(Layout layout, double neededBytes) { }

    /** The layout with the least memory per GPU: highest ZeRO, most recomputation, smallest micro-batch. */
    private static Least least(PlanSpec spec, Allocation a, int gpus, LayoutScorer scorer) {
        Least best = null;
        LayoutPins pins = spec.pins();
        List<Integer> zeros = LayoutSpace.zeroStages(pins, spec.recipe());
        List<Recompute> recomputes = LayoutSpace.recomputes(pins);
        int zero = zeros.get(zeros.size() - 1);
        Recompute rc = recomputes.get(recomputes.size() - 1);
        for (int tp : LayoutSpace.tensorDegrees(a.shape(), spec.gpusPerNode(), pins)) {
            for (int pp : LayoutSpace.pipelineDegrees(a.shape(), pins)) {
                for (Integer ep : LayoutSpace.expertDegrees(a.shape(), gpus, pins)) {
                    int e = ep == null ? 1 : ep;
                    int dp = LayoutSpace.dataParallel(gpus, tp, pp, e, spec.gpusPerNode());
                    if (dp < 1) {
                        continue;
                    }
                    int perReplica = LayoutSpace.perReplicaSequences(a.batchSequencesTarget(), dp * e);
                    List<Integer> mbs = LayoutSpace.microBatches(perReplica, pins);
                    int mb = mbs.isEmpty() ? 1 : mbs.get(0);
                    int v = pins.virtualStages() != null ? pins.virtualStages() : 1;
                    Layout l = new Layout(dp, tp, pp, ep, zero, mb, rc, v, gpus - dp * tp * pp * e, perReplica / mb);
                    double needed = scorer.neededBytes(l);
                    if (best == null || needed < best.neededBytes) {
                        best = new Least(l, needed);
                    }
                }
            }
        }
        return best;
    }

    /** The fewest GPUs (whole nodes, above {@code gpus}) on which the least-memory layout fits; 0 if none up to {@link #MAX_GPUS}. */
    private static int fewestGpus(PlanSpec spec, Allocation a, int gpus, LayoutScorer scorer) {
        int node = spec.gpusPerNode();
        long lo = gpus / node;
        long hi = Math.max(1, lo * 2);
        while (hi * node <= MAX_GPUS && !fitsOn((int) (hi * node), spec, a, scorer)) {
            lo = hi;
            hi *= 2;
        }
        if (hi * node > MAX_GPUS) {
            return 0;
        }
        while (hi - lo > 1) {
            long mid = (lo + hi) / 2;
            if (fitsOn((int) (mid * node), spec, a, scorer)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return (int) (hi * node);
    }

    private static boolean fitsOn(int gpus, PlanSpec spec, Allocation a, LayoutScorer scorer) {
        Least l = least(spec, a, gpus, scorer);
        return l != null && scorer.fits(l.neededBytes);
    }
}
