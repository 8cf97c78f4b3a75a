package org.scalelab.cluster.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.common.ProgressListener;

/**
 * Runs independent replications of a job in parallel. Replication r always draws from the r-th
 * stream split from one {@link SplittableRandom} seeded with the master seed (splits are taken in
 * order), and results are folded into the summary in replication order, so the results are
 * identical for a seed whatever the number of threads. Replications run in blocks of
 * {@value #BLOCK}: memory stays constant whatever their number.
 */
public final class MonteCarlo {
    /**
     * Most replications of one job: 10⁶. The 95 % interval narrows as 1/√n; at 10⁶ it is a
     * thousandth of the spread of one run, far below the error of the failure model itself.
     */
    public static final int MAX_REPLICATIONS = 1_000_000;
    /**
     * Most simulated events one request may cost: 10¹⁰, about 7 minutes at the measured
     * 25 million events per second per core (BENCHMARKS.md); checked before any work starts.
     */
    public static final double MAX_EVENTS = 1e10;
    private static final int BLOCK = 4096;

    private MonteCarlo() {}

    /**
     * Simulates {@code replications} runs of {@code job} on {@code threads} threads and summarises
     * them in constant memory.
     *
     * @throws InvalidParameterException when {@code replications} is outside [1, 10⁶] or the
     *     expected work exceeds {@link #MAX_EVENTS}
     */
    public static Summary summarize(JobModel job, int replications, long seed, int threads, ProgressListener progress) {
        checkWork(job, replications, 1);
        Check.atLeastOne("threads", threads);
        SplittableRandom master = new SplittableRandom(seed);
        Summary.Accumulator acc = new Summary.Accumulator(job);
        int n = Math.min(threads, Math.min(replications, BLOCK));
        ExecutorService pool = n == 1 ? null : Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "cluster-sim-replication");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int start = 0; start < replications; start += BLOCK) {
                int size = Math.min(BLOCK, replications - start);
                for (Replication r : block(job, master, size, pool, n, start, replications, progress)) {
                    acc.add(r);
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return acc.summary();
    }

    /**
     * Simulates {@code replications} runs and keeps each one (for tests and per-run tables; the
     * list grows with the count, prefer {@link #summarize}).
     *
     * @return the replications in order
     */
    public static List<Replication> run(JobModel job, int replications, long seed, int threads, ProgressListener progress) {
        checkWork(job, replications, 1);
        Check.atLeastOne("threads", threads);
        SplittableRandom master = new SplittableRandom(seed);
        int n = Math.min(threads, replications);
        ExecutorService pool = n == 1 ? null : Executors.newFixedThreadPool(n);
        try {
            return block(job, master, replications, pool, n, 0, replications, progress);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Fails before any work when {@code replications} is out of bounds or {@code points} sweep
     * points of that many replications would cost more than {@link #MAX_EVENTS} events.
     */
    public static void checkWork(JobModel job, long replications, int points) {
        Check.inRange("replications", replications, 1, MAX_REPLICATIONS);
        double events = job.expectedEventsPerReplication() * replications * points;
        if (!(events <= MAX_EVENTS)) {
            throw new InvalidParameterException("replications", String.format(java.util.Locale.ROOT,
                    "must be <= %d for this job: each replication costs about %.3g events (checkpoints, failures,"
                    + " maintenances over the run) and one request may cost at most %s",
                    (long) Math.max(0, Math.floor(MAX_EVENTS / points / job.expectedEventsPerReplication())),
                    job.expectedEventsPerReplication(), Check.format(MAX_EVENTS)), replications);
        }
    }

    private static List<Replication> block(JobModel job, SplittableRandom master, int size, ExecutorService pool, int threads,
            long offset, long total, ProgressListener progress) {
        SplittableRandom[] streams = new SplittableRandom[size];
        for (int r = 0; r < size; r++) {
            streams[r] = master.split();
        }
        Replication[] out = new Replication[size];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Runnable worker = () -> {
            JobSimulator sim = new JobSimulator(job);
            for (int r = next.getAndIncrement(); r < size; r = next.getAndIncrement()) {
                out[r] = sim.run(streams[r], null);
                int d = done.incrementAndGet();
                if (d % 16 == 0 || d == size) {
                    progress.progress(offset + d, total);
                }
            }
        };
        if (pool == null) {
            worker.run();
            return List.of(out);
        }
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(worker));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
        return List.of(out);
    }

    /** Runs replication 0 alone with its timeline recorded. */
    public static Timeline timelineOfFirst(JobModel job, long seed) {
        Timeline t = new Timeline();
        new JobSimulator(job).run(new SplittableRandom(seed).split(), t);
        return t;
    }
}
