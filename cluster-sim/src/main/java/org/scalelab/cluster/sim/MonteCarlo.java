package org.scalelab.cluster.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.scalelab.common.Check;
import org.scalelab.common.ProgressListener;

/**
 * Runs independent replications of a job in parallel. Replication r always draws from the r-th
 * stream split from one {@link SplittableRandom} seeded with the master seed (splits are taken in
 * order before any thread starts), and its result lands in slot r, so the results are identical
 * for a seed whatever the number of threads.
 */
public final class MonteCarlo {
    private MonteCarlo() {}

    /**
     * Simulates {@code replications} runs of {@code job} on {@code threads} threads.
     *
     * @return the replications in order
     */
    public static List<Replication> run(JobModel job, int replications, long seed, int threads, ProgressListener progress) {
        Check.atLeastOne("replications", replications);
        Check.atLeastOne("threads", threads);
        SplittableRandom master = new SplittableRandom(seed);
        SplittableRandom[] streams = new SplittableRandom[replications];
        for (int r = 0; r < replications; r++) {
            streams[r] = master.split();
        }
        Replication[] out = new Replication[replications];
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        Runnable worker = () -> {
            JobSimulator sim = new JobSimulator(job);
            for (int r = next.getAndIncrement(); r < replications; r = next.getAndIncrement()) {
                out[r] = sim.run(streams[r], null);
                long d = done.incrementAndGet();
                if (d % 16 == 0 || d == replications) {
                    progress.progress(d, replications);
                }
            }
        };
        int n = Math.min(threads, replications);
        if (n == 1) {
            worker.run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
                Thread t = new Thread(r, "cluster-sim-replication");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < n; i++) {
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
            } finally {
                pool.shutdownNow();
            }
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
