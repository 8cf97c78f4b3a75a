package org.scalelab.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.reports.testing.CliRun;

/** {@code run} gives every file its own folder, also when two files share a name. */
class RunFoldersTest {
    @TempDir
    Path tmp;

    @Test
    void twoFilesOfTheSameNameKeepBothReports() throws Exception {
        Path a = write("a/config.yaml", "kind: memory\nname: model A 7e9\nparams: 7000000000\n");
        Path b = write("b/config.yaml", "kind: memory\nname: model B 70e9\nparams: 70000000000\n");
        Path out = tmp.resolve("o");
        CliRun r = CliRun.run("run", a.toString(), b.toString(), "--out", out.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        String pageA = Files.readString(out.resolve("config/index.html"), StandardCharsets.UTF_8);
        String pageB = Files.readString(out.resolve("config-2/index.html"), StandardCharsets.UTF_8);
        assertTrue(pageA.contains("model A 7e9") && !pageA.contains("model B 70e9"), "config/ holds model A");
        assertTrue(pageB.contains("model B 70e9") && !pageB.contains("model A 7e9"), "config-2/ holds model B");
        String index = Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(index.contains("href=\"config/index.html\""), index);
        assertTrue(index.contains("href=\"config-2/index.html\""), index);
        assertTrue(r.err().contains(b + " -> " + out.resolve("config-2").resolve("index.html")), r.err());
    }

    @Test
    void namesAreUniqueInArgumentOrderIgnoringCase() {
        assertEquals(List.of("config", "config-2", "Config-3"),
                FolderNames.of(List.of(Path.of("a/config.yaml"), Path.of("b/config.yml"), Path.of("c/Config.json"))));
        // a suffixed name never takes the plain name of another file given later
        assertEquals(List.of("x", "x-3", "x-2"),
                FolderNames.of(List.of(Path.of("a/x.yaml"), Path.of("b/x.yaml"), Path.of("x-2.yaml"))));
        assertEquals(List.of("memory-zero-7.5b"), FolderNames.of(List.of(Path.of("examples/memory-zero-7.5b.yaml"))));
    }

    private Path write(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text, StandardCharsets.UTF_8);
    }
}
