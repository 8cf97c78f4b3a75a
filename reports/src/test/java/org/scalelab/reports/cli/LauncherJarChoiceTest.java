package org.scalelab.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code scalelab} launcher runs {@code run} from the sweeps jar (which carries Spark) when one
 * of its files is a {@code kind: sweep} file, and from the plain jar otherwise.
 */
class LauncherJarChoiceTest {
    @TempDir
    Path dir;

    private String sweepFile(String... args) throws IOException, InterruptedException {
        String script = "eval \"$(sed -n '/^sweep_file() {/,/^}/p' ../scalelab)\"; sweep_file \"$@\" && echo yes || echo no";
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("bash", "-c", script, "sweep_file"));
        cmd.addAll(java.util.List.of(args));
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
        b.environment().remove("LD_PRELOAD");
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    @Test
    void aSweepFileSelectsTheSweepsJar() throws IOException, InterruptedException {
        Path yaml = Files.writeString(dir.resolve("s.yaml"), "# a sweep\nkind: sweep  # Spark\nbase:\n  kind: memory\n");
        Path json = Files.writeString(dir.resolve("s.json"), "{\n  \"kind\": \"sweep\",\n  \"base\": {}\n}\n");
        Path memory = Files.writeString(dir.resolve("m.yaml"), "kind: memory\nparams: 7e9\n");
        Path nested = Files.writeString(dir.resolve("n.yaml"), "kind: cluster\nbase:\n  kind: sweep\n");
        assertEquals("yes", sweepFile(yaml.toString()));
        assertEquals("yes", sweepFile(json.toString()));
        assertEquals("yes", sweepFile(memory.toString(), "--out", "x", yaml.toString()));
        assertEquals("no", sweepFile(memory.toString(), "--out", "x"));
        assertEquals("no", sweepFile(nested.toString()));
        assertEquals("no", sweepFile(dir.resolve("missing.yaml").toString()));
    }
}
