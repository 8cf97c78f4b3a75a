package org.scalelab.sweeps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
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
import org.scalelab.common.ProgressListener;
import org.scalelab.sweeps.kinds.ClusterSweepKind;

/**
 * One sweep of 1,000 points x 100 replications of a kind: cluster file (Daly's abstract job, 10
 * days, MTBF 2-21 h x checkpoint 30-300 s), run three ways: a plain loop over the points in this
 * thread ("loop"), and through Spark on local[1] and local[2]. Throughput is points x replications
 * over the time of one sweep; Spark's overhead is local[1] against the loop (same single core).
 * Each point runs the same {@link PointModel} in all three.
 *
 * <p>How to run (about 10 minutes on 2 cores; results in sweep-bench.json):
 * <pre>sweeps/scripts/run-benchmark.sh -wi 3 -i 8</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
// Spark's Java 17 flags (spark.jvm.flags in the parent POM): the forked JVM runs a Spark driver
@Fork(value = 1, jvmArgsAppend = {
        "-XX:+IgnoreUnrecognizedVMOptions",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.net=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
        "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
        "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
        "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
        "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
        "-Djdk.reflect.useDirectMethodHandle=false",
        "-Dio.netty.tryReflectionSetAccessible=true"})
public class SweepBenchmark {
    @Param({"loop", "local[1]", "local[2]"})
    public String runner;

    @Param({"100"})
    public int replications;

    private SweepPlan plan;
    private PointModel model;
    private SparkSession spark;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode base = (ObjectNode) json.readTree(
                "{\"days\": 10, \"what_if\": {\"mtbf_hours\": 3, \"checkpoint_seconds\": 60, \"restart_seconds\": 600}}");
        Grid grid = new Grid(List.of(
                Axis.parse("what_if.mtbf_hours", json.readTree("{\"from\": 2, \"to\": 21.5, \"steps\": 40}")),
                Axis.parse("what_if.checkpoint_seconds", json.readTree("{\"from\": 30, \"to\": 300, \"steps\": 25}"))), List.of());
        plan = SweepPlan.of(new ClusterSweepKind(), base, grid, List.of("ettr"), replications, 42);
        model = plan.kind().model(plan.replications(), plan.metrics());
        if (!runner.equals("loop")) {
            spark = SparkSessions.start(runner, List.of());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Benchmark
    public double sweep() {
        double sum = 0;
        if (spark == null) {
            for (SweepPoint p : plan.points()) {
                sum += model.evaluate(p.json(), p.seed())[0];
            }
        } else {
            int partitions = 4 * spark.sparkContext().defaultParallelism();
            for (SparkSweep.Result r : SparkSweep.run(spark, plan.points(), model, partitions, ProgressListener.NONE)) {
                sum += r.values()[0];
            }
        }
        return sum;
    }
}
