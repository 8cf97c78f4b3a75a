package org.scalelab.scaling;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.scalelab.common.ProgressListener;
import org.scalelab.scaling.data.RunCsv;
import org.scalelab.scaling.fit.Bootstrap;
import org.scalelab.scaling.fit.ParametricFit;
import org.scalelab.scaling.fit.ParametricFitResult;
import org.scalelab.scaling.fit.RunData;
import org.scalelab.scaling.fit.internal.HuberLseObjective;

/**
 * The Approach-3 fit on Epoch's 240 points (4500 L-BFGS starts; target < 2 s) and its bootstrap,
 * on all available cores, plus one objective-and-gradient evaluation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ParametricFitBenchmark {
    @Param({"100"})
    int replicates;

    RunData data;
    ParametricFitResult fit;
    HuberLseObjective objective;
    double[] x;
    double[] grad;
    int threads;

    @Setup
    public void setup() {
        data = RunCsv.Dataset.EPOCH_CHINCHILLA.read().excludeTopLoss(5);
        threads = Runtime.getRuntime().availableProcessors();
        fit = ParametricFit.fit(data);
        objective = ParametricFit.objective(data, ParametricFit.DEFAULT_DELTA);
        x = new double[] {Math.log(fit.a()), Math.log(fit.b()), Math.log(fit.e()), fit.alpha(), fit.beta()};
        grad = new double[HuberLseObjective.DIM];
    }

    /** The whole Approach-3 fit: 4500 starts, 240 points. */
    @Benchmark
    public ParametricFitResult fit4500Starts() {
        return ParametricFit.fit(data, ParametricFit.hoffmannGrid(), ParametricFit.DEFAULT_DELTA, threads, ProgressListener.NONE);
    }

    /** The bootstrap of the fit ({@code replicates} resamples, each refitted from the optimum). */
    @Benchmark
    public Bootstrap.Samples bootstrap() {
        return Bootstrap.parametric(data, fit, replicates, 42L, 5.76e23, threads, ProgressListener.NONE);
    }

    /** One value-and-gradient pass over the 240 points (microseconds scale). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double objectiveAndGradient() {
        return objective.valueAndGradient(x, grad);
    }
}
// How to run (from the repository root):
//   ./mvnw -B -q -Pbenchmarks -pl scaling-laws -am verify \
//       -Djmh.args="ParametricFitBenchmark -f 1 -wi 2 -i 3 -rf json -rff /tmp/scaling-jmh.json"
