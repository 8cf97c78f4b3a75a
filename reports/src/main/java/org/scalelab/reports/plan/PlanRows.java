package org.scalelab.reports.plan;

import java.util.ArrayList;
import java.util.List;
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
 */
record PlanRows(Allocation allocation, String layout, List<Component> memory, ClusterRows.TimelineRows timeline,
                List<Sensitivity.Point> daysVsGpus, List<Sensitivity.Point> ettrVsMtbf, List<Sensitivity.Point> daysVsInterval) {

    /** A point of the allocation chart: its series, N, D and the law's loss there (null where it has none). */
    record Point(String series, double params, double tokens, Double loss) { }

    /**
     * The plan's (N, D) beside its law: the law's iso-loss lines when it has a loss, else the iso-FLOP
     * line C = 6ND of the plan's budget; the law's optimum at that budget, and the plan.
     */
    record Allocation(String law, double params, double tokens, double computeFlops, List<ScalingRows.ContourPoint> contours,
                      List<Point> isoFlop, Point optimum, Point plan) { }

    /** One line of the per-GPU memory chart. */
    record Component(String name, long bytes) { }

    /** Computes every row of the plan page's charts; the sweeps simulate on {@code threads} threads. */
    static PlanRows of(Planner.Outcome o, int threads) {
        Plan p = o.answer();
        boolean simulated = o.run() != null;
        return new PlanRows(allocation(o), p.layout().label(), memory(p),
                simulated ? ClusterRows.timeline(Sensitivity.timeline(o), o.run().horizonDays() * Units.SECONDS_PER_DAY) : null,
                Sensitivity.daysVsGpus(o, threads),
                simulated ? Sensitivity.ettrVsMtbf(o, threads) : List.of(),
                simulated ? Sensitivity.daysVsInterval(o, threads) : List.of());
    }

    private static Allocation allocation(Planner.Outcome o) {
        Plan p = o.answer();
        Law law = o.spec().law();
        double nLo = p.params() / 100;
        double nHi = p.params() * 100;
        Double planLoss = law.loss(p.params(), p.tokens());
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
        return new Allocation(law.key(), p.params(), p.tokens(), p.computeFlops(), contours, isoFlop,
                new Point(law.key() + " optimum at C", opt.params(), opt.tokens(), opt.loss()),
                new Point("this plan", p.params(), p.tokens(), planLoss));
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
