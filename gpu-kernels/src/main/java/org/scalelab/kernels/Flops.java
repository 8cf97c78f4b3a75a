package org.scalelab.kernels;

import org.scalelab.common.Check;

/** Operation counts and rates of dense matrix multiply. */
public final class Flops {
    private Flops() {}

    /**
     * Floating-point operations of {@code C = A B} for {@code n x n} matrices: {@code n^3}
     * multiplies and {@code n^3} adds, {@code 2 n^3} flops (Golub and Van Loan, "Matrix
     * Computations", 4th ed., 2013, Section 1.1: an m x r times r x n product costs 2mnr flops;
     * the convention of BLAS benchmarks).
     *
     * @return flops (dimensionless count)
     */
    public static double sgemmFlops(int n) {
        Check.atLeastOne("n", n);
        return 2.0 * n * n * (double) n;
    }

    /**
     * GFLOP/s of one {@code n x n} multiply that took {@code seconds}:
     * {@code 2 n^3 / seconds / 1e9}.
     *
     * @param seconds wall time, seconds (> 0)
     * @return 10^9 flop per second
     */
    public static double gflops(int n, double seconds) {
        Check.positive("seconds", seconds);
        return sgemmFlops(n) / seconds / 1e9;
    }
}
