package org.scalelab.reports.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scalelab.reports.testing.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scalelab.cluster.params.ClusterParameters;
import org.scalelab.cluster.step.StepModel;
import org.scalelab.cluster.step.StepResult;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.report.SectionReport;
import org.scalelab.reports.cli.Sections;
import org.scalelab.reports.testing.CliRun;

/**
 * The keys of {@code kind: cluster} that mirror {@code cluster step} and {@code cluster collective}:
 * a file and the command with the same settings compute the same numbers.
 */
class ClusterFileKeysTest {
    /** A small custom mixture of experts: grouped-query attention, SwiGLU, a shared expert, one dense block. */
    private static final String[] STEP = {"cluster", "step", "--layers", "8", "--hidden", "1024", "--heads", "16",
        "--kv-heads", "4", "--ffn-hidden", "2816", "--gated-mlp", "--untied-embeddings", "--vocab", "32000",
        "--experts", "8", "--experts-per-token", "2", "--shared-experts", "1", "--expert-ffn-hidden", "704",
        "--moe-layer-freq", "1", "--first-dense-layers", "1", "--capacity-factor", "1.25",
        "--seq", "2048", "--micro-batch", "2", "--grad-accum", "4", "--gpus", "16", "--gpus-per-node", "8",
        "--ep", "8", "--dp", "2", "--zero", "1", "--recompute", "selective", "--gemm-precision", "fp8",
        "--expert-load-imbalance", "1.2", "--a2a-overlap", "0.3", "--no-dropout", "--matmul-efficiency", "0.7",
        "--measured-step-seconds", "0.5", "--format", "json"};

    private static final String STEP_FILE = """
            kind: cluster
            days: 1
            model:
              layers: 8
              hidden: 1024
              heads: 16
              kv_heads: 4
              ffn_hidden: 2816
              gated_mlp: true
              untied_embeddings: true
              vocab: 32000
              experts: 8
              experts_per_token: 2
              shared_experts: 1
              expert_ffn_hidden: 704
              moe_layer_freq: 1
              first_dense_layers: 1
              capacity_factor: 1.25
            training:
              seq: 2048
              micro_batch: 2
              grad_accum: 4
              zero: 1
              recompute: selective
              gemm_precision: fp8
              expert_load_imbalance: 1.2
              a2a_overlap: 0.3
              dropout: false
              matmul_efficiency: 0.7
              measured_step_seconds: 0.5
            cluster:
              gpus: 16
              gpus_per_node: 8
              ep: 8
              dp: 2
            failures: {table: llama3}
            checkpoint: {storage_write_gb_per_s: 100}
            """;

    private static ClusterParameters read(Path dir, String yaml) throws IOException {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return (ClusterParameters) Sections.read(file).parameters();
    }

    @Test
    void aCustomMoeShapeInAFileGivesTheSameStepAsTheCommand(@TempDir Path dir) throws IOException {
        CliRun r = run(STEP);
        assertEquals(0, r.exit(), r.err());
        JsonNode cli = r.json();
        ClusterScenario.Prepared prep = ClusterScenario.prepare(read(dir, STEP_FILE));
        StepResult file = prep.step();
        // The same inputs through the same model: equal to the last bit, not within a tolerance.
        assertEquals(cli.get("step_seconds").asDouble(), file.stepSeconds(), 0);
        assertEquals(cli.get("mfu").asDouble(), file.mfu(), 0);
        assertEquals(cli.get("all_to_all_seconds").asDouble(), file.breakdown().allToAll(), 0);
        assertEquals(cli.get("params").asLong(), prep.spec().paramCount());
        assertEquals(2, cli.get("dp").asInt());
        assertEquals(2, prep.spec().layout().dp());
        assertFalse(cli.get("dropout").asBoolean());
        assertFalse(prep.spec().options().dropout());
        assertTrue(prep.spec().shape().isMoe());
        assertEquals(cli.get("measured_mfu").asDouble(), StepModel.measuredMfu(prep.spec(), 0.5), 0);
        // The shape keys reached the shape: 4 key/value heads, a dense first block, a shared expert.
        assertEquals(4, prep.spec().shape().kvHeads());
        assertEquals(1, prep.spec().shape().moe().firstDenseLayers());
        assertEquals(1, prep.spec().shape().moe().sharedExperts());
    }

