package org.scalelab.sweeps;

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
import org.scalelab.planner.Plan;
import org.scalelab.planner.Planner;
import org.scalelab.planner.params.PlanParameters;
import org.scalelab.reports.cli.ScaleLab;
import org.scalelab.scaling.Law;
import picocli.CommandLine;

/** Sweeps over {@code kind: scaling} and {@code kind: plan} bases give the domain APIs' numbers point by point. */
class BaseKindsSweepTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void session() {
        TestSpark.local2();
    }

    private static int run(StringWriter err, Path file, Path out) {
        CommandLine cl = ScaleLab.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute("sweep", file.toString(), "--out", out.toString(), "--partitions", "3");
    }

    private static List<String> rows(Path out) throws Exception {
        return Files.readAllLines(out.resolve("points.csv"), StandardCharsets.UTF_8);
    }

    @Test
    void aScalingSweepOverBudgetsAndLawsIsEachLawsOptimum() throws Exception {
        Path file = dir.resolve("scaling-sweep.yaml");
        Files.writeString(file, """
                kind: sweep
                metrics: [params, tokens]
                axes:
                  laws: [epoch, chinchilla]
                  budgets_flops: {from: 1.0e+21, to: 1.0e+24, steps: 4, scale: log}
                base:
                  kind: scaling
                  budgets_flops: [1.0e+21]
                """);
        Path out = dir.resolve("scaling");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, file, out), err.toString());
        List<String> lines = rows(out);
        assertEquals(9, lines.size());
        String[] laws = {"epoch", "chinchilla"};
        double[] budgets = {1e21, 1e22, 1e23, 1e24};
        for (int i = 0; i < 8; i++) {
            Law.LawOptimum o = Law.byName("laws", laws[i / 4]).optimum(budgets[i % 4]);
            String[] cells = lines.get(1 + i).split(",");
            // the axis values are the CSV's 3rd and 4th cells; params and tokens follow
            assertEquals(PointsCsv.number(o.params()), cells[4], "point " + i + ": " + lines.get(0) + " / " + lines.get(1 + i));
            assertEquals(PointsCsv.number(o.tokens()), cells[7], "point " + i);
        }
    }

    @Test
    void aMemorySweepFitsAsTheMemoryCommandDoesHostMemoryIncluded() throws Exception {
        // Llama 2 70B, ZeRO-3 with optimizer and parameters offloaded, N_d = 8: each GPU offloads 16 x 69e9 / 8 = 138 GB,
        // 1.10 TB per node of 8 GPUs: a 1,000 GB host cannot hold it, the DGX H100's 2,000 GB can (memory's fits)
        Path file = dir.resolve("memory-sweep.yaml");
        Files.writeString(file, """
                kind: sweep
                metrics: [fits]
                axes:
                  cpu_memory_gb: [1000, 2000]
                base:
                  kind: memory
                  model: llama2-70b
                  zero: 3
                  dp: 8
                  offload: optimizer-and-params
                  seq: 1
                """);
        Path out = dir.resolve("memory");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, file, out), err.toString());
        List<String> lines = rows(out);
        assertEquals(3, lines.size(), lines.toString());
        List<String> header = java.util.Arrays.asList(lines.get(0).split(","));
        int fits = header.indexOf(header.stream().filter(h -> h.startsWith("fits")).findFirst().orElseThrow());
        assertEquals("0", lines.get(1).split(",")[fits], lines.toString());
        assertEquals("1", lines.get(2).split(",")[fits], lines.toString());
    }

    @Test
    void aMistypedLawOnAnAxisIsNamedAndNothingIsWritten() throws Exception {
        Path file = dir.resolve("bad-scaling-sweep.yaml");
        Files.writeString(file, """
                kind: sweep
                axes:
                  laws: [epoch, chinchillla]
                base:
                  kind: scaling
                  budgets_flops: [1.0e+21]
                """);
        Path out = dir.resolve("bad-scaling");
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, file, out));
        assertTrue(err.toString().contains("axes.laws[1]"), err.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void aPlanSweepOverGpuCountsIsThePlannersAnswerAtEachCount() throws Exception {
        String base = """
                  kind: plan
                  params: 1.3e+9
                  tokens: 26.0e+9
                  gpus: 64
                  no_failures: true
                """;
        Path file = dir.resolve("plan-sweep.yaml");
        Files.writeString(file, "kind: sweep\nmetrics: [wall_days, gpu_hours, mfu]\naxes:\n  gpus: [32, 64]\nbase:\n" + base);
        Path out = dir.resolve("plan");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, file, out), err.toString());
        List<String> lines = rows(out);
        assertEquals(3, lines.size());
        int[] gpus = {32, 64};
        for (int i = 0; i < 2; i++) {
            String yaml = base.replace("gpus: 64", "gpus: " + gpus[i]).replace("\n  ", "\n").strip();
            Path one = dir.resolve("plan-" + i + ".yaml");
            Files.writeString(one, yaml + "\n");
            PlanParameters p = org.scalelab.report.params.ParameterFiles.read(one, "plan", PlanParameters.class);
            Plan a = Planner.plan(p.toSpec(0), 1).answer();
            String[] cells = lines.get(1 + i).split(",");
            assertEquals(PointsCsv.number(a.wallDays()), cells[3], "point " + i);
            assertEquals(PointsCsv.number(a.gpuHours()), cells[6], "point " + i);
            assertEquals(PointsCsv.number(a.mfu()), cells[9], "point " + i);
        }
    }
}
