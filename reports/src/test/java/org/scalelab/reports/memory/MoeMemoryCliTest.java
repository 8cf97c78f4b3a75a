package org.scalelab.reports.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scalelab.reports.testing.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scalelab.common.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.memory.params.MemoryParameters;
import org.scalelab.report.ReportContext;
import org.scalelab.report.SectionReport;
import org.scalelab.report.cli.ProgressBars;
import org.scalelab.reports.testing.CliRun;

/** {@code scalelab memory} and {@code kind: memory} files for mixture-of-experts models. */
class MoeMemoryCliTest {
    @TempDir
    static Path files;

    private static MemoryParameters bind(String body) throws Exception {
        Path file = Files.createTempFile(files, "moe", ".yaml");
        Files.writeString(file, "kind: memory\n" + body);
        return MemorySectionTest.bind(file);
    }

    private static String rejectedField(String body) {
        String message = assertThrows(InvalidParameterException.class, () -> bind(body)).getMessage();
        return message.replaceFirst("^\\S+:\\d+ ", "").replaceFirst(":.*$", "");
    }

    @Test
    void deepseekV3OnItsPublishedLayoutPrintsDenseAndExpertLines() {
        // DeepSeek-AI 2024 (arXiv:2412.19437) Section 3.2: PP 16 x EP 64 x DP 2 = 2,048 GPUs, ZeRO-1;
        // abstract: 671B total, 37B active (our active count includes embeddings: 37.55B, see MoeShapeTest).
        CliRun r = run("memory", "--model", "deepseek-v3", "--gpu", "h100-sxm", "--pp", "16", "--ep", "64", "--dp", "2", "--zero",
                "1", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals(2048, j.get("gpus").asLong());
        assertEquals(64, j.get("ep").asLong());
        assertEquals(671e9, j.get("param_count").asDouble(), 0.5e9);
        assertEquals(37e9, j.get("active_param_count").asDouble(), 0.02 * 37e9);
        JsonNode moe = j.get("moe_detail");
        assertEquals(4, moe.get("experts_per_gpu").asLong());
        JsonNode per = j.get("per_gpu_bytes");
        assertEquals(per.get("parameters").asLong(), moe.at("/dense_bytes/parameters").asLong() + moe.at("/expert_bytes/parameters").asLong(),
                1);
        assertEquals(per.get("optimizer_states").asLong(),
                moe.at("/dense_bytes/optimizer_states").asLong() + moe.at("/expert_bytes/optimizer_states").asLong(), 1);
        assertTrue(per.get("activations").asLong() > moe.get("expert_activations_bytes").asLong());
        assertTrue(per.get("buffers").asLong() >= moe.get("all_to_all_send_bytes").asLong() + moe.get("all_to_all_receive_bytes").asLong());
        // ZeRO-1: expert optimizer states shard over dp = 2, dense ones over ep x dp = 128
        assertEquals(12.0 / 2 / 2, moe.at("/expert_bytes/optimizer_states").asDouble() / moe.at("/expert_bytes/parameters").asDouble(),
                1e-6);
        assertEquals(12.0 / 128 / 2, moe.at("/dense_bytes/optimizer_states").asDouble() / moe.at("/dense_bytes/parameters").asDouble(),
                1e-6);
        // without flash attention or recomputation the 128-head scores of 64 layers in flight overflow the GPU
        assertFalse(j.get("fits").asBoolean());
        assertTrue(moe.get("does_not_fit").asText().startsWith("activations dominate"), moe.get("does_not_fit").asText());
    }

    @Test
    void mixtralWithItsExpertsUnshardedDoesNotFitAndSaysWhy() {
        CliRun r = run("memory", "--model", "mixtral-8x7b", "--gpu", "h100-sxm", "--ep", "8", "--dp", "1", "--tp", "1", "--zero", "1",
                "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertFalse(j.get("fits").asBoolean());
        String why = j.at("/moe_detail/does_not_fit").asText();
        assertTrue(why.startsWith("the GPU cannot hold its 1 expert per MoE block"), why);
        assertTrue(j.at("/moe_detail/expert_bytes/total").asLong() > j.get("gpu_memory_bytes").asLong());
        JsonNode sharded = run("memory", "--model", "mixtral-8x7b", "--gpu", "h100-sxm", "--ep", "8", "--dp", "8", "--zero", "3",
                "--flash-attention", "--recompute", "full", "--format", "json").json();
        assertTrue(sharded.get("fits").asBoolean());
        assertTrue(sharded.at("/moe_detail/does_not_fit").isNull());
    }

    @Test
    void tableShowsDenseAndExpertLines() {
        CliRun r = run("memory", "--model", "mixtral-8x7b", "--ep", "8", "--dp", "4", "--zero", "1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("moe detail / dense"), r.out());
        assertTrue(r.out().contains("moe detail / expert"), r.out());
        assertTrue(r.out().contains("expert activations"), r.out());
        assertTrue(r.out().contains("all to all send"), r.out());
    }

    @Test
    void impossibleLayoutsExitTwoNamingTheOption() {
        CliRun notDividing = run("memory", "--model", "mixtral-8x7b", "--ep", "3");
        assertEquals(2, notDividing.exit());
        assertTrue(notDividing.err().contains("--ep: must divide experts (8)"), notDividing.err());
        CliRun dense = run("memory", "--model", "llama2-7b", "--ep", "2");
        assertEquals(2, dense.exit());
        assertTrue(dense.err().contains("--ep"), dense.err());
        CliRun gpus = run("memory", "--model", "deepseek-v3", "--pp", "16", "--ep", "64", "--dp", "2", "--gpus", "1024");
        assertEquals(2, gpus.exit());
        assertTrue(gpus.err().contains("--gpus: must equal tp x pp x ep x dp = 1 x 16 x 64 x 2 = 2048"), gpus.err());
        assertEquals(0, run("memory", "--model", "deepseek-v3", "--pp", "16", "--ep", "64", "--dp", "2", "--gpus", "2048").exit());
    }

    @Test
    void shapeOptionsOverrideAPresetOrMakeACustomShapeAMixture() {
        JsonNode base = run("memory", "--model", "mixtral-8x7b", "--format", "json").json();
        JsonNode sixteen = run("memory", "--model", "mixtral-8x7b", "--experts", "16", "--format", "json").json();
        // 8 more experts of 3·4096·14336 parameters in each of the 32 blocks, and 8 more router columns
        assertEquals(base.get("param_count").asLong() + 32L * 8 * (3L * 4096 * 14336 + 4096), sixteen.get("param_count").asLong());
        assertEquals(base.get("active_param_count").asLong() + 32L * 8 * 4096, sixteen.get("active_param_count").asLong());
        JsonNode custom = run("memory", "--layers", "4", "--hidden", "512", "--heads", "8", "--gated-mlp", "--experts", "4",
                "--capacity-factor", "1.25", "--format", "json").json();
        assertNotEquals(custom.get("param_count").asLong(), custom.get("active_param_count").asLong());
        // capacity 1.25 sizes each expert for 1.25·k·s·b/E tokens: 1.25·2·2048 per GPU with all 4 experts
        assertEquals(5120, custom.at("/moe_detail/routed_tokens_per_micro_batch").asLong());
        CliRun noExperts = run("memory", "--model", "llama2-7b", "--experts-per-token", "2");
        assertEquals(2, noExperts.exit());
        assertTrue(noExperts.err().contains("--experts"), noExperts.err());
    }

    @Test
    void fileKeysGiveWhatTheOptionsGive(@TempDir Path out) throws Exception {
        MemoryParameters p = bind("model: mixtral-8x7b\nep: 8\ndp: 4\nzero: 1\nexperts_per_token: 1\n"
                + "capacity_factor: 1.5\nexpert_load_imbalance: 2\ngpus: 32\nflash_attention: true\n");
        SectionReport report = new MemorySection().run(p, new ReportContext(out, out.resolve("f.yaml"), org.scalelab.common.Seeds.DEFAULT,
                false, ProgressBars.silent()));
        MemoryResult fromFile = (MemoryResult) report.result();
        JsonNode fromCli = run("memory", "--model", "mixtral-8x7b", "--ep", "8", "--dp", "4", "--zero", "1", "--experts-per-token",
                "1", "--capacity-factor", "1.5", "--expert-load-imbalance", "2", "--gpus", "32", "--flash-attention", "--format",
                "json").json();
        assertEquals(fromCli.at("/per_gpu_bytes/total").asLong(), fromFile.perGpuBytes().total());
        assertEquals(fromCli.at("/moe_detail/expert_activations_bytes").asLong(), fromFile.moeDetail().expertActivationsBytes());
        assertTrue(report.tables().stream().anyMatch(t -> t.caption().startsWith("Mixture of experts")));
        assertEquals("ep", rejectedField("model: mixtral-8x7b\nep: 3\n"));
        assertEquals("ep", rejectedField("model: llama2-7b\nep: 2\n"));
        assertEquals("experts", rejectedField("model: llama2-7b\nexperts_per_token: 2\n"));
        assertEquals("gpus", rejectedField("model: mixtral-8x7b\nep: 8\ngpus: 16\n"));
        assertEquals("expert_load_imbalance", rejectedField("model: mixtral-8x7b\nexpert_load_imbalance: 0.5\n"));
    }

    @Test
    void deepseekExampleFitsAnH800WithFullRecomputation(@TempDir Path out) throws Exception {
        Path file = Path.of("..", "examples", "memory-moe-deepseek-v3.yaml");
        MemoryParameters p = MemorySectionTest.bind(file);
        SectionReport report = new MemorySection().run(p, new ReportContext(out, file, org.scalelab.common.Seeds.DEFAULT, false,
                ProgressBars.silent()));
        MemoryResult r = (MemoryResult) report.result();
        assertEquals(2048, r.gpus());
        assertEquals(4, r.moeDetail().expertsPerGpu());
        assertTrue(r.fits(), () -> "total " + r.perGpuBytes().total());
        assertTrue(report.summary().contains("ep = 64"), report.summary());
    }
}
