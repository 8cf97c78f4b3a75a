package org.scalelab.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scalelab.reports.testing.CliRun.rejected;
import static org.scalelab.reports.testing.CliRun.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.reports.testing.CliRun;

/**
 * Inputs that no command may answer: each is one line naming the option (or the file key), the
 * rule and the value as the user wrote it, exit 2; the same rule holds for options and files.
 */
class InputRulesCliTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static Path example(String name) {
        return CliRun.examples().resolve(name);
    }

    @Test
    void clusterStepAppliesTheMemoryModelsBounds() {
        String[] gpt3 = {"cluster", "step", "--model", "gpt3-175b", "--gpus", "64", "--seq", "2048", "--micro-batch", "1",
            "--tp", "8", "--pp", "8", "--grad-accum", "8"};
        String expected = "--virtual-stages: must be <= the layers per pipeline stage (12): every model chunk needs a layer, was 13";
        rejected(run(with(gpt3, "--virtual-stages", "13")), expected);
        rejected(run("memory", "--model", "gpt3-175b", "--tp", "8", "--pp", "8", "--virtual-stages", "13"), expected);
        assertEquals(0, run(with(gpt3, "--virtual-stages", "12")).exit());
        String[] small = {"cluster", "step", "--layers", "12", "--hidden", "768", "--heads", "12", "--gpus", "1"};
        rejected(run(with(small, "--seq", "2147483647", "--micro-batch", "1")), "--seq: must be in [1, 16777216], was 2147483647");
        rejected(run(with(small, "--seq", "1024", "--micro-batch", "2e6")), "--micro-batch: must be in [1, 1048576], was 2e6");
    }

    @Test
    void aClusterFileAppliesThemToo() throws IOException {
        String text = Files.readString(example("cluster-llama3-405b-16k.yaml"));
        assertTrue(text.contains("  virtual_stages: 1 "), "the example pins virtual_stages");
        Path f = file("v.yaml", text.replace("  virtual_stages: 1 ", "  virtual_stages: 99 "));
        CliRun r = run("run", f.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().strip().matches("scalelab: \\S*v\\.yaml:\\d+ training\\.virtual_stages: must be <= the layers per "
                + "pipeline stage \\(8\\): every model chunk needs a layer, was 99"), r.err());
    }

    @Test
    void integersPastTwoToTheThirtyOneStateTheirBoundAndEchoWhatWasWritten() throws IOException {
        // They were "'3000000000' is beyond the range of this option, [-2^31, 2^31)", and a file's
        // "must be an integer": neither said the key's own bound.
        rejected(run("memory", "--layers", "3000000000", "--hidden", "4096", "--heads", "32"),
                "--layers: must be in [1, 100000], was 3000000000");
        rejected(run("memory", "--params", "7e9", "--vocab", "3e9"), "--vocab: must be in [1, 16777216], was 3e9");
        rejected(run("plan", "--params", "7e9", "--gpus", "99999999999", "--no-failures", "--out", dir.resolve("p").toString()),
                "--gpus: must be in [1, 1048576], was 99999999999");
        rejected(run("cluster", "step", "--model", "llama2-7b", "--gpus", "99999999999", "--seq", "4096", "--micro-batch", "1"),
                "--gpus: must be in [1, 1048576], was 99999999999");
        CliRun planFile = run("run", file("g.yaml", "kind: plan\nparams: 7e9\ngpus: 99999999999\nno_failures: true\n").toString(),
                "--out", dir.resolve("g").toString());
        assertEquals(2, planFile.exit(), planFile.err());
        assertTrue(planFile.err().strip().endsWith("g.yaml:3 gpus: must be in [1, 1048576], was 99999999999"), planFile.err());
    }

    @Test
    void numbersBeyondTheBoundStateItAndEchoWhatWasWritten() throws IOException {
        rejected(run("memory", "--params", "1e16"), "--params: must be in [1, 1e15], was 1e16");
        CliRun huge = run("run", file("huge.yaml", "kind: memory\nparams: 1e400\n").toString(), "--out", dir.resolve("h").toString());
        assertEquals(2, huge.exit(), huge.err());
        assertTrue(huge.err().strip().endsWith("huge.yaml:2 params: must be in [1, 1e15], was 1e400"), huge.err());
        CliRun tab = run("run", file("tab.yaml", "kind: memory\n\tparams: 7e9\n").toString(), "--out", dir.resolve("t").toString());
        assertEquals(2, tab.exit(), tab.err());
        assertTrue(tab.err().contains("tab.yaml:2:1 (root): syntax error: "), tab.err());
    }

    @Test
    void planNeverTimesAShapeFarFromN() {
        CliRun r = run("plan", "--params", "1e3", "--gpus", "8", "--no-failures", "--out", dir.resolve("p").toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().startsWith("scalelab: --params: must be >= 351537250 for the planner to choose a shape: its "
                + "smallest, auto-7x1024, has 369114112 parameters"), r.err());
        assertTrue(r.err().strip().endsWith(", was 1e3"), r.err());
    }

    @Test
    void aRunTooLongToSimulateNamesTheGpus() {
        // 7e9 trains llama2-7b; 5e13 tokens on 8 H100s take about 20 years without failures.
        CliRun r = run("plan", "--params", "7e9", "--gpus", "8", "--tokens", "5e13", "--out", dir.resolve("p").toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().strip().matches("scalelab: --gpus: the run takes \\d{4} days on 8 GPUs without failures, beyond "
                + "the 3650-day failure simulation; give more GPUs or --no-failures, was 8"), r.err());
    }

    @Test
    void aFitWithNoApproachToRunNamesTheData() throws IOException {
        Path one = file("one.csv", "params,tokens,loss\n1e8,2e9,3.1\n");
        CliRun r = run("scaling", "fit", "--data", one.toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().startsWith("scalelab: --data: no approach could run: Approach 3 needs at least 6 rows"), r.err());
        assertTrue(r.err().strip().endsWith(", was 1 rows"), r.err());
        Path same = file("same.csv", "params,tokens,loss\n" + "1e8,2e9,3.1\n".repeat(6));
        CliRun three = run("scaling", "fit", "--data", same.toString(), "--approach", "3");
        assertEquals(2, three.exit(), three.out());
        assertTrue(three.err().startsWith("scalelab: --data: Approach 3 needs at least 2 distinct params and 2 distinct tokens values"),
                three.err());
        // Before: "data_rows: needs at least 6 rows ..." named no option
        CliRun few = run("scaling", "fit", "--data", one.toString(), "--approach", "3");
        assertEquals("scalelab: --data: Approach 3 needs at least 6 rows for 5 constants, was 1 rows", few.err().strip());
        assertEquals(2, run("scaling", "fit", "--data", same.toString()).exit());
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
