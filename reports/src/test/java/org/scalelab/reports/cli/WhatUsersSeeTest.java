package org.scalelab.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scalelab.reports.testing.CliRun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import org.scalelab.reports.testing.CliRun;

/** A user's terminal shows only what is meant for them: usage, versions, suggestions, warnings. */
class WhatUsersSeeTest {

    @Test
    void commandGroupsWithoutArgumentsPrintUsageOnStderrAndExitTwo() {
        for (String[] args : new String[][] {{}, {"scaling"}, {"cluster"}, {"kernels"}}) {
            CliRun r = run(args);
            assertEquals(2, r.exit(), String.join(" ", args));
            assertEquals("", r.out());
            assertTrue(r.err().startsWith("Usage: scalelab"), r.err());
        }
    }

    @Test
    void everySubcommandPrintsTheVersion() {
        for (String[] args : new String[][] {{"--version"}, {"scaling", "optimal", "--version"}, {"memory", "--version"},
            {"cluster", "simulate", "--version"}, {"kernels", "run", "--version"}}) {
            CliRun r = run(args);
            assertEquals(0, r.exit());
            assertTrue(r.out().startsWith("scalelab "), String.join(" ", args) + ": " + r.out());
        }
    }

    @Test
    void mistypedNamesGetASuggestion() {
        assertTrue(run("scaling", "optimal", "--parms", "7e9").err().contains("did you mean --params?"));
        assertTrue(run("scaling", "optimall").err().contains("did you mean optimal?"));
        CliRun gpu = run("memory", "--params", "7e9", "--gpu", "h100");
        assertEquals(2, gpu.exit());
        assertTrue(gpu.err().contains("did you mean h100-sxm or h100-pcie?"), gpu.err());
    }

    @Test
    void extrapolationAndTheLawAreSaidOutLoud() throws Exception {
        CliRun tiny = run("scaling", "optimal", "--compute-flops", "1e10", "--format", "json");
        assertEquals(0, tiny.exit());
        assertTrue(tiny.err().contains("outside the range the law was fitted on (70M to 16B parameters"), tiny.err());
        assertTrue(tiny.json().get("extrapolation").asText().contains("Hoffmann et al. 2022, §1"));
        CliRun a1 = run("scaling", "optimal", "--compute-flops", "1e21", "--law", "chinchilla-approach1", "--format", "json");
        assertTrue(a1.err().contains("law chinchilla-approach1: Hoffmann et al. 2022 Approach 1"), a1.err());
        assertFalse(a1.json().has("extrapolation"), a1.out());
        assertEquals(20.9, a1.json().get("tokens_per_param").asDouble(), 0.1);
        assertTrue(run("scaling", "optimal", "--compute-flops", "1e24", "--law", "chinchilla").err()
                .contains("not the ~20 of Approaches 1 and 2"));
    }

    @Test
    void mtbfIsDerivedFromGpusAndAFailureTable() throws Exception {
        CliRun r = run("cluster", "checkpoint-interval", "--gpus", "16384", "--failures", "llama3", "--checkpoint-seconds", "60",
                "--format", "json");
        assertEquals(0, r.exit(), r.err());
        // Llama 3 Herd 2024, Table 5: 419 interruptions in 54 days on 16,384 GPUs: 54·24/419 = 3.093 h.
        assertEquals(54.0 * 24 / 419, r.json().get("mtbf_hours").asDouble(), 1e-9);
        assertTrue(r.err().contains("job MTBF 3.09 h, derived for 16384 GPUs from llama3"), r.err());
        CliRun both = run("cluster", "checkpoint-interval", "--mtbf-hours", "3", "--gpus", "16384", "--failures", "llama3",
                "--checkpoint-seconds", "60");
        assertEquals(2, both.exit());
        CliRun sim = run("cluster", "simulate", "--gpus", "16384", "--failures", "llama3", "--checkpoint-seconds", "60",
                "--days", "2", "--replications", "4", "--format", "json");
        assertEquals(0, sim.exit(), sim.err());
        assertEquals(54.0 * 24 / 419, sim.json().get("mtbf_hours").asDouble(), 1e-9);
    }

