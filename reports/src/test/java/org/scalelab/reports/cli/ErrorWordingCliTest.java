package org.scalelab.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scalelab.reports.testing.CliRun.examples;
import static org.scalelab.reports.testing.CliRun.rejected;
import static org.scalelab.reports.testing.CliRun.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.reports.testing.CliRun;

/**
 * A rejection names the key path the user wrote and its line, the rule that was broken (with its
 * bound in readable digits) and the value as written.
 */
class ErrorWordingCliTest {
    @TempDir
    Path dir;

    private static String example(String name) throws IOException {
        return Files.readString(examples().resolve(name));
    }

    private CliRun runFile(String name, String text) throws IOException {
        return CliRun.runFile(dir, name, text);
    }

    @Test
    void aRestartPastThirtyMtbfsNamesTheRecoveryKeyItsLineAndTheValueAsWritten() throws IOException {
        String text = example("cluster-llama3-405b-16k.yaml");
        String restart = "  restart_seconds: 600 ";
        assertTrue(text.contains(restart), "the example's restart");
        int line = (int) text.substring(0, text.indexOf(restart)).lines().count() + 1;
        CliRun r = runFile("c.yaml", text.replace(restart, "  restart_seconds: 1e9 "));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().strip().matches("scalelab: c\\.yaml:" + line + " recovery\\.restart_seconds: must be <= 30 job MTBFs"
                + " \\(334053 s\\): a restart would almost never finish between failures \\(the limit covers it plus the"
                + " [0-9.]+ s checkpoint read\\), was 1e9"), r.err());
    }

    @Test
    void aWhatIfCheckpointPastThirtyMtbfsNamesTheWhatIfKey() throws IOException {
        String text = example("cluster-checkpoint-sweep.yaml");
        assertTrue(text.contains("  mtbf_hours: 3.093\n"), "the example's MTBF");
        rejected(runFile("w.yaml", text.replace("  mtbf_hours: 3.093\n", "  mtbf_hours: 0.0001\n")),
                "w.yaml:13 what_if.checkpoint_seconds: must be <= 30 job MTBFs (10.8 s): a checkpoint would almost never finish"
                        + " between failures, was 300");
    }

    @Test
    void aNumberPastTheDoubleRangeIsNotFinite() throws IOException {
        // a key with no upper bound (logits_bytes must be > 0): accepted as infinity, or refused as <= 0, before
        rejected(runFile("m.json", "{\"kind\": \"memory\", \"params\": 7e9, \"logits_bytes\": 1e999}\n"),
                "m.json:1 logits_bytes: must be a finite number, was 1e999");
        rejected(runFile("m.yaml", "kind: memory\nparams: 7e9\nlogits_bytes: -1e999\n"),
                "m.yaml:3 logits_bytes: must be a finite number, was -1e999");
        // a key with an upper bound states it
        rejected(runFile("g.json", "{\"kind\": \"memory\", \"params\": 7e9, \"gpu_memory_gb\": 1e999}\n"),
                "g.json:1 gpu_memory_gb: must be in (0, 1000000], was 1e999");
        // an integer key states its bound, as before
        rejected(runFile("p.yaml", "kind: memory\nparams: 1e400\n"), "p.yaml:2 params: must be in [1, 1e15], was 1e400");
    }

    @Test
    void anIntegerOptionPastALongStatesItsBound() {
        rejected(run("memory", "--params", "Infinity"), "--params: must be in [1, 1e15], was Infinity");
        rejected(run("memory", "--params", "1e30"), "--params: must be in [1, 1e15], was 1e30");
        rejected(run("memory", "--params", "-Infinity"), "--params: must be >= 1, was -Infinity");
        CliRun nan = run("memory", "--params", "NaN");
        assertEquals(2, nan.exit(), nan.err());
        assertTrue(nan.err().contains("'NaN' is not a number"), nan.err());
        // a seed has no bound of its own: past a long it is still refused, never saturated
        CliRun seed = run("plan", "--params", "7e9", "--gpus", "64", "--no-failures", "--seed", "1e30", "--out", dir.resolve("s").toString());
        assertEquals(2, seed.exit(), seed.err());
        assertTrue(seed.err().contains("beyond the range of an integer option"), seed.err());
    }

    @Test
    void memorySizesHaveAnUpperBound() {
        rejected(run("memory", "--params", "7e9", "--gpu-memory-gb", "1e300"), "--gpu-memory-gb: must be in (0, 1000000], was 1e300");
        rejected(run("memory", "--params", "7e9", "--cpu-memory-gb", "1e300"), "--cpu-memory-gb: must be in (0, 1000000], was 1e300");
        assertEquals(0, run("memory", "--params", "7e9", "--gpu-memory-gb", "1e6", "--cpu-memory-gb", "1e6").exit());
    }

    @Test
    void collectiveBytesAreWhole() {
        rejected(run("cluster", "collective", "--op", "all-reduce", "--ranks", "8", "--bytes", "1.5", "--nvlink-gb-per-s", "450"),
                "--bytes: must be an integer, was 1.5");
        CliRun json = run("cluster", "collective", "--op", "all-reduce", "--ranks", "8", "--bytes", "8e9", "--nvlink-gb-per-s", "450",
                "--format", "json");
        assertEquals(0, json.exit(), json.err());
        assertTrue(json.out().contains("\"bytes\" : 8000000000"), json.out());
    }

    @Test
    void aBareGbpsOptionGetsASuggestion() {
        CliRun r = run("cluster", "step", "--gpus", "8", "--model", "gpt2", "--seq", "1024", "--micro-batch", "1",
                "--inter-node-gbps", "400");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("did you mean --inter-node-gbit-per-s?"), r.err());
    }
}
