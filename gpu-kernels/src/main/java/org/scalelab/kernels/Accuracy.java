package org.scalelab.kernels;

import org.scalelab.common.Check;

/**
 * Checks a float product against a double-precision reference with the componentwise error
 * measure of rounding-error analysis.
 */
public final class Accuracy {
    /** Unit roundoff of IEEE single precision, {@code 2^-24} (Higham 2002, Table 2.1). */
    public static final double UNIT_ROUNDOFF_FLOAT = 0x1p-24;

    private Accuracy() {}

    /**
     * The bound a correct float kernel must stay under: {@code n 2^-23 = 2 n u}. Higham,
     * "Accuracy and Stability of Numerical Algorithms", 2nd ed., 2002, Eq. 3.13:
     * {@code |C - fl(AB)| <= gamma_n |A||B|} with {@code gamma_n = n u / (1 - n u)}; any summation
     * order (blocked, FMA, parallel) satisfies it, and {@code 2 n u >= gamma_n} while {@code n u <= 1/2}.
     *
     * @return the bound on {@link #maxRelError}, dimensionless
     */
    public static double bound(int n) {
        Check.atLeastOne("n", n);
        return n * 0x1p-23;
    }

    /**
     * Higham's {@code gamma_n = n u / (1 - n u)} for unit roundoff {@code u} (Higham 2002, Lemma 3.1).
     *
     * @return dimensionless
     */
    public static double gamma(int n, double u) {
        Check.atLeastOne("n", n);
        Check.positive("unit_roundoff", u);
        if (!(n * u < 1)) {
            throw new org.scalelab.common.InvalidParameterException("n", "must satisfy n u < 1", n);
        }
        return n * u / (1 - n * u);
    }

    /**
     * {@code max |C - C_ref| / (|A||B|)_ij} over the given rows (all rows if {@code rows} is
     * null), with {@code C_ref} and {@code |A||B|} computed in double.
     *
     * @return dimensionless relative error (0 for an exact product)
     */
    public static double maxRelError(float[] a, float[] b, float[] c, int n, int[] rows) {
        double worst = 0;
        double[] ref = new double[n];
        double[] mag = new double[n];
        int count = rows == null ? n : rows.length;
        for (int r = 0; r < count; r++) {
            int i = rows == null ? r : rows[r];
            java.util.Arrays.fill(ref, 0);
            java.util.Arrays.fill(mag, 0);
            for (int k = 0; k < n; k++) {
                double aik = a[i * n + k];
                double abs = Math.abs(aik);
                int bo = k * n;
                for (int j = 0; j < n; j++) {
                    double bkj = b[bo + j];
                    ref[j] += aik * bkj;
                    mag[j] += abs * Math.abs(bkj);
                }
            }
            for (int j = 0; j < n; j++) {
                double err = Math.abs(c[i * n + j] - ref[j]);
                double rel = mag[j] > 0 ? err / mag[j] : (err > 0 ? Double.POSITIVE_INFINITY : 0);
                if (!(rel <= worst)) {
                    worst = rel;
                }
            }
        }
        return worst;
    }

    /**
     * The rows checked at run time: all rows up to {@code n = 256}, else 64 rows spread evenly
     * (first and last included), so checking costs {@code O(64 n^2)} instead of {@code O(n^3)}.
     */
    public static int[] sampleRows(int n) {
        int count = Math.min(n, n <= 256 ? n : 64);
        int[] rows = new int[count];
        for (int r = 0; r < count; r++) {
            rows[r] = count == 1 ? 0 : (int) ((long) r * (n - 1) / (count - 1));
        }
        return rows;
    }
}
