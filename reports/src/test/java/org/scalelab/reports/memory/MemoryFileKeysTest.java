package org.scalelab.reports.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.reports.testing.CliRun;

/**
 * The keys of a {@code kind: memory} file that {@code memory deepspeed} and {@code memory
 * --measured-file} have as options print, under {@code scalelab run}, what the commands print.
 */
class MemoryFileKeysTest {
    @TempDir
    Path dir;

    private CliRun runFile(String name, String body, String... format) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, "kind: memory\n" + body);
        String[] args = format.length == 0 ? new String[] {"run", f.toString(), "--out", dir.resolve("out-" + name).toString(), "--format", "json"}
                : new String[] {"run", f.toString(), "--out", dir.resolve("out-" + name).toString()};
        return CliRun.run(args);
    }

    private JsonNode json(String name, String body) throws Exception {
        CliRun r = runFile(name, body);
        assertEquals(0, r.exit(), r.err());
        return r.json();
    }

    private static JsonNode command(String... args) {
        CliRun r = CliRun.run(args);
        assertEquals(0, r.exit(), r.err());
        return r.json();
    }

    @Test
    void aDeepSpeedBlockPrintsBothEstimatorsAsTheCommandDoes() throws Exception {
        // DeepSpeed's memory.rst example: t5-3b, 2851M parameters, largest layer 32M, one node of 8 GPUs
        JsonNode file = json("t5.yaml", "params: 2.851e+9\nzero: 3\ndp: 8\n"
                + "deepspeed: {largest_layer_params: 3.2e+7, gpus_per_node: 8, nodes: 1}\n");
        assertEquals(command("memory", "deepspeed", "--params", "2851e6", "--largest-layer-params", "32e6", "--gpus-per-node", "8",
                "--nodes", "1", "--zero", "3", "--format", "json"), file.at("/deepspeed/zero3"));
        assertEquals(command("memory", "deepspeed", "--params", "2851e6", "--gpus-per-node", "8", "--nodes", "1", "--zero", "2",
                "--format", "json"), file.at("/deepspeed/zero2"));
        // memory.rst's first ZeRO-3 line for t5-3b
        assertEquals("   71.69GB |   0.12GB | offload_param=cpu , offload_optimizer=cpu , zero_init=1",
                file.at("/deepspeed/zero3/rows/0/printed").asText());
    }

    @Test
    void theBlocksDefaultsAreTheCommandsAndTheLegacyFormulaIsZero2s() throws Exception {
        JsonNode file = json("l.yaml", "model: llama2-7b\ndeepspeed: {legacy: true, buffer_factor: 2.0}\n");
        assertEquals(command("memory", "deepspeed", "--model", "llama2-7b", "--zero", "3", "--buffer-factor", "2", "--format", "json"),
                file.at("/deepspeed/zero3"));
        assertEquals(command("memory", "deepspeed", "--model", "llama2-7b", "--zero", "2", "--legacy", "--buffer-factor", "2",
                "--format", "json"), file.at("/deepspeed/zero2"));
        assertEquals(1, file.at("/deepspeed/zero3/gpus_per_node").asLong()); // DeepSpeed's default, not the file's 8
    }

    @Test
    void theTableOfRunShowsEveryPrintedLineAndAFileWithoutTheBlockNone() throws Exception {
        CliRun r = runFile("t.yaml", "params: 7.5e+9\ndeepspeed: {gpus_per_node: 8, nodes: 8}\n", "table");
        assertEquals(0, r.exit(), r.err());
        // the table wraps cells at 48 characters, so each row's label spans two lines
        for (String part : new String[] {"DeepSpeed ZeRO-3 estimate (offload_param=cpu,", "offload_optimizer=cpu, zero_init=1)",
            "DeepSpeed ZeRO-2 estimate", "(offload_optimizer=none)"}) {
            assertTrue(r.out().contains(part), r.out());
        }
        assertFalse(json("n.yaml", "params: 7.5e+9\n").has("deepspeed"));
    }

    @Test
    void badDeepSpeedKeysNameTheirPath() throws Exception {
        for (String[] c : new String[][] {{"deepspeed: {nodes: 0}", "deepspeed.nodes"},
            {"deepspeed: {gpus_per_node: -1}", "deepspeed.gpus_per_node"}, {"deepspeed: {buffer_factor: 0}", "deepspeed.buffer_factor"},
            {"deepspeed: {largest_layer_params: 1.5}", "deepspeed.largest_layer_params"}, {"deepspeed: {zero: 3}", "deepspeed.zero"}}) {
            CliRun r = runFile("bad.yaml", "params: 1.0e+9\n" + c[0] + "\n");
            assertEquals(2, r.exit(), c[0] + ": " + r.err());
            assertTrue(r.err().contains("bad.yaml:3 " + c[1] + ": "), r.err());
        }
    }

    @Test
    void measuredFileIsReadRelativeToTheParameterFileAsTheOptionReadsIt() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Files.writeString(sub.resolve("m.json"), "{\"peak_bytes\": 2.0e9, \"steady_bytes\": 1.5e9}");
        Path f = sub.resolve("m.yaml");
        Files.writeString(f, "kind: memory\nparams: 7.5e+9\ndp: 64\nzero: 3\nmeasured_file: m.json\n");
        CliRun r = CliRun.run("run", f.toString(), "--out", dir.resolve("mo").toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode command = command("memory", "--params", "7.5e9", "--dp", "64", "--zero", "3", "--measured-file",
                sub.resolve("m.json").toString(), "--format", "json");
        assertEquals(command.get("measured"), r.json().get("measured"));
        assertEquals(1_500_000_000L, r.json().at("/measured/steady_bytes").asLong());
    }

    @Test
    void virtualStagesIsOneNameForTheKeyTheOptionAndItsAlias() throws Exception {
        // the name kind: cluster (training.virtual_stages), cluster step and plan (--virtual-stages) use
        JsonNode option = command("memory", "--model", "llama2-7b", "--pp", "4", "--virtual-stages", "2", "--format", "json");
        assertEquals(option, command("memory", "--model", "llama2-7b", "--pp", "4", "--interleave", "2", "--format", "json"));
        assertEquals(option.get("per_gpu_bytes"), json("v.yaml", "model: llama2-7b\npp: 4\nvirtual_stages: 2\n").get("per_gpu_bytes"));
        // Korthikanti et al. 2022, Section 4.2.3: first stage keeps 1 + (p - 1)/(pm) = 1 + 3/8 of L layers (exact)
        assertEquals(1.375, option.at("/activation_detail/first_stage_multiplier").asDouble(), 1e-12);
        CliRun bad = runFile("bad-v.yaml", "model: llama2-7b\npp: 4\nvirtual_stages: 9\n");
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("virtual_stages: must be <= the layers per pipeline stage (8)"), bad.err());
        CliRun badOption = CliRun.run("memory", "--model", "llama2-7b", "--pp", "4", "--interleave", "9");
        assertEquals(2, badOption.exit(), badOption.err());
        assertTrue(badOption.err().contains("--virtual-stages: must be <="), badOption.err());
        CliRun old = runFile("old.yaml", "model: llama2-7b\ninterleave: 2\n");
        assertEquals(2, old.exit(), old.err()); // the one key is virtual_stages
    }

    @Test
    void measuredAndMeasuredFileAreExclusiveAndAMissingFileIsNamed() throws Exception {
        CliRun both = runFile("b.yaml", "params: 1.0e+9\nmeasured: {peak_bytes: 1.0e+9}\nmeasured_file: m.json\n");
        assertEquals(2, both.exit(), both.err());
        assertTrue(both.err().contains("b.yaml:4 measured_file: give either measured"), both.err());
        CliRun missing = runFile("x.yaml", "params: 1.0e+9\nmeasured_file: nowhere.json\n");
        assertEquals(2, missing.exit(), missing.err());
        assertTrue(missing.err().contains("x.yaml:3 measured_file: cannot read"), missing.err());
    }
}
