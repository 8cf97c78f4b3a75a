package org.scalelab.kernels.gpu;

import com.aparapi.Kernel;

/**
 * The multipass formulation of the fragment-program era: the product is accumulated over
 * passes, one kernel launch per pass, each pass adding {@code depth} rank-1 updates into C as
 * a blend into the render target did (Larsen and McAllister, SC2001, outer-product
 * formulation; Fatahalian, Sugerman and Hanrahan, Graphics Hardware 2004, Section 3, multipass
 * algorithms). The host sets {@link #k0} before each launch; C must start at zero.
 */
final class MultipassKernel extends Kernel {
    final float[] a;
    final float[] b;
    final float[] c;
    final int n;
    final int depth;
    /** First k of the current pass (set by the host between launches). */
    int k0;

    MultipassKernel(float[] a, float[] b, float[] c, int n, int depth) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.n = n;
        this.depth = depth;
    }

    @Override
    public void run() {
        int col = getGlobalId(0);
        int row = getGlobalId(1);
        if (row < n && col < n) {
            float acc = c[row * n + col];
            int end = k0 + depth;
            if (end > n) {
                end = n;
            }
            for (int k = k0; k < end; k++) {
                acc = fma(a[row * n + k], b[k * n + col], acc);
            }
            c[row * n + col] = acc;
        }
    }
}
