package org.scalelab.kernels.gpu;

import com.aparapi.Kernel;

/**
 * Local-memory tiling plus 2D register blocking: each work-item keeps a 4 x 4 block of C in
 * private scalar accumulators (Aparapi cannot index private arrays cheaply or unroll, so the
 * block is written out), reading 4 values of A and 4 of B from local memory per k for 16 FMAs
 * (Nugteren 2014, kernel 6, "2D register blocking"; CLBlast Xgemm's MWI/NWI). Tunable: the
 * work-group shape {@code wgX x wgY} (C tile {@code 4 wgY x 4 wgX}), the k depth of a staged
 * tile and a padding of the local rows against bank conflicts (Nugteren 2014, kernel 5).
 * Work-item (tx, ty) owns rows {@code ty + i wgY} and columns {@code tx + j wgX}, i, j < 4,
 * so global stores coalesce and local reads hit consecutive banks.
 */
final class RegisterBlockedKernel extends Kernel {
    final float[] a;
    final float[] b;
    final float[] c;
    final int n;
    final int wgX;
    final int wgY;
    final int tk;
    final int pitchA;
    final int pitchB;
    @Local final float[] as;
    @Local final float[] bs;

    RegisterBlockedKernel(float[] a, float[] b, float[] c, int n, Tuning t) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.n = n;
        this.wgX = t.wgX();
        this.wgY = t.wgY();
        this.tk = t.tileK();
        this.pitchA = 4 * wgY + t.padding();
        this.pitchB = 4 * wgX + t.padding();
        this.as = new float[tk * pitchA];
        this.bs = new float[tk * pitchB];
    }

    @Override
    public void run() {
        int tx = getLocalId(0);
        int ty = getLocalId(1);
        int tileM = 4 * wgY;
        int tileN = 4 * wgX;
        int row0 = getGroupId(1) * tileM;
        int col0 = getGroupId(0) * tileN;
        int lid = ty * wgX + tx;
        int threads = wgX * wgY;
        float c00 = 0f, c01 = 0f, c02 = 0f, c03 = 0f;
        float c10 = 0f, c11 = 0f, c12 = 0f, c13 = 0f;
        float c20 = 0f, c21 = 0f, c22 = 0f, c23 = 0f;
        float c30 = 0f, c31 = 0f, c32 = 0f, c33 = 0f;
        for (int t = 0; t < n; t += tk) {
            for (int e = lid; e < tileM * tk; e += threads) {
                int kk = e % tk;
                int r = e / tk;
                float v = 0f;
                if (row0 + r < n && t + kk < n) {
                    v = a[(row0 + r) * n + t + kk];
                }
                as[kk * pitchA + r] = v;
            }
            for (int e = lid; e < tk * tileN; e += threads) {
                int cc = e % tileN;
                int kk = e / tileN;
                float v = 0f;
                if (t + kk < n && col0 + cc < n) {
                    v = b[(t + kk) * n + col0 + cc];
                }
                bs[kk * pitchB + cc] = v;
            }
            localBarrier();
            for (int kk = 0; kk < tk; kk++) {
                int ao = kk * pitchA + ty;
                float a0 = as[ao];
                float a1 = as[ao + wgY];
                float a2 = as[ao + 2 * wgY];
                float a3 = as[ao + 3 * wgY];
                int bo = kk * pitchB + tx;
                float b0 = bs[bo];
                float b1 = bs[bo + wgX];
                float b2 = bs[bo + 2 * wgX];
                float b3 = bs[bo + 3 * wgX];
                c00 = fma(a0, b0, c00); c01 = fma(a0, b1, c01); c02 = fma(a0, b2, c02); c03 = fma(a0, b3, c03);
                c10 = fma(a1, b0, c10); c11 = fma(a1, b1, c11); c12 = fma(a1, b2, c12); c13 = fma(a1, b3, c13);
                c20 = fma(a2, b0, c20); c21 = fma(a2, b1, c21); c22 = fma(a2, b2, c22); c23 = fma(a2, b3, c23);
                c30 = fma(a3, b0, c30); c31 = fma(a3, b1, c31); c32 = fma(a3, b2, c32); c33 = fma(a3, b3, c33);
            }
            localBarrier();
        }
        int r0 = row0 + ty;
        int q0 = col0 + tx;
        store(r0, q0, wgX, c00, c01, c02, c03);
        store(r0 + wgY, q0, wgX, c10, c11, c12, c13);
        store(r0 + 2 * wgY, q0, wgX, c20, c21, c22, c23);
        store(r0 + 3 * wgY, q0, wgX, c30, c31, c32, c33);
    }

    private void store(int row, int col, int step, float v0, float v1, float v2, float v3) {
        if (row < n) {
            if (col < n) {
                c[row * n + col] = v0;
            }
            if (col + step < n) {
                c[row * n + col + step] = v1;
            }
            if (col + 2 * step < n) {
                c[row * n + col + 2 * step] = v2;
            }
            if (col + 3 * step < n) {
                c[row * n + col + 3 * step] = v3;
            }
        }
    }
}
