package org.scalelab.kernels.cpu;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;

/**
 * The native reference: SGEMM of the system BLAS (OpenBLAS from Debian's {@code libopenblas0},
 * found as {@code libblas.so.3}) through dev.ludovic.netlib's JNI binding. When the native
 * library does not load, {@link #available()} is false and {@link #problem()} says why; the
 * native row is then skipped, never replaced by a Java fallback.
 */
public final class NativeBlas {
    private static final Holder HOLDER = Holder.load();

    private NativeBlas() {}

    private record Holder(BLAS blas, String problem) {
        static Holder load() {
            java.util.logging.Logger log = java.util.logging.Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder");
            java.util.logging.Level old = log.getLevel();
            log.setLevel(java.util.logging.Level.OFF); // its warnings would go to stderr; we report instead
            try {
                return new Holder(NativeBLAS.getInstance(), null);
            } catch (Throwable e) {
                return new Holder(null, "native BLAS not loaded (" + e.getMessage()
                        + "); install libopenblas0 (Debian) so that libblas.so.3 resolves to OpenBLAS");
            } finally {
                log.setLevel(old);
            }
        }
    }

    public static boolean available() {
        return HOLDER.blas != null;
    }

    /** Why the native BLAS is missing, or null. */
    public static String problem() {
        return HOLDER.problem;
    }

    /** Which library answered, for the {@code device_name} column. */
    public static String description() {
        return "OpenBLAS (system libblas.so.3) via dev.ludovic.netlib JNI";
    }

    /**
     * {@code c = a b} for row-major {@code n x n} floats. BLAS is column-major, so this computes
     * {@code C^T = B^T A^T}, i.e. passes B first.
     */
    public static void multiply(float[] a, float[] b, float[] c, int n) {
        if (HOLDER.blas == null) {
            throw new IllegalStateException(HOLDER.problem);
        }
        HOLDER.blas.sgemm("N", "N", n, n, n, 1f, b, n, a, n, 0f, c, n);
    }
}