    @Test
    void helpHasNoFormatErrorsAndItsExamplesPasteAndParse() {
        List<CommandLine> all = new ArrayList<>();
        collect(ScaleLab.commandLine(), all);
        for (CommandLine cl : all) {
            var spec = cl.getCommandSpec();
            // picocli reports a format error in a description (an unescaped %) on System.err while rendering
            java.io.PrintStream saved = System.err;
            java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
            String help;
            try {
                System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
                help = cl.getUsageMessage();
            } finally {
                System.setErr(saved);
            }
            assertEquals("", warnings.toString(java.nio.charset.StandardCharsets.UTF_8), spec.qualifiedName());
            List<String> lines = help.lines().toList();
            StringBuilder example = null;
            for (String line : lines) {
                if (line.strip().startsWith("./scalelab ") || example != null) {
                    assertTrue(line.length() <= HelpText.WIDTH - 1, spec.qualifiedName() + ": example wider than the help: " + line);
                    example = example == null ? new StringBuilder() : example;
                    example.append(line.strip().replaceAll("\\\\$", "")).append(' ');
                    if (!line.endsWith("\\")) {
                        parses(example.toString().strip());
                        example = null;
                    }
                }
                assertFalse(line.strip().startsWith("scalelab "), spec.qualifiedName() + ": example not runnable as shown: " + line);
            }
        }
    }

    private static void parses(String example) {
        String cmd = example.replaceFirst("\\s*>.*$", "").replaceFirst("^\\./scalelab\\s+", "");
        try {
            ScaleLab.commandLine().parseArgs(cmd.split("\\s+"));
        } catch (CommandLine.ParameterException e) {
            throw new AssertionError("help example does not parse: " + example + ": " + e.getMessage(), e);
        }
    }

    private static void collect(CommandLine cl, List<CommandLine> into) {
        into.add(cl);
        cl.getSubcommands().values().stream().filter(c -> !c.getCommandName().equals("help")).forEach(c -> collect(c, into));
    }

    @Test
    void demoWithABadFileExitsTwo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "kind: scaling\nbudgets_flops: [-1]\n");
        CliRun r = run("demo", "--examples", dir.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.exit(), r.err());
    }

    @Test
    void cpuKernelsShowNoOpenClWarning(@TempDir Path dir) {
        CliRun r = run("kernels", "run", "--sizes", "32", "--kernels", "ikj", "--devices", "java", "--repeats", "1",
                "--out", dir.resolve("kernels").toString());
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.err().contains("Aparapi"), r.err());
    }

    @Test
    void runCsvOverSeveralFilesHasOneHeaderAFileColumnAndNoNull(@TempDir Path dir) {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String a = root.resolve("examples/scaling-budgets.yaml").toString();
        String b = root.resolve("examples/memory-zero-7.5b.yaml").toString();
        CliRun r = run("run", a, b, "--out", dir.toString(), "--format", "csv");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("file,kind,seed,quantity,value,source", lines.get(0));
        assertEquals(1, lines.stream().filter(l -> l.startsWith("file,")).count(), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(a)) && lines.stream().anyMatch(l -> l.startsWith(b)), r.out());
        assertFalse(r.out().contains("null"), r.out());
        // one file gets its own folder too, beside an index, so a later run of another file keeps it
        CliRun one = run("run", a, "--out", dir.resolve("one").toString());
        assertEquals(0, one.exit(), one.err());
        assertTrue(Files.exists(dir.resolve("one/scaling-budgets/index.html")) && Files.exists(dir.resolve("one/index.html")));
    }

    @Test
    void commandsThatWriteNothingDoNotOfferOut() {
        assertEquals(2, run("scaling", "optimal", "--compute-flops", "1e21", "--out", "x").exit());
        assertTrue(run("run", "--help").out().contains("--out"));
    }
}
