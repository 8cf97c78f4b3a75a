package org.scalelab.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.scalelab.reports.testing.CliRun;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.report.io.ReportFolders;

/**
 * Kills a real {@code scalelab run} (a separate JVM, SIGKILL) at random moments while it replaces
 * an earlier report, and checks that what lies at the target is the old report whole or the new one
 * whole, never a mix, and that no temporary file or folder is left once the next run has started.
 */
class KilledRunTest {
    @TempDir
    Path dir;

    @Test
    void aKillAtAnyMomentLeavesTheOldOrTheNewReportWhole() throws Exception {
        Path example = CliRun.examples().resolve("scaling-budgets.yaml");
        Path out = dir.resolve("out");
        // The two reports: seed 1 (old) and seed 2 (new), produced once without interruption.
        Map<String, String> oldReport = snapshot(run(example, dir.resolve("ref-old"), 1, -1));
        long t0 = System.nanoTime();
        Map<String, String> newReport = snapshot(run(example, dir.resolve("ref-new"), 2, -1));
        long runMillis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(!oldReport.equals(newReport), "the two seeds must give different reports");
        SplittableRandom rng = new SplittableRandom(42);
        int olds = 0;
        int news = 0;
        for (int i = 0; i < 6; i++) {
            ReportFolders.deleteTree(out);
            run(example, out, 1, -1);
            // anywhere from JVM start to a little past the end of an uninterrupted run
            long killAfterMillis = 100 + rng.nextLong(Math.max(200, runMillis * 13 / 10));
            run(example, out, 2, killAfterMillis);
            recoverAll(out);
            Map<String, String> now = snapshot(out);
            assertTrue(now.equals(oldReport) || now.equals(newReport), "after a kill at " + killAfterMillis
                    + " ms the report is a mix: " + now.keySet());
            olds += now.equals(oldReport) ? 1 : 0;
            news += now.equals(newReport) ? 1 : 0;
            try (Stream<Path> s = Stream.concat(Files.list(dir), Files.walk(out))) {
                List<String> left = s.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith(".") && !n.equals(ReportFolders.MARKER)).toList();
                assertEquals(List.of(), left, "temporary files or folders left beside the report");
            }
        }
        System.out.println("killed runs: " + olds + " left the old report, " + news + " the new one");
    }

    /**
     * What the next run does first for each folder it writes: {@code run} writes one report
     * folder per file under {@code --out} (and may write {@code --out} itself as one).
     */
    private static void recoverAll(Path out) throws IOException {
        ReportFolders.recover(out);
        if (Files.isDirectory(out)) {
            try (Stream<Path> s = Files.list(out)) {
                for (Path sub : s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                    ReportFolders.recover(sub);
                }
            }
        }
    }

    /** Runs {@code scalelab run} in its own JVM; kills it after {@code killAfterMillis} (negative: never). */
    private static Path run(Path file, Path out, long seed, long killAfterMillis) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true", ScaleLab.class.getName(),
                "run", file.toString(), "--out", out.toString(), "--seed", Long.toString(seed)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (killAfterMillis >= 0) {
            if (!p.waitFor(killAfterMillis, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
            }
            p.waitFor();
        } else {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "run did not finish");
            assertEquals(0, p.exitValue());
        }
        return out;
    }

    /** Every file under {@code dir} with its content (text) or size and hash (binary). */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(dir)) {
            return files;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                byte[] b = Files.readAllBytes(f);
                files.put(dir.relativize(f).toString(), b.length + ":" + java.util.Arrays.hashCode(b));
            }
        }
        return files;
    }
}
