package org.scalelab.kernels.bench;

import java.util.List;
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
import org.scalelab.kernels.DeviceKind;
import org.scalelab.kernels.run.Devices;
import org.scalelab.kernels.Inputs;
import org.scalelab.kernels.SgemmKernel;
import org.scalelab.kernels.Target;
import org.scalelab.kernels.gpu.AparapiSgemm;
import org.scalelab.kernels.gpu.TuningCache;
import org.scalelab.kernels.gpu.Tunings;

/**
 * Time per SGEMM of the Aparapi kernels on the first OpenCL device of the requested kind,
 * including the host-device copies (one {@code multiply()} = put A, B; execute; get C). Every
 * invocation fails if Aparapi ran it anywhere but there. Uses the cached autotuned tuning when
 * there is one ({@code ~/.scalelab/kernels-tuning.json}), else the default.
 *
 * <p>How to run (PoCL here; {@code -p device=opencl-gpu} on a GPU machine):
 * <pre>
 * ./mvnw -B -q -Pbenchmarks -pl gpu-kernels -am verify \
 *   -Djmh.args="OpenClSgemmBenchmark -p device=opencl-cpu -p n=512 -f 1 -wi 2 -i 3 -rf json -rff /tmp/jmh-opencl.json"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class OpenClSgemmBenchmark {
    @Param({"opencl-cpu"})
    public String device;

    @Param({"512"})
    public int n;

    @Param({"brook-stream", "multipass", "tiled", "register-blocked"})
    public String kernel;

    private AparapiSgemm sgemm;
    private Inputs in;
    private float[] last;

    @Setup(Level.Trial)
    public void setUp() {
        DeviceKind kind = DeviceKind.byName("device", device);
        Devices devices = Devices.discover();
        List<Target> targets = devices.ofKinds(List.of(kind));
        if (targets.isEmpty()) {
            throw new IllegalStateException("no " + device + " device: " + devices.openClProblem());
        }
        Target t = targets.get(0);
        TuningCache.Entry cached = new TuningCache(TuningCache.defaultFile()).get(t.key());
        in = Inputs.random(n, 42);
        sgemm = new AparapiSgemm(SgemmKernel.byName("kernel", kernel), t, in.a(), in.b(), n,
                cached != null ? cached.tuning() : Tunings.defaultFor(t));
    }

    @TearDown(Level.Trial)
    public void check() {
        double err = Accuracy.maxRelError(in.a(), in.b(), last, n, Accuracy.sampleRows(n));
        sgemm.close();
        if (!(err < Accuracy.bound(n))) {
            throw new IllegalStateException(kernel + ": max_rel_error " + err + " exceeds " + Accuracy.bound(n));
        }
    }

    @Benchmark
    public float[] multiply() {
        last = sgemm.multiply();
        return last;
    }
}
