package org.scalelab.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scalelab.report.cli.ProgressBars;

/**
 * One report page per domain, written from a shipped example and looked at in headless Chromium:
 * every image and link resolves, the page renders to a screenshot, and the browser logs no console
 * error. Skipped where Chromium is missing, unless {@code SCALELAB_REQUIRE_CHROMIUM=1} (.ci/run).
 */
class DomainPagesInChromiumTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"examples/scaling-budgets.yaml", "examples/scaling-fit-epoch.yaml", "examples/memory-zero-7.5b.yaml",
        "examples/cluster-checkpoint-sweep.yaml", "reports/src/test/resources/kernels/small.yaml"})
    void pageRendersWithEveryImageAndLinkAndNoConsoleError(String example) throws Exception {
        Path out = dir.resolve("page");
        Sections.write(Sections.read(ROOT.resolve(example)), out, 7, false, ProgressBars.silent());
        Path index = out.resolve("index.html");
        String html = Files.readString(index);
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"#:?]+)\"").matcher(html);
        int resolved = 0;
        while (m.find()) {
            assertTrue(Files.exists(out.resolve(m.group(1)).normalize()), example + ": broken link or image " + m.group(1));
            resolved++;
        }
        assertTrue(resolved > 0, example + ": no link or image checked");

        String chromium = findChromium();
        assumeTrue(chromium != null || "1".equals(System.getenv("SCALELAB_REQUIRE_CHROMIUM")), "chromium not installed");
        assertTrue(chromium != null, "SCALELAB_REQUIRE_CHROMIUM=1 but no chromium on PATH");
        Path shot = dir.resolve("shot.png");
        Path log = dir.resolve("chromium.log");
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--enable-logging=stderr", "--v=0", "--user-data-dir=" + dir.resolve("profile"), "--window-size=1100,1500",
                "--screenshot=" + shot, index.toUri().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium timed out");
        String logText = Files.readString(log);
        assertEquals(0, p.exitValue(), logText);
        assertTrue(Files.size(shot) > 10_000, example + ": screenshot too small to hold the page");
        // Chromium logs page console messages as "CONSOLE(line)" / "Uncaught ..." and failed loads as ERR_FILE_NOT_FOUND
        assertFalse(logText.contains("Uncaught") || logText.contains("ERR_FILE_NOT_FOUND")
                || logText.matches("(?s).*:ERROR:CONSOLE.*"), example + ": console error\n" + logText);
    }

    private static String findChromium() {
        for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
            for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(d, name))) {
                    return Path.of(d, name).toString();
                }
            }
        }
        return null;
    }
}
