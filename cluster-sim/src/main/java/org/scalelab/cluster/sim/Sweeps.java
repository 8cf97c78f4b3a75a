package org.scalelab.cluster.sim;

import java.util.ArrayList;
import java.util.List;
import org.scalelab.common.ProgressListener;

/**
 * Sweeps of a job over one setting, each point simulated with the same master seed so that the
 * points share their failure times (common random numbers) and their differences are sharp.
 */
public final class Sweeps {
    private Sweeps() {}

    /** One point of a sweep: the setting and the summary there. */
    public record Point(double x, Summary summary) { }

    /** ETTR against the checkpoint interval: {@code intervalsSeconds} are the x values (s). */
    public static List<Point> overIntervals(JobModel job, double[] intervalsSeconds, int replications, long seed,
            int threads, ProgressListener progress) {
        List<Point> out = new ArrayList<>();
        for (double interval : intervalsSeconds) {
            MonteCarlo.checkWork(job.withIntervalSeconds(interval), replications, intervalsSeconds.length);
        }
        for (int i = 0; i < intervalsSeconds.length; i++) {
            JobModel j = job.withIntervalSeconds(intervalsSeconds[i]);
            out.add(new Point(intervalsSeconds[i], MonteCarlo.summarize(j, replications, seed, threads, ProgressListener.NONE)));
            progress.progress(i + 1, intervalsSeconds.length);
        }
        return out;
    }

    /** Summaries of several jobs (e.g. one per cluster size), x given by the caller. */
    public static List<Point> overJobs(List<JobModel> jobs, double[] xs, int replications, long seed, int threads,
            ProgressListener progress) {
        List<Point> out = new ArrayList<>();
        for (JobModel j : jobs) {
            MonteCarlo.checkWork(j, replications, jobs.size());
        }
        for (int i = 0; i < jobs.size(); i++) {
            out.add(new Point(xs[i], MonteCarlo.summarize(jobs.get(i), replications, seed, threads,
                    ProgressListener.NONE)));
            progress.progress(i + 1, jobs.size());
        }
        return out;
    }
}
