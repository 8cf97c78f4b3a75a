package org.scalelab.reports.cluster;

import java.util.ArrayList;
import java.util.List;
import org.scalelab.cluster.collective.CollectiveAlgorithm;
import org.scalelab.cluster.collective.CollectiveCost;
import org.scalelab.cluster.collective.CollectiveOp;
import org.scalelab.cluster.collective.Network;
import org.scalelab.cluster.sim.Estimate;
import org.scalelab.cluster.sim.Sweeps;
import org.scalelab.cluster.sim.TimeCategory;
import org.scalelab.cluster.sim.Timeline;
import org.scalelab.common.Units;

/**
 * The rows the cluster charts draw ({@link ClusterCharts}), computed with cluster-sim's API: where
 * one replication's time went, ETTR per sweep point, and all-reduce cost by message size.
 */
public final class ClusterRows {
    private ClusterRows() {}

    /**
     * Cumulative hours per state at evenly spaced times of one replication.
     *
     * @param series the states' names, in column order ({@code training_steps} for every training-step state)
     * @param days   the sample times, days (index 0 is time 0)
     * @param hours  hours spent in each state up to each time: {@code hours[state][time]}
     */
    public record TimelineRows(List<String> series, double[] days, double[][] hours) { }

    /** One sweep point's ETTR with its 95 % interval, and its mean unexpected interruptions. */
    public record EttrPoint(double x, double ettr, double lo, double hi, double halfWidth, double unexpectedInterruptions) { }

    /** One algorithm's all-reduce of one message: time, algorithm and bus bandwidth (nccl-tests' definitions). */
    public record AllReducePoint(String algorithm, double bytes, double seconds, double algbwGbPerS, double busbwGbPerS) { }

    /** The states the timeline chart shows, training steps first. */
    private static final TimeCategory[] SHOWN = {TimeCategory.PRODUCTIVE_COMPUTE, TimeCategory.CHECKPOINT, TimeCategory.LOST,
        TimeCategory.DETECTION, TimeCategory.RESTART, TimeCategory.WAITING, TimeCategory.MAINTENANCE};

    /** Cumulative hours per state at 201 evenly spaced times from 0 to {@code horizonSeconds}. */
    public static TimelineRows timeline(Timeline timeline, double horizonSeconds) {
        int points = 200;
        double[] days = new double[points + 1];
        double[][] cum = new double[SHOWN.length][points + 1];
        List<Timeline.Interval> iv = timeline.intervals();
        for (int k = 0; k <= points; k++) {
            double t = horizonSeconds * k / points;
            days[k] = t / Units.SECONDS_PER_DAY;
            for (Timeline.Interval i : iv) {
                if (i.startSeconds() >= t) {
                    break;
                }
                double d = Math.min(i.endSeconds(), t) - i.startSeconds();
                // The timeline tracks states; a working interval holds whole training steps.
                int idx = indexOf(i.state().isStep() ? TimeCategory.PRODUCTIVE_COMPUTE : i.state());
                cum[idx][k] += d / Units.SECONDS_PER_HOUR;
            }
        }
        List<String> names = new ArrayList<>();
        for (TimeCategory c : SHOWN) {
            names.add(c == TimeCategory.PRODUCTIVE_COMPUTE ? "training_steps" : c.key());
        }
        return new TimelineRows(names, days, cum);
    }

    private static int indexOf(TimeCategory c) {
        for (int i = 0; i < SHOWN.length; i++) {
            if (SHOWN[i] == c) {
                return i;
            }
        }
        return 0;
    }

    /** ETTR and unexpected interruptions of each sweep point. */
    static List<EttrPoint> ettr(List<Sweeps.Point> points) {
        List<EttrPoint> rows = new ArrayList<>();
        for (Sweeps.Point p : points) {
            Estimate e = p.summary().ettr();
            rows.add(new EttrPoint(p.x(), e.mean(), e.lo(), e.hi(), e.halfWidth(), p.summary().unexpected().mean()));
        }
        return rows;
    }

    /**
     * All-reduce time and bandwidths on {@code net} for messages of 1 kB to 4.1 GB (×4 apart), for
     * each algorithm that does an all-reduce on that many ranks (halving-doubling only on a power of two).
     */
    static List<AllReducePoint> allReduce(Network net) {
        List<AllReducePoint> rows = new ArrayList<>();
        for (CollectiveAlgorithm alg : CollectiveAlgorithm.values()) {
            if (!alg.supports(CollectiveOp.ALL_REDUCE)
                    || alg == CollectiveAlgorithm.HALVING_DOUBLING && Integer.bitCount(net.ranks()) != 1) {
                continue;
            }
            for (double bytes = 1e3; bytes <= 4.1e9; bytes *= 4) {
                double t = CollectiveCost.seconds(CollectiveOp.ALL_REDUCE, alg, net, bytes);
                rows.add(new AllReducePoint(alg.key(), bytes, t, CollectiveCost.algorithmBandwidthGbPerS(bytes, t),
                        CollectiveCost.busBandwidthGbPerS(CollectiveOp.ALL_REDUCE, net.ranks(), bytes, t)));
            }
        }
        return rows;
    }
}
