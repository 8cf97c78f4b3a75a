package org.scalelab.planner;

import org.scalelab.memory.PerGpuBytes;
import java.util.ArrayList;
import java.util.List;
import org.scalelab.common.Units;
import org.scalelab.memory.TransformerShape;

/**
 * One answer from a compute budget to a failure-aware training plan: the allocation
 * ({@link Allocator}), the layout search ({@link LayoutSearch}: memory model, then step model) and
 * the run with failures ({@link RunModel}: the discrete-event simulation, for the winner only).
 * With a GPU range, every count tried gets its own search and run; the answer is the fastest, or
 * the cheapest in GPU-hours that meets the deadline.
 */
public final class Planner {

    private Planner() {}

    /**
     * A plan with the intermediate results the report draws.
     *
     * @param answer      the JSON answer
     * @param spec        the input (for a range: the spec on the chosen GPU count)
     * @param allocation  step 1
     * @param search      step 2 on the chosen GPU count
     * @param run         step 3, or null without failures
     */
    public record Outcome(Plan answer, PlanSpec spec, Allocation allocation, LayoutSearch.Result search, RunModel.Outcome run) { }

    private record Single(int gpus, LayoutSearch.Result search, RunModel.Outcome run, double wallDays, double[] wallDaysCi,
            double gpuHours) {
        double computeDays() {
            return search.best().computeSeconds() / Units.SECONDS_PER_DAY;
        }
    }

    /**
     * Plans {@code spec}; the replications run on {@code threads} threads (the answer does not depend on it).
     *
     * @throws org.scalelab.common.InvalidParameterException when nothing fits, or no GPU count meets the deadline
     */
    public static Outcome plan(PlanSpec spec, int threads) {
        Allocation a = Allocator.allocate(spec);
        if (spec.gpusRangeFrom() == null) {
            Single s = single(spec, a, spec.gpus(), threads);
            return outcome(spec, a, s, null);
        }
        List<Single> tried = new ArrayList<>();
        for (int g : gpuCounts(spec.gpusRangeFrom(), spec.gpus())) {
            tried.add(single(spec, a, g, threads));
        }
        Single chosen = null;
        for (Single s : tried) {
            boolean better;
            if (spec.deadlineDays() != null) {
                boolean meets = s.wallDays <= spec.deadlineDays();
                better = meets && (chosen == null || s.gpuHours < chosen.gpuHours);
            } else {
                better = chosen == null || s.wallDays < chosen.wallDays;
            }
            if (better) {
                chosen = s;
            }
        }
        if (chosen == null) {
            Single fastest = tried.stream().min((x, y) -> Double.compare(x.wallDays, y.wallDays)).orElseThrow();
            throw Infeasible.deadline(spec.deadlineDays(), fastest.gpus, fastest.wallDays,
                    spec.gpusRangeFrom() + ":" + spec.gpus());
        }
        List<Plan.GpuCount> byGpus = new ArrayList<>();
        for (Single s : tried) {
            Candidate b = s.search.best();
            byGpus.add(new Plan.GpuCount(s.gpus, b.layout(), b.step().stepSeconds(), b.step().mfu(), s.computeDays(),
                    s.wallDays, s.gpuHours, spec.deadlineDays() == null ? null : s.wallDays <= spec.deadlineDays()));
        }
        return outcome(spec.withGpus(chosen.gpus), a, chosen, byGpus);
    }

    /** The GPU counts of a range: from, 2·from, 4·from, … up to and including {@code to}. */
    public static List<Integer> gpuCounts(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (long g = from; g <= to; g *= 2) {
            out.add((int) g);
        }
        if (out.get(out.size() - 1) != to) {
            out.add(to);
        }
        return out;
    }

    private static Single single(PlanSpec spec, Allocation a, int gpus, int threads) {
        LayoutSearch.Result search = LayoutSearch.search(spec, a, gpus);
        double computeDays = search.best().computeSeconds() / Units.SECONDS_PER_DAY;
        if (spec.noFailures()) {
            return new Single(gpus, search, null, computeDays, new double[] {computeDays, computeDays},
                    computeDays * 24 * gpus);
        }
        RunModel.Outcome run = RunModel.simulate(spec, a, search.best(), spec.replications(), threads);
        return new Single(gpus, search, run, run.wallDays(), run.wallDaysCi(), run.wallDays() * 24 * gpus);
    }

