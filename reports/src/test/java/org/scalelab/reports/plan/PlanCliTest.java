package org.scalelab.reports.plan;

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
import org.scalelab.planner.params.PlanParameters;
import org.scalelab.report.cli.NumberConverters;
import org.scalelab.report.params.ParameterFile;
import org.scalelab.reports.cli.Sections;
import picocli.CommandLine;
import org.scalelab.reports.testing.CliRun;

class PlanCliTest {
    private static String golden(String name) throws IOException {
        try (var in = PlanCliTest.class.getResourceAsStream("/plan/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static final String[] SMALL = {"plan", "--model", "llama2-7b", "--tokens", "1e12", "--gpus", "64",
        "--replications", "20", "--seed", "7", "--format", "json"};
    /** {@link #SMALL} without failures: no replications to give (the plan refuses a setting it would not read). */
    private static final String[] SMALL_NO_FAILURES = {"plan", "--model", "llama2-7b", "--tokens", "1e12", "--gpus", "64",
        "--seed", "7", "--format", "json", "--no-failures"};

    @Test
    void aGlobalBatchFarFromTheTargetIsSaid(@TempDir Path dir) throws IOException {
        // llama2-7b on 4,096 GPUs at TP 1, PP 1: one sequence per replica is already 4,096 sequences, over twice
        // the batch law's (DeepSeek LLM 2024, Eq. 1) target for this compute, and the answer says so.
        CliRun r = run("plan", "--model", "llama2-7b", "--tokens", "1e12", "--gpus", "4096", "--tp", "1", "--pp", "1",
                "--replications", "5", "--seed", "7", "--out", dir.resolve("pinned").toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        var j = r.json();
        double ratio = j.get("global_batch_tokens").asDouble() / j.get("global_batch_tokens_target").asDouble();
        assertTrue(ratio > 1.25, "ratio " + ratio);
        assertTrue(j.get("warnings").toString().contains(String.format(java.util.Locale.ROOT, "is %.2f x the", ratio)),
                j.get("warnings").toString());
        // The 64-GPU plan keeps its batch within a quarter of the target and says nothing.
        var small = run(with(SMALL, "--out", dir.resolve("small").toString())).json();
        assertEquals(0, small.get("warnings").size(), small.get("warnings").toString());
        // Unpinned, a layout that comes within a quarter of the target beats a faster one that overshoots it.
        var free = run("plan", "--model", "llama2-7b", "--tokens", "1e12", "--gpus", "4096", "--replications", "5", "--seed",
                "7", "--out", dir.resolve("free").toString(), "--format", "json").json();
        double near = free.get("global_batch_tokens").asDouble() / free.get("global_batch_tokens_target").asDouble();
        assertTrue(near <= 1.25 && near >= 0.8, "ratio " + near);
        assertEquals(0, free.get("warnings").size(), free.get("warnings").toString());
    }

    @Test
    void aBatchTargetBelowOneSequenceIsRefusedNamingTheOptionAndTheSequence(@TempDir Path dir) {
        CliRun r = run("plan", "--params", "7e9", "--gpus", "64", "--global-batch-tokens", "100", "--no-failures",
                "--out", dir.resolve("p").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--global-batch-tokens: must be >= one sequence (4096 tokens), was 100"), r.err());
        assertTrue(java.nio.file.Files.notExists(dir.resolve("p").resolve("index.html")), "nothing written");
        CliRun typed = run("plan", "--params", "7e9", "--gpus", "64", "--global-batch-tokens", "1e2", "--no-failures",
                "--out", dir.resolve("q").toString());
        assertEquals(2, typed.exit(), typed.err());
        assertTrue(typed.err().contains("was 1e2"), typed.err());
    }

    @Test
    void aBudgetThatGivesTooManyTokensIsNamedAsTyped(@TempDir Path dir) {
        // C/(6N) = 1e30 / (6 x 6.74e9, the shape the planner takes for 7e9) = 2.47e19 tokens, past the 1e18 token bound:
        // the budget is at fault, not --tokens
        CliRun r = run("plan", "--params", "7e9", "--compute-flops", "1e30", "--gpus", "64", "--no-failures",
                "--out", dir.resolve("p").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--compute-flops: gives D = C/(6N) = 2.47e+19 tokens, outside the token bounds [1000, 1e18]"),
                r.err());
        assertTrue(r.err().contains("was 1e30"), r.err());
        assertTrue(!r.err().contains("--tokens:"), r.err());
    }

    @Test
    void aGivenBatchTargetIsLabelledGivenAndTheBatchUsedComputed(@TempDir Path dir) {
        CliRun r = run("plan", "--params", "7e9", "--gpus", "64", "--global-batch-tokens", "4e6", "--no-failures",
                "--out", dir.resolve("p").toString());
        assertEquals(0, r.exit(), r.err());
        String target = line(r.out(), "global batch tokens target");
        String used = line(r.out(), "global batch tokens ");
        assertTrue(target.contains("given"), target);
        assertTrue(used.contains("computed") && !used.contains("given"), used);
        CliRun law = run("plan", "--params", "7e9", "--gpus", "64", "--no-failures", "--out", dir.resolve("q").toString());
        assertTrue(line(law.out(), "global batch tokens target").contains("computed: DeepSeek LLM 2024 Eq. 1"), law.out());
    }

    @Test
    void aGivenCheckpointIntervalRoundedToWholeStepsIsLabelledComputedFromIt(@TempDir Path dir) throws IOException {
        CliRun r = run("plan", "--params", "7e9", "--tokens", "1e12", "--gpus", "64", "--checkpoint-interval-seconds", "600",
                "--replications", "5", "--seed", "9", "--out", dir.resolve("p").toString());
        assertEquals(0, r.exit(), r.err());
        String row = line(r.out(), "checkpoint interval");
        var m = java.util.regex.Pattern.compile("computed: 600 s given, rounded to (\\d+) whole steps").matcher(row);
        assertTrue(m.find() && !row.contains(" given\n") && !row.endsWith(" given"), row);
        String page = Files.readString(dir.resolve("p/index.html"));
        assertTrue(page.contains("computed: 600 s given, rounded to " + m.group(1) + " whole steps"), "the page says the same");
        // the printed interval is that many steps of the plan's step time, not the 600 s given
        JsonNode j = run("plan", "--params", "7e9", "--tokens", "1e12", "--gpus", "64", "--checkpoint-interval-seconds", "600",
                "--replications", "5", "--seed", "9", "--format", "json", "--out", dir.resolve("q").toString()).json();
        double steps = j.get("checkpoint_interval_seconds").asDouble() / j.get("step_seconds").asDouble();
        assertEquals(Long.parseLong(m.group(1)), steps, 1e-6);
        assertTrue(Math.abs(j.get("checkpoint_interval_seconds").asDouble() - 600) > 1e-9, "rounded, not the value given");
    }

    /** The table line that starts with {@code label} (after leading spaces), where the label is followed by its value. */
    private static String line(String table, String label) {
        return table.lines().map(String::strip).filter(l -> l.startsWith(label) && !(label.endsWith(" ")
                && l.startsWith(label + "target"))).findFirst().orElseThrow(() -> new AssertionError(label + " in\n" + table));
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void theAnswerIsGoldenAndTheSameSeedGivesTheSameBytes(@TempDir Path dir) throws IOException {
        CliRun a = run(with(SMALL, "--out", dir.resolve("a").toString()));
        assertEquals(0, a.exit(), a.err());
        if (System.getProperty("plan.golden.write") != null) {
            Files.writeString(Path.of(System.getProperty("plan.golden.write")), a.out());
        }
        assertEquals(golden("plan-llama2-7b-64.json"), a.out());
        CliRun b = run(with(SMALL, "--out", dir.resolve("b").toString()));
        assertEquals(a.out(), b.out());
        assertTrue(Files.exists(dir.resolve("a/index.html")));
        assertTrue(Files.exists(dir.resolve("a/plan-allocation.png")));
        assertTrue(Files.exists(dir.resolve("a/plan-memory.svg")));
        assertTrue(Files.exists(dir.resolve("a/plan-days-vs-gpus.csv")));
    }

    /**
     * The sweep's data file names its axis (gpus, not x), and the page does not leave the reader with
     * two wall times at the plan's GPU count: the headline's own point is in the data and the caption
     * says why the sweep's differs.
     */
    @Test
    void theDaysVsGpusChartNamesItsAxisAndCarriesTheHeadline(@TempDir Path dir) throws IOException {
        CliRun r = run(with(SMALL, "--out", dir.toString()));
        assertEquals(0, r.exit(), r.err());
        double wall = r.json().get("wall_days").asDouble();
        java.util.List<String> csv = Files.readAllLines(dir.resolve("plan-days-vs-gpus.csv"));
        assertEquals("gpus,compute_days,wall_days,ettr,series", csv.get(0));
        String headline = csv.stream().filter(l -> l.endsWith(",headline")).findFirst().orElseThrow();
        assertEquals(64, Double.parseDouble(headline.split(",")[0]));
        assertEquals(wall, Double.parseDouble(headline.split(",")[2]), 1e-9);
        assertTrue(Files.readAllLines(dir.resolve("plan-ettr-vs-mtbf.csv")).get(0).startsWith("job_mtbf_hours,"));
        assertTrue(Files.readAllLines(dir.resolve("plan-days-vs-interval.csv")).get(0).startsWith("checkpoint_interval_seconds,"));
        String page = Files.readString(dir.resolve("index.html"));
        assertTrue(page.contains(String.format(java.util.Locale.ROOT, "differs a little from the headline&#39;s %.2f wall days",
                wall)) || page.contains(String.format(java.util.Locale.ROOT, "differs a little from the headline's %.2f wall days",
                wall)), "the caption explains the two numbers");
    }

    /**
     * A mixture-of-experts plan says no routed law applies; its law chart must not contradict that:
     * the plan sits at N_active (so on the iso-FLOP line of C = 6 N_active D) and the caption says the
     * dense law is drawn for orientation only.
     */
    @Test
    void aMoePlansLawChartIsAtTheActiveCountAndSaysItIsForOrientation(@TempDir Path dir) throws IOException {
        CliRun r = run("plan", "--model", "mixtral-8x7b", "--tokens", "1e12", "--gpus", "64", "--no-failures", "--format", "json",
                "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        double active = r.json().get("moe").get("active_params").asDouble();
        assertTrue(active < r.json().get("params").asDouble());
        String point = Files.readAllLines(dir.resolve("plan-allocation.csv")).stream()
                .filter(l -> l.startsWith("this plan")).findFirst().orElseThrow();
        assertTrue(point.startsWith("this plan at N_active,"), point);
        assertEquals(active, Double.parseDouble(point.split(",")[1]), 1e-6 * active);
        String page = Files.readString(dir.resolve("index.html"));
        assertTrue(page.contains("For orientation only: no scaling law for routed models is applied"), "caption");
        assertTrue(page.contains("none for routed models"), "the headline row it agrees with");
    }

    @Test
    void theAnswerHasTheFieldsUsersReadAndWallIsNeverShorter(@TempDir Path dir) throws IOException {
        JsonNode j = run(with(SMALL, "--out", dir.toString(), "--usd-per-gpu-hour", "2", "--watts-per-gpu", "700",
                "--deadline-days", "100")).json();
        for (String f : new String[] {"params", "tokens", "compute_flops", "global_batch_tokens", "layout", "per_gpu_bytes",
            "step_seconds", "mfu", "compute_days", "ettr", "wall_days", "wall_days_ci", "gpu_hours",
            "checkpoint_interval_seconds", "interruptions", "alternatives", "usd", "energy_mwh", "deadline"}) {
            assertTrue(j.has(f), f);
        }
        for (String f : new String[] {"dp", "tp", "pp", "zero", "micro_batch", "recompute", "virtual_stages", "idle_gpus"}) {
            assertTrue(j.get("layout").has(f), f);
        }
        for (String f : new String[] {"total", "unexpected", "planned", "by_cause"}) {
            assertTrue(j.get("interruptions").has(f), f);
        }
        assertTrue(j.get("wall_days").asDouble() >= j.get("compute_days").asDouble());
        assertEquals(j.get("gpu_hours").asDouble() * 2, j.get("usd").asDouble(), 1e-6 * j.get("usd").asDouble());
        assertTrue(j.get("deadline").get("met").asBoolean());
    }

    @Test
    void noFailuresGivesComputeTimeAndEttrOne(@TempDir Path dir) throws IOException {
        JsonNode j = run(with(SMALL_NO_FAILURES, "--out", dir.toString())).json();
        assertEquals(j.get("compute_days").asDouble(), j.get("wall_days").asDouble());
        assertEquals(1.0, j.get("ettr").asDouble());
    }

    @Test
    void badPlansExitTwoWithOneLine(@TempDir Path dir) {
        CliRun contradictory = run("plan", "--params", "7e9", "--tokens", "1e12", "--compute-flops", "1e23", "--gpus", "8",
                "--out", dir.toString());
        assertEquals(2, contradictory.exit());
        assertTrue(contradictory.err().contains("--compute-flops: cannot be given with both tokens and a model size"),
                contradictory.err());
        CliRun tooBig = run("plan", "--params", "405e9", "--tokens", "1e12", "--gpus", "8", "--gpu", "a100-40gb",
                "--no-failures", "--out", dir.toString());
        assertEquals(2, tooBig.exit());
        assertTrue(tooBig.err().contains("fit no layout on 8 x a100-40gb") && tooBig.err().contains("need at least"),
                tooBig.err());
        assertEquals(1, tooBig.err().strip().lines().count(), tooBig.err());
        CliRun both = run("plan", "--model", "llama2-7b", "--tokens", "1e12", "--gpus", "64", "--preset", "zero-paper",
                "--recipe", "megatron-bf16", "--no-failures", "--out", dir.toString());
        assertEquals(2, both.exit(), both.err());
        assertTrue(both.err().contains("--recipe") && both.err().contains("preset"), both.err());
        assertEquals(1, both.err().strip().lines().count(), both.err());
    }

    @Test
    void memoryIsCheckedAtTheRecipeTheStepTimes(@TempDir Path dir) throws IOException {
        // The default memory check is megatron-bf16's 18 B/param (the recipe the step runs), not zero-paper's 16:
        // llama2-7b's gradients are fp32 main gradients, 4 bytes per parameter on each TP x PP shard.
        JsonNode j = run(with(SMALL_NO_FAILURES, "--out", dir.toString(), "--tp", "1", "--pp", "1", "--zero", "1"))
                .json();
        assertEquals(4.0 * j.get("params").asDouble(), j.get("per_gpu_bytes").get("gradients").asDouble(), 1.0);
        assertTrue(j.get("choices").toString().contains("recipe: default megatron-bf16"), j.get("choices").toString());
    }

    @Test
    void theCommandLineAndAFileFillTheSameRecord(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, "kind: plan\nparams: 7.0e+9\ntokens: 1.0e+12\ngpus: 64\nrecompute: selective\n"
                + "storage_write_gb_per_s: 500\n");
        ParameterFile parsed = Sections.read(file);
        PlanCommand cmd = new PlanCommand();
        CommandLine cl = new CommandLine(cmd);
        NumberConverters.register(cl); // as ScaleLab does: counts in exponent notation
        cl.parseArgs("--params", "7e9", "--tokens", "1e12", "--gpus", "64", "--recompute", "selective",
                "--storage-write-gb-per-s", "500");
        PlanParameters fromCli = cmd.parameters();
        assertEquals(parsed.parameters(), fromCli);
        assertEquals(((PlanParameters) parsed.parameters()).toSpec(org.scalelab.common.Seeds.DEFAULT), fromCli.toSpec(org.scalelab.common.Seeds.DEFAULT));
    }

    /**
     * Llama-style models train without dropout: --no-dropout (file key dropout: false) drops its masks from
     * the memory check and its kernels from the step, on a pinned layout, and a file gives the same answer.
     */
    @Test
    void noDropoutReachesTheMemoryCheckAndTheStepFromTheCommandLineAndTheFile(@TempDir Path dir) throws IOException {
        String[] pinned = {"plan", "--model", "llama2-7b", "--tokens", "1e12", "--gpus", "64", "--no-failures", "--tp", "2",
            "--pp", "1", "--zero", "1", "--micro-batch", "1", "--recompute", "none", "--format", "json"};
        JsonNode on = run(with(pinned, "--out", dir.resolve("on").toString())).json();
        JsonNode off = run(with(pinned, "--out", dir.resolve("off").toString(), "--no-dropout")).json();
        assertTrue(off.get("needed_bytes").asDouble() < on.get("needed_bytes").asDouble(), off.toString());
        assertTrue(off.get("step_seconds").asDouble() < on.get("step_seconds").asDouble(), off.toString());
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, "kind: plan\nparams: 7.0e+9\ntokens: 1.0e+12\ngpus: 64\ndropout: false\n");
        PlanCommand cmd = new PlanCommand();
        CommandLine cl = new CommandLine(cmd);
        NumberConverters.register(cl);
        cl.parseArgs("--params", "7e9", "--tokens", "1e12", "--gpus", "64", "--no-dropout");
        assertEquals(Sections.read(file).parameters(), cmd.parameters());
        assertFalse(cmd.parameters().toSpec(org.scalelab.common.Seeds.DEFAULT).dropout());
    }

    @Test
    void theHbmBandwidthReachesTheStepFromTheCommandLineAndTheFile(@TempDir Path dir) throws IOException {
        String[] pinned = {"plan", "--model", "llama2-7b", "--tokens", "1e12", "--gpus", "64", "--no-failures", "--tp", "2",
            "--pp", "1", "--zero", "1", "--micro-batch", "1", "--recompute", "none", "--format", "json"};
        JsonNode measured = run(with(pinned, "--out", dir.resolve("m").toString())).json();
        CliRun slow = run(with(pinned, "--out", dir.resolve("s").toString(), "--hbm-gb-per-s", "300"));
        assertEquals(0, slow.exit(), slow.err());
        // a tenth of H100 SXM's measured 3,000 GB/s: the memory-bound kernels take longer, so does the step
        assertTrue(slow.json().get("step_seconds").asDouble() > measured.get("step_seconds").asDouble(), slow.out());
        assertTrue(Files.readString(dir.resolve("s/index.html")).contains("Memory-bound kernels at 300 GB/s of HBM, given"));
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, "kind: plan\nparams: 7.0e+9\ntokens: 1.0e+12\ngpus: 64\nhbm_gb_per_s: 300\n");
        PlanCommand cmd = new PlanCommand();
        CommandLine cl = new CommandLine(cmd);
        NumberConverters.register(cl);
        cl.parseArgs("--params", "7e9", "--tokens", "1e12", "--gpus", "64", "--hbm-gb-per-s", "300");
        assertEquals(Sections.read(file).parameters(), cmd.parameters());
        assertEquals(300e9, cmd.parameters().toSpec(1).hbm().bytesPerSecond(), 1e-3);
        CliRun bad = run("plan", "--params", "7e9", "--tokens", "1e12", "--gpus", "64", "--hbm-gb-per-s", "-5", "--out",
                dir.resolve("bad").toString());
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("--hbm-gb-per-s"), bad.err());
    }
}
