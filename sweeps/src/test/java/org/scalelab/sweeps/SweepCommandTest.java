package org.scalelab.sweeps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.cluster.checkpoint.CheckpointIntervals;
import org.scalelab.cluster.sim.JobModel;
import org.scalelab.cluster.sim.MonteCarlo;
import org.scalelab.cluster.sim.Summary;
import org.scalelab.common.ProgressListener;
import org.scalelab.reports.cli.ScaleLab;
import picocli.CommandLine;

/** {@code scalelab sweep} end to end on the shared local[2] session. */
class SweepCommandTest {
    @TempDir
    static Path dir;

    private static Path file;

    @BeforeAll
    static void session() throws Exception {
        TestSpark.local2();
        file = dir.resolve("whatif-sweep.yaml");
        Files.copy(SweepCommandTest.class.getResourceAsStream("/whatif-sweep.yaml"), file);
    }

    private static int run(StringWriter err, String... args) {
        CommandLine cl = ScaleLab.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void aThreeByFourSweepEqualsItsTwelvePointsRunOneByOneThroughTheDomainApis() throws Exception {
        Path out = dir.resolve("grid");
        assertEquals(0, run(new StringWriter(), "sweep", file.toString(), "--out", out.toString(), "--partitions", "5"));
        List<String> lines = Files.readAllLines(out.resolve("points.csv"), StandardCharsets.UTF_8);
        assertEquals("index,seed,what_if.mtbf_hours,what_if.checkpoint_seconds,ettr_mean,ettr_lo95,ettr_hi95,"
                + "interruptions_mean,interruptions_lo95,interruptions_hi95,mtbf_hours_mean,mtbf_hours_lo95,mtbf_hours_hi95", lines.get(0));
        assertEquals(13, lines.size());
        double[] mtbf = {2, 4, 8};
        double[] ckpt = {60, 120, 240, 480};
        long[] seeds = PointSeeds.of(11, 12);
        for (int i = 0; i < 12; i++) {
            double m = mtbf[i / 4] * 3600;
            double c = ckpt[i % 4];
            // Daly's interval, as the cluster kind's default interval: daly
            JobModel job = JobModel.abstractJob(10 * 86400.0, CheckpointIntervals.dalySeconds(c, m), m, c, 300);
            Summary s = Summary.of(job, MonteCarlo.run(job, 30, seeds[i], 1, ProgressListener.NONE));
            String[] cells = lines.get(1 + i).split(",");
            assertEquals(String.valueOf(i), cells[0]);
            assertEquals(String.valueOf(seeds[i]), cells[1]);
            assertArrayEquals(new String[] {PointsCsv.number(s.ettr().mean()), PointsCsv.number(s.ettr().lo()), PointsCsv.number(s.ettr().hi()),
                PointsCsv.number(s.total().mean()), PointsCsv.number(s.total().lo()), PointsCsv.number(s.total().hi())},
                    java.util.Arrays.copyOfRange(cells, 4, 10), "point " + i);
        }
        assertTrue(Files.isDirectory(out.resolve("points.parquet")));
        assertEquals(12, TestSpark.local2().read().parquet(out.resolve("points.parquet").toString()).count());
        assertTrue(Files.exists(out.resolve("ettr-heatmap.png")));
        assertTrue(Files.exists(out.resolve("index.html")));
    }

    @Test
    void pointsCsvIsByteIdenticalForAnyPartitioning() throws Exception {
        Path one = dir.resolve("one");
        Path seven = dir.resolve("seven");
        assertEquals(0, run(new StringWriter(), "sweep", file.toString(), "--out", one.toString(), "--partitions", "1"));
        assertEquals(0, run(new StringWriter(), "sweep", file.toString(), "--out", seven.toString(), "--partitions", "7"));
        assertArrayEquals(Files.readAllBytes(one.resolve("points.csv")), Files.readAllBytes(seven.resolve("points.csv")));
    }

    @Test
    void aBadAxisValueExitsTwoNamingItAndWritesNothing() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(file).replace("[2, 4, 8]", "[2, -4, 8]"));
        Path out = dir.resolve("bad-out");
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "sweep", bad.toString(), "--out", out.toString()));
        assertTrue(err.toString().contains("axes.what_if.mtbf_hours[1]: must be in (0, 1000000000], was -4"), err.toString());
        assertFalse(Files.exists(out), "no output for a rejected sweep");

        Files.writeString(bad, Files.readString(file).replace("what_if.mtbf_hours:", "what_if.mtbf_hour:"));
        err = new StringWriter();
        assertEquals(2, run(err, "sweep", bad.toString(), "--out", out.toString()));
        assertTrue(err.toString().contains("axes.what_if.mtbf_hour: no such key in kind cluster"), err.toString());
        assertFalse(Files.exists(out));
    }
}