    @Test
    void aFileWithoutDaysIsOneStepAndPrintsWhatTheCommandPrints(@TempDir Path dir) throws IOException {
        // The same file without the run's keys (days, failures, checkpoint) asks cluster step's question.
        String stepOnly = STEP_FILE.replace("days: 1\n", "").replace("failures: {table: llama3}\n", "")
                .replace("checkpoint: {storage_write_gb_per_s: 100}\n", "");
        ClusterParameters p = read(dir, stepOnly);
        assertTrue(p.isStep());
        SectionReport report = new ClusterSection().run(p, ClusterSectionTest.context(dir.resolve("out"), dir.resolve("c.yaml")));
        StepCommand.Result page = ((StepReport.Report) report.result()).step();
        JsonNode cli = run(STEP).json();
        // One computation behind both: equal to the last bit.
        assertEquals(cli.get("step_seconds").asDouble(), page.stepSeconds(), 0);
        assertEquals(cli.get("hfu").asDouble(), page.hfu(), 0);
        assertEquals(cli.get("measured_mfu").asDouble(), page.measuredMfu(), 0);
        assertEquals(cli.get("ops").size(), page.ops().size());
        // The page draws the step op by op and lists every op.
        var chart = report.charts().get(0);
        assertEquals("cluster-step-breakdown", chart.name());
        assertEquals(page.ops().size(), chart.rows().size());
        assertEquals(page.ops().size(), report.tables().get(0).rows().size());
    }

    @Test
    void theShippedStepExampleMatchesTheCommand(@TempDir Path out) throws IOException {
        Path file = Path.of("../examples/cluster-step-gpt2-h100.yaml");
        ClusterParameters p = (ClusterParameters) Sections.read(file).parameters();
        SectionReport report = new ClusterSection().run(p, ClusterSectionTest.context(out, file));
        StepCommand.Result page = ((StepReport.Report) report.result()).step();
        JsonNode cli = run("cluster", "step", "--layers", "12", "--hidden", "768", "--heads", "12", "--vocab", "50304",
                "--untied-embeddings", "--seq", "1024", "--micro-batch", "16", "--recipe", "torch-amp-bf16",
                "--flash-attention", "--no-dropout", "--gpu", "h100-sxm", "--gpus", "1", "--format", "json").json();
        assertEquals(cli.get("step_seconds").asDouble(), page.stepSeconds(), 0);
        assertEquals("torch-amp-bf16", page.recipe());
        // The page prints the HBM bandwidth its memory-bound kernels ran at, with its source (the H100 SXM's
        // 3,000 GB/s: deepseek-ai/FlashMLA's measured fraction of the data sheet), as the command does.
        assertEquals(cli.get("hbm_gb_per_s").asDouble(), page.hbmGbPerS(), 0);
        assertEquals(cli.get("hbm_gb_per_s_source").asText(), page.hbmGbPerSSource());
        assertTrue(report.headline().stream().anyMatch(r -> r.value().equals("3,000 GB/s")
                && r.origin().contains("deepseek-ai/FlashMLA")), report.headline().toString());
    }

