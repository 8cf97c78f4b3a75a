package org.scalelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.report.cli.ProgressBars;
import org.scalelab.report.params.ParameterFile;
import org.scalelab.report.params.ParameterFiles;

class ReportWriterTest {
    @TempDir
    Path dir;

    private ParameterFile file(String extra) throws IOException {
        Path f = dir.resolve("t.yaml");
        Files.writeString(f, "kind: test\nseed: 42\ncluster:\n  gpus: 8\n  network:\n    inter_node_gbit_per_s: 400\n" + extra);
        return ParameterFiles.read(f, org.scalelab.report.params.Kinds.of(java.util.Map.of("test", TestSection.Params.class)));
    }

    @Test
    void writesChartsDataResultAndAnIndexThatNamesTheSeedAndSources() throws IOException {
        Path out = dir.resolve("out");
        ReportWriter.write(new TestSection(), file(""), out, 42, false, ProgressBars.silent(), "test");
        for (String name : new String[] {"sizes.png", "sizes.svg", "sizes.csv", "sizes.json", "result.json", "parameters.yaml", "index.html"}) {
            assertTrue(Files.size(out.resolve(name)) > 0, name);
        }
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("seed <b>42</b>"));
        assertTrue(html.contains("Nobody et al. 2099"));
        assertTrue(html.contains("inter_node_gbit_per_s: 400"));
        assertEquals("index,size_bytes\n0,1\n", Files.readString(out.resolve("sizes.csv")));
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
        }
    }

    @Test
    void aFailureMidReportLeavesThePreviousIndexUnchanged() throws IOException {
        Path out = dir.resolve("out");
        ReportWriter.write(new TestSection(), file(""), out, 42, false, ProgressBars.silent(), "test");
        String before = Files.readString(out.resolve("index.html"));
        ParameterFile failing = file("fail_after_first_chart: true\nsizes: [5, 6]\n");
        assertThrows(IllegalStateException.class, () -> ReportWriter.write(new TestSection(), failing, out, 42, false, ProgressBars.silent(), "test"));
        assertEquals(before, Files.readString(out.resolve("index.html")));
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
        }
    }

    @Test
    void anImpossibleConfigurationFoundWhileRunningNamesFileLineAndField() throws IOException {
        Path f = dir.resolve("big.yaml");
        Files.writeString(f, "kind: test\ncluster:\n  gpus: 2000000\n  network:\n    inter_node_gbit_per_s: 400\n");
        ParameterFile file = ParameterFiles.read(f, org.scalelab.report.params.Kinds.of(java.util.Map.of("test", TestSection.Params.class)));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ReportWriter.write(new TestSection(), file, dir.resolve("o"), 1, false, ProgressBars.silent(), "test"));
        assertEquals(f + ":3 cluster.gpus: must be at most 1000000 for this test, was 2000000", e.getMessage());
    }

    @Test
    void seedComesFromOverrideThenFileThenDefault() throws IOException {
        ParameterFile f = file("");
        assertEquals(9L, ReportWriter.seedFor(f, 9L));
        assertEquals(42L, ReportWriter.seedFor(f, null));
    }
}
