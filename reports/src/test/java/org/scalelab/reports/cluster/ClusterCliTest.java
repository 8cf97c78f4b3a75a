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

class ClusterCliTest {
    private static String golden(String name) throws IOException {
        try (var in = ClusterCliTest.class.getResourceAsStream("/cluster/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void causalHelpCitesItsSource() {
        // FlashAttention-2 (Dao 2023), Section 3.1: with a causal mask the kernel skips the blocks above the diagonal
        String help = run("cluster", "step", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("skipping the blocks above the diagonal (Dao 2023, FlashAttention-2, Section 3.1)"), help);
    }

    @Test
    void collectiveJsonIsGolden() throws IOException {
        CliRun r = run("cluster", "collective", "--op", "all-reduce", "--algorithm", "hierarchical", "--ranks", "16",
                "--gpus-per-node", "8", "--bytes", "1e9", "--latency-us", "2", "--bandwidth-gb-per-s", "450",
                "--inter-node-latency-us", "5", "--inter-node-bandwidth-gb-per-s", "50", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(golden("collective-hierarchical.json"), r.out());
    }

    @Test
    void checkpointIntervalJsonIsGoldenAndMatchesDaly() throws IOException {
        CliRun r = run("cluster", "checkpoint-interval", "--mtbf-hours", "24", "--checkpoint-seconds", "300",
                "--restart-seconds", "600", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(golden("checkpoint-interval-24h.json"), r.out());
        // Daly 2006: M = 24 h, delta = 5 min -> 117 min.
        assertEquals(117, r.json().get("daly_seconds").asDouble() / 60, 0.5);
    }

    @Test
    void collectiveBusBandwidthFollowsNcclTests() throws IOException {
        // At zero latency (the default is the step model's 3 us) the ring runs at the link rate.
        JsonNode j = run("cluster", "collective", "--op", "all-gather", "--ranks", "8", "--bytes", "8e8",
                "--bandwidth-gb-per-s", "100", "--latency-us", "0", "--format", "json").json();
        double algbw = 8e8 / j.get("seconds").asDouble() / 1e9;
        assertEquals(algbw, j.get("algbw_gb_per_s").asDouble(), 1e-9);
        assertEquals(algbw * 7 / 8, j.get("busbw_gb_per_s").asDouble(), 1e-9);
        assertEquals(100, j.get("busbw_gb_per_s").asDouble(), 1e-9); // ideal ring at zero latency
    }

    @Test
    void aboveTheSimulatorsLimitTheClosedFormIsPrintedAndTheSkippedCheckSaid(@TempDir Path dir) throws IOException {
        // Ring all-reduce closed form (Thakur et al. 2005): 2(p-1) alpha + 2(p-1)/p S/B
        JsonNode j = run("cluster", "collective", "--op", "all-reduce", "--ranks", "4096", "--bytes", "1e9",
                "--nvlink-gb-per-s", "450", "--format", "json").json();
        double p = 4096;
        assertEquals(2 * (p - 1) * 3e-6 + 2 * (p - 1) / p * 1e9 / 450e9, j.get("seconds").asDouble(), 1e-9);
        assertTrue(j.has("simulated_seconds") && j.get("simulated_seconds").isNull(), j.toString());
        assertTrue(j.get("note").asText().contains("simulation check skipped")
                && j.get("note").asText().contains("at most 2048 ranks"), j.toString());
        // at the limit the check still runs and no note is printed
        JsonNode at = run("cluster", "collective", "--op", "all-reduce", "--ranks", "2048", "--bytes", "1e6",
                "--nvlink-gb-per-s", "450", "--format", "json").json();
        assertTrue(at.get("simulated_seconds").isNumber(), at.toString());
        assertFalse(at.has("note"), at.toString());
        // the table says so too, and the page
        CliRun table = run("cluster", "collective", "--op", "all-reduce", "--ranks", "4096", "--bytes", "1e9",
                "--nvlink-gb-per-s", "450", "--out", dir.resolve("c").toString());
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("simulation check skipped"), table.out());
        assertTrue(Files.readString(dir.resolve("c").resolve("index.html")).contains("simulation check skipped"));
        // beyond the closed form's bound, and a slow rank (simulation only) above the simulator's, are refused
        CliRun big = run("cluster", "collective", "--op", "all-reduce", "--ranks", "2000000", "--bytes", "1e9",
                "--nvlink-gb-per-s", "450");
        assertEquals(2, big.exit(), big.err());
        assertTrue(big.err().contains("--ranks: must be in [2, 1048576], was 2000000"), big.err());
        CliRun slow = run("cluster", "collective", "--op", "all-reduce", "--ranks", "4096", "--bytes", "1e9",
                "--nvlink-gb-per-s", "450", "--slow-rank", "3");
        assertEquals(2, slow.exit(), slow.err());
        assertTrue(slow.err().contains("--slow-rank: needs the link-level simulation, which plays at most 2048 ranks"), slow.err());
    }

    @Test
    void aStepThatCannotFitInMemorySaysSoAsTheMemoryModelDoes(@TempDir Path dir) throws IOException {
        // llama3-405b on 8 GPUs at TP 8: Megatron-LM bf16 model states alone are 18 B x 405.9e9 / 8 = 913 GB per GPU
        String[] step = {"cluster", "step", "--model", "llama3-405b", "--gpus", "8", "--tp", "8", "--seq", "4096",
            "--micro-batch", "1"};
        JsonNode j = run(with(step, "--format", "json")).json();
        assertFalse(j.get("memory_fits").asBoolean(), j.toString());
        assertTrue(j.get("memory_needed_bytes").asDouble() > 18 * 405e9 / 8, j.toString());
        assertTrue(j.get("note").asText().startsWith("this layout does not fit in memory"), j.toString());
        // the same number and verdict as the memory command for the same recipe and layout
        JsonNode m = run("memory", "--model", "llama3-405b", "--gpu", "h100-sxm", "--dp", "1", "--tp", "8", "--seq", "4096",
                "--micro-batch", "1", "--recipe", "megatron-bf16", "--format", "json").json();
        assertFalse(m.get("fits").asBoolean(), m.toString());
        assertEquals(Math.max(m.at("/per_gpu_bytes/total").asDouble(), m.get("peak_allocated_bytes").asDouble()),
                j.get("memory_needed_bytes").asDouble(), 2.0);
        CliRun table = run(with(step, "--out", dir.resolve("s").toString()));
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("this layout does not fit in memory"), table.out());
        String page = Files.readString(dir.resolve("s").resolve("index.html"));
        assertTrue(page.contains("Fits in GPU memory") && page.contains("this layout does not fit in memory"), "page");
        // a layout that fits prints no note
        JsonNode small = run("cluster", "step", "--model", "llama2-7b", "--gpus", "8", "--tp", "8", "--seq", "4096",
                "--micro-batch", "1", "--format", "json").json();
        assertTrue(small.get("memory_fits").asBoolean(), small.toString());
        assertFalse(small.has("note"), small.toString());
    }

    @Test
    void simulatingAStepOnlyFileNamesTheFileNotAnOption() {
        CliRun r = run("cluster", "simulate", "../examples/cluster-step-gpt2-h100.yaml");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("cluster-step-gpt2-h100.yaml:1 days: is required to simulate"), r.err());
        assertFalse(r.err().contains("--days"), r.err());
    }

    @Test
    void aSlowLinkSlowsTheSimulatedCollectiveOnly() throws IOException {
        String[] base = {"cluster", "collective", "--op", "all-reduce", "--ranks", "8", "--bytes", "1e8",
            "--bandwidth-gb-per-s", "100", "--latency-us", "5", "--format", "json"};
        JsonNode idle = run(base).json();
        assertEquals(idle.get("seconds").asDouble(), idle.get("simulated_seconds").asDouble(), 1e-12);
        String[] slow = java.util.Arrays.copyOf(base, base.length + 2);
        slow[base.length] = "--slow-rank";
        slow[base.length + 1] = "3";
        JsonNode s = run(slow).json();
        assertEquals(idle.get("seconds").asDouble(), s.get("seconds").asDouble(), 0);
        assertTrue(s.get("simulated_seconds").asDouble() > 3 * idle.get("seconds").asDouble());
    }

    @Test
    void stepPrintsTheBreakdownAndTheRelativeError() throws IOException {
        CliRun r = run("cluster", "step", "--model", "gpt3-175b", "--seq", "2048", "--micro-batch", "1", "--grad-accum", "32",
                "--gpu", "a100-80gb", "--gpus", "12288", "--tp", "8", "--pp", "8", "--measured-step-seconds", "6.34",
                "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        double sum = 0;
        for (String k : new String[] {"productive_compute", "recompute", "memory_bound", "exposed_communication",
            "pipeline_bubble"}) {
            sum += j.get("breakdown").get(k).asDouble();
        }
        assertEquals(j.get("step_seconds").asDouble(), sum, 1e-9);
        double ops = 0;
        for (JsonNode op : j.get("ops")) {
            ops += op.get("seconds").asDouble();
            assertTrue(op.has("name") && op.has("flops") && op.has("bytes"), op.toString());
        }
        assertEquals(j.get("step_seconds").asDouble(), ops, 1e-9 * ops);
        assertEquals(j.get("model_flops_per_token").asDouble() * j.get("tokens_per_step").asDouble()
                / (6.34 * 12_288 * 312e12), j.get("measured_mfu").asDouble(), 1e-12);
        assertTrue(j.get("hfu").asDouble() >= j.get("mfu").asDouble());
        assertEquals((j.get("step_seconds").asDouble() - 6.34) / 6.34, j.get("relative_error").asDouble(), 1e-12);
        assertTrue(j.get("mfu").asDouble() > 0 && j.get("mfu").asDouble() < 1);
        assertTrue(j.has("tokens_per_second"));
    }

    @Test
    void matmulEfficiencyFromAKernelsResultFile(@TempDir Path dir) throws IOException {
        // The shape of `scalelab kernels run --format json` (gpu-kernels Measurement rows).
        Path f = dir.resolve("kernels.json");
        Files.writeString(f, "{\"machine\": \"NVIDIA H100 80GB HBM3\", \"date\": \"2026-11-23\", \"results\": ["
                + "{\"kernel\": \"tiled\", \"device\": \"opencl-gpu\", \"n\": 4096, \"device_name\": \"NVIDIA H100 80GB HBM3\","
                + " \"ran_on\": \"opencl:NVIDIA CUDA:NVIDIA H100 80GB HBM3\", \"gflops\": 33500},"
                + " {\"kernel\": \"vector-api\", \"device\": \"java\", \"n\": 4096, \"device_name\": \"AMD EPYC\", \"gflops\": 60000},"
                + " {\"kernel\": \"naive\", \"device\": \"opencl-gpu\", \"n\": 4096, \"device_name\": \"NVIDIA H100 80GB HBM3\","
                + " \"ran_on\": \"opencl:NVIDIA CUDA:NVIDIA H100 80GB HBM3\", \"gflops\": 3900}]}");
        CliRun r = run("cluster", "step", "--model", "llama2-7b", "--seq", "4096", "--micro-batch", "1", "--gpus", "8",
                "--gpu", "h100-sxm", "--matmul-efficiency-from", f.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        // 33,500 GFLOP/s over the H100 SXM FP32 peak of 67 TFLOP/s = 0.5.
        assertEquals(0.5, r.json().get("matmul_efficiency").asDouble(), 1e-12);
        String source = r.json().get("matmul_efficiency_source").asText();
        assertTrue(source.contains("tiled n=4096") && source.contains("our measurement") && source.contains("2026-11-23"), source);
        assertTrue(!source.contains("not on the"), source);
        // An A100 run from an H100 measurement says the measurement was made on another GPU.
        Path h100 = dir.resolve("h100-slow.json");
        Files.writeString(h100, "{\"results\": [{\"kernel\": \"tiled\", \"device\": \"opencl-gpu\", \"n\": 4096,"
                + " \"device_name\": \"NVIDIA H100 80GB HBM3\", \"ran_on\": \"opencl:NVIDIA CUDA:NVIDIA H100 80GB HBM3\", \"gflops\": 9000}]}");
        CliRun a100 = run("cluster", "step", "--model", "llama2-7b", "--seq", "4096", "--micro-batch", "1", "--gpus", "8",
                "--gpu", "a100-80gb", "--matmul-efficiency-from", h100.toString(), "--format", "json");
        assertEquals(0, a100.exit(), a100.err());
        assertTrue(a100.json().get("matmul_efficiency_source").asText().contains("not on the a100-80gb"), a100.out());
    }

    /**
     * The step prints the HBM bandwidth its memory-bound kernels ran at with its source, as it prints
     * the matmul efficiency: by default the GPU's measured streaming bandwidth (3,000 GB/s on an
     * H100 SXM: 3.35 TB/s x 3,000 / 3,350 from deepseek-ai/FlashMLA's README; tolerance 1e-9 of it);
     * {@code --hbm-gb-per-s} replaces it ("given") without turning the GPU into a custom one, and
     * every memory-bound op's seconds are its bytes over the printed bandwidth.
     */
    @Test
    void theHbmBandwidthIsPrintedWithItsSourceAndCanBeGiven() {
        String[] base = {"cluster", "step", "--gpu", "h100-sxm", "--gpus", "1", "--layers", "12", "--hidden", "768",
            "--heads", "12", "--vocab", "50304", "--untied-embeddings", "--seq", "1024", "--micro-batch", "16",
            "--recipe", "torch-amp-bf16", "--flash-attention", "--no-dropout", "--format", "json"};
        CliRun measured = run(base);
        assertEquals(0, measured.exit(), measured.err());
        JsonNode m = measured.json();
        assertEquals(3_000, m.get("hbm_gb_per_s").asDouble(), 3e-6);
        String source = m.get("hbm_gb_per_s_source").asText();
        assertTrue(source.contains("deepseek-ai/FlashMLA") && source.contains("89.6 %"), source);
        JsonNode g = run(with(base, "--hbm-gb-per-s", "1500")).json();
        assertEquals(1_500, g.get("hbm_gb_per_s").asDouble(), 0);
        assertEquals("given", g.get("hbm_gb_per_s_source").asText());
        assertEquals("h100-sxm", g.get("gpu").asText());
        for (JsonNode r : new JsonNode[] {m, g}) {
            double bytesPerSecond = r.get("hbm_gb_per_s").asDouble() * 1e9;
            int memoryBound = 0;
            for (JsonNode op : r.get("ops")) {
                if (op.get("kind").asText().equals("MEMORY_BOUND") || op.get("kind").asText().equals("memory_bound")) {
                    assertEquals(op.get("bytes").asDouble() / bytesPerSecond, op.get("seconds").asDouble(),
                            1e-12 * op.get("seconds").asDouble(), op.toString());
                    memoryBound++;
                }
            }
            assertTrue(memoryBound > 5, r.get("ops").toString());
        }
        // Half the bandwidth: the memory-bound time doubles exactly (same bytes).
        assertEquals(2 * m.get("breakdown").get("memory_bound").asDouble(), g.get("breakdown").get("memory_bound").asDouble(),
                1e-12);
        CliRun bad = run(with(base, "--hbm-gb-per-s", "-5"));
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("--hbm-gb-per-s: must be in (0,"), bad.err());
    }

    /** The help's list of default bandwidths is the one the model uses, preset by preset. */
    @Test
    void theHbmHelpListsEachPresetsMeasuredBandwidth() {
        for (String name : java.util.List.of("a100-80gb", "a100-40gb", "h100-sxm", "h800", "h100-pcie", "h200")) {
            org.scalelab.common.GpuSpec gpu = org.scalelab.common.GpuSpec.byName(name);
            String gb = String.format(java.util.Locale.ROOT, "%,.0f",
                    org.scalelab.cluster.step.HbmBandwidth.measured(gpu).gbPerS());
            assertTrue(StepCommand.HBM_DEFAULT.matches("(?s).*\\b" + java.util.regex.Pattern.quote(name)
                    + "(?: and h800)? " + java.util.regex.Pattern.quote(gb) + "\\b.*"), name + " " + gb + ": " + StepCommand.HBM_DEFAULT);
        }
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void aMatmulEfficiencySourceNeedsTheEfficiencyItDescribes() {
        // Alone, the text would relabel the GPU's measured MAMF as the user's source.
        CliRun r = run("cluster", "step", "--model", "llama2-7b", "--seq", "4096", "--micro-batch", "1", "--gpus", "8",
                "--matmul-efficiency-source", "our cuBLAS run", "--format", "json");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("matmul-efficiency-source") && r.err().contains("our cuBLAS run"), r.err());
        CliRun both = run("cluster", "step", "--model", "llama2-7b", "--seq", "4096", "--micro-batch", "1", "--gpus", "8",
                "--matmul-efficiency", "0.7", "--matmul-efficiency-source", "our cuBLAS run", "--format", "json");
        assertEquals(0, both.exit(), both.err());
        assertEquals("our cuBLAS run", both.json().get("matmul_efficiency_source").asText());
    }

    @Test
    void aCollectiveAcrossNodesTakesTheStepModelsInterNodeLatency() {
        // It used to take --latency-us (3 us, the NVLink default) where cluster step and plan take 10 us.
        String[] base = {"cluster", "collective", "--op", "all-reduce", "--algorithm", "ring", "--ranks", "16",
            "--gpus-per-node", "8", "--bytes", "1e6", "--nvlink-gb-per-s", "450", "--inter-node-gbit-per-s", "400",
            "--format", "json"};
        String stepDefault = Double.toString(org.scalelab.cluster.step.ParallelLayout.DEFAULT_INTER_NODE_LATENCY_US);
        CliRun byDefault = run(base);
        assertEquals(0, byDefault.exit(), byDefault.err());
        String[] given = java.util.Arrays.copyOf(base, base.length + 2);
        given[base.length] = "--inter-node-latency-us";
        given[base.length + 1] = stepDefault;
        assertEquals(run(given).json().get("seconds"), byDefault.json().get("seconds"));
        given[base.length + 1] = "3";
        double nvlinkLatency = run(given).json().get("seconds").asDouble();
        assertTrue(nvlinkLatency < byDefault.json().get("seconds").asDouble(), byDefault.out());
        String help = run("cluster", "collective", "--help").out().replaceAll("\\s+", " ");
        // one shared help text for the inter-node latency in collective, cluster step and plan
        assertTrue(help.contains("--inter-node-latency-us=A2 Inter-node latency per message, microseconds. Default: "
                + stepDefault + " (assumed)"), help);
    }

    @Test
    void aMatmulEfficiencySourceIsNotGivenBesideAKernelsFile(@TempDir Path dir) throws IOException {
        // The file's machine and date are the source of its measurement; a text beside it was silently dropped.
        Path f = dir.resolve("kernels.json");
        Files.writeString(f, "{\"results\": [{\"kernel\": \"tiled\", \"device\": \"opencl-gpu\", \"n\": 4096,"
                + " \"device_name\": \"NVIDIA H100 80GB HBM3\", \"ran_on\": \"opencl:NVIDIA CUDA:NVIDIA H100 80GB HBM3\","
                + " \"gflops\": 33500}]}");
        CliRun r = run("cluster", "step", "--model", "llama2-7b", "--seq", "4096", "--micro-batch", "1", "--gpus", "8",
                "--matmul-efficiency-from", f.toString(), "--matmul-efficiency-source", "our cuBLAS run", "--format", "json");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--matmul-efficiency-source") && r.err().contains("--matmul-efficiency-from")
                && r.err().contains("our cuBLAS run"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "kind: cluster\ndays: 1\nmodel: {preset: llama2-7b}\n"
                + "training: {seq: 4096, matmul_efficiency_from: kernels.json, matmul_efficiency_source: our cuBLAS run}\n"
                + "cluster: {gpus: 64, tp: 8}\nfailures: {table: llama3}\ncheckpoint: {storage_write_gb_per_s: 100}\n");
        CliRun fromFile = run("run", file.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, fromFile.exit(), fromFile.err());
        assertTrue(fromFile.err().contains("matmul_efficiency_source") && fromFile.err().contains("matmul_efficiency_from"),
                fromFile.err());
    }

    @Test
    void matmulEfficiencyRejectsCpuAndPoclRows(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("cpu.json");
        Files.writeString(f, "{\"results\": [{\"kernel\": \"register-blocked\", \"device\": \"opencl-cpu\", \"n\": 1024,"
                + " \"device_name\": \"cpu\", \"ran_on\": \"opencl:Portable Computing Language:cpu\", \"gflops\": 7.5},"
                + " {\"kernel\": \"native-blas\", \"device\": \"native\", \"n\": 1024, \"gflops\": 190}]}");
        CliRun r = run("cluster", "step", "--model", "llama2-7b", "--seq", "4096", "--micro-batch", "1", "--gpus", "8",
                "--gpu", "h100-sxm", "--matmul-efficiency-from", f.toString(), "--format", "json");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("no row measured on a GPU") && r.err().contains("2 CPU or PoCL rows ignored"), r.err());
    }

    /**
     * A bad --matmul-efficiency-from file, or a second source of the efficiency beside it, is one line naming the
     * option and the path as typed (before: Jackson's "Unexpected end-of-input ... [Source: REDACTED
     * (`StreamReadFeature...`" for a truncated file, and --matmul-efficiency silently dropped).
     */
    @Test
    void aBadKernelsResultOrASecondEfficiencyNamesTheOption(@TempDir Path dir) throws IOException {
        Path cut = Files.writeString(dir.resolve("cut.json"), "{\"results\": [");
        Path gpuRow = Files.writeString(dir.resolve("gpu.json"), "{\"results\": [{\"kernel\": \"cublas\", \"device\": \"cuda\","
                + " \"n\": 8192, \"device_name\": \"NVIDIA H100 80GB HBM3\", \"gflops\": 50000}]}");
        String[][] cases = {
            {cut.toString(), "--matmul-efficiency-from: cut.json is not JSON (syntax error at line 1, column 14), was " + cut},
            {dir.toString(), "--matmul-efficiency-from: must be a JSON file, not a folder, was " + dir},
            {dir.resolve("none.json").toString(), "--matmul-efficiency-from: none.json cannot be read (no such file), was "
                + dir.resolve("none.json")},
            {gpuRow + " --matmul-efficiency 0.5", "--matmul-efficiency: give either --matmul-efficiency or"
                + " --matmul-efficiency-from (which measures it), not both, was 0.5"},
            {gpuRow + " --matmul-efficiency-source ours", "--matmul-efficiency-source: describes a given"},
        };
        for (String[] c : cases) {
            String[] args = ("cluster step --model llama2-7b --seq 4096 --micro-batch 1 --gpus 8 --format json"
                    + " --matmul-efficiency-from " + c[0]).split(" ");
            CliRun r = run(args);
            assertEquals(2, r.exit(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(c[1]), r.err());
            assertFalse(r.err().contains("Source") || r.err().contains("Exception"), r.err());
        }
        CliRun ok = run(("cluster step --model llama2-7b --seq 4096 --micro-batch 1 --gpus 8 --format json"
                + " --matmul-efficiency-from " + gpuRow).split(" "));
        assertEquals(0, ok.exit(), ok.err());
    }

    @Test
    void abstractJobAgreesWithDalyAndDoesNotDependOnThreads() throws IOException {
        String[] args = {"cluster", "simulate", "--mtbf-hours", "3", "--checkpoint-seconds", "120", "--restart-seconds", "600",
            "--interval", "daly", "--days", "54", "--replications", "300", "--seed", "11", "--format", "json", "--threads", "1"};
        CliRun one = run(args);
        assertEquals(0, one.exit(), one.err());
        args[args.length - 1] = "2";
        CliRun two = run(args);
        assertEquals(one.out(), two.out());
        JsonNode j = one.json();
        double expected = j.get("expected_ettr").asDouble();
        assertTrue(j.get("ettr_ci").get(0).asDouble() <= expected && expected <= j.get("ettr_ci").get(1).asDouble(),
                expected + " outside " + j.get("ettr_ci"));
        for (String k : new String[] {"ettr", "wall_seconds", "goodput_tokens_per_second", "goodput_mfu", "interruptions",
            "interruptions_by_cause", "simulated_events", "seed"}) {
            assertTrue(j.has(k), k);
        }
        assertEquals(11, j.get("seed").asLong());
        assertTrue(j.get("interruptions").has("unexpected") && j.get("interruptions").has("planned"));
    }

    @Test
    void oneReplicationPrintsNoIntervalAndSaysWhy() throws IOException {
        String[] args = {"cluster", "simulate", "--mtbf-hours", "3", "--checkpoint-seconds", "120", "--days", "5",
            "--replications", "1", "--seed", "11"};
        CliRun table = run(args);
        assertEquals(0, table.exit(), table.err());
        String ettrCi = table.out().lines().map(String::strip).filter(l -> l.startsWith("ettr ci")).findFirst().orElseThrow();
        assertTrue(ettrCi.matches("ettr ci\\s+-\\s+none: one replication has no spread"), table.out());
        assertTrue(table.out().contains("discrete-event run, 1 replication") && !table.out().contains("1 replications"), table.out());
        CliRun json = run(java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--format", "json"))
                .toArray(String[]::new));
        assertTrue(json.json().get("ettr_ci").isNull(), json.out());
        assertTrue(json.json().get("ettr").isNumber(), json.out());
        args[9] = "2";
        JsonNode two = run(java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--format", "json"))
                .toArray(String[]::new)).json();
        assertEquals(2, two.get("ettr_ci").size());
    }

    @Test
    void badInputExitsTwoNamingTheField(@TempDir Path dir) throws IOException {
        CliRun r = run("cluster", "step", "--model", "gpt3-175b", "--seq", "2048", "--micro-batch", "1", "--gpus", "0");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("gpus"), r.err());
        r = run("cluster", "step", "--model", "gpt3-175b", "--seq", "2048", "--micro-batch", "1", "--gpus", "48", "--tp", "3");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--tp: must divide --gpus-per-node"), r.err());
        r = run("cluster", "collective", "--op", "all-reduce", "--ranks", "8", "--bytes", "1e6", "--bandwidth-gb-per-s", "-5");
        assertEquals(2, r.exit());
        // Named by the option's first name, its file key's (collective.nvlink_gb_per_s); --bandwidth-gb-per-s is its alias.
        assertTrue(r.err().contains("--nvlink-gb-per-s: must be in (0, 1000000], was -5"), r.err());
        r = run("cluster", "collective", "--op", "all-to-one", "--ranks", "8", "--bytes", "1e6", "--bandwidth-gb-per-s", "5");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("op: must be one of all-reduce"), r.err());
        r = run("cluster", "collective", "--op", "all-to-all", "--algorithm", "ring", "--ranks", "8", "--bytes", "1e6",
                "--bandwidth-gb-per-s", "5");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("algorithm"), r.err());
        r = run("cluster", "step", "--model", "gpt3-175b", "--seq", "2048", "--micro-batch", "1", "--gpus", "8",
                "--recipe", "fp8-magic");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("recipe: must be one of megatron-bf16"), r.err());
        String yaml = Files.readString(Path.of("../examples/cluster-megascale-175b-12k.yaml"))
                .replace("distribution: exponential", "distribution: gamma");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, yaml);
        r = run("cluster", "simulate", bad.toString(), "--replications", "2");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("failures.distribution: must be one of exponential, weibull"), r.err());
        assertTrue(r.err().contains("bad.yaml:"), r.err());
        Files.writeString(bad, Files.readString(Path.of("../examples/cluster-megascale-175b-12k.yaml")).replace("gpus: 12288", "gpus: 0"));
        r = run("cluster", "simulate", bad.toString(), "--replications", "2");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("cluster.gpus"), r.err());
    }

    @Test
    void llama3StepCountsModelFlopsWithoutTheEmbeddingLookup() throws IOException {
        // PaLM Appendix B; pytorch/torchtitan#280 "exclude embedding in MFU computation": 6(N - V h) + 12 L h s = 57.91 GFLOP/token.
        CliRun r = run("cluster", "step", "--model", "llama3-8b", "--gpu", "h100-sxm", "--gpus", "8", "--seq", "8192",
                "--micro-batch", "1", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(57.91e9, r.json().get("model_flops_per_token").asDouble(), 0.005e9);
    }

    @Test
    void treeIsNcclsDoubleBinaryTree() throws IOException {
        // NVIDIA/nccl-tests#279 "Is it suitable to calculate busBw in AllReduceGetBw for all of the algos?": bandwidth term ~2 S/B whatever the ranks: ~0.04 s (10 %).
        CliRun r = run("cluster", "collective", "--op", "all-reduce", "--algorithm", "tree", "--ranks", "64", "--bytes", "1e9",
                "--bandwidth-gb-per-s", "50", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(0.04, r.json().get("seconds").asDouble(), 0.004);
        assertEquals(0.04, r.json().get("simulated_seconds").asDouble(), 0.004);
        CliRun b = run("cluster", "collective", "--op", "all-reduce", "--algorithm", "binomial-tree", "--ranks", "64", "--bytes",
                "1e9", "--bandwidth-gb-per-s", "50", "--latency-us", "0", "--format", "json");
        assertEquals(0.24, b.json().get("seconds").asDouble(), 1e-9);
    }

    @Test
    void allToAllDefaultsToPairwiseExchange() throws IOException {
        // NVIDIA/nccl-tests#130 "algorithm bandwidth of all2all" and NVIDIA/nccl-tests#181
        // "AlltoAllGetBw is incorrect when used with multiple nodes": 2 nodes x 8 GPUs, 12.5 GB/s NIC, 1 GB: ~40 ms, algbw 25 GB/s,
        // busbw = algbw (n-1)/n = 23.4 GB/s.
        CliRun r = run("cluster", "collective", "--op", "all-to-all", "--ranks", "16", "--gpus-per-node", "8", "--bytes", "1e9",
                "--bandwidth-gb-per-s", "450", "--inter-node-bandwidth-gb-per-s", "12.5", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals("pairwise", j.get("algorithm").asText());
        assertEquals(0.040, j.get("seconds").asDouble(), 0.001);
        assertEquals(0.040, j.get("simulated_seconds").asDouble(), 0.001);
        assertEquals(25.0, j.get("algbw_gb_per_s").asDouble(), 0.5);
        assertEquals(23.4, j.get("busbw_gb_per_s").asDouble(), 0.05);
    }

    @Test
    void stepTakesTheMemoryCommandsKernelOptions() throws IOException {
        String[] base = {"cluster", "step", "--layers", "12", "--hidden", "768", "--heads", "12", "--vocab", "50304",
            "--seq", "8192", "--micro-batch", "1", "--gpus", "1", "--format", "json"};
        CliRun plain = run(base);
        String[] amp = java.util.Arrays.copyOf(base, base.length + 4);
        amp[base.length] = "--recipe";
        amp[base.length + 1] = "torch-amp-bf16";
        amp[base.length + 2] = "--flash-attention";
        amp[base.length + 3] = "--no-dropout";
        CliRun r = run(amp);
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals("torch-amp-bf16", j.get("recipe").asText());
        assertTrue(j.get("flash_attention").asBoolean());
        assertTrue(!j.get("dropout").asBoolean());
        boolean casts = false;
        for (JsonNode op : j.get("ops")) {
            casts |= op.get("name").asText().equals("autocast_weight_casts");
        }
        assertTrue(casts);
        assertTrue(plain.json().get("step_seconds").asDouble() != j.get("step_seconds").asDouble());
    }

    @Test
    void linkDefaultsFollowTheGpuAndTheMegaScaleFileAgreesWithTheOptions(@TempDir Path dir) throws IOException {
        // NVIDIA A100 data sheet: NVLink 600 GB/s both directions = 300 each; DGX A100: 8 x 200 Gbit/s
        // HDR. The option defaults for --gpu a100-80gb are those; an explicit option still wins.
        String[] a100 = {"cluster", "step", "--model", "gpt3-175b", "--gpu", "a100-80gb", "--gpus", "12288", "--tp", "8",
            "--pp", "8", "--seq", "2048", "--micro-batch", "1", "--grad-accum", "32", "--flash-attention",
            "--sequence-parallel", "--zero", "1", "--dp-overlap", "0.5", "--format", "json"};
        double byDefault = run(a100).json().get("step_seconds").asDouble();
        String[] explicit = java.util.Arrays.copyOf(a100, a100.length + 4);
        System.arraycopy(new String[] {"--nvlink-gb-per-s", "300", "--inter-node-gbit-per-s", "200"}, 0, explicit, a100.length, 4);
        assertEquals(run(explicit).json().get("step_seconds").asDouble(), byDefault, 0);
        explicit[a100.length + 1] = "450";
        explicit[a100.length + 3] = "400";
        assertTrue(run(explicit).json().get("step_seconds").asDouble() < byDefault, "H100 links are faster");
        // The MegaScale file writes the A100 links out; without them the file gives the same step, and
        // so do the same settings as options.
        String yaml = Files.readString(Path.of("../examples/cluster-megascale-175b-12k.yaml"));
        Path bare = dir.resolve("bare.yaml");
        Files.writeString(bare, yaml.replaceAll("(?m)^  (nvlink_gb_per_s|inter_node_gbit_per_s):.*\\n", ""));
        assertTrue(!Files.readString(bare).contains("nvlink_gb_per_s"));
        JsonNode withLinks = run("cluster", "simulate", "../examples/cluster-megascale-175b-12k.yaml", "--replications", "2",
                "--format", "json").json();
        JsonNode without = run("cluster", "simulate", bare.toString(), "--replications", "2", "--format", "json").json();
        assertEquals(withLinks.get("step_seconds").asDouble(), without.get("step_seconds").asDouble(), 0);
        assertEquals(withLinks.get("step_seconds").asDouble(), byDefault, 1e-9 * byDefault);
        // H100 PCIe has no NVSwitch: TP runs over PCIe Gen5 (64 GB/s each way), slower than the SXM's NVLink.
        String[] pcie = {"cluster", "step", "--model", "llama3-8b", "--gpu", "h100-pcie", "--gpus", "8", "--tp", "8",
            "--seq", "8192", "--micro-batch", "1", "--flash-attention", "--format", "json"};
        double tpPcie = tpAllReduce(run(pcie).json());
        pcie[5] = "h100-sxm";
        assertTrue(tpPcie > 5 * tpAllReduce(run(pcie).json()), "PCIe Gen5 against NVLink 4");
        String[] sxmAtPcieRate = java.util.Arrays.copyOf(pcie, pcie.length + 2);
        sxmAtPcieRate[pcie.length] = "--nvlink-gb-per-s";
        sxmAtPcieRate[pcie.length + 1] = "64";
        assertEquals(tpPcie, tpAllReduce(run(sxmAtPcieRate).json()), 1e-12 * tpPcie);
    }

    private static double tpAllReduce(JsonNode step) {
        for (JsonNode op : step.get("ops")) {
            if (op.get("name").asText().equals("tp_all_reduce")) {
                return op.get("seconds").asDouble();
            }
        }
        throw new AssertionError("no tp_all_reduce in " + step);
    }

    @Test
    void megaScaleExampleStepsWithinTenPercentAndItsBubbleIsNotProductive() throws IOException {
        // MegaScale (Jiang et al., ByteDance, NSDI 2024), Table 2: 6.34 s per iteration on 12,288
        // GPUs; the example keeps the paper's layout and batch, states what the paper states
        // (FlashAttention-2, sequence parallelism) and leaves the rest at its defaults. 10 %.
        CliRun r = run("cluster", "simulate", "../examples/cluster-megascale-175b-12k.yaml", "--replications", "2",
                "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals(6.34, j.get("step_seconds").asDouble(), 0.634);
        JsonNode t = j.get("time_breakdown_seconds");
        // PP 8 with 32 micro-batches: the bubble is its own category, (p - 1)/m = 7/32 of the rest.
        assertTrue(t.get("pipeline_bubble").asDouble() > 0.1 * t.get("productive_compute").asDouble(), t.toString());
        double wall = 0;
        for (JsonNode v : t) {
            wall += v.asDouble();
        }
        assertEquals(j.get("wall_seconds").asDouble(), wall, 1e-6 * wall);
        // one name per quantity: the simulation's MFU over wall time is goodput_mfu = step MFU x ETTR; the step's own
        // MFU, HFU and model FLOPs per token sit beside it as step_mfu, step_hfu and model_flops_per_token
        assertFalse(j.has("mfu"), j.toString());
        assertEquals(j.get("step_mfu").asDouble() * j.get("ettr").asDouble(), j.get("goodput_mfu").asDouble(), 1e-12);
        assertEquals(2, j.get("goodput_mfu_ci").size());
        assertTrue(j.get("step_hfu").asDouble() >= j.get("step_mfu").asDouble(), j.toString());
        assertTrue(j.get("model_flops_per_token").asDouble() > 6 * 170e9, j.toString());
    }

    /**
     * A simulated run prints the HBM bandwidth of its step beside step_mfu, as {@code cluster step}
     * does: the GPU's measured one by default (3,000 GB/s on an H100 SXM, deepseek-ai/FlashMLA's
     * README), {@code cluster.hbm_gb_per_s} with source "given" when the file sets it; the same
     * under {@code cluster simulate} and {@code scalelab run}.
     */
    @Test
    void aSimulatedRunPrintsItsHbmBandwidthBesideStepMfu(@TempDir Path dir) throws IOException {
        String body = "kind: cluster\nseed: 7\ndays: 1\nreplications: 2\nmodel:\n  preset: llama2-7b\n"
                + "training:\n  seq: 4096\n  micro_batch: 1\n  grad_accum: 8\ncluster:\n  gpu: h100-sxm\n  gpus: 64\n"
                + "  tp: 2\n%sfailures:\n  table: llama3\ncheckpoint:\n  policy: daly\n  storage_write_gb_per_s: 20\n";
        Path measured = dir.resolve("measured.yaml");
        Files.writeString(measured, String.format(java.util.Locale.ROOT, body, ""));
        Path given = dir.resolve("given.yaml");
        Files.writeString(given, String.format(java.util.Locale.ROOT, body, "  hbm_gb_per_s: 1500\n"));
        JsonNode m = run("cluster", "simulate", measured.toString(), "--format", "json").json();
        assertEquals(3_000, m.get("hbm_gb_per_s").asDouble(), 3e-6);
        assertTrue(m.get("hbm_gb_per_s_source").asText().contains("deepseek-ai/FlashMLA"), m.toString());
        JsonNode g = run("cluster", "simulate", given.toString(), "--format", "json").json();
        assertEquals(1_500, g.get("hbm_gb_per_s").asDouble(), 0);
        assertEquals("given", g.get("hbm_gb_per_s_source").asText());
        assertTrue(g.get("step_seconds").asDouble() > m.get("step_seconds").asDouble(), g.toString());
        CliRun r = run("run", given.toString(), "--out", dir.resolve("out").toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"hbm_gb_per_s\" : 1500.0") && r.out().contains("\"hbm_gb_per_s_source\" : \"given\""),
                r.out());
        // the page's note gives the efficiency as a percentage (before: the raw double, 0.8033367037411526)
        String page = Files.readString(dir.resolve("out").resolve("given").resolve("index.html"));
        assertTrue(page.matches("(?s).*Matmul efficiency \\d+\\.\\d % of peak: .*"), page);
        // the abstract job has no step, so no bandwidth
        JsonNode whatIf = run("cluster", "simulate", "--mtbf-hours", "3", "--checkpoint-seconds", "300", "--restart-seconds",
                "600", "--days", "1", "--replications", "2", "--format", "json").json();
        assertTrue(whatIf.get("hbm_gb_per_s").isNull(), whatIf.toString());
    }
}
