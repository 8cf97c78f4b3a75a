package org.scalelab.sweeps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The same sweep on a real standalone Spark cluster (Master + Worker on 127.0.0.1, started from
 * this module's own Spark jars) and on local[*] gives the same numbers, also when the Worker's
 * executor is killed mid-run and Spark retries the lost tasks on a new one.
 */
class StandaloneClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<SweepPoint> points() throws Exception {
        Grid grid = new Grid(List.of(
                Axis.parse("mtbf_hours", JSON.readTree("[1, 2, 4, 8]")),
                Axis.parse("checkpoint_seconds", JSON.readTree("[60, 120, 240, 480]"))), List.of());
        ObjectNode base = (ObjectNode) JSON.readTree("{\"hours\": 2000, \"interval_seconds\": 1800, \"restart_seconds\": 300}");
        long[] seeds = PointSeeds.of(2024, grid.size());
        List<SweepPoint> out = new ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            out.add(new SweepPoint(i, seeds[i], JSON.writeValueAsString(grid.apply(base, i))));
        }
        return out;
    }

    @Test
    void aStandaloneClusterGivesTheLocalResultAlsoAfterLosingItsExecutor() throws Exception {
        List<SweepPoint> points = points();
        AbstractJobModel model = new AbstractJobModel(200);
        Path target = Path.of(System.getProperty("scalelab.sweeps.jar")).getParent();
        List<String> flags = Arrays.asList(System.getProperty("scalelab.spark.jvm.flags").trim().split("\\s+"));

        List<SparkSweep.Result> local;
        SparkSession localSpark = SparkSessions.start("local[*]", List.of());
        try {
            local = SparkSweep.run(localSpark, points, model, 4, (d, t) -> { });
        } finally {
            localSpark.stop();
        }

        try (StandaloneCluster cluster = StandaloneCluster.start(Path.of(System.getProperty("scalelab.sweeps.lib")),
                target.resolve("it-cluster"), flags, 2)) {
            SparkSession spark = SparkSessions.start(cluster.masterUrl(), List.of(
                    Path.of(System.getProperty("scalelab.sweeps.jar")), Path.of(System.getProperty("scalelab.sweeps.tests.jar"))));
            try {
                List<SparkSweep.Result> remote = SparkSweep.run(spark, points, model, 3, (d, t) -> { });
                assertSame(local, remote);

                // Second run: kill the executor once the first task has finished; Spark must rerun the lost
                // tasks on the executor the Worker starts next, with the same numbers.
                AtomicLong finished = new AtomicLong();
                CompletableFuture<List<SparkSweep.Result>> run = CompletableFuture.supplyAsync(
                        () -> SparkSweep.run(spark, points, model, 16, (d, t) -> finished.set(d)));
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                while (finished.get() == 0 && !run.isDone() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                List<ProcessHandle> executors = cluster.executors();
                assertFalse(run.isDone(), "the run ended before an executor could be killed; make the points heavier");
                assertEquals(1, executors.size(), "one executor: " + cluster.log("worker"));
                executors.forEach(ProcessHandle::destroyForcibly);
                List<SparkSweep.Result> retried = run.get(5, TimeUnit.MINUTES);
                assertTrue(finished.get() >= 16, "every task finished in the end");
                assertTrue(cluster.executors().stream().noneMatch(executors::contains), "a new executor ran the lost tasks");
                assertSame(local, retried);
            } finally {
                spark.stop();
            }
        }
    }

    private static void assertSame(List<SparkSweep.Result> expected, List<SparkSweep.Result> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).index(), actual.get(i).index());
            assertArrayEquals(expected.get(i).values(), actual.get(i).values(), 0.0, "point " + i);
        }
    }
}
