package org.scalelab.reports.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scalelab.reports.testing.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scalelab.reports.testing.CliRun;

class MemoryCommandTest {
    private static String golden(String name) throws Exception {
        return Files.readString(Path.of("src", "test", "resources", "memory", name)).strip();
    }

    @Test
    void figure1StageOneGoldenJson() throws Exception {
        CliRun r = run("memory", "--params", "7.5e9", "--dp", "64", "--zero", "1", "--gpu-memory-gb", "32", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(golden("memory-7.5b-zero1.json"), r.out().strip());
    }

    @Test
    void figure1AllStagesAsIntegers() throws Exception {
        long[] published = {120_000_000_000L, 31_406_250_000L, 16_640_625_000L, 1_875_000_000L};
        for (int stage = 0; stage <= 3; stage++) {
            JsonNode j = run("memory", "--params", "7.5e9", "--dp", "64", "--zero", "" + stage, "--gpu-memory-gb", "32",
                    "--format", "json").json();
            assertEquals(published[stage], j.at("/per_gpu_bytes/total").asLong());
            assertTrue(j.at("/per_gpu_bytes/total").isIntegralNumber());
            // 32 GB: the baseline's 120 GB does not fit, every ZeRO stage does (Table 1 bold at N_d = 64 is P_os)
            assertEquals(stage >= 1, j.get("fits").asBoolean());
        }
    }

    @Test
    void deepSpeedZero3GoldenJson() throws Exception {
        CliRun r = run("memory", "deepspeed", "--params", "2851e6", "--largest-layer-params", "32e6", "--gpus-per-node", "8",
                "--nodes", "1", "--zero", "3", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(golden("deepspeed-zero3-t5-3b.json"), r.out().strip());
    }

    @Test
    void deepSpeedZero2LegacyReproducesTheDocs() throws Exception {
        // memory.rst: 127.45GB | 5.31GB (offload) and 127.45GB | 15.93GB (none)
        JsonNode rows = run("memory", "deepspeed", "--params", "2851e6", "--gpus-per-node", "8", "--nodes", "1", "--zero", "2",
                "--legacy", "--format", "json").json().get("rows");
        assertEquals(2, rows.size());
        assertEquals(5.31, rows.get(0).get("gpu_bytes").asLong() / Math.pow(2, 30), 0.005);
        assertEquals(15.93, rows.get(1).get("gpu_bytes").asLong() / Math.pow(2, 30), 0.005);
        assertEquals(127.45, rows.get(1).get("cpu_bytes").asLong() / Math.pow(2, 30), 0.005);
        assertTrue(rows.get(0).get("offload_optimizer").asBoolean());
        // the lines as memory.rst prints them
        assertEquals("  127.45GB |   5.31GB | offload_optimizer=cpu ", rows.get(0).get("printed").asText());
        assertEquals("  127.45GB |  15.93GB | offload_optimizer=none", rows.get(1).get("printed").asText());
    }

    @Test
    void deepSpeedZero3PrintedLinesMatchTheDocs() throws Exception {
        // memory.rst, ZeRO-3 cold, 2851M params, 32M largest layer, 1 node x 8 GPUs
        JsonNode rows = run("memory", "deepspeed", "--params", "2851e6", "--largest-layer-params", "32e6", "--gpus-per-node", "8",
                "--zero", "3", "--format", "json").json().get("rows");
        assertEquals("   71.69GB |   0.12GB | offload_param=cpu , offload_optimizer=cpu , zero_init=1", rows.get(0).get("printed").asText());
        assertEquals("    1.43GB |   6.09GB | offload_param=none, offload_optimizer=none, zero_init=1", rows.get(4).get("printed").asText());
    }

    @Test
    void maxModelAnswersTable2() throws Exception {
        // ZeRO Table 2, MP = 1, 64 GPUs: 2B, 7.6B, 14.4B, 128B
        JsonNode j = run("memory", "max-model", "--gpu-memory-gb", "32", "--dp", "64", "--zero", "3", "--format", "json").json();
        assertEquals(128_000_000_000L, j.get("max_params").asLong());
        assertEquals(2.0, j.at("/by_stage/0").asLong() / 1e9, 0.05);
        assertEquals(7.6, j.at("/by_stage/1").asLong() / 1e9, 0.05);
        assertEquals(14.4, j.at("/by_stage/2").asLong() / 1e9, 0.05);
    }

    @Test
    void shapeDrivesActivationsAndNotesAMismatch() throws Exception {
        CliRun r = run("memory", "--model", "llama2-7b", "--params", "13e9", "--seq", "4096", "--micro-batch", "2", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("5%"), r.err());
        JsonNode j = r.json();
        assertEquals(13e9 * 2, j.at("/per_gpu_bytes/parameters").asDouble(), 1);
        assertTrue(j.at("/per_gpu_bytes/activations").asLong() > 0);
    }

    @Test
    void activationDetailFollowsKorthikantiEquations() throws Exception {
        // Korthikanti Table 3, 22B: a = 64, h = 6144, L = 48, s = 2048, t = 8, micro-batch 4.
        double sbh = 2048.0 * 4 * 6144;
        JsonNode eq2 = run("memory", "--layers", "48", "--hidden", "6144", "--heads", "64", "--seq", "2048", "--micro-batch", "4",
                "--tp", "8", "--vocab", "51200", "--format", "json").json().get("activation_detail");
        assertEquals(sbh * (10 + 24.0 / 8 + 5.0 * 64 * 2048 / (6144 * 8)), eq2.get("per_layer_bytes").asDouble(), 1e-6 * sbh);
        assertEquals(48, eq2.get("layers_in_flight").asLong());
        JsonNode eq6 = run("memory", "--layers", "48", "--hidden", "6144", "--heads", "64", "--seq", "2048", "--micro-batch", "4",
                "--tp", "8", "--sequence-parallel", "--recompute", "selective", "--format", "json").json();
        assertEquals(34 * sbh / 8, eq6.at("/activation_detail/per_layer_bytes").asDouble(), 1e-6 * sbh);
        long total = eq6.at("/per_gpu_bytes/activations").asLong();
        double layers = 34 * sbh / 8 * 48;
        double extra = eq6.at("/activation_detail/extra_bytes").asDouble();
        assertEquals(layers + extra, total, 1.0);
    }

    @Test
    void customLlamaShapeFromFlagsMatchesThePreset() throws Exception {
        // Llama-2 7B: 32 layers, 4096, 32 heads, ffn 11008, vocab 32000, gated MLP, untied: 6,738,415,616 params
        JsonNode j = run("memory", "--layers", "32", "--hidden", "4096", "--heads", "32", "--vocab", "32000", "--ffn-hidden", "11008",
                "--gated-mlp", "--untied-embeddings", "--format", "json").json();
        assertEquals(6_738_415_616L, j.get("param_count").asLong());
    }

    @Test
    void measuredFileSitsBesideThePrediction(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.json");
        Files.writeString(f, "{\"peak_bytes\": 2.0e9, \"steady_bytes\": 1.5e9}");
        JsonNode j = run("memory", "--params", "7.5e9", "--dp", "64", "--zero", "3", "--measured", f.toString(), "--format", "json").json();
        assertEquals((1.875e9 - 2.0e9) / 2.0e9, j.at("/measured/peak_relative_error").asDouble(), 1e-12);
        assertEquals(1_500_000_000L, j.at("/measured/steady_bytes").asLong());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "memory --params 0|params",
        "memory --params -1e9|params",
        "memory --params 1e9 --dp 0|dp",
        "memory --layers 2 --hidden 100 --heads 3|heads",
        "memory --model llama2-7b --tp 3|tp",
        "memory --params 1e9 --preset nope|preset",
        "memory --params 1e9 --zero 4|zero",
        "memory --model gpt5|model",
        "memory --params 1e9 --gpu v100|gpu",
        "memory --params 1e9 --gpu-memory-gb -3|--gpu-memory-gb",
        "memory --model llama2-7b --seq 0|seq",
        "memory deepspeed --params 0 --zero 3|params",
        "memory deepspeed --params 1e9 --zero 1|zero",
        "memory deepspeed --params 1e9 --zero 3 --gpus-per-node 0|--gpus-per-node",
        "memory max-model --gpu-memory-gb 0 --dp 64|--gpu-memory-gb",
        "memory deepspeed --params 1e9 --zero 3 --legacy|legacy",
        "memory deepspeed --params 2783e6 --zero 2 --largest-layer-params 65e6|--largest-layer-params",
        "memory --params 1e9 --recompute some|recompute",
        "memory --params 1e9 --offload optimizer-and-params --zero 2|offload",
        "memory --params 1e9 --gpu h200 --gpu-memory-gb 80|gpu",
        "memory --model llama2-7b --micro-batch 0|--micro-batch",
        "memory --model llama2-7b --pp 0|pp",
        "memory --layers 2 --hidden 64 --heads 8 --kv-heads 3|--kv-heads",
        "memory --params 1e9 --recipe fp8|recipe",
        "memory --params 1e9 --recipe megatron-bf16 --preset megatron|recipe",
        "memory --params 1e9 --recipe megatron-bf16-distopt --zero 1 --dp 8|recipe",
        "memory max-model --zero 3 --offload optimizer-and-params --gpu-memory-gb 32 --cpu-memory-gb -5|--cpu-memory-gb",
        // accepted and ignored before (fuzz, 2026-12-01): host-memory options of plain memory, custom-shape keys
        // beside a preset, interleaving without a pipeline
        "memory --params 1e9 --cpu-memory-gb -1|--cpu-memory-gb",
        "memory --params 1e9 --cpu-memory-gb NaN|--cpu-memory-gb",
        "memory --params 1e9 --gpus-per-node 0|--gpus-per-node",
        "memory --model llama2-7b --kv-heads -1|--kv-heads",
        "memory --model llama2-7b --vocab 3|--vocab",
        "memory --model gpt3-175b --gated-mlp|--gated-mlp",
        "memory --model llama2-7b --virtual-stages 2|--virtual-stages",
        "memory --params 7e9 --virtual-stages 2|--virtual-stages",
    })
    void badInputExitsTwoNamingTheField(String args, String field) {
        CliRun r = run(args.split(" "));
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(field), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    /** Offloaded states that the node's host memory cannot hold do not fit (before: fits true whatever --cpu-memory-gb). */
    @Test
    void offloadBeyondTheHostMemoryDoesNotFit() throws Exception {
        // llama2-7b, ZeRO-1 on one GPU, optimizer offloaded: 12 B/param of fp32 master copy and Adam states, about 81 GB.
        String[] base = {"memory", "--model", "llama2-7b", "--zero", "1", "--offload", "optimizer", "--format", "json"};
        JsonNode roomy = run(base).json();
        assertTrue(roomy.path("fits").asBoolean(), roomy.toString());
        String[] tight = java.util.Arrays.copyOf(base, base.length + 2);
        tight[base.length] = "--cpu-memory-gb";
        tight[base.length + 1] = "80"; // 10 GB per GPU over 8 GPUs per node
        JsonNode j = run(tight).json();
        assertTrue(j.path("cpu_bytes").asLong() > 10e9, j.toString());
        assertFalse(j.path("fits").asBoolean(), j.toString());
    }

    @Test
    void activationsFollowTheMlpWidth() throws Exception {
        // Megatron-LM theoretical_memory_usage.py (NVIDIA/Megatron-LM#1784 "[ENHANCEMENT] MoE support in
        // report_theoretical_memory"): s·b·h·(18 + 4F/h)/t with sequence
        // parallelism and selective recomputation = 2048·4096·(18 + 32) = 419,430,400 bytes per layer. Exact.
        JsonNode j = run("memory", "--layers", "1", "--hidden", "4096", "--heads", "32", "--ffn-multiplier", "8", "--seq", "2048",
                "--recompute", "selective", "--sequence-parallel", "--format", "json").json();
        assertEquals(419_430_400.0, j.at("/activation_detail/per_layer_bytes").asDouble(), 0.0);
        // Gated MLP and GQA change it: Korthikanti's constant no longer applies.
        JsonNode gated = run("memory", "--layers", "1", "--hidden", "4096", "--heads", "32", "--kv-heads", "8", "--ffn-multiplier", "8",
                "--gated-mlp", "--seq", "2048", "--recompute", "selective", "--sequence-parallel", "--format", "json").json();
        double sbh = 2048.0 * 4096;
        assertEquals(sbh * (18 - 4 * (1 - 1.0 / 4) + 6 * 8), gated.at("/activation_detail/per_layer_bytes").asDouble(), 1.0);
    }

    @Test
    void noDropoutAndFlashAttentionChangeTheLayer() throws Exception {
        // GPT-3's block without dropout: 32sbh + 2as²b (Korthikanti Section 4.1 without its masks and dropout output).
        JsonNode j = run("memory", "--model", "gpt3-175b", "--seq", "2048", "--no-dropout", "--format", "json").json();
        double expected = 32.0 * 2048 * 12288 + 2.0 * 96 * 2048 * 2048;
        assertEquals(expected, j.at("/activation_detail/per_layer_bytes").asDouble(), 1.0);
        // --[no-]dropout as on cluster step: --dropout is the default, Korthikanti's 34sbh + 5as²b
        JsonNode on = run("memory", "--model", "gpt3-175b", "--seq", "2048", "--dropout", "--format", "json").json();
        assertEquals(34.0 * 2048 * 12288 + 5.0 * 96 * 2048 * 2048, on.at("/activation_detail/per_layer_bytes").asDouble(), 1.0);
        JsonNode flash = run("memory", "--model", "gpt3-175b", "--seq", "2048", "--no-dropout", "--flash-attention", "--format", "json")
                .json();
        // Flash attention keeps Q, K, V, its output (2sbh) and the fp32 log-sum-exp (4as·b) instead of the scores.
        assertEquals(34.0 * 2048 * 12288 + 4.0 * 96 * 2048, flash.at("/activation_detail/per_layer_bytes").asDouble(), 1.0);
    }

    @Test
    void zero3ParameterOffloadKeepsTheGatheredLayer() throws Exception {
        // DeepSpeed estimate_zero3_model_states_mem_needs: 4 bytes per parameter of the largest layer, Llama-2 7B's
        // 131,072,000-parameter embedding: 524,288,000 bytes, which 0.5 GB cannot hold. Exact.
        JsonNode j = run("memory", "--model", "llama2-7b", "--zero", "3", "--offload", "optimizer-and-params",
                "--gpu-memory-gb", "0.5", "--seq", "1", "--format", "json").json();
        assertEquals(524_288_000L, j.at("/per_gpu_bytes/gathered_parameters").asLong());
        assertEquals(false, j.get("fits").asBoolean());
    }

    @Test
    void kvHeadsThatTensorParallelismCannotSplitExitTwoOnMemoryAndClusterStep() {
        // 32 heads, 4 KV heads, t = 8: half a key/value head per rank; Megatron-LM's divide(num_query_groups, tp)
        // refuses it, and so do memory and cluster step, naming --tp and kv_heads
        String[] shape = {"--layers", "1", "--hidden", "4096", "--heads", "32", "--kv-heads", "4", "--ffn-hidden", "14336",
            "--gated-mlp", "--seq", "2048", "--tp", "8"};
        CliRun memory = run(concat(concat(new String[] {"memory"}, shape), "--format", "json"));
        assertEquals(2, memory.exit(), memory.out());
        assertTrue(memory.err().contains("--tp") && memory.err().contains("--kv-heads (4)"), memory.err());
        CliRun step = run(concat(concat(new String[] {"cluster", "step"}, shape), "--micro-batch", "1", "--gpus", "8"));
        assertEquals(2, step.exit(), step.out());
        assertTrue(step.err().contains("--tp") && step.err().contains("--kv-heads (4)"), step.err());
        // t = 4: one KV head per rank, accepted
        shape[shape.length - 1] = "4";
        assertEquals(0, run(concat(concat(new String[] {"memory"}, shape), "--format", "json")).exit());
    }

    @Test
    void offloadBeyondTheNodesHostMemoryDoesNotFit() throws Exception {
        // Llama 2 70B, ZeRO-3 with optimizer and parameters offloaded on one data-parallel rank: 16 bytes per parameter
        // per GPU go to the host (1.104 TB), and each of the node's 8 GPUs keeps its share there: 8.83 TB per node,
        // which a 100 GB host cannot hold although the GPU (only the gathered layer) can. Exact.
        JsonNode j = run("memory", "--model", "llama2-70b", "--zero", "3", "--offload", "optimizer-and-params",
                "--cpu-memory-gb", "100", "--seq", "1", "--format", "json").json();
        long cpu = j.get("cpu_bytes").asLong();
        assertEquals(16L * j.get("param_count").asLong(), cpu);
        assertEquals(8 * cpu, j.get("cpu_per_node_bytes").asLong());
        assertEquals(100_000_000_000L, j.get("cpu_memory_bytes").asLong());
        assertTrue(j.at("/per_gpu_bytes/total").asLong() < j.get("gpu_memory_bytes").asLong());
        assertEquals(false, j.get("fits").asBoolean());
        assertTrue(j.get("does_not_fit").asText().contains("host memory"), j.toString());
        // the fewest GPUs use the same test: 8 x 1.104 TB / N_d <= 100 GB from N_d = 89 (8829 / 100 = 88.3)
        assertEquals(89, j.get("min_dp").asLong());
        // sharded over N_d = 8 the node holds 8 x 138 GB = 1.10 TB, within the default 2 TB of a DGX H100
        JsonNode dp8 = run("memory", "--model", "llama2-70b", "--zero", "3", "--offload", "optimizer-and-params", "--dp", "8",
                "--seq", "1", "--format", "json").json();
        assertEquals(2_000_000_000_000L, dp8.get("cpu_memory_bytes").asLong());
        assertEquals(true, dp8.get("fits").asBoolean());
        assertTrue(dp8.get("does_not_fit").isNull());
    }

    @Test
    void maxModelWithParameterOffloadAnswers() throws Exception {
        // One GPU of a DGX H100 (2 TB host memory for 8 GPUs, NVIDIA DGX H100 data sheet) holds 16 bytes/param
        // offloaded: 250e9 / 16 = 15.625e9 parameters, bounded by host memory. Exact to one parameter.
        CliRun r = run("memory", "max-model", "--zero", "3", "--offload", "optimizer-and-params", "--gpu-memory-gb", "32",
                "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals(15_625_000_000L, j.get("max_params").asLong(), 1);
        assertEquals("host_memory", j.get("bound_by").asText());
        assertTrue(j.get("largest_layer_rule").asText().contains("128"));
        JsonNode big = run("memory", "max-model", "--zero", "3", "--offload", "optimizer-and-params", "--gpu-memory-gb", "32",
                "--cpu-memory-gb", "4000", "--format", "json").json();
        assertEquals(2 * 15_625_000_000L, big.get("max_params").asLong(), 2);
    }

    @Test
    void recipeReportsThePeakItsPhaseAndWhatIsLive() throws Exception {
        JsonNode j = run("memory", "--layers", "12", "--hidden", "768", "--heads", "12", "--vocab", "50304", "--untied-embeddings",
                "--seq", "1024", "--micro-batch", "8", "--recipe", "torch-amp-bf16", "--flash-attention", "--no-dropout",
                "--format", "json").json();
        assertEquals("backward", j.get("peak_phase").asText());
        long sum = 0;
        for (JsonNode l : j.get("peak_live")) {
            sum += l.get("bytes").asLong();
        }
        assertEquals(j.get("peak_allocated_bytes").asLong(), sum, 8);
        assertEquals("torch-amp-bf16", j.get("recipe").asText());
        assertTrue(j.get("recipe_validation").asText().contains("traced"));
        assertTrue(j.at("/per_gpu_bytes/total").isIntegralNumber());
    }

    @ParameterizedTest
    @CsvSource({
        // a 16M-token sequence: activations beyond Long.MAX_VALUE bytes; the sum used to wrap to -9223 PB and "fit"
        "--seq, 16777216, --dp, 1",
        "--seq, 8388608, --micro-batch, 1048576",
        "--micro-batch, 1048576, --dp, 16777216",
        "--seq, 16777216, --micro-batch, 1048576"
    })
    void extremeInputsNeverGiveANegativeLineOrAFit(String o1, String v1, String o2, String v2) throws Exception {
        CliRun j = run("memory", "--model", "llama3-405b", o1, v1, o2, v2, "--format", "json");
        assertEquals(0, j.exit(), j.err());
        JsonNode bytes = j.json().get("per_gpu_bytes");
        bytes.fields().forEachRemaining(e -> assertTrue(e.getValue().asLong() >= 0, e.getKey() + " " + e.getValue()));
        assertTrue(j.json().get("peak_allocated_bytes").asLong() >= 0);
        assertTrue(bytes.get("total").asLong() > j.json().get("gpu_memory_bytes").asLong(), bytes.toString());
        assertEquals(false, j.json().get("fits").asBoolean());
        CliRun t = run("memory", "--model", "llama3-405b", o1, v1, o2, v2);
        assertEquals(0, t.exit(), t.err());
        assertTrue(t.out().lines().noneMatch(l -> l.matches(".*\\s-\\d.*")), t.out());
        assertTrue(t.out().lines().anyMatch(l -> l.matches("\\s*fits\\s+false.*")), t.out());
    }

    @Test
    void aSaturatedTotalIsPrintedAsALowerBoundInEveryFormat() throws Exception {
        // Llama 3 405B at a 16M-token sequence: the activations alone pass Long.MAX_VALUE bytes (9.2 EB)
        String[] args = {"memory", "--model", "llama3-405b", "--seq", "16777216"};
        JsonNode j = run(concat(args, "--format", "json")).json();
        assertEquals(Long.MAX_VALUE, j.at("/per_gpu_bytes/total").asLong());
        assertTrue(j.at("/per_gpu_bytes/saturated").asBoolean(), j.toString());
        assertTrue(j.at("/per_gpu_bytes/total").isIntegralNumber()); // the field keeps its type
        CliRun csv = run(concat(args, "--format", "csv"));
        assertTrue(csv.out().lines().anyMatch(l -> l.equals("per_gpu_bytes.saturated,true")), csv.out());
        CliRun table = run(args);
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().lines().anyMatch(l -> l.matches("\\s*total\\s+> 9223 PB \\(overflows; lower bound\\).*")), table.out());
        assertTrue(table.out().lines().anyMatch(l -> l.matches("\\s*saturated\\s+true.*")), table.out());
        assertTrue(table.out().lines().noneMatch(l -> l.matches(".*(?<!>) 9223 PB.*")), "no clamped value reads as exact: " + table.out());
        // an ordinary setup is exact
        JsonNode small = run("memory", "--params", "7.5e9", "--dp", "64", "--zero", "1", "--format", "json").json();
        assertEquals(false, small.at("/per_gpu_bytes/saturated").asBoolean());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
