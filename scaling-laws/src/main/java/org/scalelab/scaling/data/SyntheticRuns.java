package org.scalelab.scaling.data;

import java.util.Locale;
import java.util.SplittableRandom;
import org.scalelab.scaling.Chinchilla;
import org.scalelab.scaling.ChinchillaConstants;

/**
 * Seeded synthetic training runs drawn from a known law, so that each fitting approach can be
 * tested against the truth. Loss = L(N, D)·exp(σ·z) with L the Chinchilla law with the TeX
 * constants (Hoffmann et al. 2022 via Besiroglu et al. 2024) and z standard normal (Box–Muller
 * from {@link SplittableRandom#nextDouble()}, so the files do not depend on the JDK's Gaussian).
 * The shipped CSVs under {@code datasets/synthetic/} are {@link #curvesCsv} and {@link #isoFlopCsv}
 * of {@link #SEED}; a test regenerates them and compares.
 */
public final class SyntheticRuns {
    private SyntheticRuns() {}

    /** The seed of the shipped files. */
    public static final long SEED = 20240417L;
    /** The law the data follow. */
    public static final ChinchillaConstants TRUTH = ChinchillaConstants.chinchillaTex();
    /** Relative noise on loss for training-curve checkpoints and IsoFLOP runs. */
    public static final double CURVE_SIGMA = 0.002;
    public static final double ISOFLOP_SIGMA = 0.005;

    /** The IsoFLOP budgets, FLOPs: Chinchilla's range 6e18 to 3e21 (§3.2). */
    public static final double[] BUDGETS_FLOPS = {6e18, 1e19, 3e19, 6e19, 1e20, 3e20, 6e20, 1e21, 3e21};

    /**
     * Training curves: 16 model sizes log-spaced from 4e7 to 1.6e10 parameters, each with 40
     * checkpoints log-spaced from 2e8 tokens to 400 tokens per parameter. Columns: run, params, tokens, flops, loss.
     */
    public static String curvesCsv(long seed) {
        SplittableRandom rng = new SplittableRandom(seed).split();
        StringBuilder sb = new StringBuilder("run,params,tokens,flops,loss\n");
        int sizes = 16;
        int checkpoints = 40;
        for (int s = 0; s < sizes; s++) {
            double n = round3(4e7 * StrictMath.pow(1.6e10 / 4e7, s / (double) (sizes - 1)));
            double dLo = 2e8;
            double dHi = 400 * n;
            for (int k = 0; k < checkpoints; k++) {
                double d = round3(dLo * StrictMath.pow(dHi / dLo, k / (double) (checkpoints - 1)));
                double loss = Chinchilla.loss(TRUTH, n, d) * StrictMath.exp(CURVE_SIGMA * gaussian(rng));
                row(sb, "n" + s, n, d, loss);
            }
        }
        return sb.toString();
    }

    /**
     * IsoFLOP groups: for each budget, 9 model sizes log-spaced over a factor 16 around the true
     * optimum, trained on D = C/(6N). Columns: budget, params, tokens, flops, loss.
     */
    public static String isoFlopCsv(long seed) {
        SplittableRandom master = new SplittableRandom(seed);
        master.split(); // the curves' stream
        SplittableRandom rng = master.split();
        StringBuilder sb = new StringBuilder("budget,params,tokens,flops,loss\n");
        for (double c : BUDGETS_FLOPS) {
            double nOpt = Chinchilla.optimalParams(TRUTH, c);
            for (int k = 0; k < 9; k++) {
                double n = round3(nOpt * StrictMath.pow(16, (k - 4) / 8.0));
                double d = c / (6 * n);
                double loss = Chinchilla.loss(TRUTH, n, d) * StrictMath.exp(ISOFLOP_SIGMA * gaussian(rng));
                sb.append(fmt(c)).append(',');
                row(sb, null, n, d, loss);
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String run, double n, double d, double loss) {
        if (run != null) {
            sb.append(run).append(',');
        }
        sb.append(fmt(n)).append(',').append(fmt(d)).append(',').append(fmt(6 * n * d)).append(',')
                .append(String.format(Locale.ROOT, "%.6f", loss)).append('\n');
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6e", v);
    }

    private static double round3(double v) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.3e", v));
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble(); // (0, 1]
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
    }
}
