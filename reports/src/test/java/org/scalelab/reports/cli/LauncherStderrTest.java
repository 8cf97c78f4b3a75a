package org.scalelab.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code scalelab} launcher's stderr filter drops the JVM's incubator warning and Aparapi's
 * native "untested OpenCL platform" line (not meant for the user), and passes everything else,
 * progress bars' partial lines included.
 */
class LauncherStderrTest {
    @Test
    void dropsTheTwoForeignWarningsAndKeepsTheRest() throws IOException, InterruptedException {
        String input = "WARNING: Using incubator modules: jdk.incubator.vector\\n\\r[==  ] 10%%\\r[=== ] 20%%\\n"
                + "WARNING: Aparapi is running on an untested OpenCL platform version: OpenCL 3.0 PoCL 3.1\\n"
                + "scalelab: done\\nWARNING: something else\\n";
        String script = "eval \"$(sed -n '/^filter_stderr() {/,/^}/p' ../scalelab)\"; printf '" + input + "' | filter_stderr 2>&1";
        ProcessBuilder b = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        b.environment().remove("LD_PRELOAD"); // libjsig, if the build preloads it, warns from every program
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        assertEquals("\r[==  ] 10%\r[=== ] 20%\nscalelab: done\nWARNING: something else\n", out);
    }
}
