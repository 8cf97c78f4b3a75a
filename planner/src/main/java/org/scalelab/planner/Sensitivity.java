package org.scalelab.planner;

import java.util.ArrayList;
import java.util.List;
import org.scalelab.cluster.checkpoint.CheckpointIntervals;
import org.scalelab.cluster.failure.FailureCause;
import org.scalelab.cluster.sim.JobModel;
import org.scalelab.cluster.sim.MonteCarlo;
import org.scalelab.cluster.sim.Timeline;
import org.scalelab.common.ProgressListener;
import org.scalelab.common.Units;

/**
 * How the plan's answer moves when one assumption changes, for the report's charts: days against
 * the GPU count (the chosen TP, PP, ZeRO stage and recomputation kept, the rest searched again),
 * ETTR against the job's MTBF, and days against the checkpoint interval. Every point with failures
 * is a discrete-event run with a twentieth of the plan's replications (at least eight) over at most
 * 50 job MTBFs, and the plan's seed, so that the points share their failure draws (common random
 * numbers); wall days are failure-free days over the point's ETTR.
 */
public final class Sensitivity {
    /** Multiples of the plan's value swept on each axis. */
    public static final double[] FACTORS = {0.25, 0.5, 1, 2, 4};

    /** A sweep point's horizon is at most this many job MTBFs (the ETTR is a long-run ratio). */
    public static final double HORIZON_MTBFS = 50;

    private Sensitivity() {}

    /**
     * One point of a sweep.
     *
     * @param x             the swept value (GPUs, MTBF hours or interval seconds)
     * @param computeDays   failure-free training time, days
     * @param wallDays      wall time with failures, days (= compute days without failures)
     * @param ettr          effective training time ratio (1 without failures)
     */
    public record Point(double x, double computeDays, double wallDays, double ettr) { }

    /** Replications per sweep point. */
    public static int replications(PlanSpec spec) {
        return Math.max(8, spec.replications() / 20);
    }

    /** Days against the GPU count: the plan's count times each of {@link #FACTORS}, whole nodes, family kept. */
    public static List<Point> daysVsGpus(Planner.Outcome o, int threads) {
        PlanSpec spec = o.spec();
        Layout l = o.answer().layout();
        LayoutPins family = new LayoutPins(l.tp(), l.pp(), l.zero(), null, l.policy(), null, l.ep());
        PlanSpec pinned = spec.toBuilder().pins(family).gpusRangeFrom(null).build();
        List<Point> out = new ArrayList<>();
        for (double f : FACTORS) {
            int gpus = (int) Math.max(spec.gpusPerNode(), Math.round(spec.gpus() * f / spec.gpusPerNode()) * spec.gpusPerNode());
            if (gpus < l.tp() * l.pp() * l.expertParallel()) {
                continue;
            }
            LayoutSearch.Result r;
            try {
                r = LayoutSearch.search(pinned, o.allocation(), gpus);
            } catch (org.scalelab.common.InvalidParameterException e) {
                continue; // the family does not fit there: no point
            }
            double compute = r.best().computeSeconds() / Units.SECONDS_PER_DAY;
            if (spec.noFailures()) {
                out.add(new Point(gpus, compute, compute, 1));
            } else {
                double ettr = ettr(RunModel.job(spec, o.allocation(), r.best(), 2 * compute), spec, threads);
                out.add(new Point(gpus, compute, compute / ettr, ettr));
            }
        }
        return out;
    }

    /** ETTR against the job's MTBF (hours): every cause's rate divided by each of {@link #FACTORS}, Daly's interval redone. */
    public static List<Point> ettrVsMtbf(Planner.Outcome o, int threads) {
        List<Point> out = new ArrayList<>();
        if (o.run() == null) {
            return out;
        }
        JobModel job = o.run().job();
        double compute = o.answer().computeDays();
        for (double f : FACTORS) {
            List<FailureCause> causes = job.causes().stream().map(c -> c.withMtbfHours(c.mtbfHours() * f)).toList();
            JobModel j = job.withCauses(causes);
            if (o.spec().checkpointIntervalSeconds() == null) {
                double tau = CheckpointIntervals.dalySeconds(Math.max(j.checkpointStallSeconds(), 1e-9), j.combinedMtbfSeconds());
                j = j.withIntervalSeconds(Math.max(1, Math.round(tau / o.answer().stepSeconds())) * o.answer().stepSeconds());
            }
            double ettr = ettr(j, o.spec(), threads);
            out.add(new Point(j.combinedMtbfSeconds() / Units.SECONDS_PER_HOUR, compute, compute / ettr, ettr));
        }
        return out;
    }

    /** Days against the checkpoint interval (seconds): the plan's interval times each of {@link #FACTORS}. */
    public static List<Point> daysVsInterval(Planner.Outcome o, int threads) {
        List<Point> out = new ArrayList<>();
        if (o.run() == null) {
            return out;
        }
        JobModel job = o.run().job();
        double compute = o.answer().computeDays();
        double step = o.answer().stepSeconds();
        for (double f : FACTORS) {
            double tau = Math.max(1, Math.round(job.intervalSeconds() * f / step)) * step;
            double ettr = ettr(job.withIntervalSeconds(tau), o.spec(), threads);
            out.add(new Point(tau, compute, compute / ettr, ettr));
        }
        return out;
    }

    /** The first replication's timeline of the plan's run (for the timeline chart), or null without failures. */
    public static Timeline timeline(Planner.Outcome o) {
        return o.run() == null ? null : MonteCarlo.timelineOfFirst(o.run().job(), o.spec().seed());
    }

    /** The long-run ETTR of {@code job} over a horizon of at most {@link #HORIZON_MTBFS} MTBFs. */
    private static double ettr(JobModel job, PlanSpec spec, int threads) {
        double horizon = Math.min(job.horizonSeconds(), HORIZON_MTBFS * job.combinedMtbfSeconds());
        JobModel j = new JobModel(horizon, job.intervalSeconds(), job.checkpointStallSeconds(), job.persistSeconds(),
                job.inMemoryRecovery(), job.detectionSeconds(), job.restartSeconds(), job.spareNodes(), job.repairSeconds(),
                job.maintenanceIntervalSeconds(), job.maintenanceSeconds(), job.causes(), job.stepShares());
        return MonteCarlo.summarize(j, replications(spec), spec.seed(), threads, ProgressListener.NONE).ettr().mean();
    }
}
