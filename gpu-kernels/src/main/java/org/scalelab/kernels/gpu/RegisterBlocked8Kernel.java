package org.scalelab.kernels.gpu;

import com.aparapi.Kernel;

/**
 * {@link RegisterBlockedKernel} with 8 x 8 outputs per work-item (64 private accumulators, 8
 * values of A and 8 of B per k for 64 FMAs): more work per thread, as in Nugteren 2014, kernel 6
 * (8 x 8 per thread was his best on Kepler). C tile {@code 8 wgY x 8 wgX}. Generated from the
 * same template as the 4 x 4 kernel because Aparapi has no unroll pragma and private arrays
 * indexed in loops may not stay in registers.
 */
final class RegisterBlocked8Kernel extends Kernel {
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

    RegisterBlocked8Kernel(float[] a, float[] b, float[] c, int n, Tuning t) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.n = n;
        this.wgX = t.wgX();
        this.wgY = t.wgY();
        this.tk = t.tileK();
        this.pitchA = 8 * wgY + t.padding();
        this.pitchB = 8 * wgX + t.padding();
        this.as = new float[tk * pitchA];
        this.bs = new float[tk * pitchB];
    }

    @Override
    public void run() {
        int tx = getLocalId(0);
        int ty = getLocalId(1);
        int tileM = 8 * wgY;
        int tileN = 8 * wgX;
        int row0 = getGroupId(1) * tileM;
        int col0 = getGroupId(0) * tileN;
        int lid = ty * wgX + tx;
        int threads = wgX * wgY;
        float c00 = 0f, c01 = 0f, c02 = 0f, c03 = 0f, c04 = 0f, c05 = 0f, c06 = 0f, c07 = 0f;
        float c10 = 0f, c11 = 0f, c12 = 0f, c13 = 0f, c14 = 0f, c15 = 0f, c16 = 0f, c17 = 0f;
        float c20 = 0f, c21 = 0f, c22 = 0f, c23 = 0f, c24 = 0f, c25 = 0f, c26 = 0f, c27 = 0f;
        float c30 = 0f, c31 = 0f, c32 = 0f, c33 = 0f, c34 = 0f, c35 = 0f, c36 = 0f, c37 = 0f;
        float c40 = 0f, c41 = 0f, c42 = 0f, c43 = 0f, c44 = 0f, c45 = 0f, c46 = 0f, c47 = 0f;
        float c50 = 0f, c51 = 0f, c52 = 0f, c53 = 0f, c54 = 0f, c55 = 0f, c56 = 0f, c57 = 0f;
        float c60 = 0f, c61 = 0f, c62 = 0f, c63 = 0f, c64 = 0f, c65 = 0f, c66 = 0f, c67 = 0f;
        float c70 = 0f, c71 = 0f, c72 = 0f, c73 = 0f, c74 = 0f, c75 = 0f, c76 = 0f, c77 = 0f;
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
                float a1 = as[ao + 1 * wgY];
                float a2 = as[ao + 2 * wgY];
                float a3 = as[ao + 3 * wgY];
                float a4 = as[ao + 4 * wgY];
                float a5 = as[ao + 5 * wgY];
                float a6 = as[ao + 6 * wgY];
                float a7 = as[ao + 7 * wgY];
                int bo = kk * pitchB + tx;
                float b0 = bs[bo];
                float b1 = bs[bo + 1 * wgX];
                float b2 = bs[bo + 2 * wgX];
                float b3 = bs[bo + 3 * wgX];
                float b4 = bs[bo + 4 * wgX];
                float b5 = bs[bo + 5 * wgX];
                float b6 = bs[bo + 6 * wgX];
                float b7 = bs[bo + 7 * wgX];
                c00 = fma(a0, b0, c00); c01 = fma(a0, b1, c01); c02 = fma(a0, b2, c02); c03 = fma(a0, b3, c03); c04 = fma(a0, b4, c04); c05 = fma(a0, b5, c05); c06 = fma(a0, b6, c06); c07 = fma(a0, b7, c07);
                c10 = fma(a1, b0, c10); c11 = fma(a1, b1, c11); c12 = fma(a1, b2, c12); c13 = fma(a1, b3, c13); c14 = fma(a1, b4, c14); c15 = fma(a1, b5, c15); c16 = fma(a1, b6, c16); c17 = fma(a1, b7, c17);
                c20 = fma(a2, b0, c20); c21 = fma(a2, b1, c21); c22 = fma(a2, b2, c22); c23 = fma(a2, b3, c23); c24 = fma(a2, b4, c24); c25 = fma(a2, b5, c25); c26 = fma(a2, b6, c26); c27 = fma(a2, b7, c27);
                c30 = fma(a3, b0, c30); c31 = fma(a3, b1, c31); c32 = fma(a3, b2, c32); c33 = fma(a3, b3, c33); c34 = fma(a3, b4, c34); c35 = fma(a3, b5, c35); c36 = fma(a3, b6, c36); c37 = fma(a3, b7, c37);
                c40 = fma(a4, b0, c40); c41 = fma(a4, b1, c41); c42 = fma(a4, b2, c42); c43 = fma(a4, b3, c43); c44 = fma(a4, b4, c44); c45 = fma(a4, b5, c45); c46 = fma(a4, b6, c46); c47 = fma(a4, b7, c47);
                c50 = fma(a5, b0, c50); c51 = fma(a5, b1, c51); c52 = fma(a5, b2, c52); c53 = fma(a5, b3, c53); c54 = fma(a5, b4, c54); c55 = fma(a5, b5, c55); c56 = fma(a5, b6, c56); c57 = fma(a5, b7, c57);
                c60 = fma(a6, b0, c60); c61 = fma(a6, b1, c61); c62 = fma(a6, b2, c62); c63 = fma(a6, b3, c63); c64 = fma(a6, b4, c64); c65 = fma(a6, b5, c65); c66 = fma(a6, b6, c66); c67 = fma(a6, b7, c67);
                c70 = fma(a7, b0, c70); c71 = fma(a7, b1, c71); c72 = fma(a7, b2, c72); c73 = fma(a7, b3, c73); c74 = fma(a7, b4, c74); c75 = fma(a7, b5, c75); c76 = fma(a7, b6, c76); c77 = fma(a7, b7, c77);
            }
            localBarrier();
        }
        int r0 = row0 + ty;
        int q0 = col0 + tx;
        store(r0 + 0 * wgY, q0, c00, c01, c02, c03, c04, c05, c06, c07);
        store(r0 + 1 * wgY, q0, c10, c11, c12, c13, c14, c15, c16, c17);
        store(r0 + 2 * wgY, q0, c20, c21, c22, c23, c24, c25, c26, c27);
        store(r0 + 3 * wgY, q0, c30, c31, c32, c33, c34, c35, c36, c37);
        store(r0 + 4 * wgY, q0, c40, c41, c42, c43, c44, c45, c46, c47);
        store(r0 + 5 * wgY, q0, c50, c51, c52, c53, c54, c55, c56, c57);
        store(r0 + 6 * wgY, q0, c60, c61, c62, c63, c64, c65, c66, c67);
        store(r0 + 7 * wgY, q0, c70, c71, c72, c73, c74, c75, c76, c77);
    }

    private void store(int row, int col, float v0, float v1, float v2, float v3, float v4, float v5, float v6, float v7) {
        if (row < n) {
            if (col + 0 * wgX < n) {
                c[row * n + col + 0 * wgX] = v0;
            }
            if (col + 1 * wgX < n) {
                c[row * n + col + 1 * wgX] = v1;
            }
            if (col + 2 * wgX < n) {
                c[row * n + col + 2 * wgX] = v2;
            }
            if (col + 3 * wgX < n) {
                c[row * n + col + 3 * wgX] = v3;
            }
            if (col + 4 * wgX < n) {
                c[row * n + col + 4 * wgX] = v4;
            }
            if (col + 5 * wgX < n) {
                c[row * n + col + 5 * wgX] = v5;
            }
            if (col + 6 * wgX < n) {
                c[row * n + col + 6 * wgX] = v6;
            }
            if (col + 7 * wgX < n) {
                c[row * n + col + 7 * wgX] = v7;
            }
        }
    }
}
