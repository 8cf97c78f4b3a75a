package org.scalelab.reports.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scalelab.reports.testing.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.reports.testing.CliRun;

/** {@code cluster step} and cluster files for a mixture of experts: the all-to-all as its own line, and the MoE keys. */
class MoeStepCliTest {
    private static final String[] MIXTRAL = {"cluster", "step", "--model", "mixtral-8x7b", "--gpu", "h100-sxm", "--gpus", "64",
        "--ep", "8", "--tp", "1", "--pp", "1", "--seq", "4096", "--micro-batch", "1"};

    private static String[] with(String... more) {
        String[] a = java.util.Arrays.copyOf(MIXTRAL, MIXTRAL.length + more.length);
        System.arraycopy(more, 0, a, MIXTRAL.length, more.length);
        return a;
    }

    @Test
    void mixtralStepPrintsTheAllToAllOnItsOwnLine() {
        CliRun table = run(MIXTRAL);
        assertEquals(0, table.exit(), table.err());
        // Its own row of the result, in seconds, besides its row in the breakdown and in the ops.
        assertTrue(table.out().lines().anyMatch(l -> l.strip().matches("all to all +[0-9.e-]+ (s|ms) +computed")), table.out());
        assertTrue(table.out().lines().anyMatch(l -> l.strip().matches("all_to_all +all_to_all +.*")), table.out());
        assertTrue(table.out().lines().noneMatch(l -> l.strip().startsWith("mlp_up")), table.out());
        CliRun r = run(with("--format", "json"));
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        double a2a = j.get("all_to_all_seconds").asDouble();
        assertTrue(a2a > 0, j.toString());
        assertEquals(a2a, j.get("breakdown").get("all_to_all").asDouble(), 0);
        double opSeconds = 0;
        for (JsonNode op : j.get("ops")) {
            if (op.get("name").asText().equals("all_to_all")) {
                assertEquals("all_to_all", op.get("kind").asText());
                opSeconds += op.get("seconds").asDouble();
            }
        }
        assertEquals(a2a, opSeconds, 0);
        double sum = 0;
        for (String k : new String[] {"productive_compute", "recompute", "memory_bound", "exposed_communication", "all_to_all",
            "pipeline_bubble"}) {
            sum += j.get("breakdown").get(k).asDouble();
        }
        assertEquals(j.get("step_seconds").asDouble(), sum, 1e-9 * sum);
        // The MFU counts the 12.9B active parameters, not the 46.7B total (Mistral AI, 2023-12-11).
        assertEquals(12.9e9, j.get("active_params").asDouble(), 0.05e9);
        assertEquals(46.7e9, j.get("params").asDouble(), 0.05e9);
        double perToken = 6.0 * (j.get("active_params").asDouble() - 32000.0 * 4096) + 12.0 * 32 * 4096 * 4096;
        assertEquals(perToken, j.get("model_flops_per_token").asDouble(), 1e-9 * perToken);
        assertEquals(8, j.get("ep").asInt());
        assertEquals(8, j.get("dp").asInt());
        assertEquals(64 * 4096.0, j.get("tokens_per_step").asDouble(), 0);
        assertEquals("bf16", j.get("gemm_precision").asText());
        assertEquals(1.0, j.get("expert_load_imbalance").asDouble(), 0);
        assertEquals(0.0, j.get("a2a_overlap").asDouble(), 0);
    }

    @Test
    void moeOptionsChangeTheStep() {
        JsonNode base = run(with("--format", "json")).json();
        JsonNode skewed = run(with("--expert-load-imbalance", "2", "--format", "json")).json();
        assertTrue(skewed.get("step_seconds").asDouble() > base.get("step_seconds").asDouble());
        JsonNode hidden = run(with("--a2a-overlap", "1", "--format", "json")).json();
        assertEquals(0, hidden.get("all_to_all_seconds").asDouble(), 0);
        JsonNode fp8 = run(with("--gemm-precision", "fp8", "--format", "json")).json();
        assertTrue(fp8.get("breakdown").get("productive_compute").asDouble()
                < base.get("breakdown").get("productive_compute").asDouble());
        // No sourced FP8 GEMM efficiency: the printed source says FP8 reuses BF16's.
        String source = fp8.get("matmul_efficiency_source").asText();
        assertTrue(source.startsWith(base.get("matmul_efficiency_source").asText() + "; "), source);
        assertTrue(source.contains("assumed (same as BF16)"), source);
        assertFalse(base.get("matmul_efficiency_source").asText().contains("assumed (same as BF16)"));
    }

    @Test
    void badMoeInputNamesTheOption() {
        CliRun r = run(with("--ep", "16"));
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("ep"), r.err());
        r = run(with("--gemm-precision", "fp4"));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("gemm-precision") || r.err().contains("gemm_precision"), r.err());
        r = run("cluster", "step", "--model", "mixtral-8x7b", "--gpu", "a100-80gb", "--gpus", "64", "--ep", "8", "--seq", "4096",
                "--micro-batch", "1", "--gemm-precision", "fp8");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("gemm-precision") || r.err().contains("gemm_precision"), r.err());
        r = run(with("--a2a-overlap", "1.5"));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("a2a-overlap") || r.err().contains("a2a_overlap"), r.err());
        r = run(with("--expert-load-imbalance", "5"));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("expert-load-imbalance") || r.err().contains("expert_load_imbalance"), r.err());
        r = run("cluster", "step", "--model", "llama3-8b", "--gpus", "16", "--ep", "2", "--seq", "4096", "--micro-batch", "1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("ep"), r.err());
    }

    @Test
    void clusterFilesTakeTheSameKeys(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("moe.yaml");
        Files.writeString(f, String.join("\n",
                "kind: cluster", "seed: 1", "days: 1", "replications: 2",
                "model:", "  preset: mixtral-8x7b",
                "training:", "  seq: 4096", "  micro_batch: 1", "  grad_accum: 8", "  gemm_precision: bf16",
                "  expert_load_imbalance: 1.2", "  a2a_overlap: 0",
                "cluster:", "  gpu: h100-sxm", "  gpus: 64", "  ep: 8",
                "failures:", "  table: llama3",
                "checkpoint:", "  storage_write_gb_per_s: 100", ""), StandardCharsets.UTF_8);
        CliRun r = run("cluster", "simulate", f.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode t = r.json().get("time_breakdown_seconds");
        assertTrue(t.get("all_to_all").asDouble() > 0, t.toString());
        Files.writeString(f, Files.readString(f, StandardCharsets.UTF_8).replace("a2a_overlap: 0", "a2a_overlap: -1"),
                StandardCharsets.UTF_8);
        r = run("cluster", "simulate", f.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("a2a_overlap"), r.err());
    }
}
