package org.scalelab.cluster.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Means and 95 % intervals over replications of every metric of a job. Built by folding
 * replications one at a time into an {@link Accumulator} (running moments, Welford 1962), so any
 * number of replications fits in constant memory; folding in replication order keeps the result
 * identical for a seed whatever the thread count.
 *
 * @param replications          number of replications
 * @param ettr                  effective training time ratio, long-run: committed work over wall
 *                              time up to the first durable checkpoint after the horizon, summed
 *                              over replications (ratio estimator, delta-method interval), in [0, 1]
 * @param wallSeconds           wall time (s)
 * @param trainingSeconds       time in surviving training steps (s)
 * @param productiveSeconds     productive compute only: the model's FLOPs (s)
 * @param secondsByCategory     time per {@link TimeCategory} key (s)
 * @param total                 interruptions of all kinds
 * @param unexpected            unexpected interruptions (failures)
 * @param planned               planned interruptions (maintenances)
 * @param byCause               failures per cause name
 * @param eventsTotal           events processed over all replications
 * @param notes                 warnings on the intervals: which ones were cut at the bound of
 *                              their quantity (0 for times and counts, 0 and 1 for ETTR) and why
 */
public record Summary(int replications, Estimate ettr, Estimate wallSeconds, Estimate trainingSeconds,
        Estimate productiveSeconds,
        Map<String, Estimate> secondsByCategory, Estimate total, Estimate unexpected, Estimate planned,
        Map<String, Estimate> byCause, long eventsTotal, List<String> notes) {

    public Summary {
        secondsByCategory = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(secondsByCategory));
        byCause = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byCause));
        notes = List.copyOf(notes);
    }

    /** Summarises {@code reps} of {@code job}. */
    public static Summary of(JobModel job, List<Replication> reps) {
        Accumulator a = new Accumulator(job);
        reps.forEach(a::add);
        return a.summary();
    }

    /** Running moments of every metric; add replications in order, then take the summary. */
    public static final class Accumulator {
        private final JobModel job;
        private final Moments[] byCategory = new Moments[TimeCategory.values().length];
        private final Moments[] byCause;
        private final Moments wall = new Moments();
        private final Moments training = new Moments();
        private final Moments productive = new Moments();
        private final Moments total = new Moments();
        private final Moments unexpected = new Moments();
        private final Moments planned = new Moments();
        private final Moments committed = new Moments();
        private long events;

        /** An empty accumulator for replications of {@code job}. */
        public Accumulator(JobModel job) {
            this.job = job;
            for (int i = 0; i < byCategory.length; i++) {
                byCategory[i] = new Moments();
            }
            byCause = new Moments[job.causes().size()];
            for (int i = 0; i < byCause.length; i++) {
                byCause[i] = new Moments();
            }
        }

        /** Folds one replication in. */
        public void add(Replication r) {
            for (int i = 0; i < byCategory.length; i++) {
                byCategory[i].add(r.seconds()[i]);
            }
            for (int i = 0; i < byCause.length; i++) {
                byCause[i].add(r.failures()[i]);
            }
            wall.add(r.wallSeconds());
            training.add(r.trainingSeconds());
            productive.add(r.productiveSeconds());
            total.add(r.unexpected() + r.planned());
            unexpected.add(r.unexpected());
            planned.add(r.planned());
            committed.add(r.committedWorkSeconds(), r.committedWallSeconds());
            events += r.events();
        }

        /** The summary of the replications added so far (at least one). */
        public Summary summary() {
            List<String> notes = new ArrayList<>();
            Map<String, Estimate> categories = new LinkedHashMap<>();
            for (TimeCategory c : TimeCategory.values()) {
                categories.put(c.key(), byCategory[c.ordinal()].estimate("seconds_by_category." + c.key(), notes));
            }
            Map<String, Estimate> causes = new LinkedHashMap<>();
            for (int i = 0; i < byCause.length; i++) {
                String name = job.causes().get(i).name();
                causes.put(name, byCause[i].estimate("by_cause." + name, notes));
            }
            return new Summary((int) wall.n, committed.ratio("ettr", notes), wall.estimate("wall_seconds", notes),
                    training.estimate("training_seconds", notes), productive.estimate("productive_seconds", notes), categories, total.estimate("interruptions.total", notes),
                    unexpected.estimate("interruptions.unexpected", notes), planned.estimate("interruptions.planned", notes),
                    causes, events, notes);
        }
    }

    /**
     * Running mean, variance and (for ratios) covariance, updated one value at a time (Welford
     * 1962; the bivariate form as in Chan, Golub and LeVeque 1983). All metrics here are
     * non-negative, so every interval is cut at 0; the ratio (ETTR) also at 1.
     */
    private static final class Moments {
        long n;
        double meanX;
        double meanY;
        double sxx;
        double syy;
        double sxy;

        void add(double x) {
            n++;
            double dx = x - meanX;
            meanX += dx / n;
            sxx += dx * (x - meanX);
        }

        void add(double x, double y) {
            n++;
            double dx = x - meanX;
            double dy = y - meanY;
            meanX += dx / n;
            meanY += dy / n;
            sxx += dx * (x - meanX);
            syy += dy * (y - meanY);
            sxy += dx * (y - meanY);
        }

        Estimate estimate(String name, List<String> notes) {
            Estimate open = Estimate.of(n, meanX, sxx, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
            Estimate cut = Estimate.of(n, meanX, sxx, 0, Double.POSITIVE_INFINITY);
            noteCut(name, open, cut, notes);
            return cut;
        }

        Estimate ratio(String name, List<String> notes) {
            Estimate open = Estimate.ratio(n, meanX, meanY, sxx, syy, sxy, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
            Estimate cut = Estimate.ratio(n, meanX, meanY, sxx, syy, sxy, 0, 1);
            noteCut(name, open, cut, notes);
            return cut;
        }

        private static void noteCut(String name, Estimate open, Estimate cut, List<String> notes) {
            if (!open.equals(cut)) {
                notes.add(name + ": the normal 95 % interval [" + (float) open.lo() + ", " + (float) open.hi()
                        + "] crossed the quantity's bound and was cut to [" + (float) cut.lo() + ", " + (float) cut.hi()
                        + "]; the values are too few or too skewed for a normal interval, run more replications");
            }
        }
    }
}
