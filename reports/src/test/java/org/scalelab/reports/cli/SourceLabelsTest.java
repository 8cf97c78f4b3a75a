package org.scalelab.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scalelab.reports.testing.CliRun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.reports.testing.CliRun;

/**
 * The table's source column: what the user typed is {@code given} wherever the table prints it
 * (under another name, in another unit, in a nested table), a default is {@code assumed: default X},
 * and the seed reads the same in every command.
 */
class SourceLabelsTest {

    /** The source cell of the row {@code label} (first line of it), or fails. */
    private static String source(CliRun r, String label, String value) {
        var m = Pattern.compile("^  " + Pattern.quote(label) + " +" + Pattern.quote(value) + " +(.*)$", Pattern.MULTILINE).matcher(r.out());
        assertTrue(m.find(), "no row '" + label + "  " + value + "' in:\n" + r.out() + r.err());
        return m.group(1).strip();
    }

    @Test
    void memoryLabelsGivenQuantitiesUnderTheirResultNamesAndUnits() {
        // before: "gpu memory 32.00 GB computed", "preset zero-paper" without a source
        CliRun max = run("memory", "max-model", "--gpu-memory-gb", "32");
        assertEquals(0, max.exit(), max.err());
        assertEquals("given", source(max, "gpu memory", "32.00 GB"));
        assertEquals("assumed: default zero-paper", source(max, "preset", "zero-paper"));
        assertEquals("computed", source(max, "max params", "2.000 B params"));
        // before: "param count 7.000 B computed" for --params 7e9
        CliRun mem = run("memory", "--model", "llama2-7b", "--params", "7e9");
        assertEquals(0, mem.exit(), mem.err());
        assertEquals("given", source(mem, "param count", "7.000 B params"));
        assertTrue(source(mem, "gpu memory", "85.52 GB").startsWith("preset: h100-sxm data sheet"));
        // the GiB option is the same quantity: given too (before: the preset's data sheet was named)
        CliRun gib = run("memory", "--model", "llama2-7b", "--gpu-memory-gib", "80");
        assertEquals("given", source(gib, "gpu memory", "85.90 GB"));
    }

    @Test
    void stepLabelsDefaultsItResolvesAndFlagsLeftOut() {
        CliRun r = run("cluster", "step", "--model", "llama2-7b", "--gpus", "8", "--tp", "8", "--micro-batch", "1", "--seq", "4096");
        assertEquals(0, r.exit(), r.err());
        assertEquals("given", source(r, "tp", "8"));
        // before: these three rows had no source at all
        assertEquals("assumed: default megatron-bf16", source(r, "recipe", "megatron-bf16"));
        assertEquals("assumed: default false", source(r, "flash attention", "false"));
        assertEquals("assumed: default false", source(r, "sequence parallel", "false"));
        // a derived quantity named like an option (breakdown's recompute seconds) is not the option's
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  recompute +0 s +computed")), r.out());
    }

    @Test
    void simulateSaysTheSeedAsPlanDoesAndIntervalsInTheirUnit() {
        CliRun r = run("cluster", "simulate", "--mtbf-hours", "3", "--checkpoint-seconds", "60", "--restart-seconds", "600",
                "--days", "5", "--replications", "20");
        assertEquals(0, r.exit(), r.err());
        // before: "seed 20240101 computed" here and "assumed: default 20240101" in plan
        assertEquals("assumed: default 20240101", source(r, "seed", "20240101"));
        assertEquals("given", source(r, "replications", "20"));
        CliRun given = run("cluster", "simulate", "--mtbf-hours", "3", "--checkpoint-seconds", "60", "--days", "5",
                "--replications", "4", "--seed", "7");
        assertEquals("given", source(given, "seed", "7"));
        // before: "wall seconds ci 4.666e06, 4.666e06" and "time breakdown seconds ci" rows as bare 3.957e06
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  wall ci +(-|[0-9.]+ days, [0-9.]+ days +simulated.*)")), r.out());
        assertTrue(r.out().contains("time breakdown ci" + System.lineSeparator()), r.out());
        // the wall time is the --days horizon given, not a simulated outcome
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  wall +[0-9.]+ days +given \\(days.*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  productive compute +[0-9.]+ days, [0-9.]+ days +simulated.*")), r.out());
        // a zero-width interval is "-", with nothing to source
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  maintenance +-\\s*")), "a zero-width interval is -: " + r.out());
        assertTrue(r.out().lines().noneMatch(l -> l.contains("seconds ci") || l.matches(".*\\de0\\d,.*")), r.out());
    }

    @Test
    void planLabelsPinnedLayoutGivenAndThePageSaysTheCommandLine(@TempDir Path dir) throws Exception {
        CliRun r = run("plan", "--model", "llama2-7b", "--gpus", "64", "--tp", "8", "--pp", "8", "--no-failures",
                "--out", dir.resolve("p").toString());
        assertEquals(0, r.exit(), r.err());
        // before: "tp 8 computed", "pp 8 computed", "recompute none" without a source
        assertEquals("given", source(r, "tp", "8"));
        assertEquals("given", source(r, "pp", "8"));
        assertEquals("computed", source(r, "recompute", "none"));
        assertEquals("computed", source(r, "dp", "1"));
        assertEquals("assumed: default 20240101", source(r, "seed", "20240101"));
        // before: "plan · plan · file plan.yaml", a file the user never gave
        String html = Files.readString(dir.resolve("p").resolve("index.html"));
        assertTrue(html.contains("<p class=\"meta\">plan · command-line options"), html.substring(0, 2000));
        assertTrue(!html.contains("file <code>plan.yaml</code>"));
    }

    @Test
    void collectiveLabelsTheSimulationAsSimulateDoesAndItsDefaultAlgorithm() {
        CliRun r = run("cluster", "collective", "--op", "all-reduce", "--ranks", "8", "--bytes", "1e9", "--gpu", "h100-sxm");
        assertEquals(0, r.exit(), r.err());
        // before: "simulated 0.01350 s computed"
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  simulated +[0-9.e-]+ s +simulated: link-level")), r.out());
        assertEquals("assumed: default ring (for all-reduce)", source(r, "algorithm", "ring"));
    }

    @Test
    void fitHasAHeadlineAndLabelsTheRowsUsedComputed() {
        CliRun r = run("scaling", "fit", "--data", "epoch-chinchilla", "--exclude-top-loss", "5", "--approach", "3");
        assertEquals(0, r.exit(), r.err());
        // before: no headline, and "used 240 given"
        assertTrue(r.out().startsWith("  quantity"), r.out());
        assertEquals("given", source(r, "approach", "3")); // typed; with --approach all the fit picks it
        assertTrue(r.out().lines().anyMatch(l -> l.matches("  a +.*computed: Approach 3 of the fit below")), r.out());
        assertTrue(source(r, "used", "240").startsWith("computed"), r.out());
        assertTrue(source(r, "rows", "245").startsWith("given"), r.out());
    }

    @Test
    void fitNamesTheFileKeyAsTheFileWritesIt(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("hdr.csv");
        Files.writeString(csv, "N,D,L\n1e8,1e9,3.0\n2e8,2e9,2.9\n");
        CliRun r = run("scaling", "fit", "--data", csv.toString());
        assertEquals(2, r.exit(), r.out());
        // before: "(file key --params-column)"
        assertTrue(r.err().contains("name it with --params-column (file key params_column)"), r.err());
    }
}
