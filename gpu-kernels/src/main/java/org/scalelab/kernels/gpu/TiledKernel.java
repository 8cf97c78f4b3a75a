package org.scalelab.kernels.gpu;

import com.aparapi.Kernel;

/**
 * Local-memory tiling: a {@code tile x tile} work-group stages one tile of A and one of B in
 * local memory, synchronises with {@code localBarrier()}, and each work-item accumulates its
 * output from the staged tiles, cutting global reads by a factor of {@code tile} (Nugteren,
 * "Tutorial: OpenCL SGEMM tuning for Kepler", 2014, kernel 2; Kirk and Hwu, "Programming
 * Massively Parallel Processors", Chapter 4 (later editions Chapter 5), tiled matrix multiply).
 * Out-of-range elements load as zero so any {@code n} works.
 */
final class TiledKernel extends Kernel {
    final float[] a;
    final float[] b;
    final float[] c;
    final int n;
    final int tile;
    @Local final float[] as;
    @Local final float[] bs;

    TiledKernel(float[] a, float[] b, float[] c, int n, int tile) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.n = n;
        this.tile = tile;
        this.as = new float[tile * tile];
        this.bs = new float[tile * tile];
    }

    @Override
    public void run() {
        int tx = getLocalId(0);
        int ty = getLocalId(1);
        int col = getGroupId(0) * tile + tx;
        int row = getGroupId(1) * tile + ty;
        float acc = 0f;
        for (int t = 0; t < n; t += tile) {
            float av = 0f;
            if (row < n && t + tx < n) {
                av = a[row * n + t + tx];
            }
            as[ty * tile + tx] = av;
            float bv = 0f;
            if (t + ty < n && col < n) {
                bv = b[(t + ty) * n + col];
            }
            bs[ty * tile + tx] = bv;
            localBarrier();
            for (int k = 0; k < tile; k++) {
                acc = fma(as[ty * tile + k], bs[k * tile + tx], acc);
            }
            localBarrier();
        }
        if (row < n && col < n) {
            c[row * n + col] = acc;
        }
    }
}
