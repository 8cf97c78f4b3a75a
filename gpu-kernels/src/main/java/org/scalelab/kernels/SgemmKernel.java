package org.scalelab.kernels;

import java.util.Arrays;
import java.util.List;
import org.scalelab.common.Check;
import org.scalelab.common.Keyed;

/**
 * The matrix-multiply kernels, chosen by name ({@link #byName}). Each runs on one family of
 * devices: the Aparapi kernels on OpenCL devices and Aparapi's Java thread pool, the Java
 * kernels on the JVM, the native reference through OpenBLAS.
 */
public enum SgemmKernel implements Keyed {
    /** One work-item per output, dot product from global memory (Brook's stream model). */
    BROOK_STREAM("brook-stream", Family.APARAPI, true),
    /** Accumulation over passes, one launch per pass (Larsen and McAllister 2001; Fatahalian et al. 2004). */
    MULTIPASS("multipass", Family.APARAPI, true),
    /** Local-memory tiles with barriers. */
    TILED("tiled", Family.APARAPI, false),
    /** Local-memory tiles plus 4 x 4 register blocks per work-item. */
    REGISTER_BLOCKED("register-blocked", Family.APARAPI, false),
    /** Textbook triple loop, inner product over k (B walked by column). */
    NAIVE_IJK("naive-ijk", Family.JAVA, true),
    /** Loop order i, k, j: rows of B and C stream through the cache. */
    IKJ("ikj", Family.JAVA, false),
    /** ikj inside cache blocks. */
    BLOCKED("blocked", Family.JAVA, false),
    /** Cache blocks over row blocks in a ForkJoin pool. */
    BLOCKED_PARALLEL("blocked-parallel", Family.JAVA, false),
    /** Vector API: packed panels, register-blocked FMA micro-kernel, ForkJoin over row blocks. */
    VECTOR_API("vector-api", Family.JAVA, false),
    /** OpenBLAS SGEMM through dev.ludovic.netlib's JNI binding: the native reference. */
    NATIVE_BLAS("native-blas", Family.NATIVE, false);

    /** Where a kernel can run. */
    public enum Family { APARAPI, JAVA, NATIVE }

    private final String key;
    private final Family family;
    private final boolean naive;

    SgemmKernel(String key, Family family, boolean naive) {
        this.key = key;
        this.family = family;
        this.naive = naive;
    }

    /** The name on the command line and in JSON, e.g. {@code register-blocked}. */
    public String key() {
        return key;
    }

    public Family family() {
        return family;
    }

    /** Whether the kernel has no data reuse (so large sizes take long on a CPU). */
    public boolean naive() {
        return naive;
    }

    /** All names, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(SgemmKernel::key).toList();
    }

    /**
     * The kernel called {@code name}.
     *
     * @throws org.scalelab.common.InvalidParameterException naming {@code field} and listing
     *     the valid names when there is none
     */
    public static SgemmKernel byName(String field, String name) {
        Check.oneOf(field, name, names());
        return Arrays.stream(values()).filter(k -> k.key.equals(name)).findFirst().orElseThrow();
    }

    @Override
    public String toString() {
        return key;
    }
}
