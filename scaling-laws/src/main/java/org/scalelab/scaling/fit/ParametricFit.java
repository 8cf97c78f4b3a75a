package org.scalelab.scaling.fit;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import org.scalelab.common.Check;
import org.scalelab.common.ProgressListener;
import org.scalelab.scaling.fit.internal.HuberLseObjective;
import org.scalelab.scaling.fit.internal.Lbfgs;

/**
 * Approach 3 of Hoffmann et al. 2022 (§3.3, App. D.2) as replicated by Besiroglu et al. 2024:
 * minimise the summed Huber loss (δ = 1e-3) between LSE(a − α·ln N, b − β·ln D, e) and ln L
 * with L-BFGS from every point of the grid α, β ∈ {0, 0.5, …, 2}, e ∈ {−1, −0.5, …, 1},
 * a, b ∈ {0, 5, …, 25} (4500 starts), keeping the best.
 *
 * <p>Starts run in parallel; each start's result lands in its own slot and the best is chosen by
 * (objective, start index), so the answer does not depend on the thread count.
 */
public final class ParametricFit {
    /** Huber δ on log-loss (Hoffmann et al. 2022, App. D.2). */
    public static final double DEFAULT_DELTA = 1e-3;
    /**
     * Screening tolerances: every start stops once its largest gradient component is below 1e-3
     * or an iteration gains less than 1e-5 of the objective. That is enough to tell which basin a
     * start falls into (on Epoch's data the best screened start is within 1e-6 of the minimum),
     * and most of a start's work would otherwise go into digits that only the winner needs; so we
     * screen loosely and polish the best {@link #POLISHED} starts to full precision. This halves
     * the work against screening at scipy-like tolerances and gives the same minimum.
     */
    static final double SCREEN_GRAD_TOL = 1e-3;
    static final double SCREEN_REL_TOL = 1e-5;
    /** Polishing tolerances for the best {@link #POLISHED} screened starts. */
    static final double GRAD_TOL = 1e-9;
    static final double REL_TOL = 1e-12;
    /** Screened starts that are polished to full precision. */
    static final int POLISHED = 16;
    static final int MAX_ITERATIONS = 1000;
    static final int MEMORY = 10;

    private ParametricFit() {}

    /** The Hoffmann et al. 2022 initialisation grid, rows of (a, b, e, α, β): 6·6·5·5·5 = 4500 starts. */
    public static double[][] hoffmannGrid() {
        List<double[]> starts = new ArrayList<>(4500);
        for (int ai = 0; ai <= 5; ai++) {
            for (int bi = 0; bi <= 5; bi++) {
                for (int ei = 0; ei <= 4; ei++) {
                    for (int al = 0; al <= 4; al++) {
                        for (int be = 0; be <= 4; be++) {
                            starts.add(new double[] {5.0 * ai, 5.0 * bi, -1.0 + 0.5 * ei, 0.5 * al, 0.5 * be});
                        }
                    }
                }
            }
        }
        return starts.toArray(double[][]::new);
    }

    /** Fits from the Hoffmann grid with δ = 1e-3 on all available cores. */
    public static ParametricFitResult fit(RunData data) {
        return fit(data, hoffmannGrid(), DEFAULT_DELTA, Runtime.getRuntime().availableProcessors(), ProgressListener.NONE);
    }

    /**
     * Fits from each start (rows of a, b, e, α, β) and returns the best.
     *
     * @param threads worker threads (the result does not depend on it)
     */
    public static ParametricFitResult fit(RunData data, double[][] starts, double delta, int threads, ProgressListener progress) {
        Check.positive("huber_delta", delta);
        Check.atLeastOne("starts", starts.length);
        HuberLseObjective objective = objective(data, delta);
        double[] values = new double[starts.length];
        double[][] solutions = new double[starts.length][];
        boolean[] converged = new boolean[starts.length];
        int workers = Math.max(1, Math.min(threads, starts.length));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Runnable worker = () -> {
            Lbfgs lbfgs = new Lbfgs(HuberLseObjective.DIM, MEMORY);
            for (int i = next.getAndIncrement(); i < starts.length; i = next.getAndIncrement()) {
                double[] x = starts[i].clone();
                values[i] = lbfgs.minimize(objective::valueAndGradient, x, SCREEN_GRAD_TOL, SCREEN_REL_TOL, MAX_ITERATIONS);
                solutions[i] = x;
                converged[i] = lbfgs.iterations() < MAX_ITERATIONS;
                progress.progress(done.incrementAndGet(), starts.length);
            }
        };
        runAll(worker, workers);
        int nConverged = 0;
        for (boolean c : converged) {
            nConverged += c ? 1 : 0;
        }
        // polish the best screened starts, ranked by (objective, index) so the choice is deterministic
        Integer[] order = new Integer[starts.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (i, j) -> {
            int c = Double.compare(finiteOrMax(values[i]), finiteOrMax(values[j]));
            return c != 0 ? c : Integer.compare(i, j);
        });
        Lbfgs lbfgs = new Lbfgs(HuberLseObjective.DIM, MEMORY);
        int best = -1;
        double bestValue = Double.POSITIVE_INFINITY;
        double[] bestX = null;
        for (int k = 0; k < Math.min(POLISHED, order.length); k++) {
            int i = order[k];
            if (!Double.isFinite(values[i])) {
                break;
            }
            double[] x = solutions[i].clone();
            double v = lbfgs.minimize(objective::valueAndGradient, x, GRAD_TOL, REL_TOL, MAX_ITERATIONS);
            if (v < bestValue || best < 0) {
                best = i;
                bestValue = v;
                bestX = x;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("no start gave a finite objective");
        }
        return toResult(bestX, bestValue, starts.length, nConverged);
    }

    private static double finiteOrMax(double v) {
        return Double.isFinite(v) ? v : Double.MAX_VALUE;
    }

    /** Refits from one start (the bootstrap starts from the full-data optimum). */
    public static ParametricFitResult refit(RunData data, ParametricFitResult from, double delta, Lbfgs workspace) {
        HuberLseObjective objective = objective(data, delta);
        double[] x = {StrictMath.log(from.a()), StrictMath.log(from.b()), StrictMath.log(from.e()), from.alpha(), from.beta()};
        double value = workspace.minimize(objective::valueAndGradient, x, GRAD_TOL, REL_TOL, MAX_ITERATIONS);
        return toResult(x, value, 1, workspace.iterations() < MAX_ITERATIONS ? 1 : 0);
    }

    /** The objective of {@code data} (natural logs precomputed once). */
    public static HuberLseObjective objective(RunData data, double delta) {
        int n = data.size();
        double[] ln = new double[n];
        double[] ld = new double[n];
        double[] ll = new double[n];
        for (int i = 0; i < n; i++) {
            ln[i] = StrictMath.log(data.params()[i]);
            ld[i] = StrictMath.log(data.tokens()[i]);
            ll[i] = StrictMath.log(data.loss()[i]);
        }
        return new HuberLseObjective(ln, ld, ll, delta);
    }

    private static ParametricFitResult toResult(double[] x, double value, int starts, int converged) {
        return new ParametricFitResult(StrictMath.exp(x[2]), StrictMath.exp(x[0]), StrictMath.exp(x[1]), x[3], x[4], value, starts, converged);
    }

    static void runAll(Runnable worker, int workers) {
        if (workers == 1) {
            worker.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "scaling-fit");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(worker));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("fit interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("fit failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
