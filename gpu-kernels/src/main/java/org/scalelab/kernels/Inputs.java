package org.scalelab.kernels;

import java.util.SplittableRandom;

/**
 * The input matrices of a run: A and B uniform in [-1, 1), drawn from one seed, one split stream
 * per matrix, so every kernel and device multiplies the same numbers.
 *
 * @param n side
 * @param a row-major n x n
 * @param b row-major n x n
 */
public record Inputs(int n, float[] a, float[] b) {

    /** Draws A and B for side {@code n} from {@code seed}. */
    public static Inputs random(int n, long seed) {
        SplittableRandom master = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * n));
        return new Inputs(n, uniform(master.split(), n * n), uniform(master.split(), n * n));
    }

    private static float[] uniform(SplittableRandom rng, int count) {
        float[] m = new float[count];
        for (int i = 0; i < count; i++) {
            // k / 2^24 for k in [-2^24, 2^24): exact in float, so the range stays [-1, 1) after rounding
            m[i] = (rng.nextInt(1 << 25) - (1 << 24)) * 0x1p-24f;
        }
        return m;
    }
}
