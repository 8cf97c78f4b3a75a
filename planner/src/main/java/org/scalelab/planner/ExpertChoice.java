package org.scalelab.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why the plan of a mixture-of-experts model chose its expert-parallel degree: one line per EP the
 * search tried, from the fastest layout of that EP ({@link LayoutSearch.EpBest}). The chosen EP
 * comes first with the experts each GPU holds; every other EP says how it lost: by the part of the
 * step that cost it the most training time ({@link WhyLost}: the all-to-all is part of the exposed
 * communication), or that no layout of it fits, with the least memory any of its layouts needs.
 */
final class ExpertChoice {
    private ExpertChoice() {}

    /** The lines, chosen EP first, then the others in ascending EP; empty for a dense model. */
    static List<String> explain(LayoutSearch.Result search, int experts, long gpuMemoryBytes, int gpusPerNode) {
        List<String> out = new ArrayList<>();
        Candidate best = search.best();
        Integer chosen = best.layout().ep();
        if (chosen == null) {
            return out;
        }
        out.add(String.format(Locale.ROOT, "EP %d: %s per GPU in each MoE block; the fastest layout that fits (%s)",
                chosen, perGpu(experts, chosen), best.layout().label()));
        for (LayoutSearch.EpBest e : search.byEp()) {
            if (e.ep() == chosen) {
                continue;
            }
            String head = String.format(Locale.ROOT, "EP %d (%s per GPU): ", e.ep(), perGpu(experts, e.ep()));
            if (e.fastest() != null) {
                out.add(head + WhyLost.reason(e.fastest(), best, gpusPerNode) + " with its fastest layout " + e.fastest().layout().label());
            } else if (e.leastLayout() != null) {
                out.add(head + String.format(Locale.ROOT, "did not fit: its least memory is %.1f GB per GPU (%.1f GB "
                        + "available) with %s", e.leastBytes() / 1e9, gpuMemoryBytes / 1e9, e.leastLayout().label()));
            } else {
                out.add(head + "needs more GPUs than the plan has");
            }
        }
        return out;
    }

    private static String perGpu(int experts, int ep) {
        int n = experts / ep;
        return n + (n == 1 ? " routed expert" : " routed experts");
    }
}
