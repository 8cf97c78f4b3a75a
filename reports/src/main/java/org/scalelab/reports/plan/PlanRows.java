package org.scalelab.reports.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scalelab.common.Units;
import org.scalelab.memory.PerGpuBytes;
import org.scalelab.planner.Plan;
import org.scalelab.planner.Planner;
import org.scalelab.planner.Sensitivity;
import org.scalelab.reports.cluster.ClusterRows;
import org.scalelab.reports.scaling.ScalingRows;
import org.scalelab.scaling.Law;

/**
 * The rows the plan page's charts draw ({@link PlanCharts}), computed with the planner's, the
 * scaling laws' and the simulator's API.
 *
 * @param allocation      the plan's (N, D) beside its law
 * @param layout          the chosen layout's label
 * @param memory          the most loaded GPU's memory by component, then the total and the GPU's memory
 * @param timeline        where one replication's time went; null without a failure simulation
 * @param daysVsGpus      training days against the GPU count
 * @param ettrVsMtbf      ETTR against the job's MTBF; empty without a failure simulation
 * @param daysVsInterval  wall days against the checkpoint interval; empty without a failure simulation
 * @param headline        the plan itself, drawn as its own point on the days-against-GPUs chart; null without interruptions
 * @param headlineNote    why that point differs a little from the sweep's point at the same GPU count ("" when not drawn)
 */
record PlanRows(Allocation allocation, String layout, List<Component> memory, ClusterRows.TimelineRows timeline,
                List<Sensitivity.Point> daysVsGpus, List<Sensitivity.Point> ettrVsMtbf, List<Sensitivity.Point> daysVsInterval,
                Plan headline, String headlineNote) {

    /** A point of the allocation chart: its series, N, D and the law's loss there (null where it has none). */
    record Point(String series, double params, double tokens, Double loss) { }

    /**
     * The plan's (N, D) beside its law: the law's iso-loss lines when it has a loss, else the iso-FLOP
     * line C = 6ND of the plan's budget; the law's optimum at that budget, and the plan. A
     * mixture-of-experts plan ({@code moe}) stands at its active parameters on the dense law.
     */
    record Allocation(String law, boolean moe, double totalParams, double computeFlops, List<ScalingRows.ContourPoint> contours,
                      List<Point> isoFlop, Point optimum, Point plan) { }

    /** One line of the per-GPU memory chart. */
    record Component(String name, long bytes) { }

    /** Computes every row of the plan page's charts; the sweeps simulate on {@code threads} threads. */
    static PlanRows of(Planner.Outcome o, int threads) {
        Plan p = o.answer();
        boolean simulated = o.run() != null;
        String note = p.interruptions() == null ? "" : String.format(Locale.ROOT, " The point at %d GPUs comes from %d"
                + " replications over at most %.0f job MTBFs, so it differs a little from the headline's %.2f wall days"
                + " (%d replications over the whole run), drawn as its own point.", p.gpus(),
                Sensitivity.replications(o.spec()), Sensitivity.HORIZON_MTBFS, p.wallDays(), p.replications());
        return new PlanRows(allocation(o), p.layout().label(), memory(p),
                simulated ? ClusterRows.timeline(Sensitivity.timeline(o), o.run().horizonDays() * Units.SECONDS_PER_DAY) : null,
                Sensitivity.daysVsGpus(o, threads),
                simulated ? Sensitivity.ettrVsMtbf(o, threads) : List.of(),
                simulated ? Sensitivity.daysVsInterval(o, threads) : List.of(),
                p.interruptions() == null ? null : p, note);
    }

    private static Allocation allocation(Planner.Outcome o) {
        Plan p = o.answer();
        Law law = o.spec().law();
        boolean moe = p.moe() != null;
        double n0 = moe ? p.moe().activeParams() : p.params();
        double nLo = n0 / 100;
        double nHi = n0 * 100;
        Double planLoss = law.loss(n0, p.tokens());
        List<ScalingRows.ContourPoint> contours = List.of();
        List<Point> isoFlop = new ArrayList<>();
        if (planLoss != null) {
            contours = ScalingRows.contours(law, nLo, nHi);
        } else {
            for (double n : ScalingRows.logSpace(nLo, nHi, 40)) {
                isoFlop.add(new Point("iso-FLOP C = 6ND", n, p.computeFlops() / (6 * n), null));
            }
        }
        Law.LawOptimum opt = law.optimum(p.computeFlops());
        return new Allocation(law.key(), moe, p.params(), p.computeFlops(), contours, isoFlop,
                new Point(law.key() + " optimum at C", opt.params(), opt.tokens(), opt.loss()),
                new Point(moe ? "this plan at N_active" : "this plan", n0, p.tokens(), planLoss));
    }

    private static List<Component> memory(Plan p) {
        PerGpuBytes b = p.perGpuBytes();
        return List.of(new Component("parameters", b.parameters()), new Component("gradients", b.gradients()),
                new Component("optimizer_states", b.optimizerStates()), new Component("gathered_parameters", b.gatheredParameters()),
                new Component("activations", b.activations()), new Component("buffers", b.buffers()),
                new Component("reserve", b.reserve()), new Component("total", b.total()),
                new Component("gpu_memory", p.gpuMemoryBytes()));
    }
}