    @Test
    void aLayoutRuleTheStepChecksNamesTheClusterKey(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "kind: cluster\nmodel: {layers: 2, hidden: 768, heads: 12, kv_heads: 3}\n"
                + "training: {seq: 1024, micro_batch: 1}\ncluster: {gpus: 2, tp: 2, gpus_per_node: 2}\n", StandardCharsets.UTF_8);
        CliRun r = run("run", file.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("s.yaml:4 cluster.tp: must divide kv_heads (3)"), r.err());
    }

    @Test
    void aStepFileHasNoRunToSimulate() {
        CliRun r = run("cluster", "simulate", "../examples/cluster-step-gpt2-h100.yaml");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("is required to simulate or sweep the run"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "replications: 10|replications: cannot be combined with a step file",
        "recovery: {spare_nodes: 1}|recovery: cannot be combined with a step file",
        "interval_factors: [1.0]|interval_factors: cannot be combined with a step file",
        "published: {step_seconds: 1.0, source: MegaScale}|published: cannot be combined with a step file"})
    void aStepFileTakesNoKeyOfTheRun(String other, String expected, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "kind: cluster\n" + other + "\nmodel: {preset: gpt3-175b}\ntraining: {seq: 2048, micro_batch: 1}\n"
                + "cluster: {gpus: 64, tp: 8, pp: 8}\n", StandardCharsets.UTF_8);
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Sections.read(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void dropoutIsNegatableAndNoDropoutStillWorks() {
        String[] base = {"cluster", "step", "--model", "gpt3-175b", "--gpus", "64", "--tp", "8", "--pp", "8", "--seq", "2048",
            "--micro-batch", "1", "--format", "json"};
        JsonNode on = run(base).json();
        JsonNode explicitOn = run(with(base, "--dropout")).json();
        JsonNode off = run(with(base, "--no-dropout")).json();
        assertTrue(on.get("dropout").asBoolean());
        assertEquals(on.get("step_seconds").asDouble(), explicitOn.get("step_seconds").asDouble(), 0);
        assertFalse(off.get("dropout").asBoolean());
        assertTrue(off.get("step_seconds").asDouble() < on.get("step_seconds").asDouble());
    }

    @Test
    void expertSettingsOnADenseModelAreNotSilentlyIgnored(@TempDir Path dir) throws IOException {
        String[] dense = {"cluster", "step", "--model", "gpt3-175b", "--gpus", "64", "--tp", "8", "--pp", "8", "--seq", "2048",
            "--micro-batch", "1", "--format", "json"};
        CliRun quiet = run(dense);
        assertEquals(0, quiet.exit(), quiet.err());
        assertEquals("", quiet.err());
        CliRun noted = run(with(dense, "--expert-load-imbalance", "1.5", "--a2a-overlap", "0.5"));
        assertEquals(0, noted.exit(), noted.err());
        assertEquals("note: --expert-load-imbalance 1.5 and --a2a-overlap 0.5 have no effect: gpt3-175b has no experts"
                + " (give --experts to make it a mixture of experts)", noted.err().strip());
        assertEquals(quiet.json().get("step_seconds").asDouble(), noted.json().get("step_seconds").asDouble(), 0);
        // A mixture of experts takes them without a note.
        CliRun moe = run("cluster", "step", "--model", "mixtral-8x7b", "--gpus", "64", "--ep", "8", "--seq", "4096",
                "--micro-batch", "1", "--expert-load-imbalance", "1.5", "--format", "json");
        assertEquals("", moe.err());
        // plan takes the same options (one mixin) and says the same.
        CliRun plan = run("plan", "--params", "1e9", "--tokens", "2e10", "--gpus", "8", "--seq", "2048", "--no-failures",
                "--out", dir.resolve("plan").toString(), "--a2a-overlap", "0.5", "--format", "json");
        assertEquals(0, plan.exit(), plan.err());
        assertTrue(plan.err().contains("note: --a2a-overlap 0.5 has no effect: the planner's dense shape has no experts"),
                plan.err());
        // The file's report says so in its notes.
        ClusterScenario.Prepared prep = ClusterScenario.prepare(read(dir, """
                kind: cluster
                days: 1
                model: {preset: gpt3-175b}
                training: {seq: 2048, expert_load_imbalance: 1.5}
                cluster: {gpus: 64, tp: 8, pp: 8}
                failures: {table: llama3}
                checkpoint: {storage_write_gb_per_s: 100}
                """));
        assertEquals("training.expert_load_imbalance 1.5 has no effect: gpt3-175b has no experts (give model.experts to make"
                + " it a mixture of experts).", ClusterSection.withoutEffect(prep).orElseThrow());
    }

    @Test
    void aCollectiveFileGivesTheCommandsNumbersAndItsCharts(@TempDir Path dir) throws IOException {
        CliRun r = run("cluster", "collective", "--op", "all-reduce", "--algorithm", "ring", "--ranks", "16",
                "--gpus-per-node", "8", "--bytes", "1073741824", "--latency-us", "3", "--nvlink-gb-per-s", "450",
                "--inter-node-latency-us", "10", "--inter-node-gbit-per-s", "400", "--nics-per-node", "4", "--slow-rank", "5",
                "--slow-factor", "0.5", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode cli = r.json();
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, """
                kind: cluster
                collective:
                  op: all-reduce
                  algorithm: ring
                  ranks: 16
                  gpus_per_node: 8
                  bytes: 1073741824
                  latency_us: 3
                  nvlink_gb_per_s: 450
                  inter_node_latency_us: 10
                  inter_node_gbit_per_s: 400
                  nics_per_node: 4
                  slow_rank: 5
                  slow_factor: 0.5
                """, StandardCharsets.UTF_8);
        ClusterParameters p = (ClusterParameters) Sections.read(file).parameters();
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        SectionReport report = new ClusterSection().run(p, ClusterSectionTest.context(out, file));
        CollectiveCommand.Result f = ((CollectiveReport.Report) report.result()).collective();
        assertEquals(cli.get("seconds").asDouble(), f.seconds(), 0);
        assertEquals(cli.get("simulated_seconds").asDouble(), f.simulatedSeconds(), 0);
        assertEquals(cli.get("busbw_gb_per_s").asDouble(), f.busbwGbPerS(), 0);
        assertEquals(cli.get("algbw_gb_per_s").asDouble(), f.algbwGbPerS(), 0);
        // Shared NICs and the slow rank make the played collective slower than the closed form.
        assertTrue(f.simulatedSeconds() > f.seconds());
        assertEquals(2, report.charts().size());
        for (var c : report.charts()) {
            for (String ext : new String[] {".png", ".svg", ".csv", ".json"}) {
                assertTrue(Files.size(out.resolve(c.name() + ext)) > 0, c.name() + ext);
            }
        }
        assertTrue(report.tables().get(0).rows().size() >= 3, report.tables().toString()); // ring, tree, hierarchical, ...
    }

    /**
     * {@code --gpu} gives a collective the links {@code cluster step} gives that GPU (GpuSpec: NVLink
     * per direction H100 SXM 450 GB/s, A100 300; DGX NIC per GPU H100 400 Gbit/s, A100 200), so a
     * collective across nodes no longer runs its NIC at the NVLink rate; a given bandwidth still
     * overrides, the file key {@code collective.gpu} gives the same numbers, and without a GPU the
     * intra-node bandwidth stays required, named by its option.
     */
    @Test
    void collectiveGpuSetsTheLinksClusterStepGivesIt(@TempDir Path dir) throws IOException {
        String[] base = {"cluster", "collective", "--op", "all-reduce", "--ranks", "16", "--gpus-per-node", "8", "--bytes",
            "1e9", "--format", "json"};
        JsonNode h100 = run(with(base, "--gpu", "h100-sxm")).json();
        assertEquals(run(with(base, "--nvlink-gb-per-s", "450", "--inter-node-gbit-per-s", "400")).json(), h100);
        assertEquals(run(with(base, "--nvlink-gb-per-s", "450", "--inter-node-gbit-per-s", "3600")).json(),
                run(with(base, "--nvlink-gb-per-s", "450")).json()); // without --gpu the NIC is the NVLink rate, as before
        assertEquals(run(with(base, "--bandwidth-gb-per-s", "300", "--inter-node-bandwidth-gb-per-s", "25")).json(),
                run(with(base, "--gpu", "a100-80gb")).json());
        JsonNode overridden = run(with(base, "--gpu", "h100-sxm", "--inter-node-gbit-per-s", "200")).json();
        assertEquals(run(with(base, "--nvlink-gb-per-s", "450", "--inter-node-gbit-per-s", "200")).json(), overridden);
        assertTrue(overridden.get("seconds").asDouble() > h100.get("seconds").asDouble(), overridden.toString());
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "kind: cluster\ncollective:\n  op: all-reduce\n  ranks: 16\n  gpus_per_node: 8\n"
                + "  bytes: 1.0e+9\n  gpu: h100-sxm\n", StandardCharsets.UTF_8);
        ClusterParameters p = (ClusterParameters) Sections.read(file).parameters();
        assertEquals(h100.get("seconds").asDouble(), CollectiveCommand.compute(p.collective()).seconds(), 0);
        CliRun page = run(with(base, "--gpu", "h100-sxm", "--out", dir.resolve("page").toString()));
        assertEquals(0, page.exit(), page.err());
        assertEquals(h100, page.json());
        CliRun missing = run(base);
        assertEquals(2, missing.exit(), missing.err());
        assertTrue(missing.err().contains("--nvlink-gb-per-s: is required unless --gpu is given"), missing.err());
        CliRun unknown = run(with(base, "--gpu", "b200"));
        assertEquals(2, unknown.exit(), unknown.err());
        assertTrue(unknown.err().contains("--gpu") && unknown.err().contains("h100-sxm"), unknown.err());
    }

    @Test
    void collectiveOutWritesTheFilesPageAndABadOutIsBadInput(@TempDir Path dir) throws IOException {
        String[] args = {"cluster", "collective", "--op", "all-gather", "--ranks", "16", "--gpus-per-node", "8", "--bytes", "1e9",
            "--latency-us", "3", "--nvlink-gb-per-s", "450", "--inter-node-gbit-per-s", "400", "--format", "json"};
        JsonNode printed = run(args).json();
        Path out = dir.resolve("ag");
        CliRun r = run(with(args, "--out", out.toString()));
        assertEquals(0, r.exit(), r.err());
        assertEquals(printed, r.json()); // the same answer, with or without the page
        assertTrue(r.err().contains("scalelab: report: "), r.err());
        for (String name : new String[] {"index.html", "result.json", "parameters.yaml"}) {
            assertTrue(Files.size(out.resolve(name)) > 0, name);
        }
        assertTrue(Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8).contains("Collective: all-gather"));
        JsonNode result = org.scalelab.report.io.Json.MAPPER.readTree(out.resolve("result.json").toFile());
        assertEquals(printed, result.at("/result/collective"));
        // the echoed file is the kind: cluster file that gives the same numbers
        ClusterParameters echoed = (ClusterParameters) Sections.read(out.resolve("parameters.yaml")).parameters();
        assertEquals(printed.get("seconds").asDouble(), CollectiveCommand.compute(echoed.collective()).seconds(), 0);
        // a second run replaces the page whole
        CliRun again = run(with(args, "--out", out.toString()));
        assertEquals(0, again.exit(), again.err());

        Path file = dir.resolve("a-file");
        Files.writeString(file, "not a folder", StandardCharsets.UTF_8);
        CliRun bad = run(with(args, "--out", file.toString()));
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("--out: must be a folder"), bad.err());
        assertEquals("not a folder", Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void stepOutWritesTheStepPageWithTheSameNumbers(@TempDir Path dir) throws IOException {
        // The custom mixture of experts above (every kind of key) on 16 GPUs: printed, then with its page.
        JsonNode printed = run(STEP).json();
        Path out = dir.resolve("step");
        CliRun r = run(with(STEP, "--out", out.toString()));
        assertEquals(0, r.exit(), r.err());
        assertEquals(printed, r.json()); // the same answer, with or without the page
        assertTrue(Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8).contains("Training step"));
        assertTrue(Files.size(out.resolve("cluster-step-breakdown.png")) > 0);
        JsonNode page = org.scalelab.report.io.Json.MAPPER.readTree(out.resolve("result.json").toFile()).at("/result/step");
        for (String key : new String[] {"step_seconds", "mfu", "hfu", "measured_mfu", "ops", "breakdown", "params"}) {
            assertEquals(printed.get(key), page.get(key), key);
        }
        // The echoed file is a kind: cluster step file that gives the same step.
        ClusterParameters echoed = (ClusterParameters) Sections.read(out.resolve("parameters.yaml")).parameters();
        assertTrue(echoed.isStep());
        assertEquals(printed.get("step_seconds").asDouble(), StepModel.compute(ClusterScenario.stepSpec(echoed.model(),
                echoed.training(), echoed.cluster(), echoed.cluster().gpus(), Path::of)).stepSeconds(), 0);
        // One GPU with the default 8 GPUs per node: the file states the GPUs the job has.
        CliRun one = run("cluster", "step", "--model", "llama3-8b", "--gpus", "1", "--seq", "4096", "--micro-batch", "1",
                "--flash-attention", "--out", dir.resolve("one").toString(), "--format", "json");
        assertEquals(0, one.exit(), one.err());
    }

    @Test
    void theShippedCollectiveExampleRuns(@TempDir Path out) throws IOException {
        Path file = Path.of("../examples/cluster-collective-allreduce.yaml");
        ClusterParameters p = (ClusterParameters) Sections.read(file).parameters();
        SectionReport report = new ClusterSection().run(p, ClusterSectionTest.context(out, file));
        CollectiveCommand.Result r = ((CollectiveReport.Report) report.result()).collective();
        // Ring all-reduce (Thakur et al. 2005: 2(p-1) steps of S/p), 8 ranks, 1 GiB, 450 GB/s, 3 us:
        // 14 x (3 us + 2^30 / 8 / 450e9 s) = 4.218 ms; bus bandwidth 2^30 / t x 2 x 7/8 = 445.5 GB/s, under
        // the 450 GB/s link rate by the latency terms only (nccl-tests doc/PERFORMANCE.md: busbw of an ideal ring).
        assertEquals(4.2177e-3, r.seconds(), 1e-7);
        assertEquals(445.5, r.busbwGbPerS(), 0.05);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "days: 1|days: cannot be combined with collective",
        "what_if: {mtbf_hours: 10, checkpoint_seconds: 60}|what_if: cannot be combined with collective",
        "model: {preset: gpt3-175b}|model: cannot be combined with collective",
        "cluster: {gpus: 8}|cluster: cannot be combined with collective",
        "replications: 10|replications: cannot be combined with collective"})
    void aCollectiveFileTakesNoOtherBlock(String other, String expected, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "kind: cluster\n" + other + "\ncollective: {op: all-reduce, ranks: 8, bytes: 1.0e+9,"
                + " nvlink_gb_per_s: 450}\n", StandardCharsets.UTF_8);
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Sections.read(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        CliRun r = run("run", file.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{op: all-reduce, ranks: 1, bytes: 1.0e+9, nvlink_gb_per_s: 450}|collective.ranks: must be >= 2",
        "{op: all-gather, algorithm: tree, ranks: 8, bytes: 1.0e+9, nvlink_gb_per_s: 450}|collective.algorithm: trees are defined",
        "{op: all-reduce, ranks: 8, bytes: 1.0e+9, nvlink_gb_per_s: 450, slow_rank: 8}|collective.slow_rank:",
        "{op: all-reduce, ranks: 8, bytes: 1.0e+9}|collective.nvlink_gb_per_s:",
        "{op: all-reduce, ranks: 8, bytes: 1.0e+9, nvlink_gb_per_s: 450, inter_node_gbit_per_s: -5}|collective.inter_node_gbit_per_s:"})
    void aBadCollectiveNamesItsKey(String block, String expected, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "kind: cluster\ncollective: " + block + "\n", StandardCharsets.UTF_8);
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Sections.read(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void theModelBlockNamesThePresetPreset(@TempDir Path dir) throws IOException {
        String base = STEP_FILE.replaceFirst("model:\\n(  .*\\n)+training:", "model: MODEL\ntraining:");
        InvalidParameterException unknown = assertThrows(InvalidParameterException.class,
                () -> read(dir, base.replace("MODEL", "{preset: gpt9}")));
        assertTrue(unknown.getMessage().contains("model.preset: "), unknown.getMessage());
        InvalidParameterException both = assertThrows(InvalidParameterException.class,
                () -> read(dir, base.replace("MODEL", "{preset: gpt3-175b, layers: 2, hidden: 64, heads: 2}")));
        assertTrue(both.getMessage().contains("model.preset: give either preset or layers/hidden/heads"), both.getMessage());
        InvalidParameterException moe = assertThrows(InvalidParameterException.class,
                () -> read(dir, base.replace("MODEL", "{preset: gpt3-175b, experts_per_token: 2}")));
        assertTrue(moe.getMessage().contains("model.experts: is required"), moe.getMessage());
    }

    @Test
    void aMatmulKernelNeedsItsResultFile(@TempDir Path dir) throws IOException {
        CliRun r = run("cluster", "step", "--model", "gpt3-175b", "--gpus", "64", "--tp", "8", "--pp", "8", "--seq", "2048",
                "--micro-batch", "1", "--matmul-kernel", "tiled");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--matmul-kernel: picks rows of a kernels result"), r.err());
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> read(dir, STEP_FILE.replace("  seq: 2048\n", "  seq: 2048\n  matmul_kernel: tiled\n")));
        assertTrue(e.getMessage().contains("training.matmul_kernel: picks rows of a kernels result"), e.getMessage());
    }

    @Test
    void thePeakRateIsPeakTflopPerSAndItsOlderNameIsStillRead(@TempDir Path dir) throws IOException {
        String[] base = {"cluster", "step", "--model", "gpt3-175b", "--gpus", "64", "--tp", "8", "--pp", "8", "--seq", "2048",
            "--micro-batch", "1", "--format", "json"};
        JsonNode preset = run(base).json();
        JsonNode custom = run(with(base, "--peak-tflop-per-s", "500")).json();
        JsonNode old = run(with(base, "--peak-tflops", "500")).json();
        assertEquals("h100-sxm-custom", custom.get("gpu").asText());
        assertEquals(custom.get("step_seconds").asDouble(), old.get("step_seconds").asDouble(), 0);
        // about half of H100 SXM's 989 TFLOP/s: a slower step
        assertTrue(custom.get("step_seconds").asDouble() > preset.get("step_seconds").asDouble(), custom + " vs " + preset);
        CliRun bad = run(with(base, "--peak-tflops", "-5"));
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("--peak-tflop-per-s: must be in (0,"), bad.err());

        String file = """
                kind: cluster
                days: 1
                model: {preset: gpt3-175b}
                training: {seq: 2048, micro_batch: 1}
                cluster: {gpus: 64, tp: 8, pp: 8, KEY}
                failures: {table: llama3}
                checkpoint: {storage_write_gb_per_s: 100}
                """;
        ClusterScenario.Prepared key = ClusterScenario.prepare(read(dir, file.replace("KEY", "peak_tflop_per_s: 500")));
        ClusterScenario.Prepared older = ClusterScenario.prepare(read(dir, file.replace("KEY", "peak_tflops: 500")));
        assertEquals(500e12, key.spec().gpu().bf16DenseFlopsPerSecond(), 0);
        assertEquals(key.step().stepSeconds(), older.step().stepSeconds(), 0);
        assertEquals(custom.get("step_seconds").asDouble(), key.step().stepSeconds(), 0); // the file and the command agree
        InvalidParameterException both = assertThrows(InvalidParameterException.class,
                () -> read(dir, file.replace("KEY", "peak_tflop_per_s: 500, peak_tflops: 500")));
        assertTrue(both.getMessage().contains("cluster.peak_tflops: give peak_tflop_per_s or its older name peak_tflops, not both"),
                both.getMessage());
        InvalidParameterException negative = assertThrows(InvalidParameterException.class,
                () -> read(dir, file.replace("KEY", "peak_tflops: -5")));
        assertTrue(negative.getMessage().contains("cluster.peak_tflop_per_s: must be in (0,"), negative.getMessage());
    }

    /** {@code cluster.hbm_gb_per_s} is {@code --hbm-gb-per-s}: the file and the command agree, and without it the measured default. */
    @Test
    void theHbmBandwidthKeyIsTheOptionsValue(@TempDir Path dir) throws IOException {
        String file = """
                kind: cluster
                days: 1
                model: {preset: gpt3-175b}
                training: {seq: 2048, micro_batch: 1}
                cluster: {gpus: 64, tp: 8, pp: 8, gpu: a100-80gb KEY}
                failures: {table: llama3}
                checkpoint: {storage_write_gb_per_s: 100}
                """;
        ClusterScenario.Prepared given = ClusterScenario.prepare(read(dir, file.replace("KEY", ", hbm_gb_per_s: 1500")));
        assertEquals(new org.scalelab.cluster.step.HbmBandwidth(1500e9, "given"), given.spec().hbm());
        CliRun r = run("cluster", "step", "--model", "gpt3-175b", "--gpus", "64", "--tp", "8", "--pp", "8", "--seq", "2048",
                "--micro-batch", "1", "--gpu", "a100-80gb", "--hbm-gb-per-s", "1500", "--format", "json");
        assertEquals(given.step().stepSeconds(), r.json().get("step_seconds").asDouble(), 0);
        ClusterScenario.Prepared measured = ClusterScenario.prepare(read(dir, file.replace("KEY", "")));
        // ukri-bench/benchmark-BabelStream README: Copy 1,709,360.800 MB/s on an A100-SXM4-80GB.
        assertEquals(1_709.3608, measured.spec().hbm().gbPerS(), 1e-9);
        InvalidParameterException negative = assertThrows(InvalidParameterException.class,
                () -> ClusterScenario.prepare(read(dir, file.replace("KEY", ", hbm_gb_per_s: -5"))));
        assertTrue(negative.getMessage().contains("cluster.hbm_gb_per_s: must be in (0,"), negative.getMessage());
    }

    private static String[] with(String[] base, String... more) {
        String[] a = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, a, base.length, more.length);
        return a;
    }
}
