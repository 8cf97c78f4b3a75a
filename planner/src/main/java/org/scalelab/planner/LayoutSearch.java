package org.scalelab.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.memory.MemoryBreakdown;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.TransformerShape;

/**
 * Step 2 of a plan: every layout of {@link LayoutSpace} is first checked by the memory model; only
 * those that fit are scored by the step model, by their failure-free training time (steps × step
 * time, which ranks layouts by step time per token since the rounded batch may differ between
 * them). The micro-batch loop stops at the first size that does not fit, since activations only
 * grow with it (Korthikanti et al. 2022, Eq. 1-6). The best layout is kept with ten runners-up, the
 * fastest of each (TP, PP, recompute) family, each with why it lost, and before them any
 * faster neighbour of the best that the memory model rejects.
 */
public final class LayoutSearch {
    /** Runners-up kept beside the chosen layout. */
    public static final int ALTERNATIVES = 10;

    /**
     * The outcome of a search.
     *
     * @param best          the fastest layout that fits
     * @param alternatives  up to ten runners-up with why each lost
     * @param enumerated    layouts checked by the memory model
     * @param fitting       layouts that fit (scored by the step model)
     */
    public record Result(Candidate best, List<Candidate> alternatives, long enumerated, long fitting) {
        public Result {
            alternatives = List.copyOf(alternatives);
        }
    }

    private LayoutSearch() {}

    /**
     * The best layout of {@code allocation} on {@code gpus} GPUs.
     *
     * @throws InvalidParameterException ({@code gpus}) when no layout fits, naming the layout with the
     *         least memory per GPU and the fewest GPUs on which one would fit
     */
    public static Result search(PlanSpec spec, Allocation allocation, int gpus) {
        TransformerShape shape = allocation.shape();
        LayoutPins pins = spec.pins();
        List<int[]> pairs = new ArrayList<>();
        for (int tp : LayoutSpace.tensorDegrees(shape, spec.gpusPerNode(), pins)) {
            for (int pp : LayoutSpace.pipelineDegrees(shape, pins)) {
                pairs.add(new int[] {tp, pp});
            }
        }
        // Each (TP, PP) pair is searched on its own (in parallel); merging in the pairs' order keeps
        // the answer the same as a sequential search, whatever the number of threads.
        List<PairResult> results = pairs.parallelStream()
                .map(pair -> searchPair(spec, allocation, gpus, pair[0], pair[1])).toList();
        Map<String, Candidate> bestPerFamily = new LinkedHashMap<>();
        Candidate best = null;
        long enumerated = 0;
        long fitting = 0;
        for (PairResult r : results) {
            enumerated += r.enumerated;
            fitting += r.fitting;
            if (r.best != null && (best == null || r.best.computeSeconds() < best.computeSeconds())) {
                best = r.best;
            }
            bestPerFamily.putAll(r.bestPerFamily);
        }
        LayoutScorer scorer = new LayoutScorer(spec, allocation);
        if (best == null) {
            throw Infeasible.noLayout(spec, allocation, gpus, scorer);
        }
        return new Result(best, alternatives(best, bestPerFamily, scorer, pins), enumerated, fitting);
    }

    /** What one (TP, PP) pair contributes: its fastest layout, the fastest of each family, and counts. */
    private record PairResult(Candidate best, Map<String, Candidate> bestPerFamily, long enumerated, long fitting) { }

