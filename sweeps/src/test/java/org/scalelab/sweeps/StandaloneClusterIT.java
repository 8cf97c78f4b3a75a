package org.scalelab.sweeps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.scalelab.reports.cli.ScaleLab;
import picocli.CommandLine;

/**
 * {@code scalelab sweep} on a real standalone Spark cluster (a Master and a Worker on 127.0.0.1,
 * started from this module's own Spark jars, the job shipped as target/scalelab-sweeps.jar) writes
 * the same points.csv, byte for byte, as on local[*]; also when the Worker's executor is killed
 * mid-run and Spark reruns the lost tasks on the executor the Worker starts next.
 */
class StandaloneClusterIT {
    private static String sweep(Path file, String master, Path out, String partitions) {
        StringWriter err = new StringWriter();
        CommandLine cl = ScaleLab.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int code = cl.execute("sweep", file.toString(), "--master", master, "--partitions", partitions, "--out", out.toString());
        assertEquals(0, code, err.toString());
        return err.toString();
    }

    @Test
    void aStandaloneClusterWritesTheLocalPointsAlsoAfterLosingItsExecutor() throws Exception {
        Path target = Path.of(System.getProperty(SparkSessions.JAR_PROPERTY)).getParent();
        Path work = Files.createDirectories(target.resolve("it-work"));
        Path file = work.resolve("it-sweep.yaml");
        Files.copy(StandaloneClusterIT.class.getResourceAsStream("/it-sweep.yaml"), file, StandardCopyOption.REPLACE_EXISTING);
        List<String> flags = Arrays.asList(System.getProperty("scalelab.spark.jvm.flags").trim().split("\\s+"));

        sweep(file, "local[*]", work.resolve("local"), "4");
        byte[] local = Files.readAllBytes(work.resolve("local/points.csv"));
        assertEquals(17, new String(local).lines().count());

        try (StandaloneCluster cluster = StandaloneCluster.start(Path.of(System.getProperty("scalelab.sweeps.lib")),
                target.resolve("it-cluster"), flags, 2)) {
            sweep(file, cluster.masterUrl(), work.resolve("cluster"), "3");
            assertArrayEquals(local, Files.readAllBytes(work.resolve("cluster/points.csv")), "cluster = local[*], byte for byte");

            // Second run: kill the executor once it has finished a task; Spark must rerun the lost tasks
            // on the executor the Worker starts next, with the same bytes.
            long before = cluster.finishedTasks();
            CompletableFuture<String> run = CompletableFuture.supplyAsync(() -> sweep(file, cluster.masterUrl(), work.resolve("retried"), "16"));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (cluster.finishedTasks() == before && !run.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<ProcessHandle> executors = cluster.executors();
            assertFalse(run.isDone(), "the sweep ended before its executor could be killed; make its points heavier");
            assertEquals(1, executors.size(), "one executor: " + cluster.log("worker"));
            executors.forEach(ProcessHandle::destroyForcibly);
            run.get(5, TimeUnit.MINUTES);
            assertTrue(cluster.executors().stream().noneMatch(executors::contains), "a new executor ran the lost tasks");
            assertTrue(cluster.log("worker").contains("exitStatus 137"), "the killed executor's exit reached the Worker");
            assertArrayEquals(local, Files.readAllBytes(work.resolve("retried/points.csv")), "retried = local[*], byte for byte");
        }
    }
}
