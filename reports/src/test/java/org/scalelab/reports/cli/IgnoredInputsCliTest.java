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
 * A value the answer would ignore without a word, or that contradicts another, is refused (exit 2,
 * one line naming the key and, in a file, its line), as the command line refuses
 * {@code --interval daly --interval-seconds 100}.
 */
class IgnoredInputsCliTest {
    @TempDir
    Path dir;

    private static String example(String name) throws IOException {
        return Files.readString(examples().resolve(name));
    }

    private CliRun runFile(String name, String text) throws IOException {
        return CliRun.runFile(dir, name, text);
    }

    @Test
    void aWhatIfIntervalBesideDalyIsRefusedOnItsLine() throws IOException {
        String text = example("cluster-checkpoint-sweep.yaml");
        assertTrue(text.contains("  interval: daly\n"), "the example picks Daly's interval");
        rejected(runFile("w.yaml", text.replace("  interval: daly\n", "  interval: daly\n  interval_seconds: 100\n")),
                "w.yaml:16 what_if.interval_seconds: cannot be combined with interval: daly (which picks the interval);"
                        + " give interval: fixed, or drop interval_seconds, was 100");
        // the command line refuses the same pair
        CliRun cli = run("cluster", "simulate", "--mtbf-hours", "3", "--checkpoint-seconds", "300", "--days", "1",
                "--interval", "daly", "--interval-seconds", "100");
        assertEquals(2, cli.exit(), cli.err());
    }

    @Test
    void aCheckpointIntervalBesideAnOptimisingPolicyIsRefusedAndFixedNeedsOne() throws IOException {
        String text = example("cluster-llama3-405b-16k.yaml");
        String daly = "  policy: daly                # Daly's optimum for the stall below and the job MTBF (3.09 h)\n";
        assertTrue(text.contains(daly), "the example's checkpoint policy");
        int line = (int) text.substring(0, text.indexOf(daly)).lines().count() + 2;
        rejected(runFile("c.yaml", text.replace(daly, daly + "  interval_seconds: 100\n")),
                "c.yaml:" + line + " checkpoint.interval_seconds: cannot be combined with policy: daly (which picks the"
                        + " interval); give policy: fixed, or drop interval_seconds, was 100");
        CliRun fixed = runFile("f.yaml", text.replace(daly, "  policy: fixed\n"));
        assertEquals(2, fixed.exit(), fixed.err());
        assertTrue(fixed.err().strip().matches("scalelab: f\\.yaml:\\d+ checkpoint\\.interval_seconds: is required, was missing"),
                fixed.err());
    }

    @Test
    void aWeibullShapeBesideExponentialFailuresIsRefusedOnItsLine() throws IOException {
        String text = example("cluster-llama3-405b-16k.yaml");
        String exp = "  distribution: exponential   # ASSUMED: the paper gives counts only, not inter-arrival times\n";
        assertTrue(text.contains(exp), "the example's failure distribution");
        int line = (int) text.substring(0, text.indexOf(exp)).lines().count() + 2;
        String rule = " failures.weibull_shape: has no effect unless the distribution is weibull (exponential failures have no"
                + " shape); give distribution: weibull, or drop weibull_shape, was 0.7";
        rejected(runFile("e.yaml", text.replace(exp, exp + "  weibull_shape: 0.7\n")), "e.yaml:" + line + rule);
        // no distribution at all means exponential: the shape is refused there too
        rejected(runFile("n.yaml", text.replace(exp, "  weibull_shape: 0.7\n")), "n.yaml:" + (line - 1) + rule);
        assertEquals(0, runFile("w.yaml", text.replace(exp, "  distribution: weibull\n  weibull_shape: 0.7\n")
                .replace("\nreplications: 100 ", "\nreplications: 2   ")).exit());
    }

    @Test
    void planRefusesFailureSettingsItWouldNotRead() {
        String[] plan = {"plan", "--params", "7e9", "--gpus", "64", "--out", dir.resolve("p").toString()};
        rejected(run(with(plan, "--weibull-shape", "0.7")), "--weibull-shape: has no effect unless the distribution is"
                + " weibull (exponential failures have no shape); choose the weibull distribution, or drop --weibull-shape, was 0.7");
        rejected(run(with(plan, "--no-failures", "--replications", "50")), "--replications: has no effect with --no-failures,"
                + " which prices failure-free time only (no simulated run); drop one of the two, was 50");
        rejected(run(with(plan, "--no-failures", "--checkpoint-interval-seconds", "600")), "--checkpoint-interval-seconds: has no"
                + " effect with --no-failures, which prices failure-free time only (no simulated run); drop one of the two, was 600");
    }

    @Test
    void memoryRefusesImpossibleSetups() {
        rejected(run("memory", "deepspeed", "--params", "2783e6", "--zero", "3", "--largest-layer-params", "1e10"),
                "--largest-layer-params: must be <= params (2783000000): the largest layer is part of the model, was 1e10");
        assertEquals(0, run("memory", "deepspeed", "--params", "2783e6", "--zero", "3", "--largest-layer-params", "2783e6").exit());
        rejected(run("memory", "--params", "7e9", "--dp", "8", "--zero", "0", "--offload", "optimizer"),
                "--offload: needs zero >= 1 (DeepSpeed's offload_optimizer is valid for ZeRO stage 1, 2, 3), was optimizer");
        assertEquals(0, run("memory", "--params", "7e9", "--dp", "8", "--zero", "1", "--offload", "optimizer").exit());
    }

    @Test
    void aMemoryFileRefusesZeroZeroOffloadToo() throws IOException {
        rejected(runFile("m.yaml", "kind: memory\nparams: 7e9\ndp: 8\nzero: 0\noffload: optimizer\n"),
                "m.yaml:5 offload: needs zero >= 1 (DeepSpeed's offload_optimizer is valid for ZeRO stage 1, 2, 3), was optimizer");
    }

    @Test
    void aDeepSpeedLayerLargerThanTheModelIsRefusedOnItsLineUnderItsBlock() throws IOException {
        String rule = " deepspeed.largest_layer_params: must be <= params (7500000000): the largest layer is part of the model,"
                + " was 1e10";
        rejected(runFile("d.yaml", "kind: memory\nparams: 7.5e9\nzero: 3\ndp: 64\ndeepspeed:\n  gpus_per_node: 8\n"
                + "  largest_layer_params: 1e10\n"), "d.yaml:7" + rule);
        rejected(runFile("d.json", "{\n  \"kind\": \"memory\",\n  \"params\": 7.5e9,\n  \"zero\": 3,\n  \"dp\": 64,\n"
                + "  \"deepspeed\": {\n    \"largest_layer_params\": 1e10\n  }\n}\n"), "d.json:7" + rule);
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
