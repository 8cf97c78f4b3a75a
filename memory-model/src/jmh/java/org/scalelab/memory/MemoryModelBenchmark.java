package org.scalelab.memory;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.scalelab.common.GpuSpec;

/**
 * How long one estimate and the solvers take (no speed target is set; this shows that a
 * charted sweep of thousands of estimates is interactive).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MemoryModelBenchmark {
    @Param({"llama2-70b", "llama3-405b"})
    public String model;

    private TrainingSetup setup;
    private long gpuBytes;

    @Setup
    public void prepare() {
        setup = TrainingSetup.builder().shape(TransformerShape.byName(model)).bytesPerParam(BytesPerParam.megatron())
                .stage(ZeroStage.STAGE_1).dp(8).tp(8).pp(8).seqLength(4096).recompute(Recompute.SELECTIVE)
                .sequenceParallel(true).build();
        gpuBytes = GpuSpec.h100Sxm().memoryBytes();
    }

    @Benchmark
    public MemoryBreakdown estimate() {
        return MemoryModel.estimate(setup);
    }

    @Benchmark
    public long maxMicroBatch() {
        return MemorySolver.maxMicroBatch(setup, gpuBytes).orElse(0);
    }

    @Benchmark
    public long maxParams() {
        return MemorySolver.maxParams(setup, gpuBytes).orElse(0);
    }
}
// How to run:
//   ./mvnw -B -q -Pbenchmarks -pl memory-model -am verify \
//       -Djmh.args="MemoryModelBenchmark -f 1 -wi 2 -i 3 -rf json -rff /tmp/memory-jmh.json"
