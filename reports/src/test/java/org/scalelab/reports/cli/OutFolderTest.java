package org.scalelab.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scalelab.report.io.ReportFolders;
import org.scalelab.reports.testing.CliRun;

/** Every command that takes {@code --out} rejects a file or an uncreatable folder as bad input (exit 2), not a crash. */
class OutFolderTest {
    @TempDir
    Path tmp;

    private static List<String> args(String command, Path out) {
        List<String> a = new ArrayList<>(switch (command) {
            case "run" -> List.of("run", "../examples/memory-zero-7.5b.yaml");
            case "plan" -> List.of("plan", "--params", "7e9", "--gpus", "8", "--no-failures");
            case "sweep" -> List.of("sweep", "../examples/sweep-chinchilla-budgets.yaml");
            case "kernels" -> List.of("kernels", "run", "--devices", "java", "--sizes", "64");
            default -> throw new IllegalArgumentException(command);
        });
        a.add("--out");
        a.add(out.toString());
        return a;
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "plan", "sweep", "kernels"})
    void aFileIsNotAFolder(String command) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "keep me");
        CliRun r = CliRun.run(args(command, file).toArray(String[]::new));
        assertEquals(2, r.exit(), r.err());
        assertEquals("scalelab: --out: must be a folder (or absent), was " + file, r.err().strip());
        assertEquals("keep me", Files.readString(file));
    }

    /** Bad input found after --out was made leaves no folder behind, nested parents included. */
    @Test
    void aRefusedPlanLeavesNoFolders() throws Exception {
        Path out = tmp.resolve("a/b/c");
        CliRun r = CliRun.run("plan", "--params", "7e9", "--gpus", "64", "--no-failures", "--tp", "3", "--out", out.toString());
        assertEquals(2, r.exit(), r.err());
        assertFalse(Files.exists(tmp.resolve("a")), r.err());
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        CliRun again = CliRun.run("plan", "--params", "7e9", "--gpus", "64", "--no-failures", "--tp", "3", "--out",
                mine.resolve("x").toString());
        assertEquals(2, again.exit(), again.err());
        assertTrue(Files.isDirectory(mine), "a folder that existed before the run stays");
        assertFalse(Files.exists(mine.resolve("x")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "plan", "sweep", "kernels"})
    void aFolderUnderAFileCannotBeCreated(String command) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "keep me");
        Path under = file.resolve("sub");
        CliRun r = CliRun.run(args(command, under).toArray(String[]::new));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().strip().startsWith("scalelab: --out: cannot create folder ("), r.err());
        assertTrue(r.err().strip().endsWith(", was " + under), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
    }

    /**
     * A folder of the user's own files is never overwritten (before: `run ... --out site` replaced site/index.html,
     * and `plan --out site` wrote its files over same-named ones).
     */
    @ParameterizedTest
    @ValueSource(strings = {"run", "plan"})
    void aFolderOfOtherFilesKeepsThem(String command) throws Exception {
        Path site = Files.createDirectories(tmp.resolve("site"));
        Path page = Files.writeString(site.resolve("index.html"), "<p>my page</p>");
        CliRun r = CliRun.run(args(command, site).toArray(String[]::new));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().strip().startsWith("scalelab: --out: holds index.html but is no ScaleLab report folder (it has no"
                + " .scalelab-report file), so it is not overwritten"), r.err());
        assertEquals("<p>my page</p>", Files.readString(page));
        try (var s = Files.list(site); var t = Files.list(tmp)) {
            assertEquals(1, s.count(), "files added to the user's folder");
            assertEquals(1, t.count(), "a .site.new-* folder left behind");
        }
        // without a clash the report moves in beside the user's files
        Files.delete(page);
        Path notes = Files.writeString(site.resolve("notes.txt"), "keep");
        CliRun ok = CliRun.run(args(command, site).toArray(String[]::new));
        assertEquals(0, ok.exit(), ok.err());
        assertEquals("keep", Files.readString(notes));
        assertTrue(Files.exists(site.resolve("index.html")), ok.err());
        // a plan folder from before the marker (plan.yaml, index.html, result.json, no .scalelab-report) is replaced
        if (command.equals("plan")) {
            Path legacy = Files.createDirectories(tmp.resolve("legacy"));
            Files.writeString(legacy.resolve("plan.yaml"), "kind: plan\n");
            Files.writeString(legacy.resolve("index.html"), "<title>Training plan</title>");
            Files.writeString(legacy.resolve("result.json"), "{\n  \"kind\" : \"plan\",\n  \"name\" : \"p\",\n  \"seed\" : 1,\n"
                    + "  \"version\" : \"dev\"\n}\n");
            CliRun replaced = CliRun.run(args(command, legacy).toArray(String[]::new));
            assertEquals(0, replaced.exit(), replaced.err());
            assertFalse(Files.exists(legacy.resolve("plan.yaml")), "the earlier report was not replaced whole");
        }
        // and a ScaleLab report folder is replaced whole, again and again
        Path report = tmp.resolve("report");
        for (int i = 0; i < 2; i++) {
            CliRun again = CliRun.run(args(command, report).toArray(String[]::new));
            assertEquals(0, again.exit(), again.err());
        }
    }

    /**
     * Any report folder is an earlier report to any command (before: `run` wrote no marker at its top, so `plan`
     * refused a run's folder, and `run` refused a plan's, both saying "holds index.html, which ScaleLab did not
     * write").
     */
    @ParameterizedTest
    @ValueSource(strings = {"run,plan", "plan,run", "run,run", "kernels,run", "plan,kernels"})
    void eachCommandReplacesAnyEarlierReport(String commands) throws Exception {
        String[] c = commands.split(",");
        Path out = tmp.resolve("report");
        CliRun first = CliRun.run(args(c[0], out).toArray(String[]::new));
        assertEquals(0, first.exit(), first.err());
        assertTrue(Files.exists(out.resolve(".scalelab-report")), c[0] + " left no marker at the top of its folder");
        CliRun second = CliRun.run(args(c[1], out).toArray(String[]::new));
        assertEquals(0, second.exit(), second.err());
        assertTrue(Files.exists(out.resolve(".scalelab-report")), c[1] + " left no marker at the top of its folder");
        // replaced whole: the folder holds what the second command writes into an empty one, nothing of the first's
        Path reference = tmp.resolve("reference");
        assertEquals(0, CliRun.run(args(c[1], reference).toArray(String[]::new)).exit());
        assertEquals(list(reference), list(out));
        ReportFolders.deleteTree(reference);
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count(), "a .report.new-* or .old-* folder was left behind");
        }
    }

    /** A run folder from before its top was marked (a ScaleLab index.html above marked pages) is an earlier report too. */
    @Test
    void anUnmarkedRunFolderIsReplaced() throws Exception {
        Path out = tmp.resolve("report");
        assertEquals(0, CliRun.run(args("run", out).toArray(String[]::new)).exit());
        Files.delete(out.resolve(".scalelab-report"));
        CliRun plan = CliRun.run(args("plan", out).toArray(String[]::new));
        assertEquals(0, plan.exit(), plan.err());
        assertFalse(Files.exists(out.resolve("memory-zero-7.5b")), list(out).toString());
    }

    private static List<String> list(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * {@code kernels run --out} follows the same rule: it replaced a results.json it found, whatever wrote it. Now a
     * folder of the user's files that holds one is refused before any timing; beside other files results.json moves
     * in; its own folder is replaced whole.
     */
    @org.junit.jupiter.api.Test
    void kernelsRunNeverOverwritesAResultsFileItDidNotWrite() throws Exception {
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Path theirs = Files.writeString(mine.resolve("results.json"), "{\"mine\": true}");
        CliRun r = CliRun.run(args("kernels", mine).toArray(String[]::new));
        assertEquals(2, r.exit(), r.err());
        assertEquals("scalelab: --out: holds results.json but is no ScaleLab report folder (it has no .scalelab-report file),"
                + " so it is not overwritten; name a new or empty folder, or an earlier report, was " + mine, r.err().strip()); // one line, nothing timed
        assertEquals("{\"mine\": true}", Files.readString(theirs));
        Files.delete(theirs);
        Path notes = Files.writeString(mine.resolve("notes.txt"), "keep");
        CliRun beside = CliRun.run(args("kernels", mine).toArray(String[]::new));
        assertEquals(0, beside.exit(), beside.err());
        assertEquals("keep", Files.readString(notes));
        assertTrue(Files.readString(mine.resolve("results.json")).contains("\"results\""));
        Path own = tmp.resolve("own");
        for (int i = 0; i < 2; i++) {
            CliRun again = CliRun.run(args("kernels", own).toArray(String[]::new));
            assertEquals(0, again.exit(), again.err());
        }
        try (var s = Files.list(own); var t = Files.list(tmp)) {
            assertEquals(List.of(".scalelab-report", "results.json"), s.map(p -> p.getFileName().toString()).sorted().toList());
            assertEquals(2, t.count(), "a .own.new-* folder left behind");
        }
        // a folder an older kernels run wrote, before folders were marked: only its own results.json
        Path older = Files.createDirectories(tmp.resolve("older"));
        Files.copy(own.resolve("results.json"), older.resolve("results.json"));
        CliRun upgraded = CliRun.run(args("kernels", older).toArray(String[]::new));
        assertEquals(0, upgraded.exit(), upgraded.err());
        assertTrue(Files.exists(older.resolve(".scalelab-report")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"run"})
    void theFileSystemsRootIsNoOutFolder(String command) throws Exception {
        CliRun r = CliRun.run(args(command, Path.of("/")).toArray(String[]::new));
        assertEquals(2, r.exit(), r.err());
        assertEquals("scalelab: --out: must be a folder below the file system's root, was /", r.err().strip());
    }
}
