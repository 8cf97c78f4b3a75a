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
 * them). A layout whose global batch comes within a quarter of the target beats one that does not
 * (more replicas than the target has sequences overshoot it with one sequence each). The micro-batch loop stops at the first size that does not fit, since activations only
 * grow with it (Korthikanti et al. 2022, Eq. 1-6). The best layout is kept with ten runners-up, the
 * fastest of each (TP, PP, EP, recompute) family, each with why it lost, and before them any
 * faster neighbour of the best that the memory model rejects. For a mixture-of-experts model the
 * search also keeps the fastest layout of every EP and the least memory any layout of that EP needs,
 * from which {@link ExpertChoice} says why the chosen EP won.
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
     * @param byEp          per expert-parallel degree (ascending): its fastest layout and least memory;
     *                      empty for a dense model
     */
    public record Result(Candidate best, List<Candidate> alternatives, long enumerated, long fitting, List<EpBest> byEp) {
        public Result {
            alternatives = List.copyOf(alternatives);
            byEp = List.copyOf(byEp);
        }
    }

    /**
     * What one expert-parallel degree achieved.
     *
     * @param ep            the degree
     * @param fastest       its fastest layout that fits, or null when none fits
     * @param leastLayout   its layout with the least memory per GPU, or null when no layout has GPUs enough
     * @param leastBytes    that layout's memory per GPU, bytes (infinite when none)
     */
    public record EpBest(int ep, Candidate fastest, Layout leastLayout, double leastBytes) { }

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
        List<Integer> eps = LayoutSpace.expertDegrees(shape, gpus, pins);
        List<Integer[]> triples = new ArrayList<>();
        for (int tp : LayoutSpace.tensorDegrees(shape, spec.gpusPerNode(), pins)) {
            for (int pp : LayoutSpace.pipelineDegrees(shape, pins)) {
                for (Integer ep : eps) {
                    triples.add(new Integer[] {tp, pp, ep});
                }
            }
        }
        // Each (TP, PP, EP) triple is searched on its own (in parallel); merging in the triples' order
        // keeps the answer the same as a sequential search, whatever the number of threads.
        List<PairResult> results = triples.parallelStream()
                .map(t -> searchPair(spec, allocation, gpus, t[0], t[1], t[2])).toList();
        long target = allocation.batchSequencesTarget();
        Map<String, Candidate> bestPerFamily = new LinkedHashMap<>();
        Map<Integer, EpBest> byEp = new java.util.TreeMap<>();
        Candidate best = null;
        long enumerated = 0;
        long fitting = 0;
        for (PairResult r : results) {
            enumerated += r.enumerated;
            fitting += r.fitting;
            if (r.best != null && (best == null || preferred(r.best, best, target))) {
                best = r.best;
            }
            bestPerFamily.putAll(r.bestPerFamily);
            if (r.ep != null) {
                byEp.merge(r.ep, new EpBest(r.ep, r.best, r.leastLayout, r.leastBytes), LayoutSearch::better);
            }
        }
        LayoutScorer scorer = new LayoutScorer(spec, allocation);
        if (best == null) {
            throw Infeasible.noLayout(spec, allocation, gpus, scorer);
        }
        return new Result(best, alternatives(best, bestPerFamily, scorer, pins, spec.gpusPerNode(), target), enumerated, fitting,
                List.copyOf(byEp.values()));
    }

    /** How far a layout's global batch may stray from the target, either way, and still count as on target. */
    public static final double MAX_BATCH_RATIO = 1.25;

    /**
     * Whether {@code a} beats {@code b}: a global batch within {@link #MAX_BATCH_RATIO} of the target
     * first (the batch law's batch, or the user's, is a training decision, not the layout's), then the
     * shorter failure-free training.
     */
    static boolean preferred(Candidate a, Candidate b, long targetSequences) {
        boolean na = nearTarget(a.layout(), targetSequences);
        boolean nb = nearTarget(b.layout(), targetSequences);
        return na != nb ? na : a.computeSeconds() < b.computeSeconds();
    }

    /** Whether the layout's sequences per step lie within {@link #MAX_BATCH_RATIO} of {@code targetSequences}, either way. */
    static boolean nearTarget(Layout l, long targetSequences) {
        double ratio = (double) l.batchSequences() / targetSequences;
        return ratio <= MAX_BATCH_RATIO && ratio >= 1 / MAX_BATCH_RATIO;
    }

    /** The faster of two EP summaries, with the smaller least memory of both. */
    private static EpBest better(EpBest a, EpBest b) {
        Candidate fastest = a.fastest() == null ? b.fastest() : b.fastest() == null ? a.fastest()
                : b.fastest().computeSeconds() < a.fastest().computeSeconds() ? b.fastest() : a.fastest();
        boolean bLess = b.leastBytes() < a.leastBytes();
        return new EpBest(a.ep(), fastest, bLess ? b.leastLayout() : a.leastLayout(), bLess ? b.leastBytes() : a.leastBytes());
    }

    /**
     * What one (TP, PP, EP) triple contributes: its fastest layout, the fastest of each family, its
     * layout with the least memory, and counts.
     */
    private record PairResult(Integer ep, Candidate best, Map<String, Candidate> bestPerFamily, long enumerated,
            long fitting, Layout leastLayout, double leastBytes) { }

    private static PairResult searchPair(PlanSpec spec, Allocation allocation, int gpus, int tp, int pp, Integer ep) {
        Map<String, Candidate> bestPerFamily = new LinkedHashMap<>();
        int e = ep == null ? 1 : ep;
        int dp = LayoutSpace.dataParallel(gpus, tp, pp, e, spec.gpusPerNode());
        if (dp < 1) {
            return new PairResult(ep, null, bestPerFamily, 0, 0, null, Double.POSITIVE_INFINITY);
        }
        LayoutScorer scorer = new LayoutScorer(spec, allocation);
        LayoutPins pins = spec.pins();
        int layers = allocation.shape().layers();
        Candidate best = null;
        long enumerated = 0;
        long fitting = 0;
        int idle = gpus - dp * tp * pp * e;
        int perReplica = LayoutSpace.perReplicaSequences(allocation.batchSequencesTarget(), dp * e);
        Layout leastLayout = null;
        double leastBytes = Double.POSITIVE_INFINITY;
        for (int zero : LayoutSpace.zeroStages(pins, spec.recipe())) {
            for (Recompute rc : LayoutSpace.recomputes(pins)) {
                for (int mb : LayoutSpace.microBatches(perReplica, pins)) {
                    int accum = perReplica / mb;
                    boolean anyFit = false;
                    for (int v : LayoutSpace.virtualStages(layers, pp, accum, pins)) {
                        Layout l = new Layout(dp, tp, pp, ep, zero, mb, rc, v, idle, accum);
                        MemoryBreakdown m = scorer.memory(l);
                        double needed = scorer.neededBytes(l, m);
                        enumerated++;
                        if (needed < leastBytes) {
                            leastBytes = needed;
                            leastLayout = l;
                        }
                        if (!scorer.fits(needed)) {
                            continue;
                        }
                        anyFit = true;
                        fitting++;
                        Candidate c = scorer.candidate(l, m, needed);
                        if (best == null || c.computeSeconds() < best.computeSeconds()) {
                            best = c;
                        }
                        String family = tp + "/" + pp + "/" + (ep == null ? "" : ep + "/") + rc;
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
        return new PairResult(ep, best, bestPerFamily, enumerated, fitting, leastLayout, leastBytes);
    }

    private static List<Candidate> alternatives(Candidate best, Map<String, Candidate> bestPerFamily, LayoutScorer scorer,
            LayoutPins pins, int gpusPerNode, long target) {
        List<Candidate> out = new ArrayList<>();
        for (Layout l : fasterNeighbours(best.layout())) {
            if (!LayoutPins.allows(pins.zero(), l.zero()) || !LayoutPins.allows(pins.microBatch(), l.microBatch())
                    || (pins.recompute() != null && pins.recompute() != l.policy())) {
                continue;
            }
            MemoryBreakdown m = scorer.memory(l);
            double needed = scorer.neededBytes(l, m);
            if (!scorer.fits(needed)) {
                Candidate c = scorer.candidate(l, m, needed);
                if (c.computeSeconds() < best.computeSeconds()) {
                    out.add(c.losing(String.format(Locale.ROOT, "memory: needs %.1f GB per GPU, %.1f GB available",
                            needed / 1e9, scorer.available() / 1e9)));
                }
            }
        }
        bestPerFamily.values().stream().filter(c -> c != best)
                .sorted(Comparator.comparingDouble(Candidate::computeSeconds))
                .limit(ALTERNATIVES - out.size())
                .forEach(c -> out.add(c.losing(nearTarget(c.layout(), target) || !nearTarget(best.layout(), target)
                        ? WhyLost.reason(c, best, gpusPerNode)
                        : String.format(Locale.ROOT, "batch: %d sequences per step, %.2f x the %d asked for (whole sequences"
                                + " per data-parallel replica); the chosen layout comes within a quarter of it",
                                c.layout().batchSequences(), (double) c.layout().batchSequences() / target, target))));
        return out;
    }

    /** The best layout with less recomputation, a lower ZeRO stage or twice the micro-batch. */
    private static List<Layout> fasterNeighbours(Layout b) {
        List<Layout> out = new ArrayList<>();
        if (b.policy() != Recompute.NONE) {
            out.add(b.with(b.zero(), b.microBatch(), Recompute.values()[b.policy().ordinal() - 1], b.gradAccum()));
        }
        if (b.gradAccum() % 2 == 0 && (b.virtualStages() == 1 || (b.gradAccum() / 2) % b.pp() == 0)) {
            out.add(b.with(b.zero(), 2 * b.microBatch(), b.policy(), b.gradAccum() / 2));
        }
        if (b.zero() == 3) {
            out.add(b.with(2, b.microBatch(), b.policy(), b.gradAccum()));
        }
        return out;
    }
}