    private static PairResult searchPair(PlanSpec spec, Allocation allocation, int gpus, int tp, int pp) {
        Map<String, Candidate> bestPerFamily = new LinkedHashMap<>();
        int dp = LayoutSpace.dataParallel(gpus, tp, pp, spec.gpusPerNode());
        if (dp < 1) {
            return new PairResult(null, bestPerFamily, 0, 0);
        }
        LayoutScorer scorer = new LayoutScorer(spec, allocation);
        LayoutPins pins = spec.pins();
        int layers = allocation.shape().layers();
        Candidate best = null;
        long enumerated = 0;
        long fitting = 0;
        int idle = gpus - dp * tp * pp;
        int perReplica = LayoutSpace.perReplicaSequences(allocation.batchSequencesTarget(), dp);
        for (int zero : LayoutSpace.zeroStages(pins, spec.recipe())) {
            for (Recompute rc : LayoutSpace.recomputes(pins)) {
                for (int mb : LayoutSpace.microBatches(perReplica, pins)) {
                    int accum = perReplica / mb;
                    boolean anyFit = false;
                    for (int v : LayoutSpace.virtualStages(layers, pp, accum, pins)) {
                        Layout l = new Layout(dp, tp, pp, zero, mb, rc, v, idle, accum);
                        MemoryBreakdown m = scorer.memory(l);
                        enumerated++;
                        if (!scorer.fits(m)) {
                            continue;
                        }
                        anyFit = true;
                        fitting++;
                        Candidate c = scorer.candidate(l, m);
                        if (best == null || c.computeSeconds() < best.computeSeconds()) {
                            best = c;
                        }
                        String family = tp + "/" + pp + "/" + rc;
                        Candidate held = bestPerFamily.get(family);
                        if (held == null || c.computeSeconds() < held.computeSeconds()) {
                            bestPerFamily.put(family, c);
                        }
                    }
                    if (!anyFit) {
                        break; // a larger micro-batch needs more activation memory
                    }
                }
            }
        }
        return new PairResult(best, bestPerFamily, enumerated, fitting);
    }

    private static List<Candidate> alternatives(Candidate best, Map<String, Candidate> bestPerFamily, LayoutScorer scorer,
            LayoutPins pins) {
        List<Candidate> out = new ArrayList<>();
        for (Layout l : fasterNeighbours(best.layout())) {
            if (!LayoutPins.allows(pins.zero(), l.zero()) || !LayoutPins.allows(pins.microBatch(), l.microBatch())
                    || (pins.recompute() != null && pins.recompute() != l.policy())) {
                continue;
            }
            MemoryBreakdown m = scorer.memory(l);
            if (!scorer.fits(m)) {
                Candidate c = scorer.candidate(l, m);
                if (c.computeSeconds() < best.computeSeconds()) {
                    out.add(c.losing(String.format(Locale.ROOT, "memory: needs %.1f GB per GPU, %.1f GB available",
                            m.totalBytes() / 1e9, scorer.available() / 1e9)));
                }
            }
        }
        bestPerFamily.values().stream().filter(c -> c != best)
                .sorted(Comparator.comparingDouble(Candidate::computeSeconds))
                .limit(ALTERNATIVES - out.size())
                .forEach(c -> out.add(c.losing(WhyLost.reason(c, best))));
        return out;
    }

    /** The best layout with less recomputation, a lower ZeRO stage or twice the micro-batch. */
    private static List<Layout> fasterNeighbours(Layout b) {
        List<Layout> out = new ArrayList<>();
        if (b.policy() != Recompute.NONE) {
            out.add(new Layout(b.dp(), b.tp(), b.pp(), b.zero(), b.microBatch(), Recompute.values()[b.policy().ordinal() - 1],
                    b.virtualStages(), b.idleGpus(), b.gradAccum()));
        }
        if (b.gradAccum() % 2 == 0 && (b.virtualStages() == 1 || (b.gradAccum() / 2) % b.pp() == 0)) {
            out.add(new Layout(b.dp(), b.tp(), b.pp(), b.zero(), 2 * b.microBatch(), b.policy(), b.virtualStages(),
                    b.idleGpus(), b.gradAccum() / 2));
        }
        if (b.zero() == 3) {
            out.add(new Layout(b.dp(), b.tp(), b.pp(), 2, b.microBatch(), b.policy(), b.virtualStages(), b.idleGpus(),
                    b.gradAccum()));
        }
        return out;
    }
}
