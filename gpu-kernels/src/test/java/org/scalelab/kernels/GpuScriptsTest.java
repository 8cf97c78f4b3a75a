package org.scalelab.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The GPU scripts are usable by someone outside this repository's own set-up. */
class GpuScriptsTest {
    private static final Path SCRIPTS = Path.of("scripts");

    @ParameterizedTest
    @ValueSource(strings = {"run-on-gpu.sh", "bundle-jre.sh"})
    void scriptsStandAloneAndExplainThemselvesInProse(String name) throws IOException, InterruptedException {
        Path script = SCRIPTS.resolve(name);
        String text = Files.readString(script);
        assertFalse(text.contains("../shared"), name + " must not need anything outside the repository");
        assertFalse(text.matches("(?s).*\\b[Ii]ssue \\d.*"), name + " must not speak of issue numbers");
        assertFalse(text.contains("device tool"), name);
        Process p = new ProcessBuilder("bash", script.toString(), "--help").redirectErrorStream(true).start();
        String help = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), help);
        assertTrue(help.length() > 300, help);
        assertFalse(help.contains("set -e") || help.contains("case \"") || help.lines().anyMatch(l -> l.startsWith("#")),
                "usage is prose, not the script's own code lines:\n" + help);
        Process bad = new ProcessBuilder("bash", script.toString(), "--no-such-option").redirectErrorStream(true).start();
        bad.getInputStream().readAllBytes();
        assertEquals(2, bad.waitFor());
    }
}
