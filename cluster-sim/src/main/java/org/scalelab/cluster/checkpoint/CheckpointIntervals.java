package org.scalelab.cluster.checkpoint;

import org.scalelab.common.Check;

/**
 * Optimal checkpoint intervals and the expected efficiency of periodic checkpointing under
 * exponential failures. Notation of Daly 2006: δ checkpoint time, M mean time between failures,
 * R restart time, τ compute time between checkpoints; all in seconds.
 */
public final class CheckpointIntervals {
    private CheckpointIntervals() {}

    /**
     * Young's first-order optimum τ = √(2δM) (Young, "A first order approximation to the optimum
     * checkpoint interval", CACM 17(9), 1974). Seconds.
     */
    public static double youngSeconds(double checkpointSeconds, double mtbfSeconds) {
        Check.positive("checkpoint_seconds", checkpointSeconds);
        Check.positive("mtbf_seconds", mtbfSeconds);
        return Math.sqrt(2 * checkpointSeconds * mtbfSeconds);
    }

    /**
     * Daly's higher-order optimum (Daly, "A higher order estimate of the optimum checkpoint
     * interval for restart dumps", FGCS 22(3), 2006, Eq. 37):
     * τ = √(2δM)·[1 + ⅓·√(δ/(2M)) + ⅑·δ/(2M)] − δ for δ &lt; 2M, and τ = M otherwise. Seconds.
     */
    public static double dalySeconds(double checkpointSeconds, double mtbfSeconds) {
        Check.positive("checkpoint_seconds", checkpointSeconds);
        Check.positive("mtbf_seconds", mtbfSeconds);
        double d = checkpointSeconds;
        double m = mtbfSeconds;
        if (d >= 2 * m) {
            return m;
        }
        double x = d / (2 * m);
        return Math.sqrt(2 * d * m) * (1 + Math.sqrt(x) / 3 + x / 9) - d;
    }

    /**
     * Expected efficiency (useful time / wall time) of Daly's complete model with exponential
     * failures that strike during work, checkpoints and restarts alike (Daly 2006, the expected
     * wall time T_w = M·e^{R/M}·(e^{(τ+δ)/M} − 1)·T_s/τ): efficiency = τ / (M·e^{R/M}·(e^{(τ+δ)/M} − 1)).
     * Dimensionless, in (0, 1).
     */
    public static double dalyEfficiency(double intervalSeconds, double checkpointSeconds, double restartSeconds,
            double mtbfSeconds) {
        Check.positive("interval_seconds", intervalSeconds);
        Check.nonNegative("checkpoint_seconds", checkpointSeconds);
        Check.nonNegative("restart_seconds", restartSeconds);
        Check.positive("mtbf_seconds", mtbfSeconds);
        double m = mtbfSeconds;
        return intervalSeconds / (m * Math.exp(restartSeconds / m) * Math.expm1((intervalSeconds + checkpointSeconds) / m));
    }

    /**
     * The interval that maximises {@link #dalyEfficiency} (seconds), by golden-section search on
     * (0, 10·M]; the efficiency is unimodal in τ. Used to check Eq. 37 and to mark the exact peak.
     */
    public static double exactOptimumSeconds(double checkpointSeconds, double restartSeconds, double mtbfSeconds) {
        double lo = 1e-9 * mtbfSeconds;
        double hi = 10 * mtbfSeconds;
        double g = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < 200; i++) {
            double a = hi - g * (hi - lo);
            double b = lo + g * (hi - lo);
            if (dalyEfficiency(a, checkpointSeconds, restartSeconds, mtbfSeconds)
                    > dalyEfficiency(b, checkpointSeconds, restartSeconds, mtbfSeconds)) {
                hi = b;
            } else {
                lo = a;
            }
        }
        return (lo + hi) / 2;
    }
}