    private static Plan.Moe moe(PlanSpec spec, Allocation a, LayoutSearch.Result search) {
        if (!a.isMoe()) {
            return null;
        }
        var m = a.shape().moe();
        return new Plan.Moe(a.activeParams(), m.experts(), m.expertsPerToken(), m.sharedExperts(),
                search.best().layout().expertParallel(), ExpertChoice.explain(search, m.experts(), spec.gpu().memoryBytes(), spec.gpusPerNode()),
                spec.gemmPrecision(), spec.a2aOverlap(), spec.expertLoadImbalance(), Allocator.MOE_LAW_NOTE,
                search.best().step().breakdown().allToAll(), memoryDetail(search.best().memory().moe()));
    }

    private static Plan.MemoryDetail memoryDetail(org.scalelab.memory.MoeMemory m) {
        return m == null ? null : new Plan.MemoryDetail(m.expertsPerGpu(), Math.round(m.dense().totalBytes()),
                Math.round(m.expert().totalBytes()), Math.round(m.expertActivationsBytes() + m.routerLogitsBytes()),
                Math.round(m.allToAllBytes()));
    }

    private static Outcome outcome(PlanSpec spec, Allocation a, Single s, List<Plan.GpuCount> byGpus) {
        Candidate best = s.search.best();
        TransformerShape sh = a.shape();
        Plan.Model model = new Plan.Model(sh.key(), sh.layers(), sh.hidden(), sh.heads(), sh.kvHeads(), sh.ffnHidden(),
                sh.vocab(), sh.gatedMlp(), sh.paramCount());
        List<Plan.Alternative> alternatives = new ArrayList<>();
        for (Candidate c : s.search.alternatives()) {
            alternatives.add(new Plan.Alternative(c.layout(), c.fits(), Math.round(c.memory().totalBytes()),
                    c.step().stepSeconds(), c.step().mfu(), c.computeSeconds() / Units.SECONDS_PER_DAY, c.whyLost()));
        }
        RunModel.Outcome run = s.run;
        Plan.Interruptions interruptions = run == null ? null : new Plan.Interruptions(run.interruptions().get("total"),
                run.interruptions().get("unexpected"), run.interruptions().get("planned"), run.byCause());
        Plan.Deadline deadline = spec.deadlineDays() == null ? null
                : new Plan.Deadline(spec.deadlineDays(), s.wallDays <= spec.deadlineDays(), spec.deadlineDays() - s.wallDays);
        Double usd = spec.usdPerGpuHour() == null ? null : s.gpuHours * spec.usdPerGpuHour();
        Double mwh = spec.wattsPerGpu() == null ? null : s.gpuHours * spec.wattsPerGpu() / 1e6;
        long batchTokens = best.layout().batchSequences() * a.seq();
        List<String> warnings = new ArrayList<>(a.warnings());
        double batchRatio = batchTokens / a.batchTokensTarget();
        if (!LayoutSearch.nearTarget(best.layout(), a.batchSequencesTarget())
                || batchRatio > LayoutSearch.MAX_BATCH_RATIO || batchRatio < 1 / LayoutSearch.MAX_BATCH_RATIO) {
            // Whole sequences per data-parallel replica: with more replicas than the target has sequences,
            // one each already overshoots it.
            warnings.add(String.format(java.util.Locale.ROOT, "The global batch, %.3g tokens (DP %d x %d sequences of %d"
                    + " tokens), is %.2f x the %.3g tokens asked for: whole sequences per data-parallel replica cannot come"
                    + " closer on this layout; pin --tp and --pp, or give fewer --gpus, for a batch nearer it.", (double) batchTokens,
                    best.layout().denseDp(), best.layout().batchSequences() / best.layout().denseDp(), a.seq(), batchRatio,
                    a.batchTokensTarget()));
        }
        Plan answer = new Plan(a.params(), a.tokens(), a.computeFlops(), batchTokens, a.batchTokensTarget(), a.seq(), model,
                spec.gpu().key(), s.gpus, best.layout(), PerGpuBytes.of(best.memory()), spec.gpu().memoryBytes(),
                best.step().stepSeconds(), best.step().mfu(), s.computeDays(), run == null ? 1.0 : run.ettr().mean(),
                s.wallDays, s.wallDaysCi, s.gpuHours, run == null ? null : run.job().intervalSeconds(), interruptions,
                alternatives, usd, mwh, deadline, byGpus, a.choices(), warnings, spec.seed(),
                run == null ? 0 : spec.replications(), moe(spec, a, s.search));
        return new Outcome(answer, spec, a, s.search, run);
    }
}
