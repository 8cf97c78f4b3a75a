package org.scalelab.kernels.cpu;

import java.util.concurrent.ForkJoinPool;
import org.scalelab.kernels.SgemmKernel;

/** Runs a host (Java or native) kernel by its registry entry: one switch for the runner and JMH. */
public final class HostSgemm {
    private HostSgemm() {}

    /**
     * {@code c = a b} for row-major {@code n x n} floats with kernel {@code k}.
     *
     * @throws IllegalArgumentException for an Aparapi kernel
     * @throws IllegalStateException    for {@code native-blas} when the native library is missing
     */
    public static void multiply(SgemmKernel k, float[] a, float[] b, float[] c, int n, ForkJoinPool pool) {
        switch (k) {
            case NAIVE_IJK -> JavaKernels.naiveIjk(a, b, c, n);
            case IKJ -> JavaKernels.ikj(a, b, c, n);
            case BLOCKED -> JavaKernels.blocked(a, b, c, n);
            case BLOCKED_PARALLEL -> JavaKernels.blockedParallel(a, b, c, n, pool);
            case VECTOR_API -> VectorGemm.multiply(a, b, c, n, pool);
            case NATIVE_BLAS -> NativeBlas.multiply(a, b, c, n);
            default -> throw new IllegalArgumentException(k.key() + " is not a host kernel");
        }
    }
}
