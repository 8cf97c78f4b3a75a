package org.scalelab.kernels.gpu;

import java.util.List;
import org.scalelab.common.ProgressListener;
import org.scalelab.kernels.Accuracy;
import org.scalelab.kernels.Flops;
import org.scalelab.kernels.Inputs;
import org.scalelab.kernels.SgemmKernel;
import org.scalelab.kernels.Target;

/**
 * A small exhaustive search over {@link Tunings#candidates} for the register-blocked kernel on
 * one device: each candidate is compiled, warmed up twice, timed three times (best kept) at one
 * size, and must pass the accuracy check; the fastest wins. CLBlast tunes the same way per
 * device (Nugteren, "CLBlast", IWOCL 2018, Section 4), but has no entry for Hopper.
 */
public final class Autotuner {
    private Autotuner() {}

    /** The winner and what it reached. */
    public record Outcome(Tuning best, double gflops, int tried, int rejected) { }

    /**
     * Searches at side {@code n}.
     *
     * @throws IllegalStateException when no candidate ran correctly on the device
     */
    public static Outcome tune(Target target, int n, long seed, ProgressListener progress) {
        Inputs in = Inputs.random(n, seed);
        int[] rows = Accuracy.sampleRows(n);
        List<Tuning> candidates = Tunings.candidates(target);
        Tuning best = null;
        double bestGflops = 0;
        int rejected = 0;
        int done = 0;
        for (Tuning t : candidates) {
            try (AparapiSgemm s = new AparapiSgemm(SgemmKernel.REGISTER_BLOCKED, target, in.a(), in.b(), n, t)) {
                s.multiply();
                s.multiply();
                double seconds = Double.POSITIVE_INFINITY;
                float[] c = null;
                for (int r = 0; r < 3; r++) {
                    c = s.multiply();
                    seconds = Math.min(seconds, s.lastComputeSeconds());
                }
                if (Accuracy.maxRelError(in.a(), in.b(), c, n, rows) < Accuracy.bound(n)) {
                    double g = Flops.gflops(n, seconds);
                    if (g > bestGflops) {
                        bestGflops = g;
                        best = t;
                    }
                } else {
                    rejected++;
                }
            } catch (RuntimeException e) { // a candidate the device cannot run is simply not a winner
                rejected++;
            }
            progress.progress(++done, candidates.size());
        }
        if (best == null) {
            throw new IllegalStateException("autotuning found no working tuning on " + target.ranOn());
        }
        return new Outcome(best, bestGflops, candidates.size(), rejected);
    }
}
