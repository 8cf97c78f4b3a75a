package org.scalelab.kernels.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * The scalar Java kernels, row-major {@code n x n} floats, {@code c = a b}. Each is the classic
 * step of the cache-optimisation ladder (Lam, Rothberg and Wolf, "The cache performance and
 * optimizations of blocked algorithms", ASPLOS 1991; Goto and van de Geijn 2008).
 */
public final class JavaKernels {
    /** Side of a cache block, floats: 3 blocks of 64 x 64 floats = 48 KiB sit in L2. */
    public static final int BLOCK = 64;
    /** Rows per ForkJoin leaf of {@link #blockedParallel}. */
    static final int ROWS_PER_TASK = 64;

    private JavaKernels() {}

    /** Textbook ijk: inner product over k, B read down a column (one cache line per element). */
    public static void naiveIjk(float[] a, float[] b, float[] c, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0f;
                for (int k = 0; k < n; k++) {
                    acc += a[i * n + k] * b[k * n + j];
                }
                c[i * n + j] = acc;
            }
        }
    }

    /** ikj: broadcast a[i][k], stream rows of B and C (unit stride, auto-vectorisable). */
    public static void ikj(float[] a, float[] b, float[] c, int n) {
        java.util.Arrays.fill(c, 0, n * n, 0f);
        ikjRows(a, b, c, n, 0, n, 0, n, 0, n);
    }

    /** ikj inside {@link #BLOCK}-sized blocks of i, k and j. */
    public static void blocked(float[] a, float[] b, float[] c, int n) {
        java.util.Arrays.fill(c, 0, n * n, 0f);
        blockedRows(a, b, c, n, 0, n);
    }

    /** {@link #blocked} with row blocks as ForkJoin tasks on {@code pool}. */
    public static void blockedParallel(float[] a, float[] b, float[] c, int n, ForkJoinPool pool) {
        java.util.Arrays.fill(c, 0, n * n, 0f);
        pool.invoke(new Rows(a, b, c, n, 0, n));
    }

    private static void blockedRows(float[] a, float[] b, float[] c, int n, int i0, int i1) {
        for (int ii = i0; ii < i1; ii += BLOCK) {
            int iEnd = Math.min(ii + BLOCK, i1);
            for (int kk = 0; kk < n; kk += BLOCK) {
                int kEnd = Math.min(kk + BLOCK, n);
                for (int jj = 0; jj < n; jj += BLOCK) {
                    ikjRows(a, b, c, n, ii, iEnd, kk, kEnd, jj, Math.min(jj + BLOCK, n));
                }
            }
        }
    }

    private static void ikjRows(float[] a, float[] b, float[] c, int n,
                                int i0, int i1, int k0, int k1, int j0, int j1) {
        for (int i = i0; i < i1; i++) {
            int ci = i * n;
            for (int k = k0; k < k1; k++) {
                float aik = a[ci + k];
                int bk = k * n;
                for (int j = j0; j < j1; j++) {
                    c[ci + j] += aik * b[bk + j];
                }
            }
        }
    }

    /** Splits rows in halves down to {@link #ROWS_PER_TASK}. */
    private static final class Rows extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient float[] a;
        private final transient float[] b;
        private final transient float[] c;
        private final int n;
        private final int i0;
        private final int i1;

        Rows(float[] a, float[] b, float[] c, int n, int i0, int i1) {
            this.a = a;
            this.b = b;
            this.c = c;
            this.n = n;
            this.i0 = i0;
            this.i1 = i1;
        }

        @Override
        protected void compute() {
            if (i1 - i0 <= ROWS_PER_TASK) {
                blockedRows(a, b, c, n, i0, i1);
            } else {
                int mid = i0 + (i1 - i0) / 2 / BLOCK * BLOCK;
                if (mid == i0) {
                    mid = i0 + (i1 - i0) / 2;
                }
                invokeAll(new Rows(a, b, c, n, i0, mid), new Rows(a, b, c, n, mid, i1));
            }
        }
    }
}
