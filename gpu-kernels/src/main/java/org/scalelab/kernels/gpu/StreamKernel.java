package org.scalelab.kernels.gpu;

import com.aparapi.Kernel;

/**
 * The Brook-era stream kernel: one work-item per output element, each computing a dot product
 * straight from global memory, with no reuse between work-items. This is what a Brook
 * {@code kernel} mapped over an output stream expresses (Buck et al., "Brook for GPUs",
 * SIGGRAPH 2004, Section 3; note that Brook itself benchmarked SAXPY and SGEMV, not matrix
 * multiply). Row-major {@code n x n} floats; the global range may be rounded up, so every
 * work-item checks its bounds.
 */
final class StreamKernel extends Kernel {
    final float[] a;
    final float[] b;
    final float[] c;
    final int n;

    StreamKernel(float[] a, float[] b, float[] c, int n) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.n = n;
    }

    @Override
    public void run() {
        int col = getGlobalId(0);
        int row = getGlobalId(1);
        if (row < n && col < n) {
            float acc = 0f;
            for (int k = 0; k < n; k++) {
                acc = fma(a[row * n + k], b[k * n + col], acc);
            }
            c[row * n + col] = acc;
        }
    }
}
