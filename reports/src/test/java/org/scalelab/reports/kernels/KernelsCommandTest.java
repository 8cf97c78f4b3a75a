package org.scalelab.reports.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scalelab.reports.testing.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.report.io.Json;
import org.scalelab.reports.testing.CliRun;

class KernelsCommandTest {
    @TempDir
    Path dir;

    /** Golden JSON with the machine-dependent cells (times, rates, CPU model) replaced by constants. */
    @Test
    void runJsonMatchesTheGoldenFile() throws IOException {
        CliRun r = run("kernels", "run", "--sizes", "8,1.6e1", "--kernels", "naive-ijk,ikj", "--devices", "java", "--repeats", "1",
                "--seed", "7", "--out", dir.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode root = Json.MAPPER.readTree(r.out());
        for (JsonNode row : root.get("results")) {
            ObjectNode o = (ObjectNode) row;
            assertTrue(o.get("gflops").asDouble() > 0);
            assertTrue(o.get("max_rel_error").asDouble() < o.get("n").asInt() * 0x1p-23);
            for (String k : new String[] {"seconds_compute", "seconds_with_transfers", "gflops", "gflops_with_transfers"}) {
                o.put(k, 1.0);
            }
            o.put("device_name", "CPU");
        }
        String golden = Files.readString(Path.of("src/test/resources/kernels/golden-run.json"));
        assertEquals(golden.strip(), Json.write(root).strip());
        assertTrue(Files.exists(dir.resolve("results.json")));
        assertTrue(r.err().contains("results.json"));
    }

    @Test
    void withoutSeedTheInputsUseTheMasterSeedEveryCommandUses() throws IOException {
        CliRun r = run("kernels", "run", "--sizes", "8", "--kernels", "ikj", "--devices", "java", "--repeats", "1",
                "--out", dir.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        // the same default as plan, cluster simulate, scaling fit and the parameter files' seed:
        assertEquals(20240101L, Json.MAPPER.readTree(r.out()).get("seed").asLong());
    }

    @Test
    void devicesListsTheJavaTargets() {
        CliRun r = run("kernels", "devices", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"ran_on\" : \"java\""), r.out());
        assertTrue(r.out().contains("java-thread-pool"));
    }

    @Test
    void badInputExitsTwoNamingTheField() {
        CliRun r = run("kernels", "run", "--sizes", "0", "--out", dir.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("sizes"), r.err());
        r = run("kernels", "run", "--kernels", "fastest", "--out", dir.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("kernels: must be one of") && r.err().contains("register-blocked"), r.err());
        r = run("kernels", "run", "--devices", "tpu", "--out", dir.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("devices: must be one of"), r.err());
        r = run("kernels", "run", "--warmups", "1", "--out", dir.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("warmups"), r.err());
        r = run("kernels", "run", "--sizes", "2.5", "--out", dir.toString());
        assertEquals(2, r.exit());
        assertEquals("", r.out());
    }

    /**
     * A bad --tuning-cache is refused before any timing, with one line naming the option and the file, even where no
     * OpenCL device runs and the cache would never be read (it was ignored silently there).
     */
    @Test
    void aBadTuningCacheIsRefusedUpFrontEvenWithoutOpenCl() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("cache-folder"));
        Path malformed = Files.writeString(dir.resolve("malformed.json"), "{oops");
        Path shape = Files.writeString(dir.resolve("shape.json"), "[1, 2]");
        Path missing = dir.resolve("missing.json");
        String[][] bad = {
            {folder.toString(), "must be a JSON file of tunings per device, not a folder"},
            {malformed.toString(), "is not a tuning cache (a JSON object of tunings by device; not valid JSON at line 1,"},
            {shape.toString(), "is not a tuning cache (a JSON object of tunings by device; not of that shape at line 1,"},
            {missing.toString(), "does not exist (without autotuning it is only read; autotuning creates it)"}};
        for (String[] b : bad) {
            CliRun r = run("kernels", "run", "--sizes", "8", "--kernels", "ikj", "--devices", "java", "--repeats", "1",
                    "--tuning-cache", b[0], "--out", dir.resolve("out").toString());
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().startsWith("scalelab: --tuning-cache: " + b[1]), r.err());
            assertTrue(r.err().strip().endsWith(", was " + b[0]), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        // a missing file that --autotune will create, and a valid cache, are taken
        Path valid = Files.writeString(dir.resolve("valid.json"), "{}");
        for (String[] ok : new String[][] {{missing.toString(), "--autotune"}, {valid.toString(), "--seed=7"}}) {
            CliRun r = run("kernels", "run", "--sizes", "8", "--kernels", "ikj", "--devices", "java", "--repeats", "1",
                    "--tuning-cache", ok[0], ok[1], "--out", dir.resolve("ok").toString());
            assertEquals(0, r.exit(), r.err());
        }
    }
}
