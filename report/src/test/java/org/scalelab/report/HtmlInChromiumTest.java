package org.scalelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.report.cli.ProgressBars;
import org.scalelab.report.params.ParameterFiles;

/**
 * Opens a written report in headless Chromium and checks that every relative link resolves.
 * Skipped where Chromium is missing, unless {@code SCALELAB_REQUIRE_CHROMIUM=1} (set by .ci/run).
 */
class HtmlInChromiumTest {
    @TempDir
    Path dir;

    @Test
    void reportRendersAndEveryRelativeLinkResolves() throws Exception {
        Path f = dir.resolve("t.yaml");
        Files.writeString(f, "kind: test\ncluster:\n  gpus: 8\n  network:\n    inter_node_gbit_per_s: 400\nsizes: [1, 10, 100]\n");
        Path out = dir.resolve("report");
        ReportWriter.write(new TestSection(), ParameterFiles.read(f, org.scalelab.report.params.Kinds.of(java.util.Map.of("test", TestSection.Params.class))), out, 1, false, ProgressBars.silent(), "test");
        String html = Files.readString(out.resolve("index.html"));
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"#:]+)\"").matcher(html);
        int links = 0;
        while (m.find()) {
            assertTrue(Files.exists(out.resolve(m.group(1))), "broken link " + m.group(1));
            links++;
        }
        assertTrue(links >= 5, "links checked: " + links);

        String chromium = findChromium();
        assumeTrue(chromium != null || "1".equals(System.getenv("SCALELAB_REQUIRE_CHROMIUM")), "chromium not installed");
        assertTrue(chromium != null, "SCALELAB_REQUIRE_CHROMIUM=1 but no chromium on PATH");
        Path shot = dir.resolve("shot.png");
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile"), "--window-size=1000,1400", "--screenshot=" + shot,
                out.resolve("index.html").toUri().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium timed out");
        assertEquals(0, p.exitValue(), () -> log());
        assertTrue(Files.size(shot) > 10_000, "screenshot too small to hold the page");
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("chromium.log"));
        } catch (IOException e) {
            return e.toString();
        }
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
