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

    /**
     * Which library answered and which OpenBLAS kernel family ran, for the {@code device_name}
     * column: OpenBLAS runs AVX2 kernels at about half its AVX-512 speed, so a figure means little
     * without it.
     */
    public static String description() {
        return "OpenBLAS (system libblas.so.3) via dev.ludovic.netlib JNI, core type " + coreType();
    }

    /**
     * The OpenBLAS core type: the value of {@code OPENBLAS_CORETYPE} when the environment forces
     * one, else the kernel family OpenBLAS's run-time dispatch picks for this CPU's flags
     * ({@code /proc/cpuinfo}), marked "inferred".
     */
    public static String coreType() {
        String forced = System.getenv("OPENBLAS_CORETYPE");
        if (forced != null && !forced.isBlank()) {
            return forced.trim() + " (forced by OPENBLAS_CORETYPE)";
        }
        return coreTypeForFlags(cpuFlags()) + " (inferred from the CPU flags; OPENBLAS_CORETYPE unset)";
    }

    /**
     * The kernel family OpenBLAS's DYNAMIC_ARCH dispatch (driver/others/dynamic.c) chooses for a
     * CPU with these /proc/cpuinfo flags: AMX → SapphireRapids, AVX-512 BF16 → Cooperlake,
     * AVX-512F → SkylakeX, AVX2 → Haswell (Zen on AMD uses the same AVX2 kernels), else older.
     */
    static String coreTypeForFlags(java.util.Set<String> flags) {
        if (flags.isEmpty()) {
            return "unknown";
        }
        if (flags.contains("amx_tile")) {
            return "SapphireRapids (AMX, AVX-512)";
        }
        if (flags.contains("avx512_bf16")) {
            return "Cooperlake (AVX-512)";
        }
        if (flags.contains("avx512f")) {
            return "SkylakeX (AVX-512)";
        }
        if (flags.contains("avx2")) {
            return "Haswell (AVX2)";
        }
        return flags.contains("avx") ? "Sandybridge (AVX)" : "pre-AVX";
    }

    private static java.util.Set<String> cpuFlags() {
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> java.util.Set.copyOf(java.util.Arrays.asList(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))))
                    .orElse(java.util.Set.of());
        } catch (java.io.IOException | RuntimeException e) {
            return java.util.Set.of();
        }
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
