package org.scalelab.kernels.bench;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.scalelab.kernels.Accuracy;
import org.scalelab.kernels.Inputs;
import org.scalelab.kernels.SgemmKernel;
import org.scalelab.kernels.cpu.HostSgemm;
import org.scalelab.kernels.cpu.NativeBlas;

/**
 * Time per {@code n x n} SGEMM of the Java kernels and the native OpenBLAS reference
 * (GFLOP/s = 2n^3 / score; {@code kind: kernels} files chart the JSON export via {@code jmh_files}).
 * The 50 %-of-OpenBLAS target (BENCHMARKS.md): vector-api >= 50 % of native-blas at n = 1024.
 *
 * <p>How to run (from the repository root):
 * <pre>
 * ./mvnw -B -q -Pbenchmarks -pl gpu-kernels -am verify \
 *   -Djmh.args="CpuSgemmBenchmark -p n=1024 -p kernel=vector-api,native-blas -f 1 -wi 3 -i 5 -rf json -rff /tmp/jmh-cpu.json"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class CpuSgemmBenchmark {
    @Param({"256", "1024"})
    public int n;

    @Param({"ikj", "blocked", "blocked-parallel", "vector-api", "native-blas"})
    public String kernel;

    private SgemmKernel k;
    private float[] a;
    private float[] b;
    private float[] c;
    private ForkJoinPool pool;

    @Setup(Level.Trial)
    public void setUp() {
        k = SgemmKernel.byName("kernel", kernel);
        if (k == SgemmKernel.NATIVE_BLAS && !NativeBlas.available()) {
            throw new IllegalStateException(NativeBlas.problem());
        }
        Inputs in = Inputs.random(n, 42);
        a = in.a();
        b = in.b();
        c = new float[n * n];
        pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    }

    @TearDown(Level.Trial)
    public void check() {
        double err = Accuracy.maxRelError(a, b, c, n, Accuracy.sampleRows(n));
        pool.shutdown();
        if (!(err < Accuracy.bound(n))) {
            throw new IllegalStateException(kernel + ": max_rel_error " + err + " exceeds " + Accuracy.bound(n));
        }
    }

    @Benchmark
    public float[] multiply() {
        HostSgemm.multiply(k, a, b, c, n, pool);
        return c;
    }
}
